"""Metadata rules: required fields, dates, language codes, registries, summary, slugs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context

KNOWN_FIELDS = frozenset(
    {
        "title",
        "date",
        "modified",
        "summary",
        "tags",
        "agency",
        "cover",
        "cover_alt",
        "cover_credit",
        "cover_focus",
        "slug",
        "status",
        "lang",
        "source_hash",
        "pii_justification",
    }
)
# Written once in the source; a translation inherits them (docs/editing.md).
NEUTRAL_FIELDS = ("date", "agency", "cover", "cover_credit", "cover_focus", "tags")
STATUSES = ("published", "draft", "hidden")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BCP47_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def parse_date(value: str, tz: ZoneInfo) -> dt.datetime | None:
    """Parse an ISO 8601 date or date-time; a value without offset is in `tz`."""
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=tz)


def doc_date(doc: Document, key: str, tz: ZoneInfo) -> dt.datetime | None:
    """Return a document's parsed date field, or None when absent or invalid."""
    value = doc.get(key)
    return parse_date(value, tz) if value else None


def language_problem(
    code: str, aliases: dict[str, str], configured: tuple[str, ...]
) -> tuple[str, str] | None:
    """Return (message, hint) when a language code is wrong or not configured."""
    right = aliases.get(code.lower())
    if right is not None:
        return (
            f"“{code}” is not a language code (it is a country code); the language is “{right}”",
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
            f"“{code}” is not a valid BCP 47 language code",
            f"Use one of the configured codes: {', '.join(configured)}.",
        )
    if code not in configured:
        return (
            f"language “{code}” is not configured in MULTILANG_LANGUAGES",
            f"Use one of {', '.join(configured)}, or add “{code}” to MULTILANG_LANGUAGES.",
        )
    return None


def _kind(bundle: Bundle, doc: Document, ctx: Context) -> str:
    if bundle.kind == "page":
        return "page"
    return "source" if doc.lang == bundle.source_lang(ctx.config.languages) else "translation"


def check_doc(bundle: Bundle, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Run the metadata rules on one document."""
    cfg = ctx.config
    problem = language_problem(doc.lang, cfg.lang_aliases, cfg.languages)
    if problem:
        yield make("metadata.bad-language", doc.path, None, problem[0], hint=problem[1])
    if (lang := doc.get("lang")) is not None and lang != doc.lang:
        problem = language_problem(lang, cfg.lang_aliases, cfg.languages)
        yield make(
            "metadata.bad-language",
            doc.path,
            doc.field_line("lang"),
            problem[0] if problem else f"Lang: {lang} contradicts the file name (index.{doc.lang}.md)",
            hint="Remove `Lang:`; the file name gives the language.",
        )

    kind = _kind(bundle, doc, ctx)
    for name in cfg.required_fields[kind]:
        if not doc.get(name):
            yield make(
                "metadata.missing-field",
                doc.path,
                doc.field_line(name) if name in doc.fields else 1,
                f"`{name.capitalize()}:` is required in a {kind} file"
                + (" and is empty" if name in doc.fields else ""),
            )
    known = KNOWN_FIELDS | cfg.extra_fields
    for key, f in doc.fields.items():
        if key not in known:
            yield make("metadata.unknown-field", doc.path, f.line, f"unknown field `{f.name}:`")
        if kind == "translation" and key in NEUTRAL_FIELDS:
            yield make(
                "metadata.inherited-field",
                doc.path,
                f.line,
                f"`{f.name}:` is language-neutral: the translation inherits it from the source",
            )

    dates: dict[str, dt.datetime] = {}
    for key in ("date", "modified"):
        value = doc.get(key)
        if not value:
            continue
        parsed = parse_date(value, cfg.timezone)
        if parsed is None:
            yield make(
                "metadata.bad-date",
                doc.path,
                doc.field_line(key),
                f"`{doc.fields[key].name}: {value}` is not an ISO 8601 date",
            )
        else:
            dates[key] = parsed
    if "date" in dates and "modified" in dates and dates["modified"] < dates["date"]:
        yield make(
            "metadata.modified-before-date",
            doc.path,
            doc.field_line("modified"),
            f"Modified ({doc.get('modified')}) is earlier than Date ({doc.get('date')})",
        )

    summary = doc.get("summary")
    if summary and len(summary) > cfg.summary_limit(doc.lang):
        yield make(
            "metadata.summary-too-long",
            doc.path,
            doc.field_line("summary"),
            f"Summary has {len(summary)} characters; the limit is {cfg.summary_limit(doc.lang)}",
        )
    if (slug := doc.get("slug")) is not None and not SLUG_RE.match(slug):
        yield make(
            "metadata.bad-slug",
            doc.path,
            doc.field_line("slug"),
            f"Slug “{slug}” is not a-z, 0-9 and hyphens",
        )
    if (status := doc.get("status")) is not None and status.lower() not in STATUSES:
        yield make(
            "metadata.bad-value",
            doc.path,
            doc.field_line("status"),
            f"Status “{status}” is not one of {', '.join(STATUSES)}",
        )
    if (focus := doc.get("cover_focus")) is not None and not _focus_ok(focus):
        yield make(
            "metadata.bad-value",
            doc.path,
            doc.field_line("cover_focus"),
            f"Cover_focus “{focus}” is not two numbers from 0 to 1 (`0.5,0.3`)",
        )
    if kind == "source":
        yield from _registry_checks(doc, dates.get("date"), ctx)


def _focus_ok(value: str) -> bool:
    parts = value.split(",")
    try:
        return len(parts) == 2 and all(0.0 <= float(p) <= 1.0 for p in parts)
    except ValueError:
        return False


def _registry_checks(doc: Document, date: dt.datetime | None, ctx: Context) -> Iterator[Finding]:
    reg = ctx.registries
    if tags := doc.get("tags"):
        for tag in (t.strip() for t in tags.split(",")):
            if tag and reg.find_term(tag) is None:
                yield make(
                    "metadata.unknown-tag",
                    doc.path,
                    doc.field_line("tags"),
                    f"tag “{tag}” is not in {ctx.rel(ctx.config.terms_file)}",
                )
    agency_id = doc.get("agency")
    if not agency_id:
        return
    agency = reg.agencies.get(agency_id) or reg.owners.get(agency_id)
    if agency is None:
        yield make(
            "metadata.unknown-agency",
            doc.path,
            doc.field_line("agency"),
            f"agency “{agency_id}” is not in {ctx.rel(ctx.config.agencies_file)}",
        )
        return
    if date is not None:
        day = date.astimezone(ctx.config.timezone).date()
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


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the metadata rules on every version, and check the folder name."""
    if not SLUG_RE.match(bundle.key):
        yield make(
            "metadata.bad-slug",
            bundle.dir,
            None,
            f"folder name “{bundle.key}” is the story's key and slug: use a-z, 0-9 and hyphens",
        )
    for doc in bundle.docs():
        yield from check_doc(bundle, doc, ctx)
