"""Read a _headers file (Netlify and Cloudflare Pages syntax) and say which headers a path gets.

`make serve` applies the file the build wrote, so that what a partner tries
locally (the JS widget reading a feed from another port, the iframe widget
inside a partner page) behaves as on the host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    """One rule: a path pattern and the headers it adds."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        """Say whether a request path falls under the pattern (`*` splat, `:name` one segment)."""
        return _compile(self.pattern).fullmatch(path) is not None


def _compile(pattern: str) -> re.Pattern[str]:
    """Return the regular expression of a path pattern."""
    parts = re.split(r"(\*|:[A-Za-z_]\w*)", pattern)
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part) for part in parts
    )
    return re.compile(regex)


def parse(text: str) -> list[Rule]:
    """Return the rules of a _headers file, in order (comments and blank lines skipped)."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((stripped, []))
        elif rules and ":" in stripped:
            name, value = stripped.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return [Rule(pattern, tuple(headers)) for pattern, headers in rules]


def headers_for(rules: list[Rule], path: str) -> dict[str, str]:
    """Return the headers of a path: every matching rule's, a later rule's value replacing an earlier one.

    That is Netlify's way; Cloudflare Pages joins the values instead. The file
    the feeds plugin writes gives the same result in a browser either way
    (docs/partners.md), and a dict keeps one value per header.
    """
    found: dict[str, str] = {}
    for rule in rules:
        if rule.matches(path):
            found.update(rule.headers)
    return found


def load(folder: str | Path) -> list[Rule]:
    """Return the rules of folder/_headers, or none when the build wrote no such file."""
    try:
        return parse((Path(folder) / "_headers").read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return []
