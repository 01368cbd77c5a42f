"""Decode one source image and write its derivatives: runs in worker processes."""

from __future__ import annotations

import functools
import io
import math
import os
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import AvifImagePlugin, Image, ImageCms, ImageOps, JpegImagePlugin

# Bump when a code change alters the pixels or bytes written: every cached
# derivative then gets a new name and is made again.
# 2: the AVIF bytes no longer depend on the encoder's thread count, nor a
#    JPEG source's decoding scale on which other derivatives were missing.
PIPELINE_VERSION = "2"

PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}
SIXTEEN_BIT_MODES = {"I;16", "I;16B", "I;16L", "I;16N", "I"}
# What an ICC profile's colour space accepts as input modes.
PROFILE_MODES = {"RGB": {"RGB", "RGBA"}, "CMYK": {"CMYK"}, "GRAY": {"L"}}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
WHITE = (255, 255, 255)
# The JPEG decoding scales used: 1/4, 1/2, 1. libjpeg's 1/8 keeps only each
# block's average (blurry) and costs nearly as much as 1/4, whose decode the
# next width up usually shares.
DCT_DIVISORS = (4, 2, 1)


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


def _task_scale(job: Job, task: Task) -> float:
    """Return the output/source scale one task needs."""
    source_width = (task.box[2] - task.box[0]) if task.box else job.size[0]
    return task.width / source_width


def _dct_divisor(stored: tuple[int, int], scale: float) -> int:
    """Return the largest DCT divisor whose decode is at least scale times the stored size."""
    requested = (math.ceil(stored[0] * scale), math.ceil(stored[1] * scale))
    ratio = min(stored[0] // requested[0], stored[1] // requested[1])
    # A card wider than its box (a small source) is upscaled: full size, divisor 1.
    return next((divisor for divisor in DCT_DIVISORS if ratio >= divisor), 1)


def _decode_groups(job: Job) -> dict[int, list[Task]]:
    """Group the tasks by the DCT divisor each needs, largest decode first (1 for non-JPEG)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(job.source) as image:
            jpeg = isinstance(image, JpegImagePlugin.JpegImageFile)
            stored = image.size
    groups: dict[int, list[Task]] = {}
    for task in job.tasks:
        # Each derivative's decode depends on its own size only, never on which
        # others are made with it: a file made alone (a width added, a cover set,
        # a pruned cache) then has the bytes a cold build gives it.
        divisor = _dct_divisor(stored, _task_scale(job, task)) if jpeg else 1
        groups.setdefault(divisor, []).append(task)
    return dict(sorted(groups.items()))


def _open(job: Job, divisor: int) -> Image.Image:
    """Open and decode the source, at 1/divisor of its size by DCT scaling (JPEG only)."""
    with warnings.catch_warnings():
        # The parent already checked the pixel count against IMAGES_MAX_PIXELS.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(job.source) as image:
            if divisor > 1 and isinstance(image, JpegImagePlugin.JpegImageFile):
                # This request makes libjpeg pick exactly this divisor.
                image.draft(image.mode, (image.width // divisor, image.height // divisor))
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


@functools.cache
def _avif_thread_params(threads: int) -> dict[str, Any]:
    """Return AVIF options that use threads without letting their number change the bytes."""
    if AvifImagePlugin.SUPPORTED and AvifImagePlugin._avif.encoder_codec_available("aom"):
        # libavif turns on libaom's row-based multithreading whenever it gets
        # more than one thread, and that changes the bitstream. Without it the
        # bytes are the same for any thread count; tiles still run in parallel.
        return {"codec": "aom", "max_threads": threads, "advanced": (("row-mt", "0"),)}
    # Another AV1 encoder: one thread is the only setting known to repeat itself.
    return {"max_threads": 1}


def _save(image: Image.Image, task: Task, threads: int) -> None:
    """Encode image to task.dest atomically, with no metadata."""
    params = dict(task.params)
    if task.fmt == "jpeg":
        image = _flatten(image)
    if task.fmt == "avif":
        params.update(_avif_thread_params(threads))
    image.info = {}
    temporary = f"{task.dest}.{os.getpid()}.tmp"
    try:
        image.save(temporary, format=PIL_FORMATS[task.fmt], **params)
        os.replace(temporary, task.dest)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _write(image: Image.Image, tasks: list[Task], job: Job) -> list[str]:
    """Resize a decoded image for each task and save it; return the files written."""
    factor = image.width / job.size[0]
    groups: dict[tuple[int, int, Any], list[Task]] = {}
    for task in tasks:
        groups.setdefault((task.width, task.height, task.box), []).append(task)
    written = []
    for (width, height, box), same_size in groups.items():
        source_box = (0.0, 0.0, float(image.width), float(image.height))
        if box is not None:
            source_box = tuple(value * factor for value in box)
        if (width, height) == image.size and box is None:
            resized = image
        else:
            resized = image.resize(
                (width, height), Image.Resampling.LANCZOS, box=source_box, reducing_gap=3.0
            )
        for task in same_size:
            _save(resized, task, job.threads)
            written.append(task.dest)
    return written


def run_job(job: Job) -> JobResult:
    """Decode job.source (once per DCT scale its derivatives need) and write every derivative."""
    notes: list[str] = []
    written: list[str] = []
    expected = job.size[0] / job.size[1]
    for divisor, tasks in _decode_groups(job).items():
        image = to_srgb(_open(job, divisor), job.alpha, notes)
        if abs(image.width / image.height - expected) > 0.02 * expected:
            raise ValueError(
                f"decoded as {image.width}x{image.height}, expected the shape of {job.size[0]}x{job.size[1]}"
            )
        written += _write(image, tasks, job)
    # Every decode reports the same colour-profile problems: tell them once.
    return JobResult(job.source, tuple(written), tuple(dict.fromkeys(notes)))
