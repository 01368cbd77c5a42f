"""The search settings: defaults in one place, validated once per build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Words of context shown around the matches under each result.
    "SEARCH_EXCERPT_WORDS": 30,
    # Results shown at once; "Show more results" adds as many again.
    "SEARCH_RESULTS_PER_PAGE": 10,
    # Static pages (about, contact…) are searchable as well as stories.
    "SEARCH_INCLUDE_PAGES": True,
}

# Where the index is written, under the output root: the engine reserves this
# name (multilang RESERVED_SLUGS) so no page can take it.
BUNDLE_DIR = "pagefind"
# The search page's path under each language's prefix; the theme links to it.
PAGE_PATH = "search/"


class SearchConfigError(Exception):
    """Report an invalid SEARCH_* setting."""


@dataclass(frozen=True)
class SearchSettings:
    """The validated search settings."""

    excerpt_words: int
    results_per_page: int
    include_pages: bool


def get(settings: dict[str, Any], name: str) -> Any:
    """Return a search setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def _int(settings: dict[str, Any], name: str, low: int, high: int) -> int:
    """Return an integer setting within [low, high], or raise naming the fix."""
    value = get(settings, name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SearchConfigError(
            f"pelicanconf.py: {name} must be a whole number from {low} to {high}, not {value!r}"
        )
    return value


# id(settings) -> (settings, validated): the page receiver and the generator
# share one validation per build (the settings object is kept to rule out a
# reused id).
_validated: dict[int, tuple[dict[str, Any], SearchSettings]] = {}


def load(settings: dict[str, Any]) -> SearchSettings:
    """Return the validated SEARCH_* settings, checking them once per build."""
    cached = _validated.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    include_pages = get(settings, "SEARCH_INCLUDE_PAGES")
    if not isinstance(include_pages, bool):
        raise SearchConfigError(
            f"pelicanconf.py: SEARCH_INCLUDE_PAGES must be True or False, not {include_pages!r}"
        )
    options = SearchSettings(
        excerpt_words=_int(settings, "SEARCH_EXCERPT_WORDS", 5, 100),
        results_per_page=_int(settings, "SEARCH_RESULTS_PER_PAGE", 1, 100),
        include_pages=include_pages,
    )
    _validated[id(settings)] = (settings, options)
    return options
