"""Errors that stop the build, each naming the file, the line and the fix."""

from __future__ import annotations

import os


class ContentError(Exception):
    """Report bad input in one file, with what the editor should do about it."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ConfigError(Exception):
    """Report an invalid setting or registry entry."""


class BuildError(Exception):
    """Stop the build after its findings were printed; the message only summarises them."""


def display_path(path: str) -> str:
    """Return path relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def header_line(path: str, key: str) -> int | None:
    """Return the 1-based line of metadata `key` in a Markdown file's header."""
    wanted = key.lower() + ":"
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return None  # the header ends at the first blank line
                if line.lower().startswith(wanted):
                    return number
    except OSError:
        return None
    return None
