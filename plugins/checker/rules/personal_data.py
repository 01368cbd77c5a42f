"""Personal-data rules: citizen ID, phone numbers, personal e-mail, passport numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from model.catalog import Level
from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context
from ..fold import fold, lines_matching
from .confidentiality import attachments

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True

# Every personal datum has a digit (any script's: \d is Unicode) or an @, or
# is an address written `name [at] domain [dot] com`: a line without any
# (full-width and small forms included) is not folded at all.
MAY_HOLD_RE = re.compile(r"[\d@\uff20\ufe6b\[({\uff3b\uff08\uff5b\ufe59\ufe5b\u207d\u208d]")
SEPARATOR = r"[ .\-\u00a0]"
# Vietnamese numbers: +84, (+84), +84 (0), 0084, 84 or 0, then the national
# digits with optional spaces, dots, hyphens or parentheses between them.
PHONE_RE = re.compile(
    r"(?<![\w+.,/-])(?P<prefix>\(\+84\)|\+84\s?\(0\)|\+\s?84|0084|84(?=[ .\-]?[235789])|0)"
    r"(?P<rest>(?:[ .\-]?\(?\d\)?){8,11})(?![\w])"
)
# Zalo's chat links carry the number: zalo.me/0912345678, zalo.me/84912345678.
ZALO_RE = re.compile(r"(?i)zalo\.me/(?P<number>\+?\d{9,12})(?!\d)")
# Mobile prefixes 3/5/7/8/9, landline area codes 2xx.
NATIONAL_RE = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")
OBFUSCATED_RE = re.compile(r"(?i)\s*[\[(\{]\s*(?:(?P<at>at|a còng)|dot|chấm)\s*[\])\}]\s*")
# OBFUSCATED_RE's opening bracket: a line without one is spared its costly scan.
OPENING_RE = re.compile(r"[\[(\{]")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@(?P<domain>(?:[\w-]+\.)+[A-Za-z]{2,})\b")
# 12 digits starting with a province code 001–096, together or grouped by
# spaces, dots or hyphens (001 203 004 567, 001.203.004.567).
CITIZEN_ID_RE = re.compile(r"(?<![\w.,/-])0\d(?:[ .\-]?\d){10}(?![\w]|[.,/-]\d)")
# Cheap tests that let most lines skip the expensive patterns.
SEVEN_DIGITS_RE = re.compile(r"\d(?:[ .\-]?\d){6}")
ID_KEYWORDS = ("cccd", "cmnd", "căn cước", "chứng minh nhân dân", "citizen id", "identity card", "id card")
PASSPORT_KEYWORDS = ("hộ chiếu", "passport", "passeport", "パスポート", "여권", "护照")
CITIZEN_ID_LABEL_RE = re.compile(
    r"(?i)(?:CCCD|CMND|căn cước|chứng minh nhân dân|citizen id|identity card|ID card)"
    r"\D{0,20}?(?P<number>\d(?:[ .\-]?\d){8,11})(?!\d)"
)
# Vietnamese passports: one letter and seven digits; others after the word.
PASSPORT_RE = re.compile(r"(?<![\w])[A-Z]\d{7}(?![\w])")
PASSPORT_LABEL_RE = re.compile(
    r"(?i)(?:hộ chiếu|passport|passeport|パスポート|여권|护照)\D{0,20}?(?P<number>[A-Z0-9]{6,9})(?![\w])"
)


@dataclass(frozen=True)
class Known:
    """What is not personal data: the registered numbers and addresses, the personal mail domains."""

    phones: frozenset[str]
    emails: frozenset[str]
    personal_domains: frozenset[str]

    @classmethod
    def of(cls, ctx: Context) -> Known:
        """Return the run's registry contacts and personal domains, gathered once a run."""
        found = ctx.cache.get("pii-known")
        if found is None:
            reg = ctx.registries
            phones = frozenset(national(p) for p in reg.institutional_phones) | reg.institutional_phones
            found = ctx.cache["pii-known"] = cls(
                phones, reg.institutional_emails, ctx.config.personal_email_domains
            )
        return found


