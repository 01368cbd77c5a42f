"""Index in a child process while the engine renders, reusing unchanged languages."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from collections import defaultdict
from collections.abc import Iterable

from . import indexing
from .documents import Document
from .indexing import SearchIndexError

logger = logging.getLogger(__name__)

DIGEST_FILE = "digest"  # in <cache>/search/<lang>/, beside that language's bundle/
JOB_PREFIX = "job-"  # a build's working folder in <cache>/search/
# Pagefind reads one small file per document, in a folder per page like the
# output's. Thousands of directories made and removed cost seconds of kernel
# time on a disk, next to nothing in memory: use RAM (tmpfs) when it has room.
SCRATCH_ROOT = "/dev/shm"
SCRATCH_PREFIX = "quangba-search-"  # + the build's process id + "-" + random
SCRATCH_ROOM = 4  # free space needed in SCRATCH_ROOT, in multiples of the listing
# A scratch folder whose build process is gone is removed once it is this old:
# a process id seen from another container sharing /dev/shm may mislead.
SCRATCH_STALE_SECONDS = 3600


class IndexJob:
    """One index build: stale languages being indexed, the others taken from the cache."""

    def __init__(self, docs: Iterable[Document], cache_dir: str):
        self.started = time.perf_counter()  # docs may be a generator: making them counts
        self.cache = os.path.join(cache_dir, "search")
        os.makedirs(self.cache, exist_ok=True)
        self.folder = tempfile.mkdtemp(prefix=JOB_PREFIX, dir=self.cache)
        self._children: list[subprocess.Popen[bytes]] = []
        self._folders = [self.folder]
        # Stop the child and remove the folders even when the build fails first
        # (at the latest when Python exits).
        self._cleanup = weakref.finalize(self, _cleanup, self._children, self._folders)
        self.listing = os.path.join(self.folder, "documents.jsonl")
        self.bundles = os.path.join(self.folder, "bundles")
        self.log_path = os.path.join(self.folder, "indexing.log")

        by_lang: dict[str, list[Document]] = defaultdict(list)
        for doc in docs:
            by_lang[doc.lang].append(doc)
        self.counts = {lang: len(items) for lang, items in sorted(by_lang.items())}
        tool = indexing.tool_id() if by_lang else ""
        self.digests = {lang: _digest(tool, items) for lang, items in by_lang.items()}
        self.stale = sorted(lang for lang in by_lang if not self._cached(lang))
        self.process: subprocess.Popen[bytes] | None = None
        self.pagefind_cpu = 0.0  # CPU seconds Pagefind used, known once finished
        if self.stale:
            # One file for the child to split into documents: thousands of small
            # files would be written here, before the pages render, otherwise.
            _write_listing([doc for lang in self.stale for doc in by_lang[lang]], self.listing)
            command = [sys.executable, indexing.__file__, self.listing, self.bundles]
            scratch = scratch_folder(os.path.getsize(self.listing))
            if scratch is not None:
                self._folders.append(scratch)
                command += ["--documents", scratch]
            # A process, not a thread: the engine forks its render workers
            # meanwhile, and forking a process that runs threads is unsafe.
            with open(self.log_path, "wb") as log:
                # Its own process group: stopping it stops Pagefind, its child,
                # too (a build that fails after this point must not leave one).
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            self._children.append(self.process)

    def _cached(self, lang: str) -> bool:
        """Tell whether the cache holds a bundle made from exactly these documents."""
        folder = os.path.join(self.cache, lang)
        try:
            with open(os.path.join(folder, DIGEST_FILE), encoding="utf-8") as handle:
                return handle.read() == self.digests[lang] and os.path.isfile(
                    os.path.join(folder, "bundle", indexing.ENTRY_FILE)
                )
        except OSError:
            return False

    def finish(self, bundle_dir: str) -> dict[str, int]:
        """Wait for Pagefind, then join every language's bundle in bundle_dir."""
        try:
            if self.process is not None:
                status = self.process.wait()
                with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                    log = handle.read().strip()
                if status != 0:
                    raise SearchIndexError(f"the search index was not built: {log[-2000:]}")
                self.pagefind_cpu = _pagefind_cpu(log)
            for lang in self.stale:
                self._store(lang)
            self._forget_others()
            if os.path.exists(bundle_dir):
                shutil.rmtree(bundle_dir)  # the bundle folder is this plugin's alone
            if not self.counts:
                logger.warning("search: nothing to index (no published stories); no index written")
                return self.counts
            indexing.join_bundles(
                [os.path.join(self.cache, lang, "bundle") for lang in self.counts], bundle_dir
            )
            return self.counts
        finally:
            self._cleanup()

    def _store(self, lang: str) -> None:
        """Keep a freshly made bundle in the cache, its digest written last."""
        folder = os.path.join(self.cache, lang)
        if os.path.exists(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
        shutil.move(os.path.join(self.bundles, lang), os.path.join(folder, "bundle"))
        with open(os.path.join(folder, DIGEST_FILE), "w", encoding="utf-8") as handle:
            handle.write(self.digests[lang])

    def _forget_others(self) -> None:
        """Remove bundles of languages with nothing to index, and folders of killed builds."""
        for name in os.listdir(self.cache):
            path = os.path.join(self.cache, name)
            if name not in self.counts and path != self.folder and os.path.isdir(path):
                shutil.rmtree(path)


def in_order(docs: Iterable[Document]) -> list[Document]:
    """Return documents in the one order they are hashed and indexed in: by language, then path."""
    return sorted(docs, key=lambda d: (d.lang, d.save_as))


def _digest(tool: str, docs: list[Document]) -> str:
    """Return a hash of the Pagefind binary and every document of one language."""
    hasher = hashlib.blake2b(tool.encode(), digest_size=16)
    for doc in in_order(docs):
        hasher.update(f"\0{doc.save_as}\0{doc.html}".encode())
    return hasher.hexdigest()


def _pagefind_cpu(log: str) -> float:
    """Return the CPU time the child's report (its last line) gives, or 0 if it has none."""
    try:
        return float(json.loads(log.splitlines()[-1])["pagefind_cpu_seconds"])
    except (IndexError, KeyError, TypeError, ValueError):  # a figure for the log, not worth failing
        return 0.0


def _write_listing(docs: list[Document], path: str) -> None:
    """Write documents as JSON lines ({lang, path, html}) for the indexer, sorted by path."""
    # Pagefind numbers pages in the order it finds their files, which is the
    # order the indexer creates them in (a new folder lists entries so), and
    # the numbers are in every index chunk and filter. The model's order
    # (events by start, stories by date) changes when a date does, while the
    # documents, and so the digest that lets a cached language's bundle stand,
    # do not: the digest's order, not the model's, makes a bundle equal to a
    # cold build's.
    lines = (
        json.dumps({"lang": d.lang, "path": d.save_as, "html": d.html}, ensure_ascii=False)
        for d in in_order(docs)
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def scratch_folder(listing_size: int, root: str | None = None) -> str | None:
    """Make a folder in RAM for the documents, or return None when there is no room."""
    root = root or SCRATCH_ROOT
    try:
        forget_dead_scratch(root)
        room = os.statvfs(root)
        if room.f_bavail * room.f_frsize < SCRATCH_ROOM * listing_size:
            return None
        return tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=root)
    except OSError:  # no such folder (macOS), not writable, not a tmpfs we may use
        return None


def forget_dead_scratch(root: str) -> None:
    """Remove scratch folders left by builds that were killed (process gone, folder old)."""
    old = time.time() - SCRATCH_STALE_SECONDS
    for name in os.listdir(root):
        if not name.startswith(SCRATCH_PREFIX):
            continue
        pid = name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        path = os.path.join(root, name)
        if pid.isdigit() and not _alive(int(pid)) and os.stat(path).st_mtime < old:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Tell whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by someone else
        return True
    return True


def _cleanup(children: list[subprocess.Popen[bytes]], folders: list[str]) -> None:
    """Stop a still-running indexer and remove the job's folders."""
    for process in children:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the indexer and Pagefind
            except ProcessLookupError:
                pass
            process.wait()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
