"""Personal-data rules: citizen ID, phone numbers, personal e-mail, passport numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from model.catalog import Level
from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context
from ..registries import digits

DIGIT_OR_AT_RE = re.compile(r"[\d@]")
# Vietnamese numbers: +84 / 0084 / 0, then 9–10 national digits with optional
# spaces, dots or hyphens between groups.
PHONE_RE = re.compile(r"(?<![\w+.,/-])(?:\+84|0084|0)(?:[ .\-]?\(?\d\)?){8,11}(?![\w])")
# Mobile prefixes 3/5/7/8/9, landline area codes 2xx.
NATIONAL_RE = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@(?P<domain>(?:[\w-]+\.)+[A-Za-z]{2,})\b")
# 12 digits starting with a province code 0xx, written together.
CITIZEN_ID_RE = re.compile(r"(?<![\w.,])0\d{11}(?![\w.,])")
# Cheap tests that let most lines skip the expensive patterns.
SEVEN_DIGITS_RE = re.compile(r"\d{7}")
ID_KEYWORDS = ("cccd", "cmnd", "căn cước", "chứng minh nhân dân", "citizen id", "identity card", "id card")
PASSPORT_KEYWORDS = ("hộ chiếu", "passport", "passeport", "パスポート", "여권", "护照")
CITIZEN_ID_LABEL_RE = re.compile(
    r"(?i)(?:CCCD|CMND|căn cước|chứng minh nhân dân|citizen id|identity card|ID card)"
    r"\D{0,20}?(?P<number>\d(?:[ .]?\d){8,11})(?!\d)"
)
# Vietnamese passports: one letter and seven digits; others after the word.
PASSPORT_RE = re.compile(r"(?<![\w])[A-Z]\d{7}(?![\w])")
PASSPORT_LABEL_RE = re.compile(
    r"(?i)(?:hộ chiếu|passport|passeport|パスポート|여권|护照)\D{0,20}?(?P<number>[A-Z0-9]{6,9})(?![\w])"
)


def _hits(text: str, ctx: Context) -> Iterator[tuple[str, int, int, str]]:
    """Yield (rule, start, end, what) for personal data in one line."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in taken):
            return False
        taken.append((start, end))
        return True

    reg = ctx.registries
    folded = text.casefold()
    labelled_id = any(k in folded for k in ID_KEYWORDS)
    for m in CITIZEN_ID_LABEL_RE.finditer(text) if labelled_id else ():
        if len(digits(m.group("number"))) in (9, 12) and free(m.start("number"), m.end("number")):
            yield "pii.citizen-id", m.start("number"), m.end("number"), "citizen identity number"
    long_run = SEVEN_DIGITS_RE.search(text) is not None
    for m in CITIZEN_ID_RE.finditer(text) if long_run else ():
        if free(m.start(), m.end()):
            yield "pii.citizen-id", m.start(), m.end(), "citizen identity number"
    labelled_passport = any(k in folded for k in PASSPORT_KEYWORDS)
    for m in PASSPORT_LABEL_RE.finditer(text) if labelled_passport else ():
        number = m.group("number")
        if sum(c.isdigit() for c in number) >= 6 and free(m.start("number"), m.end("number")):
            yield "pii.passport", m.start("number"), m.end("number"), "passport number"
    for m in PASSPORT_RE.finditer(text) if long_run else ():
        if free(m.start(), m.end()):
            yield "pii.passport", m.start(), m.end(), "passport number"
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            if m.group("domain").lower() in ctx.config.personal_email_domains:
                if m.group(0).lower() not in reg.institutional_emails and free(m.start(), m.end()):
                    yield "pii.email", m.start(), m.end(), "personal e-mail address"
    for m in PHONE_RE.finditer(text):
        number = m.group(0).strip()
        national = digits(number)
        if NATIONAL_RE.match(national) and national not in reg.institutional_phones:
            if free(m.start(), m.end()):
                yield "pii.phone", m.start(), m.end(), "phone number"


def check_doc(bundle: Bundle, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report personal data in one document, at the level its page allows."""
    allowed = bundle.rel in ctx.config.pii_allowed_pages
    justification = (doc.get("pii_justification") or "").strip()
    source_lang = bundle.source_lang(ctx.config.languages)
    if not justification and source_lang is not None:
        # The justification is language-neutral: the source's covers translations.
        justification = (bundle.doc(source_lang).get("pii_justification") or "").strip()
    level = Level.WARNING if allowed or justification else None
    why = (
        "allowed on this page (CHECKER_PII_ALLOWED_PAGES)"
        if allowed
        else f"justified: {justification}"
        if justification
        else "not allowed here"
    )
    for lineno, text in doc.text_lines:
        if not DIGIT_OR_AT_RE.search(text):
            continue
        for rule_id, start, end, what in _hits(text, ctx):
            yield make(
                rule_id,
                doc.path,
                lineno,
                f"{what} “{text[start:end].strip()}” ({why})",
                column=start + 1,
                level=level,
            )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the personal-data rules on every version."""
    for doc in bundle.docs():
        yield from check_doc(bundle, doc, ctx)
