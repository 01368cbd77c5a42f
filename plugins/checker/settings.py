"""Read and validate the checker's settings (CHECKER_*) and the engine settings it shares."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model import sanitise
from model.catalog import Level
from model.config import DEFAULTS as MODEL_DEFAULTS
from model.config import levels as _levels
from model.config import read_languages, read_sections, validation_options
from model.errors import ConfigError

# Every CHECKER_* setting with its default: the one place they are defined.
DEFAULTS: dict[str, Any] = {
    # Kept so old settings files still load: errors now stop every build, and
    # `make check` exits 1 on them, whatever this says (one verdict).
    "CHECKER_STRICT": True,
    # Maximum Summary length in characters: one number, or {lang: number}
    # with an optional "*" default (CJK scripts say more per character).
    "CHECKER_SUMMARY_MAX": {"*": 300, "ja": 150, "ko": 200, "zh": 150},
    # Vietnamese tone placement on oa/oe/uy: "old" (hòa, thủy), "new" (hoà,
    # thuỷ), or None to flag only a document that mixes both.
    "CHECKER_TONE_STYLE": "old",
    # Languages whose text is checked for tone placement (Vietnamese names
    # appear in English text too; French "loué" would look like a new-style word).
    "CHECKER_TONE_LANGS": ["vi", "en"],
    # Proper names whose spelling is protected whatever the house style.
    "CHECKER_TONE_GLOSSARY": [],
    # Static pages each language must have (content/pages/<name>/index.<lang>.md).
    "CHECKER_REQUIRED_PAGES": {"en": ["about", "agencies", "contact"]},
    # Classification markings: always an error, never overridable.
    "CHECKER_CLASSIFIED_MARKINGS": [
        "TUYỆT MẬT",
        "TỐI MẬT",
        "MẬT",
        "Tài liệu thu hồi",
        "Chỉ người có tên mới được bóc bì",
        "TOP SECRET",
        "SECRET",
        "CONFIDENTIAL",
    ],
    # Internal-circulation markings: a warning.
    "CHECKER_INTERNAL_MARKINGS": ["Lưu hành nội bộ", "Dự thảo"],
    # Bundles (relative to the content folder) where personal data is only a
    # warning: agency contact pages.
    "CHECKER_PII_ALLOWED_PAGES": ["pages/contact", "pages/agencies"],
    # E-mail domains of personal mailboxes (institutional addresses are fine).
    "CHECKER_PERSONAL_EMAIL_DOMAINS": [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.com.vn",
        "ymail.com",
        "outlook.com",
        "outlook.com.vn",
        "hotmail.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "zoho.com",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "gmx.de",
        "gmx.net",
        "web.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "yahoo.co.jp",
    ],
    # Size above which a committed file is a warning, in bytes.
    "CHECKER_MAX_IMAGE_BYTES": 5_000_000,
    "CHECKER_MAX_ATTACHMENT_BYTES": 20_000_000,
    # The sanitiser's settings (model/sanitise.py, which every build applies):
    # hosts (optionally with a path prefix) an <iframe> may load, URL schemes
    # links may use (relative links are always allowed), hosts images, video
    # and audio may load from (none: only the site's own files).
    "CHECKER_IFRAME_HOSTS": list(sanitise.IFRAME_HOSTS),
    "CHECKER_URL_SCHEMES": list(sanitise.URL_SCHEMES),
    "CHECKER_MEDIA_HOSTS": list(sanitise.MEDIA_HOSTS),
    # Host name endings that only resolve inside a private network.
    "CHECKER_PRIVATE_HOST_SUFFIXES": [
        ".local",
        ".localhost",
        ".localdomain",
        ".internal",
        ".intranet",
        ".lan",
        ".corp",
        ".home.arpa",
    ],
    # Per language: the words after which "1.5" should have been "1,5".
    "CHECKER_DECIMAL_COMMA_UNITS": {
        "vi": [
            "tỷ",
            "tỉ",
            "triệu",
            "nghìn",
            "ngàn",
            "%",
            "phần trăm",
            "km",
            "km2",
            "ha",
            "héc-ta",
            "m2",
            "m3",
            "tấn",
            "kg",
            "USD",
            "đồng",
            "VND",
            "VNĐ",
            "lần",
            "độ",
        ],
    },
    # Who receives the agencies' periodic foreign-information reports:
    # a string, or {lang: string}.
    "CHECKER_REPORT_RECIPIENT": "",
    # Folder of the editorial report under OUTPUT_PATH.
    "CHECKER_REPORT_PATH": "_report",
    # Write the report in every build too (so the receiving department finds
    # it on the site), for CHECKER_REPORT_PERIOD.
    "CHECKER_REPORT_IN_BUILD": False,
    # ["YYYY-MM-DD", "YYYY-MM-DD"], or None for the current year to date.
    "CHECKER_REPORT_PERIOD": None,
    # Remember each story's findings in CACHE_PATH/checker-*.json, so a rebuild
    # re-checks only the stories that changed.
    "CHECKER_CACHE": True,
}

# Pelican's settings the checker reads, with the value used when absent (the
# content model's own, DEFAULT_LANG, MULTILANG_*, TIMEZONE, are model.config's).
ENGINE_DEFAULTS: dict[str, Any] = {
    "MARKDOWN": {},
    "PATH": "content",
    "OUTPUT_PATH": "output",
    "CACHE_PATH": None,
}


@dataclass(frozen=True)
class CheckerConfig:
    """Validated settings, independent of Pelican objects."""

    base_dir: Path
    content_dir: Path
    output_dir: Path
    languages: tuple[str, ...]
    default_lang: str
    sections: tuple[str, ...]
    agencies_file: Path
    terms_file: Path
    timezone: zoneinfo.ZoneInfo
    markdown: Mapping[str, Any]
    strict: bool
    levels: Mapping[str, Level]  # explicit overrides only
    required_fields: Mapping[str, tuple[str, ...]]
    extra_fields: frozenset[str]
    summary_max: Mapping[str, int]
    lang_aliases: Mapping[str, str]
    tone_style: str | None
    tone_langs: frozenset[str]
    tone_glossary: tuple[str, ...]
    required_pages: Mapping[str, tuple[str, ...]]
    classified_markings: tuple[str, ...]
    internal_markings: tuple[str, ...]
    pii_allowed_pages: frozenset[str]
    personal_email_domains: frozenset[str]
    max_image_bytes: int
    max_attachment_bytes: int
    iframe_hosts: tuple[str, ...]
    url_schemes: frozenset[str]
    private_host_suffixes: tuple[str, ...]
    decimal_comma_units: Mapping[str, tuple[str, ...]]
    report_recipient: Mapping[str, str]
    report_path: str
    report_period: tuple[dt.date, dt.date] | None
    cache_dir: Path | None  # where the findings cache lives (None: no cache)
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

    def summary_limit(self, lang: str) -> int:
        """Return the Summary length limit for a language."""
        return self.summary_max.get(lang, self.summary_max["*"])

    def recipient(self, lang: str) -> str:
        """Return the report recipient's name in a language (falling back to any)."""
        r = self.report_recipient
        return r.get(lang) or r.get("*") or next(iter(r.values()), "")


