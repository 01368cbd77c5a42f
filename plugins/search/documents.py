"""Turn the site model into the documents the index is built from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from model.site import Site, Story
from multilang.urls import save_as

from .folding import fold_stroke, split_katakana
from .settings import SearchSettings

TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>|&nbsp;|&#160;", re.S)


@dataclass(frozen=True)
class Document:
    """One searchable page: where it is published, its language and what Pagefind reads."""

    save_as: str  # the page's output file, e.g. "en/culture/khai-ha-festival/index.html"
    lang: str  # the language code of its text, which picks its index
    html: str  # a small HTML page: metadata, filters and the story's text, nothing else


def documents(site: Site, options: SearchSettings, timezone: str) -> Iterator[Document]:
    """Yield a document for every real, listed version of every story (and page)."""
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


def page_html(story: Story, version: Any, lang: str, zone: ZoneInfo) -> str:
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
    summary = version.metadata.get("summary") or ""
    # The stored HTML, not the .content property: that one re-resolves Pelican's
    # {filename} links on every read, and links do not matter to the index.
    content = version._content or ""
    body = f"<div>{summary}</div>\n{content}" if summary else content
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


def _meta(kind: str, name: str, value: str) -> str:
    """Return a <meta> element giving Pagefind one metadata, filter or sort value."""
    return f'<meta {kind}="{name}[content]" content="{escape(fold_stroke(value), quote=True)}">'


def _local(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return a date in the site's time zone (a naive date is already local)."""
    return value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=zone)
