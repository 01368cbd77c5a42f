"""Number rule: a decimal point where the language writes a decimal comma (1.5 tỷ)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True


def _pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # A dot followed by one or two digits is not a thousands group (1.500 is).
    return re.compile(
        rf"(?<![\w.,])(?P<number>\d+\.\d{{1,2}})(?![\d.,])\s?(?:{alternatives})(?!\w)", re.IGNORECASE
    )


def check_doc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report numbers like 1.5 before a unit in a decimal-comma language."""
    units = ctx.config.decimal_comma_units.get(doc.lang)
    if not units:
        return
    key = f"numbers:{doc.lang}"
    pattern = ctx.cache.get(key) or ctx.cache.setdefault(key, _pattern(units))
    lines = [(f.line, f.value) for k, f in doc.fields.items() if k in ("title", "summary")]
    for lineno, line in lines + doc.prose_lines:
        if "." not in line:
            continue
        for m in pattern.finditer(line):
            number = m.group("number")
            yield make(
                "numbers.decimal-separator",
                doc.path,
                lineno,
                f"“{m.group(0)}”: write {number.replace('.', ',')} (decimal comma)",
                column=m.start() + 1,
            )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the number rule on every version."""
    for doc in bundle.docs():
        yield from check_doc(doc, ctx)
