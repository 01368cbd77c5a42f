"""A render job (one output page) and the head data every page carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.site import Site

from . import urls
from .views import Alternate, hreflang


@dataclass
class Job:
    """One output page: its template, language, context and what it depends on."""

    path: str  # page path ("en/culture/") — the output file is urls.save_as(path)
    template: str
    lang: str  # UI language
    context: dict[str, Any]
    deps: list[Any] = field(default_factory=list)  # items whose content the page shows
    key: tuple = ()  # other values the page shows (URLs, counts), for the fingerprint

    @property
    def save_as(self) -> str:
        """Return the output file path."""
        return urls.save_as(self.path)


# How many page numbers a pager shows on either side of the current page.
PAGER_SPAN = 2


@dataclass(frozen=True)
class PageLink:
    """One numbered link of a pager."""

    number: int
    url: str
    current: bool


@dataclass
class Pagination:
    """One page of a paginated list."""

    number: int
    count: int
    items: list[Any]
    urls: list[str]  # URL of every page, page 1 first

    @property
    def previous_url(self) -> str | None:
        """Return the previous page's URL."""
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """Return the next page's URL."""
        return self.urls[self.number] if self.number < self.count else None

    @property
    def links(self) -> list[PageLink | None]:
        """Return the pager's links: first, last and two either side of this page; None for a gap."""
        # A long list (200 pages) would otherwise put 200 links in every pager.
        shown = {1, self.count, *range(self.number - PAGER_SPAN, self.number + PAGER_SPAN + 1)}
        out: list[PageLink | None] = []
        for number in sorted(n for n in shown if 1 <= n <= self.count):
            if out and out[-1] is not None and number > out[-1].number + 1:
                out.append(None)
            out.append(PageLink(number, self.urls[number - 1], number == self.number))
        return out


def head(
    site: Site, alternates: list[Alternate], path: str, *, indexed: bool = True, canonical: str | None = None
) -> dict[str, Any]:
    """Return the head data of a page: canonical, hreflang, og:locale, robots."""
    pairs = hreflang(site, alternates) if indexed else []
    return {
        "page_url": site.url(path),
        "canonical": canonical or site.url(path),
        "alternates": alternates,
        "hreflang": pairs,
        "og_alternates": [a.language.og_locale for a in alternates if a.exists and not a.current],
        "noindex": not indexed,
    }
