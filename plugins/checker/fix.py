"""The only safe automatic fix: rewrite text files as NFC UTF-8 without BOM."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from model.sources import ContentTree


def fix_file(path: Path) -> bool:
    """Normalise one UTF-8 text file to NFC and drop a BOM; return whether it changed."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False  # guessing the real encoding is not safe
    fixed = unicodedata.normalize("NFC", text)
    data = fixed.encode("utf-8")
    if data == raw:
        return False
    path.write_bytes(data)
    return True


def fix_tree(tree: ContentTree, paths: list[Path] | None) -> list[Path]:
    """Fix every Markdown file of the selected stories; return the files changed."""
    bundles, strays, _ = tree.select(paths)
    files = [p for b in bundles for p in (*b.versions.values(), *b.stray_md)] + strays
    return [p for p in files if fix_file(p)]
