"""Benchmark the image pipeline against a plain Pillow loop and pelican-image-process.

Generates deterministic photo-like JPEGs (noise, gradients, shapes, grain, so
the encoders do real work) into a temporary folder, then times:

- quangba cold: the pipeline with an empty cache (every core, draft decoding);
- quangba warm: the same run again with the cache filled;
- the floor: one process, full decode, the same derivatives (formats, widths,
  quality and speed settings, resampling) written with plain Pillow calls;
- pelican-image-process 3.4.0 making the same widths and formats, run by
  Pelican 4.12.0 from its own virtual environment (bench/.venv-imgproc), so
  nothing is installed into the project's environment.

Usage: .venv/bin/python bench/images/run.py [--count 50] [--size 4000x3000] [--skip-imgproc]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from images.errors import Referrer  # noqa: E402
from images.pipeline import Pipeline, scaled_height, srcset_widths  # noqa: E402
from images.settings import load_settings  # noqa: E402

IMGPROC_VENV = ROOT / "bench" / ".venv-imgproc"
IMGPROC_REQUIREMENTS = ["pelican==4.12.0", "pelican-image-process==3.4.0", "pillow==13.0.0"]
SAVE_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


# -- test photos ---------------------------------------------------------------


def photo(seed: int, size: tuple[int, int]) -> Image.Image:
    """Return a deterministic photo-like image: smooth noise, gradients, shapes and grain."""
    rnd = random.Random(seed)
    width, height = size
    channels = []
    for _ in range(3):
        layer = Image.new("L", size, 128)
        for cells, weight in ((8, 0.5), (32, 0.3), (128, 0.2)):
            rows = max(2, cells * height // width)
            noise = Image.frombytes("L", (cells, rows), rnd.randbytes(cells * rows))
            layer = Image.blend(layer, noise.resize(size, Image.Resampling.BICUBIC), weight)
        gradient = Image.linear_gradient("L").rotate(rnd.uniform(0, 360), expand=False, fillcolor=128)
        channels.append(Image.blend(layer, gradient.resize(size, Image.Resampling.BILINEAR), 0.35))
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(20, width // 10)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(2))
    grain = Image.frombytes("L", size, rnd.randbytes(width * height)).point(lambda v: v * 0.12 + 113)
    return ImageChops.add(image, Image.merge("RGB", [grain] * 3), 1, -128)


def write_photo(args: tuple[int, tuple[int, int], str]) -> str:
    """Write photo number seed as a camera-like JPEG (quality 90, EXIF with GPS)."""
    seed, size, path = args
    exif = Image.Exif()
    exif[0x0112] = 1
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (20.0, 49.0, 12.5), 3: "E", 4: (105.0, 20.0, 1.2)})
    photo(seed, size).save(path, quality=90, exif=exif)
    return path


def generate(folder: Path, count: int, size: tuple[int, int]) -> list[str]:
    """Write count photos into folder (in parallel: this is set-up, not measured)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(seed, size, str(folder / f"p{seed:03d}.jpg")) for seed in range(count)]
    with concurrent.futures.ProcessPoolExecutor() as pool:
        return list(pool.map(write_photo, jobs))


# -- the three contenders ------------------------------------------------------------


