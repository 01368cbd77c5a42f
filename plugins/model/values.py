"""Typed values of the structured kinds: one parser per kind, used by the validator and the engine.

`parse` turns a header value into what templates and downloads use (a number,
a whole amount, a date, a term id, a file…) or raises `BadValue` with the
message and the fix, which model.validate reports at the field's line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import re
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Finding, make
from .sources import INDEX_RE, Bundle, Document
from .types import TYPES, ContentType, FieldSpec

NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
# Whole amounts: plain digits, or groups of three separated by spaces, dots, commas or underscores.
AMOUNT_RE = re.compile(r"^\d{1,3}(?:([ .,_\u00a0\u202f])\d{3})?(?:\1\d{3})*$|^\d+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadValue(ValueError):
    """A value its field's kind cannot take: the message and how to fix it."""

    def __init__(self, message: str, hint: str | None = None, rule: str = "metadata.bad-value"):
        super().__init__(message)
        self.message, self.hint, self.rule = message, hint, rule


@dataclass(frozen=True)
class FileRef:
    """A file a field names, in the item's folder."""

    name: str
    size: int  # bytes

    @property
    def extension(self) -> str:
        """Return the upper-case extension without its dot: PDF."""
        return os.path.splitext(self.name)[1].lstrip(".").upper()


@dataclass(frozen=True)
class Context:
    """What parsing needs beyond the value: the site's registries and the item's folder."""

    site: Any  # model.site.Site
    bundle: Bundle | None
    years: tuple[int, int] = (1945, 2100)


def parse(spec: FieldSpec, raw: str, ctx: Context) -> Any:
    """Return the typed value of a header value by its field's kind; raise BadValue when it is wrong."""
    parser = PARSERS.get(spec.kind)
    if parser is None:
        return raw
    if spec.multiple:
        values = [v.strip() for v in raw.split(",") if v.strip()]
        return [parser(spec, value, ctx) for value in values]
    return parser(spec, raw.strip(), ctx)


def _number(spec: FieldSpec, raw: str, ctx: Context) -> int | float:
    """Parse a decimal number with a dot and check its range."""
    text = raw.replace(" ", "")
    if not NUMBER_RE.match(text):
        hint = "Write digits with a dot for decimals and no unit: `12.5`"
        if re.match(r"^-?\d+,\d+$", text):
            hint = f"Write the decimal with a dot: `{text.replace(',', '.')}`"
        raise BadValue(
            f"{spec.name} “{raw}” is not a number" + (f" (in {spec.unit})" if spec.unit else ""), hint
        )
    value = float(text)
    _range(spec, value, raw)
    return int(value) if value.is_integer() and "." not in text else value


def _range(spec: FieldSpec, value: float, raw: str) -> None:
    """Check a number against its field's bounds."""
    unit = f" {spec.unit}" if spec.unit else ""
    if spec.above is not None and not value > spec.above:
        raise BadValue(
            f"{spec.name} {raw}{unit} must be greater than {_plain(spec.above)}{unit}",
            "Check the figure and its unit (docs/content-types.md); leave the field out when it is unknown",
        )
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        low = _plain(spec.minimum) if spec.minimum is not None else "…"
        high = _plain(spec.maximum) if spec.maximum is not None else "…"
        raise BadValue(
            f"{spec.name} {raw}{unit} is outside {low}–{high}{unit}",
            "Check the figure and its unit (docs/content-types.md)",
        )


def _plain(value: float) -> str:
    return f"{value:g}"


def _money(spec: FieldSpec, raw: str, ctx: Context) -> int:
    """Parse a whole amount of money (thousands may be grouped) and check its range."""
    if not AMOUNT_RE.match(raw):
        raise BadValue(
            f"{spec.name} “{raw}” is not a whole amount of {spec.unit or 'money'}",
            "Write digits only, thousands grouped by spaces if you like: `1500000000000` or "
            "`1 500 000 000 000`; no currency sign, no decimals",
        )
    value = int(re.sub(r"\D", "", raw))
    _range(spec, value, raw)
    return value


