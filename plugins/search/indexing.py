"""Run Pagefind over the written documents: one index per language, one bundle.

This module needs only the standard library: the build runs it as a separate
process (``python plugins/search/indexing.py DOCUMENTS.jsonl BUNDLES``) while
the pages render, and joins the per-language bundles afterwards (join_bundles).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
from typing import Any

ENTRY_FILE = "pagefind-entry.json"  # the bundle's table of languages, read first by pagefind.js


class SearchIndexError(Exception):
    """Report that Pagefind could not build the index."""


def pagefind_binary() -> str:
    """Return the extended Pagefind binary (the plain one cannot split Japanese or Chinese)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")  # the override Pagefind's Python API honours
    if override:
        return override
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise SearchIndexError(
            "the extended Pagefind binary is not installed; run "
            "`.venv/bin/pip install -r requirements.txt` (it pins pagefind[extended])"
        ) from exc
    return str(get_executable())


def tool_id() -> str:
    """Return what identifies the Pagefind binary: a new one invalidates cached bundles."""
    binary = pagefind_binary()
    stat = os.stat(binary)
    return f"{binary}:{stat.st_size}:{stat.st_mtime_ns}"


def count_pages(site: str) -> int:
    """Return how many HTML files Pagefind will find under site."""
    return sum(name.endswith(".html") for _, _, names in os.walk(site) for name in names)


def write_documents(listing: str, folder: str) -> None:
    """Write the documents of a JSON-lines file to folder/<lang>/<path>, for Pagefind to read."""
    made: set[str] = set()
    with open(listing, encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            path = os.path.join(folder, doc["lang"], doc["path"])
            parent = os.path.dirname(path)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(doc["html"])


def index_languages(documents: str, bundles: str) -> dict[str, int]:
    """Index each documents/<lang>/ into its own bundles/<lang>/; return pages per language."""
    binary = pagefind_binary()
    counts: dict[str, int] = {}
    # One run per language: Pagefind holds a whole run in memory (about 0.9 GiB
    # for 2000 stories in six languages), one language at a time far less; and
    # a language whose stories did not change keeps its previous bundle.
    for lang in sorted(os.listdir(documents)):
        site = os.path.join(documents, lang)
        if not os.path.isdir(site):
            continue
        expected = count_pages(site)
        output = os.path.join(bundles, lang)
        command = [binary, "--site", site, "--output-path", output, "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr + done.stdout).strip()[-2000:]
            raise SearchIndexError(f"Pagefind failed on the {lang} pages (exit {done.returncode}): {message}")
        indexed = read_entry(output).get("languages", {}).get(lang, {}).get("page_count")
        if indexed != expected:
            raise SearchIndexError(
                f"Pagefind indexed {indexed} of {expected} {lang} pages in {site}; "
                f"run `{binary} --site {site} --verbose` to see why"
            )
        counts[lang] = expected
    return counts


def read_entry(bundle: str) -> dict[str, Any]:
    """Return a bundle's entry file: Pagefind's version and its languages."""
    with open(os.path.join(bundle, ENTRY_FILE), encoding="utf-8") as handle:
        return json.load(handle)


def merge_entries(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Join the entry files of single-language bundles into one that lists every language."""
    merged = dict(entries[0], languages={})
    for entry in entries:
        if entry.get("version") != merged.get("version"):
            raise SearchIndexError("bundles made by different Pagefind versions cannot be joined")
        merged["languages"].update(entry["languages"])
    return merged


def join_bundles(sources: list[str], bundle_dir: str) -> None:
    """Put single-language bundles together in bundle_dir, with one entry file."""
    entries = []
    for source in sources:
        entries.append(read_entry(source))
        for folder, _, names in os.walk(source):
            target_folder = os.path.join(bundle_dir, os.path.relpath(folder, source))
            os.makedirs(target_folder, exist_ok=True)
            for name in names:
                target = os.path.join(target_folder, name)
                # The script and WebAssembly files are the same in every bundle.
                if name == ENTRY_FILE or os.path.exists(target):
                    continue
                link_or_copy(os.path.join(folder, name), target)
    with open(os.path.join(bundle_dir, ENTRY_FILE), "w", encoding="utf-8") as handle:
        json.dump(merge_entries(entries), handle, ensure_ascii=False, separators=(",", ":"))


def link_or_copy(source: str, target: str) -> None:
    """Hard-link source to target (cached bundles never change), else copy it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def leave_cpus_to_the_build() -> None:
    """Run this process and the Pagefind it starts on half the CPUs (one of two)."""
    # Pagefind starts a thread per CPU but keeps only about 1.3 of them busy.
    # Free to use every core, its threads take turns with the build's
    # single-process phases (checks, feeds), slowing what the build waits for
    # (measured: about 1.4 s of 28 at N=2000 on two cores); kept to the other
    # half, they use the time those phases leave idle. Rust sizes its thread
    # pools from this mask, so Pagefind also starts fewer threads.
    if not hasattr(os, "sched_setaffinity"):  # Linux only
        return
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) > 1:
        os.sched_setaffinity(0, set(cpus[len(cpus) // 2 :]))


def main(argv: list[str] | None = None) -> int:
    """Index the documents of a JSON-lines file into BUNDLES/<lang>/; print a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("listing", help="JSON lines: {lang, path, html} per document")
    parser.add_argument("bundles", help="where to write one Pagefind bundle per language")
    parser.add_argument("--documents", help="an empty folder for the documents (default: beside LISTING)")
    args = parser.parse_args(argv)
    folder = args.documents or os.path.join(os.path.dirname(os.path.abspath(args.listing)), "documents")
    leave_cpus_to_the_build()
    try:
        write_documents(args.listing, folder)
        counts = index_languages(folder, args.bundles)
        shutil.rmtree(folder)  # here, not in the build, which is busy rendering
    except (SearchIndexError, OSError, ValueError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The last line is the report the build reads (job.IndexJob.finish).
    report = {"pages": counts, "pagefind_cpu_seconds": round(used.ru_utime + used.ru_stime, 2)}
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
