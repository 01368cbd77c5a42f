"""Write the build to <output>.partial and replace <output> only when it succeeded."""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

from pelican.generators import Generator

logger = logging.getLogger(__name__)

SUFFIX_PARTIAL = ".partial"
SUFFIX_OLD = ".previous"

# Pelican object -> the output folder the user asked for.
_final_paths: dict[int, str] = {}


def redirect_output(pelican: Any) -> None:
    """Point the build at a staging folder beside the real output (initialized)."""
    final = os.path.abspath(pelican.output_path)
    _final_paths[id(pelican)] = final
    # Only the Pelican object changes: settings["OUTPUT_PATH"] stays the real
    # folder, which `pelican --listen` serves and the incremental render reads.
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


def publish(pelican: Any) -> None:
    """Swap the finished staging folder in place of the output (finalized)."""
    final = _final_paths.get(id(pelican))
    staging = pelican.output_path
    if final is None or not os.path.isdir(staging):
        return
    old = final.rstrip(os.sep) + SUFFIX_OLD
    if os.path.isdir(old):
        shutil.rmtree(old)
    if os.path.isdir(final):
        os.rename(final, old)
    os.rename(staging, final)
    if os.path.isdir(old):
        shutil.rmtree(old)
    logger.info("published the build to %s", final)
