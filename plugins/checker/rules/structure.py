"""Rules on where files are: structure.bad-path for Markdown outside any story folder.

Bundle-level structure (stray files in a story folder, unknown sections, bad
folder names) is the content model's: model.validate.bundle_findings, reported
through the metadata rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model import validate
from model.findings import Finding
from model.sources import Bundle

from ..engine import Context

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Report nothing per bundle: model.validate covers it."""
    return iter(())


def check_tree(ctx: Context, strays: list[Path], whole: bool, paths: list[Path]) -> Iterator[Finding]:
    """Report Markdown files lying outside any story folder."""
    yield from validate.stray_findings(strays)
