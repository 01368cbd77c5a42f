"""Write gzip and brotli copies of a built site's text files for static servers.

A server that finds `page.html.br` or `page.html.gz` beside `page.html` can send
it as is (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, an S3
bucket with `Content-Encoding` set per file). Compressing once at build time
lets us use the slowest, smallest settings.

    python -m tools.precompress output             # every text file under output/
    python -m tools.precompress output --workers 2

Compressed bytes are cached by the content's hash (`.cache/precompress`), so a
publish after a small change only compresses the pages that changed, even
though every build writes a fresh output folder.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import brotli

logger = logging.getLogger(__name__)

# Text formats worth compressing; images, fonts and archives already are.
EXTENSIONS = (".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt", ".webmanifest")
# Below this size the saving does not pay for the extra file and request logic.
MIN_SIZE = 256
ENCODINGS = ("gz", "br")
DEFAULT_CACHE = ".cache/precompress"


@dataclass
class Stats:
    """What one run did."""

    files: int = 0
    compressed: int = 0  # encodings computed now
    reused: int = 0  # encodings taken from the cache
    skipped: int = 0  # files too small or not made smaller
    bytes_in: int = 0  # size of the files compressed
    bytes_gz: int = 0
    bytes_br: int = 0

    def add(self, other: Stats) -> None:
        """Add another run's counts to these."""
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def encode(data: bytes, encoding: str) -> bytes:
    """Compress data with the strongest settings, reproducibly (no name, no time)."""
    if encoding == "gz":
        return gzip.compress(data, compresslevel=9, mtime=0)
    if encoding == "br":
        return brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)
    raise ValueError(f"unknown encoding {encoding!r}")


def text_files(root: str) -> Iterator[str]:
    """Yield the paths of the text files under root, in a stable order."""
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(EXTENSIONS):
                yield os.path.join(folder, name)


def _write(path: str, data: bytes) -> None:
    """Write a file atomically (a reader never sees half of it)."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".precompress-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _remove(path: str) -> None:
    """Remove a stale compressed copy, if there is one."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def compress_file(path: str, cache_dir: str | None, min_size: int = MIN_SIZE) -> tuple[Stats, list[str]]:
    """Write path.gz and path.br; return the counts and the cache entries used."""
    stats = Stats(files=1)
    used: list[str] = []
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < min_size:
        stats.skipped += 1
        for encoding in ENCODINGS:
            _remove(f"{path}.{encoding}")
        return stats, used
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    stats.bytes_in += len(data)
    source_time = os.stat(path).st_mtime_ns
    for encoding in ENCODINGS:
        target = f"{path}.{encoding}"
        cached = os.path.join(cache_dir, digest[:2], f"{digest}.{encoding}") if cache_dir else None
        packed = None
        if cached and os.path.exists(cached):
            with open(cached, "rb") as handle:
                packed = handle.read()
            stats.reused += 1
        else:
            packed = encode(data, encoding)
            stats.compressed += 1
            if cached:
                _write(cached, packed)
        if cached:
            used.append(cached)
        if len(packed) >= len(data):
            # Sending the original is cheaper; no copy, so servers fall back to it.
            stats.skipped += 1
            _remove(target)
            continue
        _write(target, packed)
        # Same time as the source: servers that compare them (nginx) accept the copy.
        os.utime(target, ns=(source_time, source_time))
        setattr(stats, f"bytes_{encoding}", getattr(stats, f"bytes_{encoding}") + len(packed))
    return stats, used


def _compress_many(paths: list[str], cache_dir: str | None, min_size: int) -> tuple[Stats, list[str]]:
    """Compress a share of the files (one worker process)."""
    total, used = Stats(), []
    for path in paths:
        stats, entries = compress_file(path, cache_dir, min_size)
        total.add(stats)
        used += entries
    return total, used


def prune_cache(cache_dir: str, keep: set[str]) -> int:
    """Delete cache entries this run did not use, so the cache tracks the site."""
    removed = 0
    for folder, _dirs, names in os.walk(cache_dir):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.abspath(path) not in keep:
                os.unlink(path)
                removed += 1
    return removed


def precompress(
    root: str, cache_dir: str | None = DEFAULT_CACHE, workers: int = 0, min_size: int = MIN_SIZE
) -> Stats:
    """Compress every text file under root with gzip and brotli."""
    if not os.path.isdir(root):
        raise FileNotFoundError(f"{root}: no such folder; build the site first (make html)")
    paths = list(text_files(root))
    workers = workers or os.cpu_count() or 1
    total, used = Stats(), []
    if workers <= 1 or len(paths) < 64:
        total, used = _compress_many(paths, cache_dir, min_size)
    else:
        shares = [paths[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for stats, entries in pool.map(
                _compress_many, shares, [cache_dir] * workers, [min_size] * workers
            ):
                total.add(stats)
                used += entries
    if cache_dir and os.path.isdir(cache_dir):
        prune_cache(cache_dir, {os.path.abspath(p) for p in used})
    return total


def main(argv: list[str] | None = None) -> int:
    """Compress a built site's text files; print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="output", help="the built site (default: output)")
    parser.add_argument(
        "--cache",
        default=DEFAULT_CACHE,
        help=f"cache of compressed files (default: {DEFAULT_CACHE}); '' for none",
    )
    parser.add_argument("--workers", type=int, default=0, help="processes; 0 = one per core")
    parser.add_argument(
        "--min-size",
        type=int,
        default=MIN_SIZE,
        help=f"leave smaller files alone (default: {MIN_SIZE} bytes)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        stats = precompress(args.root, args.cache or None, args.workers, args.min_size)
    except FileNotFoundError as exc:
        logger.error("%s", exc)
        return 1
    logger.info(
        "precompress: %d files, %d copies made, %d from cache, %d skipped; "
        "%.2f MB → gzip %.2f MB, brotli %.2f MB",
        stats.files,
        stats.compressed,
        stats.reused,
        stats.skipped,
        stats.bytes_in / 1e6,
        stats.bytes_gz / 1e6,
        stats.bytes_br / 1e6,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
