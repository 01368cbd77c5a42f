"""Scaffold a story bundle whose source file lists every field to fill in.

python -m tools.new_story --section culture --story my-story
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

TEMPLATE = """\
Title: {title}
Date: {date}
Summary: (one or two sentences for lists, feeds and sharing)
Tags: (comma-separated term ids from {terms})
Agency: (the publishing agency's id from {agencies})
Cover: (file name of the cover image in this folder, or delete this line)
Cover_alt: (what the cover shows, for people who cannot see it)
Cover_credit: (photographer or owner of the cover)
Status: draft

(Write the story here in Markdown. Change Status to published when it is ready.)
"""


def main(argv: list[str] | None = None) -> int:
    """Create content/<section>/<story>/index.<default lang>.md."""
    parser = argparse.ArgumentParser(description="Scaffold a story bundle.")
    parser.add_argument("--section", required=True)
    parser.add_argument("--story", required=True, help="folder name: lowercase ASCII, digits, hyphens")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    sys.path.insert(0, "plugins")
    from model.text import is_slug, slugify

    sections = settings.get("MULTILANG_SECTIONS", {})
    if args.section not in sections:
        parser.error(f"unknown section {args.section!r}: use one of {', '.join(sections)}")
    if not is_slug(args.story):
        parser.error(
            f"story name {args.story!r} is not a valid slug: try {slugify(args.story) or 'my-story'!r}"
        )
    folder = os.path.join(settings["PATH"], args.section, args.story)
    path = os.path.join(folder, f"index.{settings['DEFAULT_LANG']}.md")
    if os.path.exists(path):
        parser.error(f"{path} already exists")
    os.makedirs(folder, exist_ok=True)
    now = dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            TEMPLATE.format(
                title=args.story.replace("-", " ").capitalize(),
                date=now,
                terms=settings.get("MULTILANG_TERMS_FILE"),
                agencies=settings.get("MULTILANG_AGENCIES_FILE"),
            )
        )
    print(
        f"created {path}: fill in every field, then add translations beside it "
        f"(index.en.md, index.ja.md, …) with Title, Summary, Cover_alt and the body"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
