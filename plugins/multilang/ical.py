"""iCalendar files of the events: one per event, and per language a feed of every event and one per category.

Built with the `icalendar` library. Times carry their TZID (the event's
Time_zone, Asia/Ho_Chi_Minh unless it names another) with a VTIMEZONE; all-day
events are days (DTEND the day after the last). Nothing depends on the wall
clock: UID is the event's key at the site's host, DTSTAMP and LAST-MODIFIED are
the item's Modified (else Date), so two builds of the same content give the
same bytes and an incremental build equals a cold one.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from model.site import Site, Story
from model.types import TYPES
from model.values import DEFAULT_ZONE

from . import urls
from .catalogue import in_language, label, listed

if TYPE_CHECKING:  # icalendar and bs4 load only when a calendar is written
    import icalendar

EVENT = "event"  # the content type whose items are calendar entries
PRODID = "-//quangba//events//EN"
# ical STATUS by the event-statuses vocabulary; the rest are CONFIRMED
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def item_path(item: Any) -> str:
    """Return the path of an event's own .ics, beside its page: "en/events/<slug>/<key>.ics"."""
    return f"{item.page_path}{item.story.key}.ics"


def feed_path(site: Site, code: str) -> str:
    """Return the path of a language's calendar of every event: "en/events/events-en.ics"."""
    return urls.download(site.language(code), EVENT, "ics")


def category_path(site: Site, code: str, category: str) -> str:
    """Return the path of a language's calendar of one category: "en/events/events-en-festival.ics"."""
    return feed_path(site, code)[: -len(".ics")] + f"-{category}.ics"


def feeds(site: Site, code: str) -> list[tuple[str | None, str, list[Any]]]:
    """Return a language's calendar feeds as (category, None for all; path; items), all first."""
    items = listed(site, EVENT, code)
    if not items:
        return []
    out: list[tuple[str | None, str, list[Any]]] = [(None, feed_path(site, code), items)]
    by_category: dict[str, list[Any]] = {}
    for item in items:
        category = (item.data or {}).get("category")
        if category:
            by_category.setdefault(category, []).append(item)
    for category in sorted(by_category):
        out.append((category, category_path(site, code, category), by_category[category]))
    return out


def category_label(site: Site, category: str, code: str) -> str:
    """Return an event category's name in a language (its vocabulary's label)."""
    spec = TYPES[EVENT].field("category")
    return label(site, spec, category, code) if spec is not None else category


def zone(data: dict[str, Any]) -> zoneinfo.ZoneInfo:
    """Return an event's time zone: its Time_zone, else Vietnam's."""
    return zoneinfo.ZoneInfo(data.get("time_zone") or DEFAULT_ZONE)


def _utc(value: dt.datetime | None) -> dt.datetime:
    """Return a date-time in UTC (the Unix epoch for none): DTSTAMP, LAST-MODIFIED."""
    if value is None:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _times(data: dict[str, Any]) -> tuple[dt.date, dt.date | None]:
    """Return DTSTART and DTEND: days for an all-day event (end exclusive), else times in its zone."""
    start, end = data["start"], data.get("end")
    if not isinstance(start, dt.datetime):
        last = end if end is not None and not isinstance(end, dt.datetime) else start
        return start, last + dt.timedelta(days=1)
    tz = zone(data)

    def local(value: dt.datetime) -> dt.datetime:
        return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)

    return local(start), local(end) if isinstance(end, dt.datetime) else None


def vevent(site: Site, item: Any, code: str) -> icalendar.Event:
    """Return one event's VEVENT in a language."""
    story: Story = item.story
    data = item.data or {}
    import icalendar

    event = icalendar.Event()
    host = urlsplit(site.siteurl).hostname or "quangba.invalid"
    event.add("uid", f"{story.key}@{host}")
    changed = _utc(story.modified or story.date)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    start, end = _times(data)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", item.title)
    if getattr(item, "summary", None):
        event.add("description", _plain(item.summary))
    if item.override_url.startswith(("https://", "http://")):  # not in development (SITEURL "")
        event.add("url", item.override_url)
    place = ", ".join(str(data[key]) for key in ("venue", "venue_address") if data.get(key))
    if place:
        event.add("location", place)
    if data.get("venue_coordinates"):
        event.add("geo", data["venue_coordinates"])
    event.add("status", STATUS.get(data.get("event_status", ""), "CONFIRMED"))
    if data.get("category"):
        event.add("categories", [category_label(site, data["category"], code)])
    return event


def _plain(html: str) -> str:
    """Return text without tags (a Summary is inline Markdown rendered to HTML)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text().strip()


def calendar(site: Site, items: list[Any], code: str, name: str) -> bytes:
    """Return an iCalendar file of events in a language, with the VTIMEZONEs their times need."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for item in sorted(items, key=lambda i: i.story.key):
        cal.add_component(vevent(site, item, code))
    cal.add_missing_timezones()
    # icalendar adds the zones in set order (it varies with the process's hash
    # seed): sort them by TZID so the same events always give the same bytes.
    zones = sorted((c for c in cal.subcomponents if c.name == "VTIMEZONE"), key=lambda c: str(c["TZID"]))
    cal.subcomponents[:] = zones + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    return cal.to_ical()


def files(site: Site, names: dict[str, str]) -> dict[str, bytes]:
    """Return {path: bytes} of every event's .ics and each language's feeds (names: code -> title)."""
    out: dict[str, bytes] = {}
    for language in site.languages:
        code = language.code
        for story in site.collections.get(EVENT, []):
            item = in_language(site, story, code) if story.published else None
            if item is not None:
                out[item_path(item)] = calendar(site, [item], code, item.title)
        name = names.get(code, "")
        for category, path, items in feeds(site, code):
            title = f"{name} – {category_label(site, category, code)}" if category else name
            out[path] = calendar(site, items, code, title)
    return out
