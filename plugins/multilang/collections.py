"""Collection items (projects, parks, documents…): typed values by their declaration, order, derived fields.

The reader reads an item like a story (Pelican's reader, sanitised body,
fallbacks, links); this module gives it what its type declares: `story.data`,
the language-neutral values written once in the source file, and each
version's `data`, those plus its own translatable ones, typed by
model/values.py (numbers, whole amounts, dates, term ids, files with their sizes).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from model import photos, validate
from model.site import Site, Story
from model.sources import Bundle, Document
from model.types import BASE_KEYS, TYPES, ContentType
from model.values import DEFAULT_ZONE, BadValue, Context, FileRef, instant, parse

# legal-force vocabulary ids the engine derives from a document's dates
IN_FORCE, EXPIRED, NOT_YET = "in-force", "expired", "not-yet-in-force"


def typed(ctype: ContentType, doc: Document, ctx: Context, *, neutral: bool) -> dict[str, Any]:
    """Return a file's typed values of the neutral (or the translatable) declared fields."""
    out: dict[str, Any] = {}
    for spec in ctype.fields:
        if spec.neutral != neutral or spec.key in BASE_KEYS:
            continue
        raw = doc.get(spec.key)
        if not raw:
            continue
        if spec.kind == photos.PHOTOS:  # one entry a line: read from the lines, not the joined value
            out[spec.key] = photos.read_photos(doc, spec)[0]
            continue
        if spec.kind == photos.TEXTS:
            out[spec.key] = photos.read_texts(doc, spec)[0]
            continue
        try:
            out[spec.key] = parse(spec, raw, ctx)
        except BadValue:
            continue  # validated already: a bundle with an error is not read
    return out


def attach(story: Story, bundle: Bundle, site: Site, options: validate.Options) -> None:
    """Give a collection item its typed values: story.data (neutral) and each version's data."""
    ctype = TYPES[story.kind]
    ctx = Context(site, bundle, options.years)
    source = bundle.doc(story.source_lang)
    story.data = typed(ctype, source, ctx, neutral=True)
    derive(ctype, story.data, site.build_date)
    for lang, version in story.versions.items():
        data = dict(story.data)
        data.update(typed(ctype, bundle.doc(lang), ctx, neutral=False))
        version.data = data
        for key in ctype.neutral_keys:
            if key in source.fields and key not in ("date", "status"):
                version.metadata[key] = source.fields[key].value


def derive(ctype: ContentType, data: dict[str, Any], today: dt.date | None = None) -> None:
    """Fill what the engine derives: times in their zone, whether an event is past, a document's force."""
    today = today or dt.date.today()
    if ctype.field("start") is not None and "start" in data:
        tz = ZoneInfo(data.get("time_zone") or DEFAULT_ZONE)
        for key in ("start", "end"):
            if isinstance(data.get(key), dt.datetime):
                data[key] = instant(data[key], tz).astimezone(tz)
        if ctype.field("event_status") is not None:
            data.setdefault("event_status", "scheduled")
        last = data.get("end") or data["start"]
        data["past"] = (last.astimezone(tz).date() if isinstance(last, dt.datetime) else last) < today
    if ctype.field("force") is None or "force" in data or "issued" not in data:
        return
    if data.get("expires") is not None and data["expires"] < today:
        data["force"] = EXPIRED
    elif data.get("effective", data["issued"]) > today:
        data["force"] = NOT_YET
    else:
        data["force"] = IN_FORCE


def sort_key(story: Story) -> tuple[Any, str]:
    """Order items newest first: by their declared order field (Issued), else Date."""
    order = TYPES[story.kind].order
    when = story.data.get(order) if order != "date" else story.date
    if isinstance(when, dt.datetime):
        when = when.date()
    return (when or dt.date.min, story.key)


def order(site: Site) -> None:
    """Sort every collection newest first; events upcoming first (soonest first), then past (latest first)."""
    for items in site.collections.values():
        items.sort(key=sort_key, reverse=True)
        if any("past" in item.data for item in items):
            upcoming = [item for item in items if not item.data.get("past")]
            items[:] = upcoming[::-1] + [item for item in items if item.data.get("past")]


def declared_files(story: Story) -> set[str]:
    """Return the names of the files an item's fields name (published with it, linked or not)."""
    names = set()
    for data in [story.data, *(getattr(v, "data", None) or {} for v in story.versions.values())]:
        for value in data.values():
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, FileRef):
                    names.add(one.name)
    return names
