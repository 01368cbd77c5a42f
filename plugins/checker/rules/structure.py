"""Rules on where files are: structure.bad-path, structure.unknown-section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model.findings import Finding, make
from model.sources import Bundle

from ..engine import Context


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Report Markdown files not named index.<lang>.md and unknown sections."""
    for path in bundle.stray_md:
        yield make(
            "structure.bad-path",
            path,
            None,
            f"{ctx.rel(path)} is not read: a story's texts are named index.<lang>.md "
            f"directly in {ctx.rel(bundle.dir)}/",
        )
    if bundle.kind == "story" and bundle.section not in ctx.config.sections:
        where = min(bundle.versions.values(), default=bundle.dir)
        yield make(
            "structure.unknown-section",
            where,
            1 if where != bundle.dir else None,
            f"section {bundle.section!r} is not configured "
            f"(MULTILANG_SECTIONS: {', '.join(ctx.config.sections)})",
        )


def check_tree(ctx: Context, strays: list[Path], whole: bool, paths: list[Path]) -> Iterator[Finding]:
    """Report Markdown files lying outside any story folder."""
    for path in strays:
        yield make(
            "structure.bad-path",
            path,
            None,
            f"{ctx.rel(path)} is not in a story folder: use content/<section>/<story>/index.<lang>.md",
        )
