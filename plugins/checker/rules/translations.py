"""Translation rules: stale translations and required pages missing in a language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model import validate
from model.findings import Finding, make
from model.sources import Bundle
from model.validate import source_hash  # noqa: F401 (python -m checker.hash and tests import it here)

from ..engine import Context, under_selection


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Report translations older than their source."""
    for doc in bundle.docs():
        reason = validate.stale_reason(bundle, doc, ctx.site, ctx.config.timezone)
        if reason is not None:
            line = doc.field_line("source_hash") if doc.get("source_hash") else doc.field_line("modified")
            yield make("translation.stale", doc.path, line, f"stale translation: {reason}")


def check_tree(ctx: Context, strays: list[Path], whole: bool, paths: list[Path]) -> Iterator[Finding]:
    """Report required static pages missing in a language."""
    for lang, names in ctx.config.required_pages.items():
        for name in names:
            rel = f"pages/{name}/index.{lang}.md"
            path = ctx.config.content_dir / rel
            if not ctx.tree.exists(rel) and under_selection(path, whole, paths):
                yield make(
                    "translation.missing-required-page",
                    path,
                    None,
                    f"the {lang} page “{name}” is required and missing (content/{rel})",
                )