def _get(settings: Mapping[str, Any], name: str) -> Any:
    if name in settings:
        return settings[name]
    if name in DEFAULTS:
        return DEFAULTS[name]
    if name in MODEL_DEFAULTS:
        return MODEL_DEFAULTS[name]
    return ENGINE_DEFAULTS[name]


def _str_list(settings: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = _get(settings, name)
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name} must be a list of strings, got {value!r}")
    return tuple(value)


def _int(settings: Mapping[str, Any], name: str) -> int:
    value = _get(settings, name)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{name} must be a positive integer, got {value!r}")
    return value


def _resolve(base_dir: Path, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else (base_dir / path).resolve()


def config_from_settings(settings: Mapping[str, Any], base_dir: Path | str) -> CheckerConfig:
    """Validate the settings once and return a CheckerConfig; raise ConfigError."""
    base = Path(base_dir).resolve()
    # The languages and sections are the content model's, validated by it.
    languages = [language.code for language in read_languages(settings)]
    default_lang = _get(settings, "DEFAULT_LANG")
    sections = read_sections(settings, languages)
    # The content model's settings (time zone, required and extra fields,
    # language aliases) are validated by the model, once.
    options = validation_options(settings)
    tz = options.timezone
    required_fields = {
        kind: (options.extra_required or {}).get(kind, ()) for kind in ("source", "translation", "page")
    }

    summary = _get(settings, "CHECKER_SUMMARY_MAX")
    if isinstance(summary, int) and not isinstance(summary, bool):
        summary = {"*": summary}
    if (
        not isinstance(summary, Mapping)
        or "*" not in summary
        or not all(isinstance(v, int) and v > 0 for v in summary.values())
    ):
        raise ConfigError('CHECKER_SUMMARY_MAX must be a positive integer or {"*": n, "<lang>": n}')

    tone_style = _get(settings, "CHECKER_TONE_STYLE")
    if tone_style not in ("old", "new", None):
        raise ConfigError(f"CHECKER_TONE_STYLE must be 'old', 'new' or None, got {tone_style!r}")

    pages = _get(settings, "CHECKER_REQUIRED_PAGES")
    if not isinstance(pages, Mapping):
        raise ConfigError('CHECKER_REQUIRED_PAGES must be a dict like {"en": ["about"]}')
    for lang in pages:
        if lang not in languages:
            raise ConfigError(
                f"CHECKER_REQUIRED_PAGES names language {lang!r}, which is not in MULTILANG_LANGUAGES"
            )

    units = _get(settings, "CHECKER_DECIMAL_COMMA_UNITS")
    if not isinstance(units, Mapping):
        raise ConfigError('CHECKER_DECIMAL_COMMA_UNITS must be a dict like {"vi": ["tỷ"]}')

    recipient = _get(settings, "CHECKER_REPORT_RECIPIENT")
    if isinstance(recipient, str):
        recipient = {"*": recipient}
    if not isinstance(recipient, Mapping):
        raise ConfigError("CHECKER_REPORT_RECIPIENT must be a string or {lang: string}")

    period = _get(settings, "CHECKER_REPORT_PERIOD")
    if period is not None:
        try:
            start, end = (dt.date.fromisoformat(str(d)) for d in period)
        except (TypeError, ValueError):
            raise ConfigError(
                f'CHECKER_REPORT_PERIOD must be ["YYYY-MM-DD", "YYYY-MM-DD"] or None, got {period!r}'
            ) from None
        if end < start:
            raise ConfigError(f"CHECKER_REPORT_PERIOD ends before it starts: {period!r}")
        period = (start, end)

    cache_path = _get(settings, "CACHE_PATH")
    use_cache = _get(settings, "CHECKER_CACHE")
    if not isinstance(use_cache, bool):
        raise ConfigError(f"CHECKER_CACHE must be True or False, got {use_cache!r}")

    strict = _get(settings, "CHECKER_STRICT")
    if not isinstance(strict, bool):
        raise ConfigError(f"CHECKER_STRICT must be True or False, got {strict!r}")

    return CheckerConfig(
        base_dir=base,
        content_dir=_resolve(base, _get(settings, "PATH")),
        output_dir=_resolve(base, _get(settings, "OUTPUT_PATH")),
        languages=tuple(languages),
        default_lang=default_lang,
        sections=tuple(sections),
        agencies_file=_resolve(base, _get(settings, "MULTILANG_AGENCIES_FILE")),
        terms_file=_resolve(base, _get(settings, "MULTILANG_TERMS_FILE")),
        timezone=tz,
        markdown=_get(settings, "MARKDOWN") or {},
        strict=strict,
        levels=_levels(settings),
        required_fields=required_fields,
        extra_fields=options.extra_fields,
        summary_max=dict(summary),
        lang_aliases=dict(options.lang_aliases or {}),
        tone_style=tone_style,
        tone_langs=frozenset(_str_list(settings, "CHECKER_TONE_LANGS")),
        tone_glossary=_str_list(settings, "CHECKER_TONE_GLOSSARY"),
        required_pages={k: tuple(v) for k, v in pages.items()},
        classified_markings=_str_list(settings, "CHECKER_CLASSIFIED_MARKINGS"),
        internal_markings=_str_list(settings, "CHECKER_INTERNAL_MARKINGS"),
        pii_allowed_pages=frozenset(p.strip("/") for p in _str_list(settings, "CHECKER_PII_ALLOWED_PAGES")),
        personal_email_domains=frozenset(
            d.lower() for d in _str_list(settings, "CHECKER_PERSONAL_EMAIL_DOMAINS")
        ),
        max_image_bytes=_int(settings, "CHECKER_MAX_IMAGE_BYTES"),
        max_attachment_bytes=_int(settings, "CHECKER_MAX_ATTACHMENT_BYTES"),
        iframe_hosts=_str_list(settings, "CHECKER_IFRAME_HOSTS"),
        url_schemes=frozenset(s.lower() for s in _str_list(settings, "CHECKER_URL_SCHEMES")),
        private_host_suffixes=tuple(s.lower() for s in _str_list(settings, "CHECKER_PRIVATE_HOST_SUFFIXES")),
        decimal_comma_units={k: tuple(v) for k, v in units.items()},
        report_recipient=dict(recipient),
        report_path=str(_get(settings, "CHECKER_REPORT_PATH")).strip("/"),
        report_period=period,
        cache_dir=_resolve(base, cache_path) if use_cache and cache_path else None,
        raw=settings,
    )


def load_config(settings_file: Path | str) -> CheckerConfig:
    """Read a pelicanconf.py the way Pelican does and return the validated config."""
    path = Path(settings_file)
    if not path.is_file():
        raise ConfigError(f"{path}: settings file not found; pass --settings path/to/pelicanconf.py")
    # Imported here: pelican takes a third of a second to import and the
    # plugin path never needs it.
    from pelican.settings import read_settings

    try:
        settings = read_settings(os.fspath(path))
    except Exception as exc:  # a settings module can raise anything
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
    return config_from_settings(settings, path.resolve().parent)
