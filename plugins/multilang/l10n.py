"""Localisation: UI catalogs (gettext) and CLDR formatting through Babel."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import unicodedata
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)
from babel.support import NullTranslations, Translations
from babel.units import format_unit
from model.errors import ConfigError
from model.site import Language

logger = logging.getLogger(__name__)


def _domains(translations_dir: str, code: str) -> list[str]:
    """Return the catalog domains (theme, plugins) a language has, as .po files."""
    folder = os.path.join(translations_dir, code, "LC_MESSAGES")
    if not os.path.isdir(folder):
        return []
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".po"))


def compile_catalogs(translations_dir: str, codes: list[str]) -> None:
    """Compile every .po catalog of each language into .mo when it is newer."""
    for code in codes:
        for domain in _domains(translations_dir, code):
            _compile(os.path.join(translations_dir, code, "LC_MESSAGES", f"{domain}.po"), code)


def _compile(po_path: str, code: str) -> None:
    """Compile one catalog (the .mo files are build products, not committed)."""
    mo_path = po_path[:-2] + "mo"
    if os.path.exists(mo_path) and os.path.getmtime(mo_path) >= os.path.getmtime(po_path):
        return
    try:
        with open(po_path, "rb") as handle:
            catalog = read_po(handle, locale=code)
    except Exception as exc:  # Babel raises several types for broken catalogs
        raise ConfigError(f"{po_path}: cannot read the catalog ({exc}); fix the .po file") from exc
    with open(mo_path, "wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def load_translations(translations_dir: str, code: str) -> NullTranslations:
    """Return a language's catalogs merged; messages missing from them stay English."""
    translations: NullTranslations = NullTranslations()
    for domain in _domains(translations_dir, code):
        loaded = Translations.load(translations_dir, [code], domain=domain)
        if isinstance(loaded, Translations):
            if isinstance(translations, Translations):
                translations.merge(loaded)
            else:
                translations = loaded
    if not isinstance(translations, Translations) and code != "en":
        logger.warning("no UI catalog for %r in %s; its interface will be in English", code, translations_dir)
    return translations


# The labels a credit or caption may start with ("Ảnh: …", "Photo: …"); their
# translations are the catalogs' (templates/coverage_macros.html declares them).
CREDIT_LABELS = ("Photo:", "Illustration:", "Source:")
_LABELLED = re.compile(r"\s*([^:：\n]{1,24}?)\s*[:：]\s*(\S.*)", re.S)


def _label_key(text: str) -> str:
    """Return a label as compared: NFC, case-folded, without spaces or a colon."""
    return unicodedata.normalize("NFC", text).strip().rstrip(":：").strip().casefold()


class CreditLabels:
    """Recognise a credit's label in any site language and give it in another, from the catalogs."""

    def __init__(self, catalogs: Mapping[str, NullTranslations]):
        self.catalogs = catalogs
        self.known: dict[str, str] = {}  # label as compared -> its msgid
        for msgid in CREDIT_LABELS:
            for label in (msgid, *(catalog.gettext(msgid) for catalog in catalogs.values())):
                self.known.setdefault(_label_key(label), msgid)

    def localise(self, credit: str, lang: str | None) -> str:
        """Return credit with a known label ("Minh họa:") in lang ("Illustration:"); others unchanged."""
        match = _LABELLED.match(credit or "")
        if lang is None or lang not in self.catalogs or match is None:
            return credit
        msgid = self.known.get(_label_key(match.group(1)))
        if msgid is None:
            return credit
        label = self.catalogs[lang].gettext(msgid)
        return f"{label}{'' if label.endswith('：') else ' '}{match.group(2)}"


class Formatter:
    """Format dates, numbers and money for one language with CLDR data."""

    def __init__(self, language: Language, timezone: str):
        self.locale = language.babel
        self.tz = ZoneInfo(timezone)

    def date(self, value: dt.date | dt.datetime | None, format: str = "long") -> str:
        """Format a date ("25 tháng 9, 2023", "September 25, 2023")."""
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.astimezone(self.tz).date()
        return format_date(value, format, locale=self.locale)

    def datetime(self, value: dt.datetime, format: str = "medium") -> str:
        """Format a date and time in the site's time zone."""
        return format_datetime(value, format, tzinfo=self.tz, locale=self.locale)

    def month(self, value: dt.date) -> str:
        """Format a month and year ("tháng 9 năm 2023", "September 2023")."""
        return format_skeleton("yMMMM", value, locale=self.locale)

    def number(self, value: float, compact: bool = False) -> str:
        """Format a number; compact keeps one decimal (1,5 tỷ, not 2 tỷ)."""
        if compact:
            return format_compact_decimal(value, format_type="long", locale=self.locale, fraction_digits=1)
        return format_decimal(value, locale=self.locale)

    def money(self, value: float, currency: str = "VND") -> str:
        """Format an amount of money (VND by default)."""
        return format_currency(value, currency, locale=self.locale)

    def measure(self, value: float | None, unit: str) -> str:
        """Format a number in a declared unit (ha, km, %, VND, USD, USD/m²) by CLDR."""
        if value is None:
            return ""
        if unit in CLDR_UNITS:
            return format_unit(value, CLDR_UNITS[unit], length="short", locale=self.locale)
        if unit == "%":
            return format_percent(value / 100, "#,##0.##%", locale=self.locale)
        if unit == "VND":
            return format_compact_currency(value, "VND", locale=self.locale, fraction_digits=1)
        if unit in ("USD", "USD/m²"):
            whole = float(value).is_integer() and unit == "USD"
            text = format_currency(value, "USD", locale=self.locale, currency_digits=not whole, format=None)
            if whole:
                text = format_compact_currency(value, "USD", locale=self.locale, fraction_digits=1)
            return text + ("/m²" if unit == "USD/m²" else "")
        return f"{format_decimal(value, locale=self.locale)} {unit}".strip()

    def size(self, size: int) -> str:
        """Format a file size in kB or MB."""
        if size < 1_000_000:
            return format_unit(
                max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=self.locale
            )
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=self.locale)


# Declared units that CLDR names: formatted in every language's words and order.
CLDR_UNITS = {
    "ha": "area-hectare",
    "km": "length-kilometer",
    "m²": "area-square-meter",
    "km²": "area-square-kilometer",
}