def _coordinates(spec: FieldSpec, raw: str, ctx: Context) -> tuple[float, float]:
    """Parse WGS84 'lat, lon' in decimal degrees."""
    parts = [p.strip() for p in raw.split(",")]
    hint = "Write `latitude, longitude` in decimal degrees (WGS84), e.g. `20.8517, 105.5085`"
    if len(parts) != 2 or not all(NUMBER_RE.match(p) for p in parts):
        raise BadValue(f"{spec.name} “{raw}” is not `latitude, longitude`", hint)
    lat, lon = float(parts[0]), float(parts[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        raise BadValue(
            f"{spec.name} “{raw}” is outside the globe (latitude −90…90, longitude −180…180)",
            "Latitude comes first: swap the two numbers" if swapped else hint,
        )
    box = getattr(ctx.site, "bbox", None)  # (south, west, north, east): MULTILANG_BOUNDING_BOX
    if box and not _inside(box, lat, lon):
        swapped = _inside(box, lon, lat)
        raise BadValue(
            f"{spec.name} “{raw}” is outside the province (latitude {box[0]:g}–{box[2]:g}, "
            f"longitude {box[1]:g}–{box[3]:g}, MULTILANG_BOUNDING_BOX)",
            f"Latitude comes first: write `{parts[1]}, {parts[0]}`"
            if swapped
            else "Check the point on a map (WGS84 decimal degrees, latitude first)",
            rule="metadata.out-of-area",
        )
    return lat, lon


def _inside(box: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    return box[0] <= lat <= box[2] and box[1] <= lon <= box[3]


def _date(spec: FieldSpec, raw: str, ctx: Context) -> dt.date:
    """Parse an ISO date (YYYY-MM-DD) within the site's years."""
    try:
        day = dt.date.fromisoformat(raw) if DATE_RE.match(raw) else None
    except ValueError:
        day = None
    if day is None:
        raise BadValue(
            f"`{spec.name}: {raw}` is not an ISO date",
            "Write year-month-day: `2023-09-25`",
            rule="metadata.bad-date",
        )
    if not ctx.years[0] <= day.year <= ctx.years[1]:
        raise BadValue(
            f"`{spec.name}: {raw}` is outside the years {ctx.years[0]}–{ctx.years[1]} (MULTILANG_DATE_RANGE)",
            rule="metadata.date-out-of-range",
        )
    return day


def _moment(spec: FieldSpec, raw: str, ctx: Context) -> dt.date | dt.datetime:
    """Parse an event's day (all day) or ISO date-time, with or without an offset."""
    try:
        when: dt.date = dt.date.fromisoformat(raw) if DATE_RE.match(raw) else dt.datetime.fromisoformat(raw)
    except ValueError:
        raise BadValue(
            f"`{spec.name}: {raw}` is not an ISO date or date-time",
            "Write `2025-02-04` for an all-day event, or `2025-02-04 08:00` (in the event's Time_zone) "
            "or `2025-02-04T08:00+07:00`",
            rule="metadata.bad-date",
        ) from None
    if isinstance(when, dt.datetime) and when.tzinfo is not None:
        offset = when.utcoffset() or dt.timedelta(0)
        if abs(offset) > dt.timedelta(hours=14):
            raise BadValue(
                f"`{spec.name}: {raw}` has an offset no place on Earth uses", rule="metadata.bad-date"
            )
    if not ctx.years[0] <= when.year <= ctx.years[1]:
        raise BadValue(
            f"`{spec.name}: {raw}` is outside the years {ctx.years[0]}–{ctx.years[1]} (MULTILANG_DATE_RANGE)",
            rule="metadata.date-out-of-range",
        )
    return when


def _timezone(spec: FieldSpec, raw: str, ctx: Context) -> str:
    """Return an IANA time zone name."""
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadValue(
            f"{spec.name} “{raw}” is not an IANA time zone",
            "Write a zone such as `Asia/Ho_Chi_Minh`, or leave the field out for Vietnam time",
        ) from None
    return raw


def _url(spec: FieldSpec, raw: str, ctx: Context) -> str:
    """Return an absolute https (or http) address."""
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", raw):
        raise BadValue(f"{spec.name} “{raw}” is not a web address", "Write the full address: `https://…`")
    return raw


def _vocab(spec: FieldSpec, raw: str, ctx: Context) -> str:
    """Return the term id a value names in its field's vocabulary."""
    vocab = ctx.site.vocabularies.get(spec.vocab)
    if vocab is None:
        raise BadValue(
            f"{spec.name}: the vocabulary {spec.vocab!r} is not in data/vocabularies.yml",
            f"Add `{spec.vocab}:` with its terms to data/vocabularies.yml",
        )
    found = vocab.find(raw)
    if found is None:
        near = difflib.get_close_matches(raw, list(vocab.terms), n=3, cutoff=0.5)
        known = near or list(vocab.terms)[:8]
        raise BadValue(
            f"{spec.name} “{raw}” is not in the {spec.vocab} vocabulary",
            f"Use one of {', '.join(known)}{'' if near else ' …'} (data/vocabularies.yml), "
            "or add the term there with a name in every language",
        )
    return found


def _agency(spec: FieldSpec, raw: str, ctx: Context) -> str:
    """Return an agency id (or an outside body's, when the field allows them)."""
    site = ctx.site
    known = list(site.agencies) + [o.id for o in site.owners] + (list(site.bodies) if spec.external else [])
    if raw in known:
        return raw
    near = difflib.get_close_matches(raw, known, n=1)
    raise BadValue(
        f"unknown {spec.name} '{raw}': not in {site.agencies_file or 'the agency registry'}",
        f"Did you mean “{near[0]}”? Ids are in data/agencies.yml"
        + (" (agencies:, owners: or bodies:)" if spec.external else "")
        if near
        else "Use an id from data/agencies.yml"
        + (", or add the body under `bodies:`" if spec.external else ""),
        rule="metadata.unknown-agency",
    )


def _file(spec: FieldSpec, raw: str, ctx: Context) -> FileRef:
    """Return a file in the item's folder with its size."""
    bundle = ctx.bundle
    names = {p.name: p for p in bundle.files if p.parent == bundle.dir} if bundle else {}
    path = names.get(raw)
    if path is None:
        near = difflib.get_close_matches(raw, list(names), n=1)
        raise BadValue(
            f"{spec.name} “{raw}” is not a file in this item's folder",
            f"Did you mean “{near[0]}”?" if near else "Put the file beside index.<lang>.md and give its name",
        )
    return FileRef(path.name, path.stat().st_size)


def _ref(spec: FieldSpec, raw: str, ctx: Context) -> str:
    """Return the key of an existing item of the field's target type."""
    target = TYPES[spec.target]
    folder = target.collection
    tree = getattr(ctx.site, "sources", None)
    if tree is not None:
        exists = tree.has_versions(f"{folder}/{raw}")
        root = Path(tree.root)
    else:
        root = ctx.bundle.dir.parent.parent if ctx.bundle else Path("content")
        exists = _has_versions(root / folder / raw)
    if exists:
        return raw
    keys = sorted(e.name for e in os.scandir(root / folder) if e.is_dir()) if (root / folder).is_dir() else []
    near = difflib.get_close_matches(raw, keys, n=3, cutoff=0.4)
    raise BadValue(
        f"{spec.name}: no {target.name} “{raw}” in content/{folder}/",
        f"Use a folder name of content/{folder}/: {', '.join(near or keys[:5]) or '(none yet)'}",
        rule="metadata.unknown-reference",
    )


def _has_versions(folder: Path) -> bool:
    return folder.is_dir() and any(INDEX_RE.match(name) for name in os.listdir(folder))


PARSERS = {
    "number": _number,
    "money": _money,
    "coordinates": _coordinates,
    "date": _date,
    "vocab": _vocab,
    "agency": _agency,
    "file": _file,
    "ref": _ref,
    "moment": _moment,
    "timezone": _timezone,
    "url": _url,
}


def finite(value: Any) -> bool:
    """Tell whether a parsed number is a real one (not inf/nan)."""
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def value_findings(
    doc: Document, spec: FieldSpec, line: int, value: str, *, site: Any, years: tuple[int, int]
) -> Iterator[Finding]:
    """Report a structured value its kind cannot take, at its line, with the fix."""
    try:
        parse(spec, value, Context(site, doc.bundle, years))
    except BadValue as bad:
        yield make(bad.rule, doc.path, line, bad.message, hint=bad.hint)


def date_order_findings(
    doc: Document, ctype: ContentType, site: Any, years: tuple[int, int]
) -> Iterator[Finding]:
    """Report a date before the date its field may not precede (Effective before Issued, End before Start)."""
    ctx = Context(site, doc.bundle, years)
    zone = _zone(doc)
    yield from _all_day_findings(doc, ctype, ctx)
    yield from _implicit_zone_findings(doc, ctype, ctx)
    for spec in ctype.fields:
        earlier = ctype.field(spec.not_before) if spec.not_before else None
        if earlier is None or not doc.get(spec.key) or not doc.get(earlier.key):
            continue
        later_raw, earlier_raw = doc.get(spec.key) or "", doc.get(earlier.key) or ""
        try:
            later_value, earlier_value = parse(spec, later_raw, ctx), parse(earlier, earlier_raw, ctx)
        except BadValue:
            continue  # value_findings reports it
        if spec.kind == "moment":
            if _timed(later_value) != _timed(earlier_value):
                yield make(
                    "metadata.bad-value",
                    doc.path,
                    doc.field_line(spec.key),
                    f"{earlier.name} and {spec.name} must both be days (all day) or both date-times",
                    hint=f"Write `{spec.name}: 2025-02-05` for an all-day event, or give both a time",
                )
                continue
            later_value, earlier_value = instant(later_value, zone), instant(earlier_value, zone)
        if later_value < earlier_value:
            yield make(
                "metadata.date-order",
                doc.path,
                doc.field_line(spec.key),
                f"{spec.name} {later_raw} is before {earlier.name} {earlier_raw}",
            )


DEFAULT_ZONE = "Asia/Ho_Chi_Minh"  # an event's time zone when it names none


def _zone(doc: Document) -> zoneinfo.ZoneInfo:
    """Return the time zone a file's Time_zone names, else Vietnam's."""
    try:
        return zoneinfo.ZoneInfo(doc.get("time_zone") or DEFAULT_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def _timed(value: dt.date) -> bool:
    return isinstance(value, dt.datetime)


def instant(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Return a moment as an aware date-time: a day at its midnight, a time without offset in `zone`."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(), zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _implicit_zone_findings(doc: Document, ctype: ContentType, ctx: Context) -> Iterator[Finding]:
    """Warn once about a time with no offset in a file with no Time_zone (read as Vietnam time)."""
    if ctype.field("time_zone") is None or doc.get("time_zone"):
        return
    for spec in ctype.fields:
        if spec.kind != "moment" or not doc.get(spec.key):
            continue
        raw = doc.get(spec.key) or ""
        try:
            value = parse(spec, raw, ctx)
        except BadValue:
            continue  # value_findings reports it
        if _timed(value) and value.tzinfo is None:  # type: ignore[union-attr]
            yield make(
                "metadata.implicit-time-zone",
                doc.path,
                doc.field_line(spec.key),
                f"`{spec.name}: {raw}` has a time but no time zone: it is read as {DEFAULT_ZONE} time",
                hint=f"Add `Time_zone: {DEFAULT_ZONE}` (or the zone of the times), or write the offset "
                f"(`{spec.name}: {value.date().isoformat()}T{value.strftime('%H:%M')}+07:00`)",  # type: ignore[union-attr]
            )
            return


def _all_day_findings(doc: Document, ctype: ContentType, ctx: Context) -> Iterator[Finding]:
    """Report a time in a moment field of a file that says `All_day: yes`."""
    if ctype.field("all_day") is None or (doc.get("all_day") or "").lower() != "yes":
        return
    for spec in ctype.fields:
        if spec.kind != "moment" or not doc.get(spec.key):
            continue
        try:
            timed = _timed(parse(spec, doc.get(spec.key) or "", ctx))
        except BadValue:
            continue  # value_findings reports it
        if timed:
            yield make(
                "metadata.bad-value",
                doc.path,
                doc.field_line(spec.key),
                f"All_day: yes, but {spec.name} has a time",
                hint=f"Write {spec.name} as a day (`2025-02-04`), or remove `All_day: yes`",
            )
