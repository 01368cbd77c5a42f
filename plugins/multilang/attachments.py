"""Publish a story folder's attachments only when a story links to them (or a setting lists them).

A file beside a story's text is published under /files/<section>/<story>/ when
its extension is in MULTILANG_ATTACHMENT_EXTENSIONS and a published body links
to it (`[Plan (PDF)](plan.pdf)`, from this story or another), or when
MULTILANG_PUBLISH_ATTACHMENTS names it. An attachment nothing links to stays
in the repository only (a warning says so); a file of another type is an
error, unless it is an image (the images plugin publishes those a story shows).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from model import config as cfg
from model.errors import ConfigError
from model.findings import Finding, make
from model.site import Site, Story

from .collections import declared_files
from .links import Resolver, references


def allow_list(settings: dict[str, Any]) -> frozenset[str]:
    """Return MULTILANG_PUBLISH_ATTACHMENTS, validated: content-relative paths of files to publish."""
    listed = cfg.get(settings, "MULTILANG_PUBLISH_ATTACHMENTS")
    if isinstance(listed, str) or not all(isinstance(p, str) for p in listed):
        raise ConfigError(
            "MULTILANG_PUBLISH_ATTACHMENTS must be a list of content-relative paths "
            f"like 'news/plan-186/plan.pdf', not {listed!r}"
        )
    return frozenset(p.strip("/") for p in listed)


def type_findings(story_dir: Path, files: list[Path], settings: dict[str, Any]) -> list[Finding]:
    """Report files of a story folder whose type is neither an attachment's nor an image's."""
    allowed = {e.lower() for e in cfg.get(settings, "MULTILANG_ATTACHMENT_EXTENSIONS")}
    allowed |= {e.lower() for e in cfg.get(settings, "MULTILANG_IMAGE_EXTENSIONS")}
    return [
        make(
            "media.attachment-type",
            path,
            None,
            f"{path.name}: a {path.suffix.lower() or 'file without extension'} file is never published, "
            "and a story folder holds only what the site publishes",
            hint=(
                "Export it as PDF (or another type of MULTILANG_ATTACHMENT_EXTENSIONS), or keep it "
                "outside content/."
            ),
        )
        for path in files
        if path.parent == story_dir and path.suffix.lower() not in allowed
    ]


def linked(site: Site, resolver: Resolver) -> dict[int, set[str]]:
    """Return, by id(story), the attachments that a published body links to."""
    found: dict[int, set[str]] = {}
    for story in site.every_item():
        if not story.published:
            continue
        for version in story.versions.values():
            html = getattr(version, "read_html", None) or version._content or ""
            for what, href in references(html):
                if what != "link":
                    continue
                target = resolver.resolve(href, story.bundle_dir)
                if target is not None and target.attachment is not None and target.story is not None:
                    found.setdefault(id(target.story), set()).add(os.path.basename(target.attachment))
    return found


def publish_linked(site: Site, settings: dict[str, Any], content_dir: str, *, whole: bool) -> list[Finding]:
    """Keep on each story only the attachments to publish; report the others when the whole site was read."""
    listed = allow_list(settings)
    resolver = Resolver(site, content_dir, tuple(cfg.get(settings, "MULTILANG_IMAGE_EXTENSIONS")))
    links = linked(site, resolver)
    findings = []
    for story in site.every_item():
        rel = resolver.rel(os.path.normpath(os.path.abspath(story.bundle_dir)))
        # A file a declared field names (a project's profile, a document's PDF) is linked by its page.
        named = links.get(id(story), set()) | declared_files(story)
        keep = [n for n in story.attachments if n in named or f"{rel}/{n}" in listed]
        if whole and story.published:
            findings += [_unlinked(story, name, rel) for name in story.attachments if name not in keep]
        story.attachments = keep
    return findings


def _unlinked(story: Story, name: str, rel: str) -> Finding:
    """Report an attachment that no published story links to."""
    return make(
        "media.unlinked-attachment",
        Path(story.bundle_dir) / name,
        None,
        f"{name} is not linked from any published story, so it is not published",
        hint=(
            f"Link it from the story ([{name}]({name})), list “{rel}/{name}” in "
            "MULTILANG_PUBLISH_ATTACHMENTS, or remove the file."
        ),
    )
