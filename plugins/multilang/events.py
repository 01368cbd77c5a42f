"""Event and destination pages beyond the generic collection pages: times, month views, home blocks.

An event's time is formatted for the page's language by Babel, in its own
time zone and in Vietnam time, the zone named ("Giờ Việt Nam", "ベトナム時間")
with its UTC offset. Month pages (/en/events/2027-02/) list each month's
events day by day without JavaScript, for the months that have events and the
build month, each linking the previous and next one. The home page shows the
next events (upcoming by the build date, never a cancelled one) and a few
destinations, `Featured: yes` first, in the languages that have them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_timezone_gmt,
    get_timezone_location,
)
from model import config as cfg
from model.errors import ConfigError
from model.site import Language, Site
from model.types import TYPES
from model.values import DEFAULT_ZONE

from . import ical, urls
from .catalogue import listed

EVENT, DESTINATION = "event", "destination"
CANCELLED = "cancelled"
VIETNAM = zoneinfo.ZoneInfo(DEFAULT_ZONE)


@dataclass(frozen=True)
class When:
    """An event's time as a page shows it: text in a zone, the zone's name and offset, ISO values."""

    text: str  # "Thursday, July 10, 2025 08:00 – 11:30"
    zone: str  # "Vietnam Time", empty for all-day events (days have no zone)
    offset: str  # "GMT+07:00"
    start_iso: str
    end_iso: str
    all_day: bool


def _zone(data: dict[str, Any]) -> zoneinfo.ZoneInfo:
    """Return an event's time zone: its Time_zone, else Vietnam's."""
    return zoneinfo.ZoneInfo(data.get("time_zone") or DEFAULT_ZONE)


def _days(start: dt.date, end: dt.date | None, locale: Locale) -> str:
    """Return a day or a range of days in a language ("27 – 29 thg 1, 2023")."""
    if end is None or end == start:
        return format_date(start, "full", locale=locale)
    return format_interval(start, end, "yMMMMEEEEd", locale=locale)


def _times(start: dt.datetime, end: dt.datetime | None, tz: dt.tzinfo, locale: Locale) -> str:
    """Return a date-time or a range of them in a zone, in a language (its own 12- or 24-hour clock)."""
    start = start.astimezone(tz)
    day = format_date(start, "full", locale=locale)
    begin = format_time(start, "short", tzinfo=tz, locale=locale)
    if end is None:
        return f"{day} {begin}"
    end = end.astimezone(tz)
    if end.date() == start.date():
        skeleton = "hm" if "h" in str(locale.time_formats["short"]) else "Hm"
        return f"{day} {format_interval(start.time(), end.time(), skeleton, locale=locale)}"
    last = format_date(end, "full", locale=locale)
    return f"{day} {begin} – {last} {format_time(end, 'short', tzinfo=tz, locale=locale)}"


def when(data: dict[str, Any], locale: Locale, tz: zoneinfo.ZoneInfo | None = None) -> When | None:
    """Return an event's time in a language, in `tz` (its own zone when None)."""
    start, end = data.get("start"), data.get("end")
    if start is None:
        return None
    if not isinstance(start, dt.datetime):
        last = end if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else None
        return When(_days(start, last, locale), "", "", start.isoformat(), (last or start).isoformat(), True)
    tz = tz or _zone(data)
    stop = end if isinstance(end, dt.datetime) else None
    return When(
        _times(start, stop, tz, locale),
        get_timezone_location(tz, locale=locale, return_city=False),
        get_timezone_gmt(start.astimezone(tz), width="long", locale=locale),
        start.isoformat(),
        stop.isoformat() if stop else "",
        False,
    )


def in_vietnam(data: dict[str, Any], locale: Locale) -> When | None:
    """Return a timed event's time in Vietnam when its own zone is another one, else None."""
    if not isinstance(data.get("start"), dt.datetime) or _zone(data).key == DEFAULT_ZONE:
        return None
    return when(data, locale, VIETNAM)


def month_label(month: dt.date, locale: Locale) -> str:
    """Return a month's name and year in a language ("tháng 2 năm 2027")."""
    return format_skeleton("yMMMM", month, locale=locale)


