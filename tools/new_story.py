"""Scaffold a story or page bundle whose source file lists every field to fill in.

The fields, their order and their placeholders come from the content types
declared in plugins/model/types.py (see tools/fields.py).

python -m tools.new_story --section culture --story my-story
python -m tools.new_story --type page --story about-x
python -m tools.new_story --type project --story my-project   # content/projects/my-project/
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

# The model is a library beside the plugins, imported as `model` (as the build does).
PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)

from model.sources import PAGES_DIR  # noqa: E402
from model.text import is_slug, slugify  # noqa: E402
from model.types import TYPES  # noqa: E402

from tools.fields import names, scaffold, translated_text  # noqa: E402


def parse_args(argv: list[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """Return the parser and the parsed command line."""
    parser = argparse.ArgumentParser(description="Scaffold a story or page bundle.")
    parser.add_argument("--type", default="story", choices=sorted(TYPES), help="content type (story)")
    parser.add_argument("--section", default="", help="the story's section (ignored for pages)")
    parser.add_argument("--story", required=True, help="folder name: lowercase ASCII, digits, hyphens")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    return parser, parser.parse_args(argv)


def target(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: dict) -> str:
    """Return the new file's path, or stop with the reason it cannot be created."""
    collection = TYPES[args.type].collection
    if args.type == "page":
        section = PAGES_DIR
    elif collection:  # a project, park, document…: content/<collection>/<key>/
        section = collection
    else:
        sections = settings.get("MULTILANG_SECTIONS", {})
        if args.section not in sections:
            parser.error(f"unknown section {args.section!r}: use one of {', '.join(sections)}")
        section = args.section
    if not is_slug(args.story):
        parser.error(
            f"{args.type} name {args.story!r} is not a valid slug: "
            f"try {slugify(args.story) or 'my-' + args.type!r}"
        )
    folder = os.path.join(args.content or settings["PATH"], section, args.story)
    path = os.path.join(folder, f"index.{settings['DEFAULT_LANG']}.md")
    if os.path.exists(path):
        parser.error(f"{path} already exists")
    return path


def main(argv: list[str] | None = None) -> int:
    """Create content/<section>/<story>/index.<default lang>.md (pages/, projects/… by the type)."""
    parser, args = parse_args(argv)
    settings = read_settings(args.settings)
    path = target(parser, args, settings)
    ctype = TYPES[args.type]
    now = dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")
    values = {"title": args.story.replace("-", " ").capitalize(), "date": now, "status": "draft"}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(scaffold(ctype, values))
    own = names(translated_text(ctype), "the body").replace("`", "")
    print(
        f"created {path}: fill in every field, then add translations beside it "
        f"(index.en.md, index.ja.md, …) with {own}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
