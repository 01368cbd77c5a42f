"""The generator that places the cached derivatives into the output folder."""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

from pelican.generators import Generator

logger = logging.getLogger(__name__)

# Where the multilang_stories_ready receiver leaves {output path: cached file}.
CONTEXT_KEY = "images_outputs"
# atomic_output's list of files kept from the previous build (see docs/architecture.md).
KEPT = "atomic_output_kept"


def place(source: str, target: str) -> bool:
    """Hard-link (else copy) source to target; return False when it is already there."""
    with_same_size = os.path.exists(target) and os.path.getsize(target) == os.path.getsize(source)
    if with_same_size:
        return False  # names are content hashes: same name and size, same file
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.link(source, temporary)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)
    return True


class ImagesGenerator(Generator):
    """Write the derivatives (and allowed originals) the stories use into the output."""

    def generate_output(self, writer: Any) -> None:
        """Link or copy each file the image pipeline planned."""
        outputs: dict[str, str] = self.context.get(CONTEXT_KEY) or {}
        live = self.settings["OUTPUT_PATH"]
        kept = self.context.get(KEPT) if os.path.abspath(live) != os.path.abspath(self.output_path) else None
        placed = 0
        for relative, source in sorted(outputs.items()):
            parts = relative.split("/")
            previous = os.path.join(live, *parts)
            unchanged = os.path.exists(previous) and os.path.getsize(previous) == os.path.getsize(source)
            if kept is not None and unchanged:
                kept.add(os.path.normpath(relative))  # content-hashed name: the published file is right
                continue
            if place(source, os.path.join(self.output_path, *parts)):
                placed += 1
        if outputs:
            logger.info(
                "images: %d files in the output (%d placed, %d already there)",
                len(outputs),
                placed,
                len(outputs) - placed,
            )