def _first_day(value: dt.date) -> dt.date:
    """Return the first of the month of a day or date-time (in its own zone)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.replace(day=1)


def days_of(item: Any) -> list[dt.date]:
    """Return the days an event takes place on (every day from its start to its end)."""
    data = item.data or {}
    first = data["start"].date() if isinstance(data["start"], dt.datetime) else data["start"]
    end = data.get("end")
    last = (end.date() if isinstance(end, dt.datetime) else end) if end is not None else first
    return [first + dt.timedelta(days=n) for n in range(max(0, (last - first).days) + 1)]


@dataclass(frozen=True)
class Month:
    """One month page: the month, its path, its events by day, its neighbours' paths."""

    month: dt.date
    path: str
    days: tuple[tuple[dt.date, tuple[Any, ...]], ...]
    previous: dt.date | None
    next: dt.date | None

    @property
    def items(self) -> list[Any]:
        """Return each event the month shows once, in order."""
        seen: dict[int, Any] = {}
        for _, items in self.days:
            for item in items:
                seen.setdefault(id(item), item)
        return list(seen.values())


def month_path(language: Language, month: dt.date) -> str:
    """Return the path of a month's page: "en/events/2027-02/"."""
    return f"{urls.collection(language, EVENT)}{month:%Y-%m}/"


def months(site: Site, language: Language) -> list[Month]:
    """Return a language's month pages: months with events and the build month, oldest first."""
    items = listed(site, EVENT, language.code)
    if not items:
        return []
    by_day: dict[dt.date, list[Any]] = defaultdict(list)
    for item in items:
        for day in days_of(item):
            by_day[day].append(item)
    wanted = sorted({day.replace(day=1) for day in by_day} | {site.build_date.replace(day=1)})
    out = []
    for n, month in enumerate(wanted):
        days = tuple(
            (day, tuple(sorted(by_day[day], key=_start_key)))
            for day in sorted(by_day)
            if day.replace(day=1) == month
        )
        previous = wanted[n - 1] if n else None
        after = wanted[n + 1] if n + 1 < len(wanted) else None
        out.append(Month(month, month_path(language, month), days, previous, after))
    return out


def _start_key(item: Any) -> tuple[str, str]:
    """Order a day's events: all-day first, then by their start instant."""
    start = (item.data or {})["start"]
    text = start.astimezone(dt.UTC).isoformat() if isinstance(start, dt.datetime) else ""
    return (text, item.story.key)


def month_page(site: Site, month: Month, code: str) -> tuple[dict[str, str], dict[str, Any]]:
    """Return a month page's paths in every language that has it and its context (neighbours, calendar)."""
    language = site.language(code)
    paths = {}
    for other in site.languages:
        if any(m.month == month.month for m in months(site, other)):
            paths[other.code] = month_path(other, month.month)
    ctx: dict[str, Any] = {"month": month, "ctype": TYPES[EVENT]}
    for key, when in (("previous", month.previous), ("next", month.next)):
        ctx[key] = (when, site.url(month_path(language, when))) if when else None
    ctx["calendar_url"] = site.url(ical.feed_path(site, code))
    return paths, ctx


def item_context(site: Site, item: Any, code: str) -> dict[str, str]:
    """Return an event page's links: its .ics, the language's calendar, its month's page (when it has one)."""
    language = site.language(code)
    out = {"calendar_url": site.url(ical.item_path(item))}
    if listed(site, EVENT, code):
        out["feed_calendar_url"] = site.url(ical.feed_path(site, code))
    month = month_path(language, _first_day(item.story.data["start"]))
    if month in {m.path for m in months(site, language)}:  # not for a hidden event alone in its month
        out["month_url"] = site.url(month)
    return out


def home_counts(settings: dict[str, Any]) -> tuple[int, int]:
    """Return how many events and destinations the home page shows (validated: whole numbers ≥ 0)."""
    out = []
    for name in ("MULTILANG_HOME_EVENTS", "MULTILANG_HOME_DESTINATIONS"):
        value = cfg.get(settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{name} must be a whole number, 0 or more, not {value!r}")
        out.append(value)
    return out[0], out[1]


def _featured_first(items: list[Any]) -> list[Any]:
    """Return items with `Featured: yes` first, each group in its list order."""
    return sorted(items, key=lambda item: (item.data or {}).get("featured") != "yes")


def home_events(site: Site, code: str, count: int) -> list[Any]:
    """Return the next events a language's home page shows: upcoming, not cancelled, translated."""
    items = [
        item
        for item in listed(site, EVENT, code)
        if not item.is_fallback
        and not (item.data or {}).get("past")
        and (item.data or {}).get("event_status") != CANCELLED
    ]
    return _featured_first(items)[:count]


def home_destinations(site: Site, code: str, count: int) -> list[Any]:
    """Return the destinations a language's home page shows: featured first, translated."""
    items = [item for item in listed(site, DESTINATION, code) if not item.is_fallback]
    return _featured_first(items)[:count]


def first_day(value: dt.date) -> dt.date:
    """Return the first of a value's month (for templates: an event's month page)."""
    return _first_day(value)
