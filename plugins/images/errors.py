"""Exceptions the image pipeline raises: each names the file and says what to do."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote

from model.errors import BuildError


def display_path(path: str | os.PathLike[str]) -> str:
    """Return path relative to the working directory when it lies inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def find_line(path: str, needle: str) -> int | None:
    """Return the first line (1-based) of path containing needle, else None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        return None
    return None


@dataclass(frozen=True)
class Referrer:
    """A place that uses an image: a story file, and the text to find its line by."""

    path: str
    ref: str | None = None  # the image as written, to find its line on demand
    line: int | None = None

    def located_line(self) -> int | None:
        """Return the line of the reference, looked up only when a message needs it."""
        if self.line or not self.ref:
            return self.line
        return find_line(self.path, self.ref) or find_line(self.path, unquote(self.ref))

    def __str__(self) -> str:
        where = display_path(self.path)
        line = self.located_line()
        return f"{where}:{line}" if line else where


@dataclass
class ImageProblem:
    """One bad image reference: who uses it, which image, what is wrong, what to do."""

    image: str  # the image as the editor wrote it (or its path)
    reason: str
    hint: str
    referrers: list[Referrer] = field(default_factory=list)

    def __str__(self) -> str:
        where = ", ".join(str(r) for r in self.referrers) or "(no story)"
        return f"{where}: image {self.image!r}: {self.reason}; {self.hint}"


class ImagesError(BuildError):
    """The build cannot go on: an image is missing, broken or unsafe (printed without a traceback)."""

    def __init__(self, problems: list[ImageProblem]):
        self.problems = problems
        lines = [str(problem) for problem in problems]
        if len(lines) == 1:
            message = lines[0]
        else:
            message = f"{len(lines)} image problems:\n" + "\n".join(f"  - {line}" for line in lines)
        super().__init__(message)


class ImagesSettingsError(Exception):
    """An IMAGES_* setting in pelicanconf.py has a value the pipeline cannot use."""

    def __init__(self, name: str, problem: str):
        self.name = name
        super().__init__(f"pelicanconf.py: {name}: {problem}")