def cpu_seconds() -> float:
    """Return the CPU time used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_quangba(sources: list[str], content: Path, cache: Path) -> tuple[float, dict[str, int]]:
    """Run the pipeline once; return seconds and its counts."""
    settings = load_settings({"IMAGES_CACHE_PATH": str(cache)})
    pipeline = Pipeline(settings, str(content))
    for path in sources:
        pipeline.use(path, Referrer(path))
    cpu, started = cpu_seconds(), time.perf_counter()
    stats = pipeline.run()  # the worker processes are reaped before it returns
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    total = sum(os.path.getsize(p) for p in pipeline.outputs().values())
    return seconds, {"encoded": stats.encoded, "reused": stats.reused, "bytes": total, "cpu": cpu}


def run_floor(sources: list[str], out: Path) -> tuple[float, dict[str, int]]:
    """Make the same derivatives in one process with plain Pillow: full decode, no cache."""
    settings = load_settings({})
    out.mkdir(parents=True, exist_ok=True)
    written = total = 0
    cpu, started = cpu_seconds(), time.perf_counter()
    for path in sources:
        image = Image.open(path)
        image.load()
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.info = {}
        for width in srcset_widths(image.width, settings.widths):
            size = (width, scaled_height(width, image.size))
            resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            for fmt in [*settings.formats, "jpeg"]:
                target = out / f"{Path(path).stem}-{width}.{EXTENSIONS[fmt]}"
                resized.save(target, SAVE_FORMATS[fmt], **settings.encoder_params(fmt))
                written += 1
                total += target.stat().st_size
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return seconds, {"encoded": written, "bytes": total, "cpu": cpu}


def ensure_imgproc_venv() -> Path:
    """Create bench/.venv-imgproc with Pelican and pelican-image-process; return its python."""
    python = IMGPROC_VENV / "bin" / "python"
    marker = IMGPROC_VENV / "quangba-requirements.json"
    if python.exists() and marker.exists() and json.loads(marker.read_text()) == IMGPROC_REQUIREMENTS:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(IMGPROC_VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *IMGPROC_REQUIREMENTS,
        ],
        check=True,
    )
    marker.write_text(json.dumps(IMGPROC_REQUIREMENTS))
    return python


def imgproc_site(folder: Path, sources: list[str], with_plugin: bool) -> Path:
    """Write a Pelican site: one article whose pictures pelican-image-process expands."""
    settings = load_settings({})
    content = folder / "content"
    (content / "images").mkdir(parents=True, exist_ok=True)
    for path in sources:
        target = content / "images" / Path(path).name
        if not target.exists():
            os.link(path, target)

    def srcset(fmt: str) -> list[tuple[str, list[str]]]:
        return [(f"{w}w", [f"scale_in {w} None False"]) for w in settings.widths]

    process = {
        "photo": {
            "type": "picture",
            "sources": [
                {"name": "avif", "output-format": "avif", "srcset": srcset("avif"), "sizes": "100vw"},
                {"name": "webp", "output-format": "webp", "srcset": srcset("webp"), "sizes": "100vw"},
                {"name": "default", "output-format": "jpg", "srcset": srcset("jpeg"), "sizes": "100vw"},
            ],
            "default": ("default", "960w"),
        }
    }
    pictures = "\n".join(
        f'<picture><source class="avif" src="/images/{Path(p).name}">'
        f'<source class="webp" src="/images/{Path(p).name}">'
        f'<img class="image-process-photo" src="/images/{Path(p).name}" alt=""></picture>'
        for p in sources
    )
    (content / "photos.html").write_text(
        f'<html><head><title>Photos</title><meta name="date" content="2024-01-01"></head>'
        f"<body>{pictures}</body></html>",
        encoding="utf-8",
    )
    conf = folder / ("conf-imgproc.py" if with_plugin else "conf-plain.py")
    conf.write_text(
        textwrap.dedent(f"""
        PATH = "content"
        SITEURL = ""
        TIMEZONE = "UTC"
        STATIC_PATHS = ["images"]
        PLUGINS = {["image_process"] if with_plugin else []!r}
        IMAGE_PROCESS = {process!r}
        FEED_ALL_ATOM = CATEGORY_FEED_ATOM = None
        """)
    )
    return conf


def run_imgproc(sources: list[str], folder: Path) -> tuple[float, float, dict[str, int]]:
    """Build the site with and without pelican-image-process; return both times and counts."""
    python = ensure_imgproc_venv()
    pelican = [str(python), "-m", "pelican", "content", "-q", "-o"]
    times, cpus = {}, {}
    for with_plugin in (False, True):
        conf = imgproc_site(folder, sources, with_plugin)
        output = folder / ("out-imgproc" if with_plugin else "out-plain")
        shutil.rmtree(output, ignore_errors=True)
        cpu, started = cpu_seconds(), time.perf_counter()
        subprocess.run([*pelican, str(output), "-s", str(conf)], cwd=folder, check=True)
        times[with_plugin], cpus[with_plugin] = time.perf_counter() - started, cpu_seconds() - cpu
    derivatives = [p for p in (folder / "out-imgproc").rglob("derivatives/**/*") if p.is_file()]
    counts = {
        "encoded": len(derivatives),
        "bytes": sum(p.stat().st_size for p in derivatives),
        "cpu": cpus[True],
        "cpu_plain": cpus[False],
    }
    return times[True], times[False], counts


# -- report ------------------------------------------------------------------------


def _megabytes(counts: dict[str, int]) -> str:
    """Return the output size in MB, or nothing."""
    return f"{counts['bytes'] / 1e6:.2f}" if "bytes" in counts else ""


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument("--skip-imgproc", action="store_true", help="do not run pelican-image-process")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs (medians reported)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    work = Path(tempfile.mkdtemp(prefix="quangba-images-bench-"))
    try:
        started = time.perf_counter()
        content = work / "content"
        sources = generate(content / "photos", args.count, size)  # type: ignore[arg-type]
        print(
            f"generated {len(sources)} photos {size[0]}x{size[1]} in {time.perf_counter() - started:.0f} s "
            f"({sum(os.path.getsize(p) for p in sources) / 1e6:.0f} MB) under {work}"
        )
        settings = load_settings({})
        print(
            f"derivatives: widths {'/'.join(map(str, settings.widths))}, formats "
            f"{'+'.join([*settings.formats, 'jpeg'])}; AVIF q{settings.avif_quality} speed "
            f"{settings.avif_speed}, WebP q{settings.webp_quality} method {settings.webp_method}, "
            f"JPEG q{settings.jpeg_quality}; {settings.worker_count()} cores"
        )

        # The machine is shared and noisy: alternate the contenders and keep medians.
        runs: dict[str, list[tuple[float, dict[str, int]]]] = {"floor": [], "cold": [], "warm": []}
        for attempt in range(args.repeat):
            cache = work / f"cache-{attempt}"
            order = ("floor", "quangba") if attempt % 2 == 0 else ("quangba", "floor")
            for which in order:
                if which == "floor":
                    shutil.rmtree(work / "floor", ignore_errors=True)
                    runs["floor"].append(run_floor(sources, work / "floor"))
                else:
                    runs["cold"].append(run_quangba(sources, content, cache))
                    runs["warm"].append(run_quangba(sources, content, cache))
                    shutil.rmtree(cache)
            print(
                f"  run {attempt + 1}: floor {runs['floor'][-1][0]:.1f} s, cold {runs['cold'][-1][0]:.1f} s, "
                f"warm {runs['warm'][-1][0]:.2f} s; load average {os.getloadavg()[0]:.1f}"
            )

        def median(name: str, key: str | None = None) -> float:
            return statistics.median(counts[key] if key else seconds for seconds, counts in runs[name])

        floor, cold, warm = median("floor"), median("cold"), median("warm")
        rows = [
            (
                "floor: plain Pillow, 1 process, full decode",
                floor,
                {**runs["floor"][0][1], "cpu": median("floor", "cpu")},
            ),
            ("quangba cold (empty cache)", cold, {**runs["cold"][0][1], "cpu": median("cold", "cpu")}),
            ("quangba warm (cache filled)", warm, {**runs["warm"][0][1], "cpu": median("warm", "cpu")}),
        ]
        imgproc = plain = None
        if not args.skip_imgproc:
            imgproc, plain, imgproc_counts = run_imgproc(sources, work / "imgproc")
            rows.append(("pelican-image-process 3.4.0 (Pelican build)", imgproc, imgproc_counts))
            rows.append(
                ("  Pelican alone, same site, no plugin", plain, {"cpu": imgproc_counts["cpu_plain"]})
            )
        print()
        print(
            f"{'run':46} {'wall s':>8} {'CPU s':>8} {'s/photo':>8} {'encoded':>8} {'reused':>7} {'MB out':>7}"
        )
        for name, seconds, counts in rows:
            cpu = f"{counts['cpu']:.2f}" if "cpu" in counts else ""
            print(
                f"{name:46} {seconds:8.2f} {cpu:>8} {seconds / len(sources):8.3f} "
                f"{counts.get('encoded', ''):>8} {counts.get('reused', ''):>7} {_megabytes(counts):>7}"
            )
        ratios = [c[0] / f[0] for c, f in zip(runs["cold"], runs["floor"], strict=True)]
        print()
        print(
            f"wall times: medians of {args.repeat} alternating runs; "
            f"load average now {os.getloadavg()[0]:.1f}"
        )
        print(
            f"cold / floor = {cold / floor:.2f}   (target <= 0.60; "
            f"per run: {', '.join(f'{r:.2f}' for r in ratios)})"
        )
        print(f"warm / cold  = {100 * warm / cold:.2f} %  (target < 2 %)")
        print(
            f"CPU time cold / floor = {median('cold', 'cpu') / median('floor', 'cpu'):.2f} "
            "(less sensitive to other load; /2 is the best wall ratio 2 cores allow)"
        )
        if imgproc is not None and plain is not None:
            print(
                f"pelican-image-process (minus Pelican alone) / floor = {(imgproc - plain) / floor:.2f}; "
                f"quangba cold is {(imgproc - plain) / cold:.1f}x faster "
                "(pelican-image-process uses Pillow's defaults: AVIF q75 speed 6, WebP q80, JPEG q75)"
            )
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
