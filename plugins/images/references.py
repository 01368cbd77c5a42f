"""Resolve the image names editors write to files inside the content folder."""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

from model.config import DEFAULTS as MULTILANG_DEFAULTS

from .probe import ProbeError

# One list for the engine and this plugin: what the engine leaves to images.
IMAGE_EXTENSIONS = tuple(MULTILANG_DEFAULTS["MULTILANG_IMAGE_EXTENSIONS"])
WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")


def is_external(ref: str) -> bool:
    """Tell whether a src/href points off the site (scheme or host) or is a fragment."""
    parts = urlsplit(ref)
    return bool(parts.scheme or parts.netloc) or ref.startswith("#")


def looks_like_image(ref: str) -> bool:
    """Tell whether a link's path ends in an image file extension."""
    return unquote(urlsplit(ref).path).lower().endswith(IMAGE_EXTENSIONS)


def resolve(ref: str, base_dir: str, content_dir: str) -> str:
    """Return the real path of the file ref names, relative to base_dir; raise ProbeError."""
    path = unquote(urlsplit(ref).path)
    if not path.strip():
        raise ProbeError("has no file name", "write the image's file name, e.g. ![text](photo.jpg)")
    if ref.startswith("{"):
        raise ProbeError(
            "uses Pelican's {static}/{attach} syntax",
            "write just the file name of an image in the story folder",
        )
    if path.startswith(("/", "\\")) or os.path.isabs(path) or WINDOWS_DRIVE_RE.match(path):
        raise ProbeError(
            "is an absolute path", "put the image in the story folder and write just its file name"
        )
    target = os.path.realpath(os.path.join(base_dir, path))
    root = os.path.realpath(content_dir)
    if os.path.commonpath([target, root]) != root:
        raise ProbeError(
            "points outside the content folder",
            "copy the image into the story folder and write just its file name",
        )
    if not os.path.isfile(target):
        shown = os.path.relpath(target, root)
        raise ProbeError(
            f"does not exist (looked for {shown} in the content folder)",
            "add the file to the story folder or fix the name (names are case-sensitive)",
        )
    return target
