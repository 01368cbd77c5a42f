"""Errors that stop the build, each naming the file, the line and the fix."""

from __future__ import annotations

import logging
from pathlib import Path

from .findings import Finding, display_path, make


class ContentError(Exception):
    """Report bad input in one file, with what the editor should do about it."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def finding(self) -> Finding:
        """Return the error as a finding, for the one verdict."""
        return make("content.invalid", Path(self.path), self.line, self.message, hint=self.hint or None)

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ConfigError(Exception):
    """Report an invalid setting or registry entry."""


class BuildError(Exception):
    """Stop the build after its findings were printed; the message only summarises them."""


class BuildErrorFilter(logging.Filter):
    """Print our errors as their message alone: file, line and fix are the story, not the stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback and the class name Pelican adds to a BuildError, ConfigError, ContentError."""
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, BuildError | ConfigError | ContentError):
            record.exc_info = None
            record.exc_text = None
            record.msg, record.args = "%s", (str(exc),)
        return True


def quiet_build_errors() -> None:
    """Install BuildErrorFilter on Pelican's logger once (make serve builds many times)."""
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, BuildErrorFilter) for f in pelican_logger.filters):
        pelican_logger.addFilter(BuildErrorFilter())
