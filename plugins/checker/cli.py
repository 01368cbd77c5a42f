"""The `python -m checker` command: check content, print findings, exit 0/1/2."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from model.catalog import RULES
from model.errors import ContentError
from model.sources import ContentTree

from . import engine
from .fix import fix_tree
from .formats import FORMATS, relpath
from .settings import ConfigError, load_config

EXIT_OK = 0  # no errors (warnings allowed)
EXIT_ERRORS = 1  # at least one error
EXIT_USAGE = 2  # bad arguments, settings or registries


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m checker",
        description="Check stories and pages before they are published.",
        epilog="Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or settings error.",
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: all content)")
    p.add_argument("--format", choices=sorted(FORMATS), default="human", help="output format")
    p.add_argument("--output", "-o", type=Path, help="write the findings to this file instead of stdout")
    p.add_argument(
        "--fix", action="store_true", help="rewrite text files in NFC (the only safe fix), then check"
    )
    p.add_argument(
        "--settings", "-s", type=Path, default=Path("pelicanconf.py"), help="Pelican settings file"
    )
    p.add_argument("--content", type=Path, help="content folder to check instead of the settings' PATH")
    p.add_argument("--no-cache", action="store_true", help="check every story, ignoring the findings cache")
    p.add_argument("--list-rules", action="store_true", help="list every rule id, level and title, then exit")
    return p


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the checker; return the exit status."""
    args = _parser().parse_args(argv)
    if args.list_rules:
        for rule in RULES.values():
            sys.stdout.write(f"{rule.id:38} {rule.level:8} {rule.title}\n")
        return EXIT_OK
    try:
        config = load_config(args.settings)
    except ConfigError as exc:
        _err(f"checker: {exc}")
        return EXIT_USAGE
    if args.content is not None:
        config = dataclasses.replace(config, content_dir=args.content.resolve())
    if args.no_cache:
        config = dataclasses.replace(config, cache_dir=None)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        _err(f"checker: no such file or folder: {', '.join(map(str, missing))}")
        return EXIT_USAGE
    if args.fix:
        for path in fix_tree(ContentTree(config.content_dir), args.paths):
            _err(f"fixed (NFC): {relpath(path, config)}")
    try:
        result = engine.run(config, args.paths)
    except ConfigError as exc:
        _err(f"checker: {exc}")
        return EXIT_USAGE
    except ContentError as exc:  # the content folder itself is missing
        _err(f"checker: {exc}")
        return EXIT_USAGE
    for path in result.ignored:
        _err(f"checker: {path} is outside {relpath(config.content_dir, config)}/, not checked")
    text = FORMATS[args.format](result, config)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_ERRORS if result.errors else EXIT_OK
