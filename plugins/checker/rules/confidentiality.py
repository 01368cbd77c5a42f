"""Confidentiality rules: classification and internal-circulation markings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model.findings import Finding, make
from model.sources import Bundle

from ..attachments import attachment_text
from ..engine import Context
from ..textscan import MarkingMatcher


def _matchers(ctx: Context) -> list[tuple[str, MarkingMatcher]]:
    return [
        ("confidential.classified-marking", ctx.classified),
        ("confidential.internal-marking", ctx.internal),
    ]


def _text_findings(
    path: Path, lines: list[tuple[int | None, str]], ctx: Context, where: str = ""
) -> Iterator[Finding]:
    for rule_id, matcher in _matchers(ctx):
        for lineno, text in lines:
            for hit in matcher.find(text):
                label = (
                    "classification marking" if rule_id.endswith("classified-marking") else "internal marking"
                )
                yield make(
                    rule_id,
                    path,
                    lineno,
                    f"{where}{label} “{text[hit.start : hit.end].strip()}” ({hit.entry})",
                    column=hit.start + 1 if lineno is not None else None,
                )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Look for markings in texts, file names and attached PDF/DOCX files."""
    for doc in bundle.docs():
        yield from _text_findings(doc.path, doc.text_lines, ctx)
    names = [bundle.dir, *bundle.versions.values(), *bundle.files, *bundle.stray_md]
    for path in names:
        for rule_id, matcher in _matchers(ctx):
            entry = matcher.find_in_name(path.name)
            if entry is not None:
                yield make(rule_id, path, None, f"the name “{path.name}” carries the marking “{entry}”")
    for path in bundle.files:
        if path.suffix.lower() not in (".pdf", ".docx"):
            continue
        info = attachment_text(path)
        if info is None:
            continue  # media.unreadable reports it
        for part, text in info:
            lines = [(None, line) for line in text.splitlines() if line.strip()]
            yield from _text_findings(path, lines, ctx, where=f"{part}: ")
