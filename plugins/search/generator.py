"""Start the index as soon as the bodies are final; put it in the output once pages are written."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from model import config as multilang_settings
from model.site import Site
from multilang.l10n import compile_catalogs, load_translations
from pelican.generators import Generator

from .documents import Names, documents
from .job import IndexJob
from .settings import BUNDLE_DIR, SearchConfigError, load

logger = logging.getLogger(__name__)

# Where start_indexing leaves the running job for SearchGenerator, in Pelican's
# shared context (the receiver and the generator share nothing else).
JOB_KEY = "search_index_job"
# The collections' names (the type filter of their items) are macros of the theme's list pages.
COLLECTION_NAMES = "invest_macros"


def collection_names(sender: Any, site: Site) -> Names:
    """Return the collections' names in a language, from the theme's macro and catalogs."""
    if not site.collections:
        return lambda kind, lang: kind
    translations_dir = multilang_settings.get(sender.settings, "MULTILANG_TRANSLATIONS_DIR")
    compile_catalogs(translations_dir, site.codes)
    macros: dict[str, Any] = {}

    def name(kind: str, lang: str) -> str:
        if lang not in macros:
            # The engine installs its language's catalog again before it renders a page.
            sender.env.install_gettext_translations(load_translations(translations_dir, lang), newstyle=True)
            macros[lang] = sender.get_template(COLLECTION_NAMES).make_module({})
        return str(macros[lang].collection_name(kind)).strip()

    return name


def start_indexing(sender: Any, site: Site) -> None:
    """Start Pagefind in a child process (multilang_content_final receiver)."""
    options = load(sender.settings)  # bad settings stop the build before anything is written
    # Bodies are final here (every multilang_stories_ready receiver, images
    # included, has run) and nothing has been rendered yet: the indexer gets
    # the rest of the build, the checks and the rendering, to run beside.
    names = collection_names(sender, site)
    job = IndexJob(
        documents(site, options, sender.settings["TIMEZONE"], names), sender.settings["CACHE_PATH"]
    )
    sender.context[JOB_KEY] = job
    logger.debug(
        "search: documents ready in %.2f s; indexing %s in the background",
        time.perf_counter() - job.started,
        ", ".join(job.stale) or "nothing",
    )


class SearchGenerator(Generator):
    """Write the Pagefind bundle, one index per language, into the build's output."""

    def generate_context(self) -> None:
        """Check that the engine started the index (the multilang generator runs first)."""
        load(self.settings)
        if JOB_KEY not in self.context:
            raise SearchConfigError(
                "pelicanconf.py: the search plugin needs the multilang plugin; "
                'list "multilang" before "search" in PLUGINS'
            )

    def generate_output(self, writer: Any) -> None:
        """Wait for the index and put it at <output>/pagefind/."""
        job: IndexJob = self.context.pop(JOB_KEY)
        # self.output_path is the staging folder during a build (atomic_output).
        counts = job.finish(os.path.join(self.output_path, BUNDLE_DIR))
        unchanged = [lang for lang in counts if lang not in job.stale]
        logger.info(
            "search: %d pages in the index (%s); indexed: %s; unchanged: %s; ready %.1f s after "
            "the content was read (Pagefind: %.1f s CPU)",
            sum(counts.values()),
            ", ".join(f"{lang} {n}" for lang, n in counts.items()) or "none",
            ", ".join(job.stale) or "none",
            ", ".join(unchanged) or "none",
            time.perf_counter() - job.started,
            job.pagefind_cpu,
        )


def get_generators(pelican: Any) -> type[SearchGenerator]:
    """Contribute the search generator (get_generators receiver)."""
    return SearchGenerator
