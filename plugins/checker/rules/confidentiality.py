"""Confidentiality rules: classification and internal-circulation markings, in texts and attachments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model.findings import Finding, make
from model.sources import Bundle

from ..attachments import Extract, Limits, read_attachment
from ..engine import Context
from ..fold import squash_lines
from ..markings import MarkingMatcher

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True

CLASSIFIED = "confidential.classified-marking"
INTERNAL = "confidential.internal-marking"
UNREADABLE = "confidential.unreadable-attachment"


def _matchers(ctx: Context) -> list[tuple[str, MarkingMatcher]]:
    return [(CLASSIFIED, ctx.classified), (INTERNAL, ctx.internal)]


def _label(rule_id: str) -> str:
    return "classification marking" if rule_id == CLASSIFIED else "internal marking"


def _text_findings(
    path: Path,
    lines: list[tuple[int | None, str]],
    ctx: Context,
    where: str = "",
    title_line: int | None = None,
) -> Iterator[Finding]:
    matchers = _matchers(ctx)
    texts = [text for _, text in lines]
    squashed = squash_lines(texts)
    # A matcher finds nothing on a line without HTML whose squash holds none
    # of its keys (MarkingMatcher.find): only the other lines are read.
    holding = {rule_id: matcher.lines_holding(squashed) for rule_id, matcher in matchers}
    joined = "\n".join(texts)
    html: set[int] = set()
    if "<" in joined or "&" in joined:
        html = {i for i, text in enumerate(texts) if "<" in text or "&" in text}
    found: dict[str, list[Finding]] = {rule_id: [] for rule_id, _ in matchers}
    for index in sorted(html.union(*holding.values())):
        lineno, text = lines[index]
        # A title is a heading: one word in lower case is its subject, not a stamp.
        heading = True if lineno is not None and lineno == title_line else None
        for rule_id, matcher in matchers:
            if index not in html and index not in holding[rule_id]:
                continue
            for hit in matcher.find(text, heading=heading, squashed=squashed[index]):
                found[rule_id].append(
                    make(
                        rule_id,
                        path,
                        lineno,
                        f"{where}{_label(rule_id)} “{text[hit.start : hit.end].strip()}” ({hit.entry})",
                        column=hit.start + 1 if lineno is not None else None,
                    )
                )
    for findings in found.values():  # classified first, then internal, as before
        yield from findings


def limits(ctx: Context) -> Limits:
    """Return the archive limits of the run (CHECKER_ARCHIVE_MAX_*), validated once."""
    from model.config import archive_limits

    found = ctx.cache.get("attachment-limits")
    if found is None:
        found = ctx.cache["attachment-limits"] = Limits(*archive_limits(ctx.config.raw))
    return found


def attachments(bundle: Bundle, ctx: Context) -> Iterator[tuple[Path, Extract]]:
    """Yield each attachment of the bundle that is read for text, with what it says."""
    for path in bundle.files:
        extract = read_attachment(path, limits(ctx))
        if extract is not None:
            yield path, extract


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Look for markings in texts, alt texts, file names and every attachment."""
    for doc in bundle.docs():
        title = doc.fields.get("title")
        found = list(_text_findings(doc.path, doc.text_lines, ctx, title_line=title.line if title else None))
        yield from found
        # Alt text on its own: `![Mật](scan.jpg)` is a stamp, not a word in a sentence.
        alts = [(image.line, image.alt) for image in ctx.scan(doc).images if image.alt]
        for rule_id, matcher in _matchers(ctx):
            for lineno, alt in alts:
                if any(f.rule == rule_id and f.line == lineno for f in found):
                    continue
                for hit in matcher.find(alt, heading=False):
                    yield make(
                        rule_id,
                        doc.path,
                        lineno,
                        f"{_label(rule_id)} “{alt[hit.start : hit.end].strip()}” ({hit.entry}) "
                        "in an image's alt text",
                    )
    names = [bundle.dir, *bundle.versions.values(), *bundle.files, *bundle.stray_md]
    for path in names:
        for rule_id, matcher in _matchers(ctx):
            entry = matcher.find_in_name(path.name)
            if entry is not None:
                yield make(rule_id, path, None, f"the name “{path.name}” carries the marking “{entry}”")
    for path, extract in attachments(bundle, ctx):
        if extract.error is not None:
            yield make(UNREADABLE, path, None, f"{path.name} cannot be read: {extract.error}")
            continue
        for part, line in extract.lines():
            yield from _text_findings(path, [(None, line)], ctx, where=f"{part}: ")
