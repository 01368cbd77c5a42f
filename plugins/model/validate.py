"""Validate sources by their declared type: the rules the engine reads by and the checker reports.

One function per concern, each yielding findings; `bundle_findings` runs them
all once per bundle and keeps the result on the bundle, so the engine and the
checker share one verdict without validating twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from . import photos
from .catalog import Level
from .findings import Finding, make
from .site import Site
from .sources import Bundle, Document
from .text import is_slug, slugify
from .types import PAGE, STORY, TYPES, ContentType, FieldSpec
from .values import PARSERS, BadValue, Context, date_order_findings, parse, value_findings

BCP47_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
HASH_RE = re.compile(r"^[0-9a-f]{8,64}$")
MIN_OFFSET, MAX_OFFSET = dt.timedelta(hours=-12), dt.timedelta(hours=14)
# C0 controls but tab and newline, DEL, C1 controls, and Unicode's noncharacters.
CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
# The same without the astral planes' noncharacters: ten times faster, and
# enough for a text with no character beyond U+FFFF (nearly every text).
BMP_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
CONTROL_SHOWN = 10  # findings per file
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


@dataclass(frozen=True)
class Options:
    """What validation needs beyond the site: time zone and the editors' extra fields."""

    timezone: ZoneInfo
    extra_fields: frozenset[str] = frozenset()  # CHECKER_EXTRA_FIELDS
    extra_required: dict[str, tuple[str, ...]] | None = None  # CHECKER_REQUIRED_FIELDS
    lang_aliases: dict[str, str] | None = None  # CHECKER_LANG_ALIASES
    years: tuple[int, int] = (1945, 2100)  # MULTILANG_DATE_RANGE
    max_tags: int = 12  # MULTILANG_MAX_TAGS


def content_type(bundle: Bundle) -> ContentType:
    """Return the declared type of a bundle."""
    return PAGE if bundle.kind == "page" else TYPES.get(bundle.kind, STORY)


def role(bundle: Bundle, doc: Document, site: Site) -> str:
    """Return "page", "source" or "translation": which fields a file must carry."""
    if bundle.kind == "page":
        return "page"
    return "source" if doc.lang == bundle.source_lang(tuple(site.codes)) else "translation"


# -- values ----------------------------------------------------------------------


def parse_date(value: str, tz: ZoneInfo) -> dt.datetime | None:
    """Parse an ISO 8601 date or date-time; a value without offset is in `tz`."""
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=tz)


def date_problem(when: dt.datetime, years: tuple[int, int]) -> str | None:
    """Say what is impossible about a parsed date: its UTC offset or its year."""
    offset = when.utcoffset() or dt.timedelta(0)
    if not MIN_OFFSET <= offset <= MAX_OFFSET or offset % dt.timedelta(minutes=1):
        return "has an offset no place on Earth uses (they run from -12:00 to +14:00, in whole minutes)"
    if not years[0] <= when.year <= years[1]:
        return f"is outside the years {years[0]}–{years[1]} (MULTILANG_DATE_RANGE)"
    return None


ISO_WITH_OFFSET_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?P<offset>[+-]\d{2}:?\d{2})$"
)


def read_as(value: str) -> str:
    """Say how a lenient parser (Pelican's) would have read a non-ISO date."""
    m = ISO_WITH_OFFSET_RE.match(value.strip())
    if m:  # ISO in form, but Python refuses offsets of a day or more
        return f"its offset {m.group('offset')} is impossible (offsets run from -12:00 to +14:00)"
    try:
        from dateutil import parser

        guessed = parser.parse(value)
    except (ValueError, OverflowError, ImportError):
        return "it is not a date either way"
    return f"it would have been read as {guessed:%d %B %Y} (month first)"


