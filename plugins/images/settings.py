"""The IMAGES_* settings: every default in one place, validated once per build."""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image

from .errors import ImagesSettingsError

# Modern formats offered as <source> elements; the JPEG (PNG with alpha)
# fallback is always made, so it is not listed here.
MODERN_FORMATS = ("avif", "webp")

DEFAULTS: dict[str, Any] = {
    # Widths of the srcset, in CSS pixels; never larger than the original.
    "IMAGES_WIDTHS": [480, 960, 1600],
    # <source> formats in the browser's order of preference.
    "IMAGES_FORMATS": ["avif", "webp"],
    # Speed 8 makes AVIF files ~4% larger than speed 6 at the same quality but
    # encodes ~4x faster; speed 4 is 8x slower again (see docs/images.md).
    "IMAGES_AVIF_QUALITY": 55,
    "IMAGES_AVIF_SPEED": 8,
    "IMAGES_WEBP_QUALITY": 80,
    "IMAGES_WEBP_METHOD": 4,
    "IMAGES_JPEG_QUALITY": 80,
    "IMAGES_PNG_COMPRESS_LEVEL": 6,
    # The `sizes` attribute: how wide the image is shown, for the browser's pick.
    "IMAGES_SIZES": "(min-width: 50rem) 50rem, 100vw",
    "IMAGES_COVER_SIZES": "(min-width: 75rem) 75rem, 100vw",
    # The width used for <img src> and for the feeds' enclosure image.
    "IMAGES_DEFAULT_WIDTH": 960,
    # List cards' thumbnails: <img src> width (srcset up to twice it) and `sizes`.
    "IMAGES_THUMB_WIDTH": 480,
    "IMAGES_THUMB_SIZES": "(min-width: 48rem) 24rem, 100vw",
    "IMAGES_OUTPUT_DIR": "media",
    "IMAGES_CACHE_PATH": ".cache/images",
    # Originals (which may carry GPS positions) published as they are: globs
    # matched against the path from the project folder, e.g. "content/*/x/map.png".
    "IMAGES_PUBLISH_ORIGINALS": [],
    "IMAGES_MAX_PIXELS": 100_000_000,
    "IMAGES_WARN_BYTES": 20_000_000,
    # Encoding processes; 0 = one per CPU core.
    "IMAGES_WORKERS": 0,
}

# Pillow refuses anything over twice its own limit whatever we allow.
PILLOW_HARD_LIMIT = 2 * (Image.MAX_IMAGE_PIXELS or 0) or None


@dataclass(frozen=True)
class ImagesSettings:
    """The validated image settings of one build."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    avif_quality: int
    avif_speed: int
    webp_quality: int
    webp_method: int
    jpeg_quality: int
    png_compress_level: int
    sizes: str
    cover_sizes: str
    default_width: int
    thumb_width: int
    thumb_sizes: str
    output_dir: str
    cache_path: str
    publish_originals: tuple[str, ...]
    max_pixels: int
    warn_bytes: int
    workers: int

    def encoder_params(self, fmt: str) -> dict[str, Any]:
        """Return the Pillow save parameters that shape a format's output."""
        if fmt == "avif":
            return {"quality": self.avif_quality, "speed": self.avif_speed}
        if fmt == "webp":
            return {"quality": self.webp_quality, "method": self.webp_method}
        if fmt == "jpeg":
            return {"quality": self.jpeg_quality, "progressive": True, "optimize": True}
        if fmt == "png":
            return {"compress_level": self.png_compress_level}
        return {}

    def worker_count(self) -> int:
        """Return how many encoding processes to run."""
        if self.workers:
            return self.workers
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1


def _int(name: str, value: Any, low: int, high: int | None = None) -> int:
    """Return value if it is an int within [low, high], else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ImagesSettingsError(name, f"expected a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise ImagesSettingsError(name, f"{value} is out of range; use a number {bound}")
    return value


def _text(name: str, value: Any) -> str:
    """Return value if it is a non-empty string, else raise."""
    if not isinstance(value, str) or not value.strip():
        raise ImagesSettingsError(name, f"expected a non-empty text, got {value!r}")
    return value.strip()


def _strings(name: str, value: Any) -> tuple[str, ...]:
    """Return value as a tuple of strings (a single string is one item)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ImagesSettingsError(name, f"expected a list of texts, got {value!r}")
    return tuple(value)


