"""Render jobs to files: skip pages whose inputs did not change, use every core."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Any

from model.site import STORY_EXTENSIONS, VERSION_EXTENSIONS

from .planning import Job

logger = logging.getLogger(__name__)

MANIFEST = "multilang-pages.json"
# What a page can show of a story and of a version: the engine's fields plus
# every extension a plugin declares in model/site.py. No object reprs: they
# carry addresses.
STORY_FIELDS = (
    "key",
    "section",
    "date",
    "modified",
    "agency",
    "tags",
    "cover",
    "cover_credit",
    "cover_focus",
    "status",
    "attachments",
    "source_lang",
    "data",
    *STORY_EXTENSIONS,
)
ITEM_FIELDS = (
    "url",
    "title",
    "summary",
    "_content",
    "status",
    "is_fallback",
    "lang",
    "view_lang",
    *(name for name, _ in VERSION_EXTENSIONS),
)


def item_digest(item: Any, cache: dict[int, bytes]) -> bytes:
    """Hash what a page can show of an item (body, metadata, plugin markup)."""
    found = cache.get(id(item))
    if found is not None:
        return found
    story = item.story
    data = [str(getattr(item, name, "")) for name in ITEM_FIELDS]
    data += [
        str(getattr(item, "modified", "")),
        repr(sorted((k, str(v)) for k, v in item.metadata.items())),
    ]
    digest = hashlib.blake2b("\x1f".join(data).encode(), digest_size=16)
    digest.update(_story_digest(story, cache))
    cache[id(item)] = found = digest.digest()
    return found


def _story_digest(story: Any, cache: dict[int, bytes]) -> bytes:
    """Hash what every version of a story shares: once per story, not once per version and fallback."""
    # Keyed by the negative id: the cache's positive ids are the items'.
    found = cache.get(-id(story))
    if found is None:
        data = [str(getattr(story, name, "")) for name in STORY_FIELDS]
        data.append(repr(sorted((c, v.url, v.title) for c, v in story.versions.items())))
        cache[-id(story)] = found = hashlib.blake2b("\x1f".join(data).encode(), digest_size=16).digest()
    return found


def fingerprint(job: Job, global_digest: bytes, cache: dict[int, bytes]) -> str:
    """Return the hash of everything a job's page is made from."""
    hasher = hashlib.blake2b(global_digest, digest_size=16)
    hasher.update(repr((job.path, job.template, job.lang, job.key)).encode())
    get = cache.get  # most deps are shown by several pages: their digest is known
    deps = [get(id(item)) or item_digest(item, cache) for item in job.deps if item is not None]
    hasher.update(b"".join(deps))
    return hasher.hexdigest()


def load_manifest(cache_dir: str) -> dict[str, list[Any]]:
    """Return the fingerprints of the pages the last build wrote."""
    try:
        with open(os.path.join(cache_dir, MANIFEST), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def save_manifest(cache_dir: str, manifest: dict[str, list[Any]]) -> None:
    """Store the fingerprints for the next build (atomically)."""
    os.makedirs(cache_dir, exist_ok=True)
    path = os.path.join(cache_dir, MANIFEST)
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        # dumps, not dump: the C encoder only serves one-shot encoding (ten times faster here).
        handle.write(json.dumps(manifest))
    os.replace(path + ".tmp", path)


def write_page(path: str, html: str) -> None:
    """Write one page, creating its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)


def _run(jobs: list[Job], render: Callable[[Job], str], output_path: str) -> None:
    """Render and write a list of jobs in this process."""
    for job in jobs:
        write_page(os.path.join(output_path, job.save_as), render(job))


def _worker(jobs: list[Job], render: Callable[[Job], str], output_path: str, conn: Any) -> None:
    """Render a share of the jobs in a forked process; report failure to the parent."""
    try:
        _run(jobs, render, output_path)
        conn.send(None)
    except BaseException as exc:  # the parent re-raises it with the page named
        conn.send(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
    finally:
        conn.close()


def render_all(jobs: list[Job], render: Callable[[Job], str], output_path: str, workers: int) -> None:
    """Render jobs, in forked worker processes when there are enough of them."""
    if workers <= 1 or len(jobs) < 200 or "fork" not in multiprocessing.get_all_start_methods():
        _run(jobs, render, output_path)
        return
    context = multiprocessing.get_context("fork")
    processes = []
    for index in range(workers):
        parent_end, child_end = context.Pipe(duplex=False)
        # Interleave so every worker gets a mix of cheap and costly pages;
        # jobs are grouped by language, so each worker switches catalogs rarely.
        share = jobs[index::workers]
        process = context.Process(target=_worker, args=(share, render, output_path, child_end))
        process.start()
        child_end.close()
        processes.append((process, parent_end))
    failures = []
    for process, conn in processes:
        try:
            message = conn.recv()
        except EOFError:
            message = "worker died without a report"
        process.join()
        if message:
            failures.append(message)
        elif process.exitcode:
            failures.append(f"worker exited with code {process.exitcode}")
    if failures:
        raise RuntimeError("rendering failed:\n" + "\n".join(failures))
