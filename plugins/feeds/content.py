"""What a feed says of a story: sanitised HTML with absolute URLs, dates, cover, author."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from model.sanitise import clean_for_feed
from model.types import TYPES

from .settings import FeedsSettings

# Characters XML 1.0 forbids; a stray one would make a whole feed unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return text without the control characters XML cannot carry."""
    return _XML_INVALID.sub("", text or "")


def sanitise(html: str, base_url: str) -> str:
    """Return html cleaned to the feed allow-list (model/sanitise.py), every URL absolute against base_url.

    Feed readers and partner portals render it in their own pages: structure,
    text-level semantics, tables and images; no scripts, styles, forms, frames
    or event handlers.
    """
    return clean_for_feed(xml_text(html), base_url)


@dataclass(frozen=True)
class Image:
    """An image a feed links to, with what enclosures need to know."""

    url: str
    type: str
    length: int
    width: int | None = None
    height: int | None = None


def cover(story: Any, settings: FeedsSettings) -> Image | None:
    """Return the story's cover derivative, as the images plugin describes it (or None)."""
    data = getattr(story, "cover_image", None)
    if not isinstance(data, dict) or not data.get("url"):
        return None
    try:
        length = int(data.get("length") or 0)
    except (TypeError, ValueError):
        length = 0
    return Image(
        url=settings.absolute(str(data["url"])),
        type=str(data.get("type") or "image/jpeg"),
        length=length,
        width=_int(data.get("width")),
        height=_int(data.get("height")),
    )


def social_image(story: Any, settings: FeedsSettings) -> Image | None:
    """Return the story's social card (1200×630), else its cover, else None."""
    data = getattr(story, "social_image", None)
    if isinstance(data, dict) and data.get("url"):
        return Image(
            settings.absolute(str(data["url"])),
            str(data.get("type") or "image/jpeg"),
            _int(data.get("length")) or 0,
            _int(data.get("width")),
            _int(data.get("height")),
        )
    return cover(story, settings)


def _int(value: Any) -> int | None:
    """Return value as an int, or None."""
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def published(item: Any) -> dt.datetime:
    """Return when a story was published (timezone-aware); a document without Date: its Issued."""
    story = item.story
    when = story.date
    if when is None and getattr(story, "kind", "") in TYPES and TYPES[story.kind].collection:
        when = story.data.get(TYPES[story.kind].order)
    return _aware(when or dt.date(2000, 1, 1))


def updated(item: Any) -> dt.datetime:
    """Return the last substantive change of a story version: its Modified, the story's, else its date."""
    found = last_change(item)
    return found if found is not None else published(item)


def last_change(item: Any) -> dt.datetime | None:
    """Return the latest of a version's dates (None for a static page without any)."""
    candidates = [item.story.date, item.story.modified, getattr(item, "modified", None)]
    dates = [_aware(value) for value in candidates if value is not None]
    if item.story.date is None and dates:  # a document: its Issued counts too
        dates.append(published(item))
    return max(dates) if dates else None


def _aware(value: dt.datetime | dt.date) -> dt.datetime:
    """Return a timezone-aware datetime (Pelican gives aware ones when TIMEZONE is set)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def entry_id(item: Any, settings: FeedsSettings) -> str:
    """Return an entry id that survives slug and title changes: translation key + language."""
    story = item.story
    where = f"{story.section}/{story.key}" if story.section else story.key
    kind = getattr(story, "kind", "story")
    if kind in TYPES and TYPES[kind].collection:  # a collection item: "project/<key>"
        where = f"{kind}/{story.key}"
    return f"tag:{settings.tag_authority},{published(item).year}:{where}/{item.lang}"
