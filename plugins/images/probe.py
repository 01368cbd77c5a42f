"""Read what a source image is (format, displayed size, alpha) from its header."""

from __future__ import annotations

import io
import warnings
from dataclasses import asdict, dataclass

from PIL import Image, UnidentifiedImageError

# Formats accepted as sources. MPO is how Pillow names the multi-picture JPEGs
# many phones write; its first frame is the photo.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "AVIF", "GIF", "TIFF", "BMP"}
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


class ProbeError(Exception):
    """The file is not an image the pipeline accepts: a reason and a hint."""

    def __init__(self, reason: str, hint: str):
        self.reason = reason
        self.hint = hint
        super().__init__(f"{reason}; {hint}")


@dataclass(frozen=True)
class Probe:
    """A source image's format and its size as displayed (EXIF orientation applied)."""

    format: str
    width: int
    height: int
    raw_pixels: int
    alpha: bool
    frames: int

    def to_json(self) -> dict[str, object]:
        """Return the probe as JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Probe:
        """Return a probe from data written by to_json."""
        return cls(**data)  # type: ignore[arg-type]


def probe_raster(data: bytes) -> Probe:
    """Return the probe of raster image bytes, reading headers only where possible."""
    try:
        with warnings.catch_warnings():
            # IMAGES_MAX_PIXELS is checked by the caller against raw_pixels.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            orientation = image.getexif().get(0x0112, 1)
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise ProbeError(f"is a decompression bomb ({exc})", "replace it with a normal-sized image") from None
    except UnidentifiedImageError:
        raise ProbeError(
            "is not an image format the site can publish (HEIC, RAW, PSD and the like are not)",
            "export it as JPEG (photos) or PNG (drawings, screenshots)",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ProbeError(f"cannot be read ({exc})", "re-export the image and replace the file") from None
    width, height = image.size
    if orientation in ROTATED:
        width, height = height, width
    alpha = image.mode in ALPHA_MODES or "transparency" in image.info
    return Probe(
        format=image.format or "",
        width=width,
        height=height,
        raw_pixels=image.width * image.height,
        alpha=alpha,
        frames=frames,
    )
