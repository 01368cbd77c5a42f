"""HTML rule: what the sanitiser removed from a body or a formatted field, in the engine's own pass.

The engine sanitises every body as it reads it (model/sanitise.py) and keeps
what it removed on the version; this rule names file and line for each. A file
the engine did not read (its story has an error) goes through the engine's
reader here, so there is one parser and one allow-list either way.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator

from model.findings import Finding, make
from model.sanitise import Locator, Removal
from model.sources import Bundle, Document
from model.text import nfc
from pelican.settings import DEFAULT_CONFIG as PELICAN_DEFAULTS

from ..engine import Context


def _engine_removals(ctx: Context) -> dict[str, tuple[Removal, ...]]:
    """Return what the sanitiser removed from each file the engine read, by absolute path."""
    found = ctx.cache.get("sanitised")
    if found is None:
        found = ctx.cache["sanitised"] = {
            os.path.abspath(version.source_path): tuple(getattr(version, "sanitised", ()))
            for story in ctx.site.every_item()
            for version in [*story.versions.values(), *story.draft_versions.values()]
        }
    return found


def removals(doc: Document, ctx: Context) -> tuple[Removal, ...]:
    """Return what the sanitiser removes from a document: the engine's record, else the engine's reader."""
    found = _engine_removals(ctx).get(os.path.abspath(doc.path))
    if found is not None:
        return found
    from multilang.reader import BundleMarkdownReader

    reader = ctx.cache.get("reader")
    if reader is None:
        settings = {**PELICAN_DEFAULTS, **ctx.config.raw}
        settings["MARKDOWN"] = copy.deepcopy(settings["MARKDOWN"])  # Pelican's reader adds to it
        reader = ctx.cache["reader"] = BundleMarkdownReader(settings)
    return reader.removals(nfc(doc.text))


def _hint(removal: Removal) -> str | None:
    """Return the fix for one kind of removal (None: the rule's hint)."""
    message = removal.message
    if message.startswith("<style>") or message.startswith("style "):
        return (
            "remove the style: pages are styled by the theme's style sheet "
            "(themes/quangba/static/css); ask a maintainer for a class if a layout is missing"
        )
    if "CHECKER_IFRAME_HOSTS" in message:
        return "embed only from hosts in CHECKER_IFRAME_HOSTS (pelicanconf.py), e.g. https://www.youtube-nocookie.com/embed/<id>"
    if "CHECKER_MEDIA_HOSTS" in message:
        return "put the file in the story folder and use its name, or add the host to CHECKER_MEDIA_HOSTS"
    return None


def check_doc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report each element, attribute or URL the sanitiser removed, at its source line."""
    locator = Locator(doc.lines, doc.body_index)
    for removal in removals(doc, ctx):
        if removal.field:
            line = doc.field_line(removal.field)
            where = f"in {removal.field.capitalize()}: "
        else:
            line = locator.line(removal.needles)
            where = ""
        message = f"unsafe HTML removed from the page: {where}{removal.message}"
        yield make("html.unsafe", doc.path, line, message, hint=_hint(removal))


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the HTML rule on every version."""
    for doc in bundle.docs():
        yield from check_doc(doc, ctx)