def source_hash(doc: Document) -> str:
    """Return the SHA-256 (hex) of what a translator translates: Title, Summary, alt texts, body."""
    parts = [doc.get("title") or "", doc.get("summary") or "", doc.get("cover_alt") or "", doc.body.strip()]
    # A gallery's alt texts and captions; absent elsewhere, so other items' hashes are unchanged.
    parts += [doc.get(key) or "" for key in ("photo_alt", "photo_captions") if doc.get(key)]
    text = unicodedata.normalize("NFC", "\n".join(parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def doc_date(doc: Document, key: str, tz: ZoneInfo) -> dt.datetime | None:
    """Return a document's parsed date field, or None when absent or invalid."""
    value = doc.get(key)
    when = parse_date(value, tz) if value else None
    # Years 1 and 9999 overflow when moved to another zone: no comparison may see them.
    return when if when is not None and 1 < when.year < 9999 else None


def stale_reason(bundle: Bundle, doc: Document, site: Site, tz: ZoneInfo) -> str | None:
    """Say why a translation is stale, or None when it is current (or is the source)."""
    source_lang = bundle.source_lang(tuple(site.codes))
    if source_lang is None or doc.lang == source_lang or doc.lang not in site.codes:
        return None
    source = bundle.doc(source_lang)
    recorded = (doc.get("source_hash") or "").strip().lower()
    if recorded:
        current = source_hash(source)
        if HASH_RE.match(recorded) and current.startswith(recorded):
            return None
        return (
            f"Source_hash {recorded[:12]} does not match the source {source.path.name} "
            f"(now {current[:12]}): the source changed after this translation"
        )
    source_changed = doc_date(source, "modified", tz) or doc_date(source, "date", tz)
    if source_changed is None:
        return None
    translated = doc_date(doc, "modified", tz) or doc_date(doc, "date", tz) or doc_date(source, "date", tz)
    if translated is not None and source_changed > translated:
        changed = source.get("modified") or source.get("date")
        since = doc.get("modified") or "never modified since " + (source.get("date") or "?")
        return f"the source {source.path.name} was modified {changed}, after this translation ({since})"
    return None


def language_problem(code: str, aliases: dict[str, str], configured: list[str]) -> tuple[str, str] | None:
    """Return (message, hint) when a language code is wrong or not configured."""
    right = aliases.get(code.lower())
    if right is not None:
        return (
            f"unknown language '{code}': it is a country code; the language is “{right}”",
            f"Use “{right}”: rename the file to index.{right}.md.",
        )
    valid = bool(BCP47_RE.match(code))
    if valid:
        try:
            Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            valid = False
    if not valid:
        return (
            f"unknown language '{code}': not a valid BCP 47 language code",
            f"Use one of the configured codes: {', '.join(configured)}.",
        )
    if code not in configured:
        return (
            f"unknown language '{code}': not configured in MULTILANG_LANGUAGES",
            f"Use one of {', '.join(configured)}, or add “{code}” to MULTILANG_LANGUAGES.",
        )
    return None


# -- one file ----------------------------------------------------------------------


def _keys(doc: Document, ctype: ContentType, kind: str, options: Options, site: Site) -> Iterator[Finding]:
    """Report unknown, repeated and misplaced keys, with the nearest known key."""
    known = {spec.name for spec in ctype.fields}
    for fields in doc.repeated.values():
        yield make(
            "metadata.duplicate-field",
            doc.path,
            fields[-1].line,
            f"`{fields[0].name}:` is written {len(fields)} times (lines "
            f"{', '.join(str(f.line) for f in fields)})",
        )
    for key, f in doc.fields.items():
        spec = ctype.field(key)
        if spec is None and key not in options.extra_fields:
            near = difflib.get_close_matches(f.name.capitalize(), known, n=1, cutoff=0.6)
            near = near or difflib.get_close_matches(key, [k.lower() for k in known], n=1, cutoff=0.6)
            hint = (
                f"Did you mean `{near[0].capitalize()}:`? Fields are listed in docs/editing.md."
                if near
                else None
            )
            yield make("metadata.unknown-field", doc.path, f.line, f"unknown field `{f.name}:`", hint=hint)
        elif spec is not None and spec.neutral and kind == "translation":
            yield from _inherited(doc, spec, f.line, site)


def _inherited(doc: Document, spec: FieldSpec, line: int, site: Site) -> Iterator[Finding]:
    """Report a neutral field repeated in a translation: a warning, an error when it differs."""
    bundle = doc.bundle
    source_lang = bundle.source_lang(tuple(site.codes)) if bundle else None
    source = bundle.doc(source_lang) if bundle and source_lang else None
    if source is not None and source is not doc and (source.get(spec.key) or "") != (doc.get(spec.key) or ""):
        yield make(
            "metadata.conflicting-field",
            doc.path,
            line,
            f"{spec.name} is language-neutral and differs from {source.path.name}",
            hint=f"Remove it here: translations inherit it from {source.path.name}.",
        )
    else:
        yield make(
            "metadata.inherited-field",
            doc.path,
            line,
            f"{spec.name} is language-neutral: the translation inherits it from the source",
        )


def _required(doc: Document, ctype: ContentType, kind: str, options: Options) -> Iterator[Finding]:
    """Report required fields that are missing or empty."""
    names = [s.key for s in ctype.fields if s.required and (kind != "translation" or not s.neutral)]
    names = [n for n in names if kind != "translation" or n == "title"]
    # CHECKER_REQUIRED_FIELDS is the stories' and pages' contract; collections declare their own.
    extra = (options.extra_required or {}).get(kind, ()) if ctype in (STORY, PAGE) else ()
    names += [n for n in extra if n not in names]
    for name in names:
        if not doc.get(name):
            yield make(
                "metadata.missing-field",
                doc.path,
                doc.field_line(name) if name in doc.fields else 1,
                f"missing {name.capitalize()}: it is required in a {kind} file"
                + (" and is empty" if name in doc.fields else ""),
            )
    for spec in ctype.fields:
        if spec.required_if and doc.get(spec.required_if.lower()) and not doc.get(spec.key):
            yield make(
                "metadata.missing-field",
                doc.path,
                doc.field_line(spec.required_if.lower()),
                f"`{spec.name}:` is required when `{spec.required_if}:` is set",
            )


def _values(doc: Document, ctype: ContentType, site: Site, options: Options) -> Iterator[Finding]:
    """Check each declared field's value against its kind."""
    for key, f in doc.fields.items():
        spec = ctype.field(key)
        value = doc.get(key)  # None for a placeholder: _placeholders reports those
        if spec is None or not value:
            continue
        if spec.kind == "datetime":
            yield from _date(doc, f.name, f.line, value, options)
        elif spec.kind == "choice" and value.lower() not in spec.choices:
            yield make(
                "metadata.bad-value",
                doc.path,
                f.line,
                f"{f.name} “{value}” is not one of {', '.join(spec.choices)}",
            )
        elif spec.kind == "slug" and not is_slug(value):
            yield make("metadata.bad-slug", doc.path, f.line, f"Slug “{value}” is not a-z, 0-9 and hyphens")
        elif spec.kind == "focus" and not _focus_ok(value):
            yield make(
                "metadata.bad-value",
                doc.path,
                f.line,
                f"{f.name} “{value}” is not two numbers from 0 to 1 (`0.5,0.3`)",
            )
        elif spec.kind == "terms" and (count := value.count(",") + 1) > options.max_tags:
            yield make(
                "metadata.too-many-tags",
                doc.path,
                f.line,
                f"{count} tags: a story may have {options.max_tags} at most (MULTILANG_MAX_TAGS)",
            )
        elif spec.kind == "terms":
            yield from _terms(doc, f.line, value, site)
        elif spec.kind in PARSERS:
            yield from value_findings(doc, spec, f.line, value, site=site, years=options.years)
        elif spec.kind == "lang" and value != doc.lang:
            problem = language_problem(value, options.lang_aliases or {}, site.codes)
            yield make(
                "metadata.bad-language",
                doc.path,
                f.line,
                problem[0] if problem else f"Lang: {value} contradicts the file name (index.{doc.lang}.md)",
                hint="Remove `Lang:`; the file name gives the language.",
            )


def _date(doc: Document, name: str, line: int, value: str, options: Options) -> Iterator[Finding]:
    """Report a date that is not ISO 8601, or one that cannot be right."""
    when = parse_date(value, options.timezone)
    if when is None:
        yield make(
            "metadata.bad-date",
            doc.path,
            line,
            f"invalid metadata: `{name}: {value}` is not an ISO 8601 date; {read_as(value)}",
        )
    elif problem := date_problem(when, options.years):
        yield make("metadata.date-out-of-range", doc.path, line, f"`{name}: {value}` {problem}")


def control_findings(doc: Document) -> Iterator[Finding]:
    """Report control characters and noncharacters, header and body, by line and column."""
    text = doc.text
    if not BMP_CONTROL_RE.search(text) and not (ASTRAL_RE.search(text) and CONTROL_RE.search(text)):
        return
    shown = 0
    for index, line in enumerate(doc.lines):
        m = CONTROL_RE.search(line)
        if m is None:
            continue
        if shown == CONTROL_SHOWN:
            yield make("encoding.control-character", doc.path, index + 1, "more control characters follow")
            return
        shown += 1
        yield make(
            "encoding.control-character",
            doc.path,
            index + 1,
            f"invisible control character U+{ord(m.group()):04X} ({_control_name(m.group())})",
            column=m.start() + 1,
        )


def _control_name(char: str) -> str:
    """Return a control character's usual name (NUL, ESC…), or its class."""
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return CONTROL_NAMES.get(code, "a C0 control")
    return "a C1 control" if code <= 0x9F else "a Unicode noncharacter"


def _empty_body(doc: Document) -> Iterator[Finding]:
    """Report a file with a header and no text (a draft may wait for its text)."""
    if doc.body.strip() or (doc.get("status") or "").lower() == "draft":
        return
    yield make(
        "structure.empty-body",
        doc.path,
        min(doc.body_line, len(doc.lines)),
        "the file has a header and no text: nothing to publish",
    )


def _terms(doc: Document, line: int, value: str, site: Site) -> Iterator[Finding]:
    """Report tags that are no registry term and give no ASCII slug (Japanese, Chinese…)."""
    for tag in (t.strip() for t in value.split(",")):
        if tag and tag not in site.terms and not slugify(tag) and not site.find_term(tag):
            yield make(
                "metadata.bad-value",
                doc.path,
                line,
                f"tag “{tag}” is not in the term table and has no ASCII slug",
                hint="Add it to data/terms.yml with a slug per language, or use a term id.",
            )


def _focus_ok(value: str) -> bool:
    parts = value.split(",")
    try:
        return len(parts) == 2 and all(0.0 <= float(p) <= 1.0 for p in parts)
    except ValueError:
        return False


def _registry(doc: Document, site: Site, options: Options) -> Iterator[Finding]:
    """Check the Agency id against the registry and the item's date."""
    agency_id = doc.get("agency")
    if not agency_id:
        return
    agency = site.agencies.get(agency_id) or next((o for o in site.owners if o.id == agency_id), None)
    if agency is None:
        near = difflib.get_close_matches(agency_id, list(site.agencies), n=1)
        yield make(
            "metadata.unknown-agency",
            doc.path,
            doc.field_line("agency"),
            f"unknown Agency '{agency_id}': not in {site.agencies_file or 'the agency registry'}",
            hint=f"Did you mean “{near[0]}”? Ids are in data/agencies.yml." if near else None,
        )
        return
    date = doc_date(doc, "date", options.timezone)
    if date is None:
        return
    day = date.astimezone(options.timezone).date()
    if not agency.valid_on(day):
        span = f"{agency.valid_from or '…'} – {agency.valid_to or '…'}"
        hint = None
        if agency.successor and agency.valid_to and day > agency.valid_to:
            hint = f"Use its successor “{agency.successor}” for stories after {agency.valid_to}."
        yield make(
            "metadata.agency-not-valid",
            doc.path,
            doc.field_line("agency"),
            f"agency “{agency_id}” existed {span}, not on the story's date {day}",
            hint=hint,
        )


def _placeholders(doc: Document, ctype: ContentType) -> Iterator[Finding]:
    """Report `make new`'s placeholders left in a file that is not a draft."""
    if (doc.get("status") or "published").lower() == "draft":
        return
    for key, f in doc.fields.items():
        spec = ctype.field(key)
        if spec is not None and spec.placeholder and f.value == spec.placeholder:
            yield make(
                "metadata.placeholder",
                doc.path,
                f.line,
                f"`{f.name}:` still holds the scaffold's placeholder “{f.value}”",
            )
    if ctype.body_placeholder and ctype.body_placeholder in doc.body:
        yield make(
            "metadata.placeholder",
            doc.path,
            doc.body_line,
            "the body still holds the scaffold's placeholder text",
        )


def _cancelled_featured(doc: Document, ctype: ContentType, site: Site) -> Iterator[Finding]:
    """Report a cancelled event still marked Featured: the home page would promote what is off."""
    spec = ctype.field("event_status")
    if spec is None or (doc.get("featured") or "").lower() != "yes" or not doc.get("event_status"):
        return
    try:
        status = parse(spec, doc.get("event_status") or "", Context(site, doc.bundle))
    except BadValue:
        return  # value_findings reports it
    if status == "cancelled":
        yield make(
            "metadata.cancelled-featured",
            doc.path,
            doc.field_line("featured"),
            "this event is cancelled (Event_status) but still `Featured: yes` for the home page",
        )


def doc_findings(bundle: Bundle, doc: Document, site: Site, options: Options) -> Iterator[Finding]:
    """Run every declared-type rule on one file."""
    if doc.decode_error is not None:
        line, column = doc.decode_error
        yield make(
            "encoding.not-utf8",
            doc.path,
            line,
            "the file is not valid UTF-8 (first bad byte here)",
            column=column,
        )
    problem = language_problem(doc.lang, options.lang_aliases or {}, site.codes)
    if problem:
        yield make("metadata.bad-language", doc.path, None, problem[0], hint=problem[1])
    ctype = content_type(bundle)
    kind = role(bundle, doc, site)
    yield from control_findings(doc)
    yield from _empty_body(doc)
    yield from _keys(doc, ctype, kind, options, site)
    yield from _required(doc, ctype, kind, options)
    yield from _values(doc, ctype, site, options)
    if ctype.collection:
        yield from date_order_findings(doc, ctype, site, options.years)
        yield from _cancelled_featured(doc, ctype, site)
        source_lang = bundle.source_lang(tuple(site.codes))
        yield from photos.findings(doc, ctype, bundle.doc(source_lang) if source_lang else None)
    if kind != "translation":
        yield from _registry(doc, site, options)
    yield from _placeholders(doc, ctype)


def bundle_findings(bundle: Bundle, site: Site, options: Options) -> list[Finding]:
    """Return the structure and metadata findings of a bundle (computed once, kept on it)."""
    if bundle.validated is not None:
        return bundle.validated
    found: list[Finding] = []
    if not is_slug(bundle.key):
        found.append(
            make(
                "metadata.bad-slug",
                bundle.dir,
                None,
                f"folder name “{bundle.key}” is not a valid slug (it is the story's key and URL slug)",
                hint=f"Rename the folder, e.g. “{slugify(bundle.key) or 'my-story'}”.",
            )
        )
    found.extend(link_findings(bundle.symlinks))
    for path in bundle.duplicates:
        kept = bundle.versions[path.name.split(".")[1]]
        found.append(
            make(
                "structure.bad-path",
                path,
                None,
                f"two files claim language '{path.name.split('.')[1]}' for this story",
                hint=f"Keep one of {kept.name} and {path.name}.",
            )
        )
    for path in bundle.stray_md:
        found.append(
            make(
                "structure.bad-path",
                path,
                None,
                f"{path.name} is not read: a story's texts are named index.<lang>.md directly in its folder",
            )
        )
    if bundle.kind == "story" and bundle.section not in site.sections:
        where = min(bundle.versions.values(), default=bundle.dir)
        found.append(
            make(
                "structure.unknown-section",
                where,
                1 if where != bundle.dir else None,
                f"unknown section {bundle.section!r}: not configured "
                f"(MULTILANG_SECTIONS: {', '.join(site.sections)})",
            )
        )
    if not bundle.versions:
        found.append(
            make(
                "structure.empty-folder", bundle.dir, None, "folder without a text: nothing here is published"
            )
        )
    for doc in bundle.docs():
        found.extend(doc_findings(bundle, doc, site, options))
    bundle.validated = found
    return found


def stray_findings(strays: list[Path]) -> list[Finding]:
    """Report Markdown files lying outside any story folder."""
    return [
        make(
            "structure.bad-path",
            path,
            None,
            f"{path.name} is not in a story folder (stories are folders): "
            "use content/<section>/<story>/index.<lang>.md",
        )
        for path in strays
    ]


def link_findings(links: list[Path]) -> list[Finding]:
    """Report symbolic links: never followed, never published."""
    return [
        make(
            "structure.symlink",
            path,
            None,
            f"{path.name} is a symbolic link (to {_target(path)}): it is not read and not published",
        )
        for path in links
    ]


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def blocks(findings: list[Finding], levels: dict[str, Level]) -> bool:
    """Tell whether findings hold an error once the configured levels are applied."""
    return any(levels.get(f.rule, f.level) is Level.ERROR for f in findings)
