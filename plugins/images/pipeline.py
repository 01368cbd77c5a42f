"""Plan each source image's derivatives, reuse them from the cache, encode the rest in parallel."""

from __future__ import annotations

import concurrent.futures
import contextlib
import fnmatch
import functools
import hashlib
import json
import logging
import math
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pelican.log import console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .encode import PIPELINE_VERSION, Job, JobResult, Task, run_job
from .errors import ImageProblem, ImagesError, Referrer
from .probe import ACCEPTED_FORMATS, Probe, ProbeError, probe_raster
from .settings import ImagesSettings
from .svg import clean_svg

logger = logging.getLogger(__name__)

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "svg": "svg"}
MIME_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "svg": "image/svg+xml",
}
CARD_SIZE = (1200, 630)  # Open Graph / Twitter large card
CENTRE = (0.5, 0.5)
PROGRESS_MIN_JOBS = 4  # below this, a progress line is noise


@dataclass(frozen=True)
class Rendition:
    """One derivative file: its content-hashed name, format and size."""

    name: str
    fmt: str
    width: int
    height: int

    @property
    def mime(self) -> str:
        """Return the MIME type."""
        return MIME_TYPES[self.fmt]


@dataclass
class ImageResult:
    """Everything markup needs to know about one source image."""

    source: str
    digest: str
    kind: str  # "raster" or "svg"
    width: int  # as displayed (orientation applied)
    height: int
    alpha: bool
    fallback: str  # "jpeg", "png" or "svg"
    renditions: dict[str, tuple[Rendition, ...]]  # format -> ascending widths
    cards: dict[tuple[float, float], Rendition] = field(default_factory=dict)
    original: str | None = None  # output path of the published original

    @property
    def formats(self) -> list[str]:
        """Return the formats in <source> order, the fallback last."""
        return list(self.renditions)

    def largest(self, fmt: str | None = None) -> Rendition:
        """Return the widest rendition of fmt (default: the fallback)."""
        return self.renditions[fmt or self.fallback][-1]

    def at_most(self, width: int, fmt: str | None = None) -> Rendition:
        """Return the widest rendition of fmt no wider than width, else the narrowest."""
        candidates = self.renditions[fmt or self.fallback]
        fitting = [r for r in candidates if r.width <= width]
        return fitting[-1] if fitting else candidates[0]


@dataclass
class RunStats:
    """What one run did: sources seen, derivatives encoded and reused, seconds."""

    sources: int = 0
    encoded: int = 0
    reused: int = 0
    seconds: float = 0.0


@dataclass
class _Source:
    """A source image and what has been asked of it."""

    path: str
    referrers: list[Referrer] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)  # the names editors wrote
    cards: set[tuple[float, float]] = field(default_factory=set)
    card_referrers: list[Referrer] = field(default_factory=list)


def srcset_widths(width: int, configured: tuple[int, ...]) -> list[int]:
    """Return the srcset widths for an image this wide: never wider than the original."""
    widths = [w for w in configured if w < width]
    if width <= configured[-1]:
        widths.append(width)  # the original's own width, instead of upscaling
    else:
        widths.append(configured[-1])
    return sorted(set(widths))


def scaled_height(width: int, source: tuple[int, int]) -> int:
    """Return the height of a derivative width pixels wide, keeping the aspect ratio."""
    return max(1, round(width * source[1] / source[0]))


