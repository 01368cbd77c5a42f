"""Write each build to <output>.partial and move it into <output> only on success.

A build writes what it produced into the staging folder. Generators that find a
file of the previous build still right (multilang's unchanged pages) do not
write it again; they add its path to ``context[KEPT]`` instead. When the build
succeeds, every staged file replaces its counterpart in the output and output
files that the build neither wrote nor kept are removed, through a journal
(journal.py): a build killed at any instant leaves the old site or, once the
next build has completed the journal, the new one. Only changed files are
touched, which matters on file systems where every unlink is slow. Builds of
one output folder take turns (lock.py).
"""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

from pelican.generators import Generator

from . import journal, lock

logger = logging.getLogger(__name__)

SUFFIX_PARTIAL = ".partial"
KEPT = "atomic_output_kept"  # context key: output paths kept from the previous build
LOCK_TIMEOUT = 900.0  # default ATOMIC_OUTPUT_LOCK_TIMEOUT, in seconds

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


def start_build(pelican: Any) -> None:
    """Take the output's lock and complete an interrupted publish, before anything is built."""
    final = _final_paths.get(id(pelican))
    if final is None:
        return
    timeout = float(pelican.settings.get("ATOMIC_OUTPUT_LOCK_TIMEOUT", LOCK_TIMEOUT))
    try:
        lock.acquire(final, timeout)
    except lock.LockTimeout as exc:
        raise _build_error(str(exc)) from None
    journal.recover(final)


def _build_error(message: str) -> Exception:
    """Return the project's BuildError (printed without a traceback), or a RuntimeError without it."""
    try:
        from model.errors import BuildError
    except ImportError:  # the model is on sys.path once multilang is imported
        return RuntimeError(message)
    return BuildError(message)


class StagingGenerator(Generator):
    """Empty the staging folder before any generator writes into it."""

    @staticmethod
    def contribute(pelican: Any) -> type[StagingGenerator]:
        """Lock the output and return this generator (get_generators receiver, once per build)."""
        start_build(pelican)
        return StagingGenerator

    def generate_context(self) -> None:
        """Remove what a failed or interrupted build left in the staging folder."""
        if os.path.isdir(self.output_path):
            shutil.rmtree(self.output_path)
        os.makedirs(self.output_path)
        self.context[KEPT] = set()
        _contexts[os.path.abspath(self.output_path)] = self.context


def publish(pelican: Any) -> None:
    """Move the finished build into the output, then release the lock (finalized receiver)."""
    final = _final_paths.get(id(pelican))
    if final is None:
        return
    try:
        _publish(final, os.path.abspath(pelican.output_path))
    finally:
        lock.release(final)


def _publish(final: str, staging: str) -> None:
    """Replace the output by the staged build: a rename the first time, else journaled moves."""
    context = _contexts.pop(staging, {})
    if not os.path.isdir(staging):
        return
    if not os.path.isdir(final):
        os.rename(staging, final)  # one folder, renamed in its own parent: atomic
        logger.info("published the build to %s", final)
        return
    kept = {os.path.normpath(p) for p in context.get(KEPT, ())}
    written = journal.files_under(staging)
    present, empty = journal.scan(final)
    delete = present - written - kept
    journal.write(final, staging, delete)
    journal.apply(final, staging, delete, empty)
    logger.info(
        "published to %s: %d files written, %d kept, %d removed", final, len(written), len(kept), len(delete)
    )
