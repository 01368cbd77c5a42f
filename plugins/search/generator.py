"""The generator that builds the search index while the engine renders pages."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from pelican.generators import Generator

from .documents import documents
from .job import IndexJob
from .settings import BUNDLE_DIR, SearchConfigError, load

logger = logging.getLogger(__name__)


class SearchGenerator(Generator):
    """Write the Pagefind bundle, one index per language, into the build's output."""

    job: IndexJob | None = None

    def generate_context(self) -> None:
        """Start indexing as soon as the site model is complete."""
        options = load(self.settings)  # bad settings stop the build before anything is written
        site = self.context.get("multilang")
        if site is None:
            raise SearchConfigError(
                "pelicanconf.py: the search plugin needs the multilang plugin; "
                'list "multilang" before "search" in PLUGINS'
            )
        self._started = time.perf_counter()
        # The multilang generator comes first: the model is complete here (every
        # multilang_stories_ready receiver has run), so Pagefind can work in its
        # own process while the pages render.
        self.job = IndexJob(documents(site, options, self.settings["TIMEZONE"]), self.settings["CACHE_PATH"])
        logger.debug(
            "search: documents ready in %.2f s; indexing %s in the background",
            time.perf_counter() - self._started,
            ", ".join(self.job.stale) or "nothing",
        )

    def generate_output(self, writer: Any) -> None:
        """Wait for the index and put it at <output>/pagefind/."""
        assert self.job is not None, "generate_context runs first"
        job, self.job = self.job, None
        # self.output_path is the staging folder during a build (atomic_output).
        counts = job.finish(os.path.join(self.output_path, BUNDLE_DIR))
        unchanged = [lang for lang in counts if lang not in job.stale]
        logger.info(
            "search: %d pages in the index (%s); indexed: %s; unchanged: %s; ready %.1f s after "
            "the content was read",
            sum(counts.values()),
            ", ".join(f"{lang} {n}" for lang, n in counts.items()) or "none",
            ", ".join(job.stale) or "none",
            ", ".join(unchanged) or "none",
            time.perf_counter() - self._started,
        )


def get_generators(pelican: Any) -> type[SearchGenerator]:
    """Contribute the search generator (get_generators receiver)."""
    return SearchGenerator
