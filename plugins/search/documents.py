"""Turn the site model into the documents the index is built from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from model.site import Site, Story
from model.types import TYPES, ContentType
from multilang.urls import save_as

from .folding import fold_stroke, split_katakana
from .settings import SearchSettings

TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>|&nbsp;|&#160;", re.S)
# The declared vocabulary fields a collection item is filtered by, where its type has them.
TERM_FILTERS = ("sector", "category")
# (collection type name, language) -> the collection's name in that language.
Names = Callable[[str, str], str]


@dataclass(frozen=True)
class Document:
    """One searchable page: where it is published, its language and what Pagefind reads."""

    save_as: str  # the page's output file, e.g. "en/culture/khai-ha-festival/index.html"
    lang: str  # the language code of its text, which picks its index
    html: str  # a small HTML page: metadata, filters and the story's text, nothing else


def documents(
    site: Site, options: SearchSettings, timezone: str, names: Names | None = None
) -> Iterator[Document]:
    """Yield a document for every real, listed version of every story (and page) and collection item."""
    names = names or (lambda kind, lang: kind)
    zone = ZoneInfo(timezone)
    items = site.stories + (site.pages if options.include_pages else [])
    for story in items:
        # Drafts are not published; hidden stories are published but kept out
        # of lists, feeds and search engines, so out of search too.
        if not story.listed:
            continue
        # Only real translations: fallbacks (site.fallbacks) are copies of the
        # source version, which is already indexed in its own language.
        for lang, version in story.versions.items():
            yield Document(save_as(version.page_path), lang, page_html(story, version, lang, zone))
    for name in sorted(site.collections):
        for story in site.collections[name]:
            if not story.listed:
                continue
            for lang, version in story.versions.items():
                filters = item_filters(site, TYPES[story.kind], version.data or story.data, lang, names)
                html = page_html(story, version, lang, zone, filters)
                yield Document(save_as(version.page_path), lang, html)


def item_filters(
    site: Site, ctype: ContentType, data: dict[str, Any], lang: str, names: Names
) -> list[tuple[str, str]]:
    """Return a collection item's filters in lang: its type, its terms and where it is."""
    filters = [("type", names(ctype.name, lang))]
    for key in (*TERM_FILTERS, "location"):
        spec = ctype.field(key)
        value = data.get(key)
        if spec is None or spec.kind != "vocab" or not value:
            continue
        vocabulary = site.vocabularies.get(spec.vocab)
        for term in value if isinstance(value, list | tuple) else [value]:
            filters.append((key, vocabulary.label(term, lang) if vocabulary else str(term)))
    if data.get("commune"):
        filters.append(("location", str(data["commune"])))
    return filters


def page_html(
    story: Story, version: Any, lang: str, zone: ZoneInfo, filters: Sequence[tuple[str, str]] = ()
) -> str:
    """Return the HTML Pagefind indexes for one version, with đ folded."""
    head = [
        _meta("data-pagefind-meta", "title", version.title),
        # Pagefind would take the first image of the body as metadata, and all
        # metadata is searchable: a file name would then match queries.
        _meta("data-pagefind-meta", "image", ""),
        _meta("data-pagefind-meta", "image_alt", ""),
    ]
    if story.date is not None:
        day = _local(story.date, zone)
        # One token, so a year typed as a query matches it by prefix and a day
        # of the month ("15") does not match every story published on the 15th.
        stamp = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        head.append(_meta("data-pagefind-meta", "date", stamp))
        head.append(_meta("data-pagefind-sort", "date", f"{stamp}{day.hour:02d}{day.minute:02d}"))
    if story.section:
        head.append(_meta("data-pagefind-filter", "section", story.section))
    if story.agency:
        head.append(_meta("data-pagefind-filter", "agency", story.agency))
    # A collection item's filters, its values also in the text: "energy" finds the energy projects.
    # Filter values are matched whole, not split into words: kept as written, đ included.
    head.extend(_meta("data-pagefind-filter", name, value, fold=False) for name, value in filters)
    facts = " · ".join(escape(value) for name, value in filters if name != "type")
    summary = version.metadata.get("summary") or ""
    # The stored HTML, not the .content property: that one re-resolves Pelican's
    # {filename} links on every read, and links do not matter to the index.
    content = version._content or ""
    body = f"<div>{summary}</div>\n{content}" if summary else content
    if facts:
        body = f"<p>{facts}</p>\n{body}"
    if not TAG_RE.sub("", body).strip():
        # Pagefind skips a page without text, and a language's index must hold
        # every page it was given: a story without text is found by its title.
        body = f"<p>{escape(version.title or story.key)}</p>"
    if lang == "ja":
        body = split_katakana(body)  # every katakana word whole, whatever the dictionary makes of it
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n{fold_stroke(body)}\n</body>\n</html>\n"
    )


def _meta(kind: str, name: str, value: str, fold: bool = True) -> str:
    """Return a <meta> element giving Pagefind one metadata, filter or sort value."""
    text = fold_stroke(value) if fold else value
    return f'<meta {kind}="{name}[content]" content="{escape(text, quote=True)}">'


def _local(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return a date in the site's time zone (a naive date is already local)."""
    return value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=zone)
