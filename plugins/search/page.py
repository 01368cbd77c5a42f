"""The search page: one per language, added through the engine's extra pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from model.site import ExtraPage, Site

from .settings import BUNDLE_DIR, PAGE_PATH, load


def add_search_page(sender: Any, site: Site) -> None:
    """Add the search page in every language (multilang_stories_ready receiver)."""
    options = load(sender.settings)
    context = {
        "search": {
            "bundle_url": site.url(BUNDLE_DIR + "/"),
            # Pagefind links results from the site root; a site published
            # under a sub-path (https://host/sub) needs that path in front.
            "base_url": urlsplit(site.siteurl).path.rstrip("/") + "/",
            "excerpt_words": options.excerpt_words,
            "results_per_page": options.results_per_page,
            "plural_samples": {lang.code: plural_samples(lang.babel) for lang in site.languages},
        }
    }
    site.extra_pages.append(ExtraPage(template="search", path=PAGE_PATH, context=context))


def plural_samples(locale: Locale) -> dict[str, int]:
    """Return one count for each CLDR plural category a language uses for whole numbers."""
    # The page renders the result-count message once per category (ngettext
    # with that count); the browser picks one with Intl.PluralRules.
    samples: dict[str, int] = {}
    for number in range(1000):
        samples.setdefault(locale.plural_form(number), number)
    return samples
