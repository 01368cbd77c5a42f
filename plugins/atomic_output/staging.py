"""Write each build to <output>.partial and move it into <output> only on success.

A build writes what it produced into the staging folder. Generators that find a
file of the previous build still right (multilang's unchanged pages) do not
write it again; they add its path to ``context[KEPT]`` instead. When the build
succeeds, every staged file replaces its counterpart in the output (one rename
each), and output files that the build neither wrote nor kept are removed. A
failed or interrupted build never reaches that step, so the output stays as the
last good build left it. Only changed files are touched, which matters on
file systems where every unlink is slow.
"""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

from pelican.generators import Generator

logger = logging.getLogger(__name__)

SUFFIX_PARTIAL = ".partial"
KEPT = "atomic_output_kept"  # context key: output paths kept from the previous build

# Pelican object id -> the output folder the user asked for.
_final_paths: dict[int, str] = {}
# The staging folder -> the shared build context, for the kept-file list.
_contexts: dict[str, dict[str, Any]] = {}


def redirect_output(pelican: Any) -> None:
    """Point the build at a staging folder beside the real output (initialized)."""
    final = os.path.abspath(pelican.output_path)
    _final_paths[id(pelican)] = final
    # Only the Pelican object changes: settings["OUTPUT_PATH"] stays the real
    # folder, which `pelican --listen` serves and incremental renders read.
    pelican.output_path = final.rstrip(os.sep) + SUFFIX_PARTIAL


class StagingGenerator(Generator):
    """Empty the staging folder before any generator writes into it."""

    @staticmethod
    def contribute(pelican: Any) -> type[StagingGenerator]:
        """Return this generator (get_generators receiver)."""
        return StagingGenerator

    def generate_context(self) -> None:
        """Remove what a failed or interrupted build left in the staging folder."""
        if os.path.isdir(self.output_path):
            shutil.rmtree(self.output_path)
        os.makedirs(self.output_path)
        self.context[KEPT] = set()
        _contexts[os.path.abspath(self.output_path)] = self.context


def publish(pelican: Any) -> None:
    """Move the finished build into the output (finalized receiver)."""
    final = _final_paths.get(id(pelican))
    staging = os.path.abspath(pelican.output_path)
    context = _contexts.pop(staging, {})
    if final is None or not os.path.isdir(staging):
        return
    if not os.path.isdir(final):
        os.rename(staging, final)
        logger.info("published the build to %s", final)
        return
    kept = set(context.get(KEPT, ()))
    written = merge(staging, final)
    removed = prune(final, written | kept)
    shutil.rmtree(staging)
    logger.info(
        "published to %s: %d files written, %d kept, %d removed", final, len(written), len(kept), removed
    )


def merge(staging: str, final: str) -> set[str]:
    """Rename every staged file over its counterpart; return their relative paths."""
    written = set()
    for folder, _, names in os.walk(staging):
        rel_folder = os.path.relpath(folder, staging)
        target_folder = os.path.normpath(os.path.join(final, rel_folder))
        if os.path.isfile(target_folder):
            os.remove(target_folder)  # a file became a folder
        os.makedirs(target_folder, exist_ok=True)
        for name in names:
            target = os.path.join(target_folder, name)
            if os.path.isdir(target):
                shutil.rmtree(target)  # a folder became a file
            os.replace(os.path.join(folder, name), target)
            written.add(os.path.normpath(os.path.join(rel_folder, name)))
    return written


def prune(final: str, wanted: set[str]) -> int:
    """Remove output files this build did not produce, and empty folders."""
    removed = 0
    for folder, _dirs, names in os.walk(final, topdown=False):
        rel_folder = os.path.relpath(folder, final)
        for name in names:
            if os.path.normpath(os.path.join(rel_folder, name)) not in wanted:
                os.remove(os.path.join(folder, name))
                removed += 1
        if folder != final and not os.listdir(folder):
            os.rmdir(folder)
    return removed
