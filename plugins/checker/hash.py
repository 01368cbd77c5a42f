"""Print the Source_hash of a source file: `python -m checker.hash content/<section>/<story>/index.vi.md`."""

from __future__ import annotations

import sys
from pathlib import Path

from model.sources import Document

from .rules.translations import source_hash


def main(argv: list[str] | None = None) -> int:
    """Write `Source_hash: <first 12 hex digits>` for each file given."""
    files = sys.argv[1:] if argv is None else argv
    if not files:
        sys.stderr.write("usage: python -m checker.hash SOURCE.md [...]\n")
        return 2
    for name in files:
        path = Path(name)
        if not path.is_file():
            sys.stderr.write(f"{name}: no such file\n")
            return 2
        digest = source_hash(Document(path, path.name.split(".")[-2], None))
        sys.stdout.write(f"{name}: Source_hash: {digest[:12]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