def load_settings(settings: Mapping[str, Any]) -> ImagesSettings:
    """Return the validated IMAGES_* settings, defaults filled in."""
    unknown = sorted(k for k in settings if k.startswith("IMAGES_") and k not in DEFAULTS)
    for name in unknown:
        close = difflib.get_close_matches(name, DEFAULTS, n=1)
        hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(DEFAULTS)}"
        raise ImagesSettingsError(name, f"unknown setting; {hint}")
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS}}

    raw_widths = merged["IMAGES_WIDTHS"]
    if not isinstance(raw_widths, list | tuple) or not raw_widths:
        raise ImagesSettingsError("IMAGES_WIDTHS", f"expected a list of widths, got {raw_widths!r}")
    widths = tuple(sorted({_int("IMAGES_WIDTHS", w, 16, 10_000) for w in raw_widths}))

    formats = tuple(f.lower() for f in _strings("IMAGES_FORMATS", merged["IMAGES_FORMATS"]))
    for fmt in formats:
        if fmt not in MODERN_FORMATS:
            raise ImagesSettingsError(
                "IMAGES_FORMATS",
                f"{fmt!r} is not offered; use any of {', '.join(MODERN_FORMATS)} "
                "(the JPEG/PNG fallback is always made)",
            )
    if len(set(formats)) != len(formats):
        raise ImagesSettingsError("IMAGES_FORMATS", "a format is listed twice")

    output_dir = _text("IMAGES_OUTPUT_DIR", merged["IMAGES_OUTPUT_DIR"]).strip("/")
    normal = posixpath.normpath(output_dir)
    if normal != output_dir or normal.startswith("..") or "\\" in output_dir:
        raise ImagesSettingsError(
            "IMAGES_OUTPUT_DIR", f"{output_dir!r} must be a plain folder path inside the output, e.g. 'media'"
        )

    cache_path = merged["IMAGES_CACHE_PATH"]
    if not isinstance(cache_path, str | os.PathLike) or not os.fspath(cache_path):
        raise ImagesSettingsError("IMAGES_CACHE_PATH", f"expected a folder path, got {cache_path!r}")

    max_pixels = _int("IMAGES_MAX_PIXELS", merged["IMAGES_MAX_PIXELS"], 1, PILLOW_HARD_LIMIT)

    return ImagesSettings(
        widths=widths,
        formats=formats,
        avif_quality=_int("IMAGES_AVIF_QUALITY", merged["IMAGES_AVIF_QUALITY"], 0, 100),
        avif_speed=_int("IMAGES_AVIF_SPEED", merged["IMAGES_AVIF_SPEED"], 0, 10),
        webp_quality=_int("IMAGES_WEBP_QUALITY", merged["IMAGES_WEBP_QUALITY"], 0, 100),
        webp_method=_int("IMAGES_WEBP_METHOD", merged["IMAGES_WEBP_METHOD"], 0, 6),
        jpeg_quality=_int("IMAGES_JPEG_QUALITY", merged["IMAGES_JPEG_QUALITY"], 1, 95),
        png_compress_level=_int("IMAGES_PNG_COMPRESS_LEVEL", merged["IMAGES_PNG_COMPRESS_LEVEL"], 0, 9),
        sizes=_text("IMAGES_SIZES", merged["IMAGES_SIZES"]),
        cover_sizes=_text("IMAGES_COVER_SIZES", merged["IMAGES_COVER_SIZES"]),
        default_width=_int("IMAGES_DEFAULT_WIDTH", merged["IMAGES_DEFAULT_WIDTH"], 16),
        thumb_width=_int("IMAGES_THUMB_WIDTH", merged["IMAGES_THUMB_WIDTH"], 16),
        thumb_sizes=_text("IMAGES_THUMB_SIZES", merged["IMAGES_THUMB_SIZES"]),
        output_dir=output_dir,
        cache_path=os.fspath(cache_path),
        publish_originals=_strings("IMAGES_PUBLISH_ORIGINALS", merged["IMAGES_PUBLISH_ORIGINALS"]),
        max_pixels=max_pixels,
        warn_bytes=_int("IMAGES_WARN_BYTES", merged["IMAGES_WARN_BYTES"], 1),
        workers=_int("IMAGES_WORKERS", merged["IMAGES_WORKERS"], 0, 256),
    )