def card_box(size: tuple[int, int], focus: tuple[float, float]) -> tuple[float, float, float, float]:
    """Return the largest 1200:630 box in size centred on focus (x, y in 0–1), kept inside."""
    width, height = size
    ratio = CARD_SIZE[0] / CARD_SIZE[1]
    box_w, box_h = (
        (height * ratio, float(height)) if width / height > ratio else (float(width), width / ratio)
    )
    left = min(max(focus[0] * width - box_w / 2, 0.0), width - box_w)
    top = min(max(focus[1] * height - box_h / 2, 0.0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _hash(*parts: object) -> str:
    """Return a short stable hash of parts."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _file_digest(path: str) -> tuple[str, int]:
    """Return the SHA-256 hex digest and byte size of a file."""
    hasher = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


def _write_atomic(path: str, data: bytes) -> None:
    """Write data to path through a temporary file, so readers never see half a file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


class Pipeline:
    """Turn source images into cached, content-named derivatives."""

    def __init__(self, settings: ImagesSettings, content_dir: str, cache_dir: str | None = None):
        self.settings = settings
        self.content_dir = os.path.realpath(content_dir)
        self.cache_dir = os.path.abspath(cache_dir or settings.cache_path)
        self.files_dir = os.path.join(self.cache_dir, "files")
        self.probe_dir = os.path.join(self.cache_dir, "probe")
        self.problems: dict[tuple[str, str], ImageProblem] = {}
        self.results: dict[str, ImageResult] = {}
        self.stats = RunStats()
        self._sources: dict[str, _Source] = {}

    # -- requests -----------------------------------------------------------

    def use(
        self, path: str, referrer: Referrer, ref: str | None = None, card: tuple[float, float] | None = None
    ) -> None:
        """Ask for the derivatives of path, and a social card centred on card (x, y in 0–1)."""
        path = os.path.realpath(path)
        source = self._sources.setdefault(path, _Source(path))
        if referrer not in source.referrers:
            source.referrers.append(referrer)
        source.refs.add(ref or os.path.basename(path))
        if card is not None:
            source.cards.add(_focus(card))
            if referrer not in source.card_referrers:
                source.card_referrers.append(referrer)

    def fail(self, image: str, reason: str, hint: str, referrers: list[Referrer]) -> None:
        """Record a problem with an image; run() raises them all at once."""
        problem = self.problems.setdefault((image, reason), ImageProblem(image, reason, hint))
        for referrer in referrers:
            if referrer not in problem.referrers:
                problem.referrers.append(referrer)

    def result(self, path: str) -> ImageResult:
        """Return the processed image for a path given to use()."""
        return self.results[os.path.realpath(path)]

    def card(self, path: str, focus: tuple[float, float] | None) -> Rendition:
        """Return the social card made for path around focus (default: the centre)."""
        return self.result(path).cards[_focus(focus)]

    def cache_file(self, name: str) -> str:
        """Return the cache path of a derivative."""
        return os.path.join(self.files_dir, name)

    def size_of(self, rendition: Rendition) -> int:
        """Return the byte size of a derivative."""
        return os.path.getsize(self.cache_file(rendition.name))

    def outputs(self) -> dict[str, str]:
        """Return output path (under the output folder) -> file to place there."""
        out_dir = self.settings.output_dir
        placed: dict[str, str] = {}
        for result in self.results.values():
            renditions = [r for group in result.renditions.values() for r in group]
            for rendition in renditions + list(result.cards.values()):
                placed[f"{out_dir}/{rendition.name}"] = self.cache_file(rendition.name)
            if result.original:
                placed[result.original] = result.source
        return placed

    # -- the run ------------------------------------------------------------

    def run(self) -> RunStats:
        """Probe every source, encode what the cache lacks; raise ImagesError on any problem."""
        started = time.perf_counter()
        os.makedirs(self.files_dir, exist_ok=True)
        os.makedirs(self.probe_dir, exist_ok=True)
        jobs: list[tuple[Job, _Source]] = []
        for path in sorted(self._sources):
            source = self._sources[path]
            try:
                job = self._plan(source)
            except ProbeError as exc:
                self.fail(self._label(source), self._role(source) + exc.reason, exc.hint, source.referrers)
                continue
            if job is not None:
                jobs.append((job, source))
        self._raise_problems()
        self.stats.sources = len(self._sources)
        self._execute(jobs)
        self._raise_problems()
        self.stats.seconds = time.perf_counter() - started
        logger.info(
            "images: %d sources, %d derivatives encoded, %d reused (%.1f s)",
            self.stats.sources,
            self.stats.encoded,
            self.stats.reused,
            self.stats.seconds,
        )
        return self.stats

    def _raise_problems(self) -> None:
        """Raise every recorded problem as one ImagesError."""
        if self.problems:
            raise ImagesError(list(self.problems.values()))

    @staticmethod
    def _role(source: _Source) -> str:
        """Return "(the Cover) " when the source is a cover, so the message says which one."""
        return "(the Cover) " if source.cards else ""

    def _label(self, source: _Source) -> str:
        """Return how the editor named the image (or its path in the content folder)."""
        if len(source.refs) == 1:
            return next(iter(source.refs))
        return os.path.relpath(source.path, self.content_dir)

    def _plan(self, source: _Source) -> Job | None:
        """Work out a source's derivatives; return the job making the missing ones."""
        try:
            digest, size = _file_digest(source.path)
        except OSError as exc:
            raise ProbeError(f"cannot be read ({exc.strerror})", "check its permissions") from None
        if size > self.settings.warn_bytes:
            logger.warning(
                "%s: image %r is %.1f MB, over IMAGES_WARN_BYTES (%.1f MB); "
                "a smaller original (about 3000 px wide) builds faster and keeps the repository small",
                ", ".join(str(r) for r in source.referrers),
                self._label(source),
                size / 1e6,
                self.settings.warn_bytes / 1e6,
            )
        if source.path.lower().endswith(".svg"):
            self._plan_svg(source, digest)
            return None
        probe = self._probe(source.path, digest)
        if probe.format not in ACCEPTED_FORMATS:
            raise ProbeError(
                f"is a {probe.format} file, which browsers cannot show",
                "export it as JPEG (photos) or PNG (drawings, screenshots)",
            )
        if probe.frames > 1 and probe.format != "MPO":
            raise ProbeError(
                f"has {probe.frames} frames (an animation or several pages)",
                "use a still image; put animations in a video",
            )
        if probe.raw_pixels > self.settings.max_pixels:
            raise ProbeError(
                f"has {probe.raw_pixels:,} pixels, over IMAGES_MAX_PIXELS ({self.settings.max_pixels:,})",
                "scale it down before adding it (3000 px wide is plenty)",
            )
        return self._plan_raster(source, digest, probe)

    def _probe(self, path: str, digest: str) -> Probe:
        """Return the probe of a source, from the cache when this content was seen before."""
        cached = os.path.join(self.probe_dir, f"{digest}.json")
        with contextlib.suppress(OSError, ValueError, TypeError):
            with open(cached, encoding="utf-8") as handle:
                return Probe.from_json(json.load(handle))
        with open(path, "rb") as handle:
            probe = probe_raster(handle.read())
        _write_atomic(cached, json.dumps(probe.to_json()).encode())
        return probe

    def _plan_raster(self, source: _Source, digest: str, probe: Probe) -> Job | None:
        """Name every derivative of a raster source; return a job for the missing ones."""
        settings = self.settings
        size = (probe.width, probe.height)
        fallback = "png" if probe.alpha else "jpeg"
        widths = srcset_widths(probe.width, settings.widths)
        renditions: dict[str, tuple[Rendition, ...]] = {}
        tasks: list[Task] = []
        for fmt in [*settings.formats, fallback]:
            params = settings.encoder_params(fmt)
            stem = _hash(PIPELINE_VERSION, digest, fmt, params)
            group = []
            for width in widths:
                rendition = Rendition(
                    f"{stem}-{width}.{EXTENSIONS[fmt]}", fmt, width, scaled_height(width, size)
                )
                group.append(rendition)
                tasks.append(self._task(rendition, params))
            renditions[fmt] = tuple(group)
        cards = {}
        for focus in sorted(source.cards):
            params = settings.encoder_params("jpeg")
            box = card_box(size, focus)
            stem = _hash(PIPELINE_VERSION, digest, "card", CARD_SIZE, focus, params)
            rendition = Rendition(f"{stem}-{CARD_SIZE[0]}x{CARD_SIZE[1]}.jpg", "jpeg", *CARD_SIZE)
            cards[focus] = rendition
            tasks.append(self._task(rendition, params, box))
        self.results[source.path] = ImageResult(
            source=source.path,
            digest=digest,
            kind="raster",
            width=probe.width,
            height=probe.height,
            alpha=probe.alpha,
            fallback=fallback,
            renditions=renditions,
            cards=cards,
            original=self._original(source.path, digest),
        )
        missing = tuple(task for task in tasks if not os.path.exists(task.dest))
        self.stats.reused += len(tasks) - len(missing)
        if not missing:
            return None
        return Job(source.path, size, probe.alpha, missing)

    def _task(
        self,
        rendition: Rendition,
        params: dict[str, object],
        box: tuple[float, float, float, float] | None = None,
    ) -> Task:
        """Return the encoding task that writes rendition into the cache."""
        return Task(
            rendition.fmt,
            rendition.width,
            rendition.height,
            self.cache_file(rendition.name),
            tuple(sorted(params.items())),
            box,
        )

    def _plan_svg(self, source: _Source, digest: str) -> None:
        """Check an SVG and cache its cleaned copy (cheap enough to do inline)."""
        if source.cards:
            raise ProbeError(
                "is an SVG, which cannot be a cover (social networks need a photo)",
                "use a JPEG or PNG as Cover",
            )
        name = f"{_hash(PIPELINE_VERSION, digest, 'svg')}.svg"
        target = self.cache_file(name)
        with open(source.path, "rb") as handle:
            clean = clean_svg(handle.read())
        if os.path.exists(target):
            self.stats.reused += 1
        else:
            _write_atomic(target, clean.data)
            self.stats.encoded += 1
        rendition = Rendition(name, "svg", clean.width, clean.height)
        self.results[source.path] = ImageResult(
            source=source.path,
            digest=digest,
            kind="svg",
            width=clean.width,
            height=clean.height,
            alpha=True,
            fallback="svg",
            renditions={"svg": (rendition,)},
        )

    def _original(self, path: str, digest: str) -> str | None:
        """Return the output path of the original when IMAGES_PUBLISH_ORIGINALS allows it."""
        relative = os.path.relpath(path, self.content_dir).replace(os.sep, "/")
        candidates = (relative, f"{os.path.basename(self.content_dir)}/{relative}")
        for pattern in self.settings.publish_originals:
            if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
                return f"{self.settings.output_dir}/{digest[:16]}/{os.path.basename(path)}"
        return None

    # -- encoding -----------------------------------------------------------

    def _execute(self, planned: list[tuple[Job, _Source]]) -> None:
        """Run the jobs, in worker processes when there is more than one."""
        if not planned:
            return
        # Largest sources first, so no long job starts last.
        planned.sort(key=lambda item: -item[0].size[0] * item[0].size[1])
        cores = self.settings.worker_count()
        workers = min(cores, len(planned))
        if workers <= 1:
            with _progress(len(planned)) as advance:
                for job, source in planned:
                    # Alone on the machine: let the AVIF encoder use every core
                    # (its bytes do not depend on the thread count).
                    alone = Job(job.source, job.size, job.alpha, job.tasks, threads=cores)
                    self._collect(source, functools.partial(run_job, alone))
                    advance()
            return
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(run_job, job): source for job, source in planned}
            # The progress line starts after the workers exist: forking while
            # its refresh thread runs could deadlock a child.
            with _progress(len(planned)) as advance:
                for future in concurrent.futures.as_completed(futures):
                    self._collect(futures[future], future.result)
                    advance()

    def _collect(self, source: _Source, outcome: Callable[[], JobResult]) -> None:
        """Record a job's outcome: notes as warnings, an exception as a problem."""
        try:
            result = outcome()
        except Exception as exc:
            self.results.pop(source.path, None)
            reason = f"cannot be decoded ({type(exc).__name__}: {exc})"
            if "truncated" in str(exc):
                reason = "is truncated (the file is incomplete)"
            self.fail(
                self._label(source),
                self._role(source) + reason,
                "re-export the image and replace the file",
                source.referrers,
            )
            return
        self.stats.encoded += len(result.written)
        for note in result.notes:
            logger.warning(
                "%s: image %r: %s", ", ".join(str(r) for r in source.referrers), self._label(source), note
            )


def _focus(value: tuple[float, float] | None) -> tuple[float, float]:
    """Return a focus point clamped to 0–1 and rounded (it is part of a file name hash)."""
    if value is None:
        return CENTRE
    x, y = value
    if not (math.isfinite(x) and math.isfinite(y)):
        return CENTRE
    return (round(min(max(x, 0.0), 1.0), 3), round(min(max(y, 0.0), 1.0), 3))


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """Yield a function that advances a progress line, shown only on a terminal."""
    if total < PROGRESS_MIN_JOBS or not console.is_terminal or console.is_dumb_terminal:
        yield lambda: None
        return
    with Progress(
        TextColumn("images"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("images", total=total)
        yield lambda: progress.advance(task)