def national(number: str) -> str:
    """Return a Vietnamese phone number's national digits: 0 and 9 or 10 digits."""
    text = number.strip()
    text = re.sub(r"^(?:\(\+84\)|\+\s?84\s?\(0\)|\+\s?84|0084)", "0", text)
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def _citizen_id(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return len(digits) == 12 and 1 <= int(digits[:3]) <= 96


def find_personal(text: str, known: Known) -> Iterator[tuple[str, int, int, str]]:
    """Yield (rule, start, end, what) for personal data in one line, spans in the line as written."""
    if not MAY_HOLD_RE.search(text):
        return
    folded = fold(text)
    if "at" in folded.text.lower() and OPENING_RE.search(folded.text):
        # tuan.nguyen [at] gmail [dot] com
        folded = folded.sub(OBFUSCATED_RE, lambda m: "@" if m.group("at") else ".")
    for rule, start, end, what in _hits(folded.text, known):
        s, e = folded.span(start, end)
        yield rule, s, e, what


def _hits(text: str, known: Known) -> Iterator[tuple[str, int, int, str]]:
    """Yield (rule, start, end, what) for personal data in one folded line."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in taken):
            return False
        taken.append((start, end))
        return True

    lowered = text.casefold()
    if any(k in lowered for k in ID_KEYWORDS):
        for m in CITIZEN_ID_LABEL_RE.finditer(text):
            if len(re.sub(r"\D", "", m.group("number"))) in (9, 12) and free(*m.span("number")):
                yield "pii.citizen-id", m.start("number"), m.end("number"), "citizen identity number"
    long_run = SEVEN_DIGITS_RE.search(text) is not None
    for m in CITIZEN_ID_RE.finditer(text) if long_run else ():
        if _citizen_id(m.group(0)) and free(m.start(), m.end()):
            yield "pii.citizen-id", m.start(), m.end(), "citizen identity number"
    if any(k in lowered for k in PASSPORT_KEYWORDS):
        for m in PASSPORT_LABEL_RE.finditer(text):
            number = m.group("number")
            if sum(c.isdigit() for c in number) >= 6 and free(m.start("number"), m.end("number")):
                yield "pii.passport", m.start("number"), m.end("number"), "passport number"
    for m in PASSPORT_RE.finditer(text) if long_run else ():
        if free(m.start(), m.end()):
            yield "pii.passport", m.start(), m.end(), "passport number"
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            if m.group("domain").lower() in known.personal_domains:
                if m.group(0).lower() not in known.emails and free(m.start(), m.end()):
                    yield "pii.email", m.start(), m.end(), "personal e-mail address"
    if not long_run:
        return
    phones = [(m.start(), m.end(), m.group(0)) for m in PHONE_RE.finditer(text)]
    if "zalo" in lowered:
        phones += [(m.start("number"), m.end(), m.group("number")) for m in ZALO_RE.finditer(text)]
    for start, end, number in phones:
        digits = national(number)
        if NATIONAL_RE.match(digits) and digits not in known.phones and free(start, end):
            yield "pii.phone", start, end, "phone number"


def _level(bundle: Bundle, doc: Document | None, ctx: Context) -> tuple[Level | None, str]:
    """Return the level personal data has in a document (or the bundle's attachments), and why."""
    allowed = bundle.rel in ctx.config.pii_allowed_pages
    justification = ((doc.get("pii_justification") if doc else None) or "").strip()
    source_lang = bundle.source_lang(ctx.config.languages)
    if not justification and source_lang is not None:
        # The justification is language-neutral: the source's covers translations and attachments.
        justification = (bundle.doc(source_lang).get("pii_justification") or "").strip()
    level = Level.WARNING if allowed or justification else None
    why = (
        "allowed on this page (CHECKER_PII_ALLOWED_PAGES)"
        if allowed
        else f"justified: {justification}"
        if justification
        else "not allowed here"
    )
    return level, why


def _may_hold(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return the lines that MAY_HOLD_RE matches (it matches no newline: one search in the joined text)."""
    return [lines[i] for i in lines_matching(MAY_HOLD_RE, [text for _, text in lines])]


def check_doc(bundle: Bundle, doc: Document, ctx: Context, known: Known) -> Iterator[Finding]:
    """Report personal data in one document, at the level its page allows."""
    level, why = _level(bundle, doc, ctx)
    for lineno, text in _may_hold(doc.text_lines):
        for rule_id, start, end, what in find_personal(text, known):
            yield make(
                rule_id,
                doc.path,
                lineno,
                f"{what} “{text[start:end].strip()}” ({why})",
                column=start + 1,
                level=level,
            )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the personal-data rules on every version and every attachment."""
    known = Known.of(ctx)
    for doc in bundle.docs():
        yield from check_doc(bundle, doc, ctx, known)
    level, why = _level(bundle, None, ctx) if bundle.versions else (None, "not allowed here")
    for path, extract in attachments(bundle, ctx):
        for part, text in extract.lines():
            for rule_id, start, end, what in find_personal(text, known):
                yield make(
                    rule_id, path, None, f"{part}: {what} “{text[start:end].strip()}” ({why})", level=level
                )
