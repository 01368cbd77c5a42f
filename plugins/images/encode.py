"""Decode one source image and write its derivatives: runs in worker processes."""

from __future__ import annotations

import io
import math
import os
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin

# Bump when a code change alters the pixels or bytes written: every cached
# derivative then gets a new name and is made again.
PIPELINE_VERSION = "1"

PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}
SIXTEEN_BIT_MODES = {"I;16", "I;16B", "I;16L", "I;16N", "I"}
# What an ICC profile's colour space accepts as input modes.
PROFILE_MODES = {"RGB": {"RGB", "RGBA"}, "CMYK": {"CMYK"}, "GRAY": {"L"}}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Task:
    """One derivative to write: format, size, optional crop box, destination."""

    fmt: str
    width: int
    height: int
    dest: str
    params: tuple[tuple[str, Any], ...]
    # Crop box in the oriented source's pixels; None keeps the whole image.
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Job:
    """Every missing derivative of one source: decoded once, encoded many times."""

    source: str
    size: tuple[int, int]  # the oriented size the plan was made for
    alpha: bool
    tasks: tuple[Task, ...]
    threads: int = 1  # AVIF encoder threads (1 when processes share the cores)


@dataclass(frozen=True)
class JobResult:
    """What a job wrote, and what the parent should tell the editor."""

    source: str
    written: tuple[str, ...]
    notes: tuple[str, ...]


def _needed_scale(job: Job) -> float:
    """Return the largest output/source scale any task of the job needs."""
    width = job.size[0]
    scales = []
    for task in job.tasks:
        source_width = (task.box[2] - task.box[0]) if task.box else width
        scales.append(task.width / source_width)
    return max(scales)


def _open(job: Job) -> Image.Image:
    """Open and decode the source, in JPEG draft mode when only smaller sizes are needed."""
    with warnings.catch_warnings():
        # The parent already checked the pixel count against IMAGES_MAX_PIXELS.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(job.source) as image:
            scale = _needed_scale(job)
            if isinstance(image, JpegImagePlugin.JpegImageFile) and scale <= 0.5:
                # DCT scaling decodes at 1/2, 1/4 or 1/8 size, never below the request.
                requested = (math.ceil(image.width * scale), math.ceil(image.height * scale))
                image.draft(image.mode, requested)
            image.load()  # the pixels stay usable once the file is closed
    ImageOps.exif_transpose(image, in_place=True)
    return image


def _to_eight_bit(image: Image.Image) -> Image.Image:
    """Return 16-bit and float greyscale as 8-bit L, scaled rather than clipped."""
    if image.mode in SIXTEEN_BIT_MODES:
        # Pillow's convert("L") clips 16-bit values at 255: scale them first.
        wide = image if image.mode == "I" else image.convert("I")
        return wide.point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


def to_srgb(image: Image.Image, alpha: bool, notes: list[str]) -> Image.Image:
    """Return the image as 8-bit sRGB (RGBA when it has alpha), without metadata."""
    icc = image.info.get("icc_profile")
    image = _to_eight_bit(image)
    target = "RGBA" if alpha else "RGB"
    if image.mode in {"P", "PA", "1", "LA", "La", "RGBa"}:
        image = image.convert(target)
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            description = ImageCms.getProfileDescription(profile).strip()
            space = profile.profile.xcolor_space.strip()
            if description.startswith("sRGB"):
                pass  # already what browsers assume for untagged images
            elif image.mode in PROFILE_MODES.get(space, set()):
                out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
                image = ImageCms.profileToProfile(image, profile, SRGB, outputMode=out_mode)
            else:
                notes.append(
                    f"its colour profile ({space}) does not match its pixels "
                    f"({image.mode}); converted without the profile"
                )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
            notes.append(f"its colour profile could not be read ({exc}); converted without it")
    if image.mode != target:
        image = image.convert(target)
    # Derivatives carry no metadata at all: no EXIF/GPS, XMP, ICC or comments.
    image.info = {}
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image, transparent parts on white (for JPEG)."""
    if image.mode != "RGBA":
        return image.convert("RGB") if image.mode != "RGB" else image
    background = Image.new("RGB", image.size, WHITE)
    background.paste(image, mask=image.getchannel("A"))
    return background


def _save(image: Image.Image, task: Task, threads: int) -> None:
    """Encode image to task.dest atomically, with no metadata."""
    params = dict(task.params)
    if task.fmt == "jpeg":
        image = _flatten(image)
    if task.fmt == "avif":
        params["max_threads"] = threads
    image.info = {}
    temporary = f"{task.dest}.{os.getpid()}.tmp"
    try:
        image.save(temporary, format=PIL_FORMATS[task.fmt], **params)
        os.replace(temporary, task.dest)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def run_job(job: Job) -> JobResult:
    """Decode job.source once and write every derivative it asks for."""
    notes: list[str] = []
    image = _open(job)
    image = to_srgb(image, job.alpha, notes)
    expected = job.size[0] / job.size[1]
    if abs(image.width / image.height - expected) > 0.02 * expected:
        raise ValueError(
            f"decoded as {image.width}x{image.height}, expected the shape of {job.size[0]}x{job.size[1]}"
        )
    factor = image.width / job.size[0]
    groups: dict[tuple[int, int, Any], list[Task]] = {}
    for task in job.tasks:
        groups.setdefault((task.width, task.height, task.box), []).append(task)
    written = []
    for (width, height, box), tasks in groups.items():
        source_box = (0.0, 0.0, float(image.width), float(image.height))
        if box is not None:
            source_box = tuple(value * factor for value in box)
        if (width, height) == image.size and box is None:
            resized = image
        else:
            resized = image.resize(
                (width, height), Image.Resampling.LANCZOS, box=source_box, reducing_gap=3.0
            )
        for task in tasks:
            _save(resized, task, job.threads)
            written.append(task.dest)
    return JobResult(job.source, tuple(written), tuple(notes))
