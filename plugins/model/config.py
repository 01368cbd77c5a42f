"""The multilang settings: defaults in one place, validated once per build."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale, UnknownLocaleError

from .catalog import RULES, Level
from .directory import directory
from .errors import ConfigError
from .site import Agency, Language, MapTiles, Section, Site, Term
from .text import is_slug, nfc, slugify
from .validate import Options
from .vocab import load_vocabularies

DEFAULTS: dict[str, Any] = {
    "DEFAULT_LANG": "vi",
    "TIMEZONE": "UTC",
    "MULTILANG_LANGUAGES": {"vi": {"name": "Tiếng Việt"}},
    "MULTILANG_SECTIONS": {},
    "MULTILANG_AGENCIES_FILE": "data/agencies.yml",
    "MULTILANG_TERMS_FILE": "data/terms.yml",
    # Named term lists of the structured types' fields (model/vocab.py); none when missing.
    "MULTILANG_VOCABULARIES_FILE": "data/vocabularies.yml",
    # The home page's hero and key facts (model/keyfacts.py); none when missing.
    "MULTILANG_KEYFACTS_FILE": "data/keyfacts.yml",
    "MULTILANG_PAGES_DIR": "pages",
    # [south, west, north, east] in WGS84 degrees: the province (Hòa Bình); any
    # Coordinates outside it are an error (model/values.py). None: no check.
    "MULTILANG_BOUNDING_BOX": [20.25, 104.8, 21.15, 106.0],
    # The day the build counts upcoming events from, "YYYY-MM-DD"; None: today.
    # Pin it (tests, reproducible builds) so two builds of the same day agree.
    "MULTILANG_BUILD_DATE": None,
    # The map's tile source (docs/map.md): None draws the points as SVG and loads
    # no script; {"url": "https://tiles.example.org/{z}/{x}/{y}.png",
    # "attribution": "...", "max_zoom": 18} loads the vendored Leaflet on pages
    # with a map and allows the tiles' origin in the CSP's img-src.
    "MULTILANG_MAP_TILES": None,
    "MULTILANG_SITE_NAME": {},  # lang -> the site's name in that language
    # lang -> the languages to try, in order, where lang has no version of a page
    # or no name in a registry ({"ja": ["en", "vi"]}); the default language
    # always ends every chain. {}: every language falls back to the default one.
    "MULTILANG_FALLBACK": {},
    # Leave a section out of a language's menu and home page while it has
    # nothing in that language (no story, no collection item).
    "MULTILANG_HIDE_EMPTY_SECTIONS": True,
    "MULTILANG_HOME_LATEST": 4,
    # The home page's next events (upcoming, never cancelled) and destinations, featured first.
    "MULTILANG_HOME_EVENTS": 3,
    "MULTILANG_HOME_DESTINATIONS": 4,
    "MULTILANG_RELATED": 3,
    # The years a Date or Modified may fall in; others are an editor's typo (9999, 2204).
    "MULTILANG_DATE_RANGE": [1945, 2100],
    # The most tags one story may carry (each is a page in every language).
    "MULTILANG_MAX_TAGS": 12,
    "MULTILANG_ATTACHMENT_EXTENSIONS": [
        ".pdf",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        ".csv",
        ".txt",
        ".zip",
    ],
    # Attachments are published when a published story links to them; these
    # content-relative paths ("news/plan-186/plan.pdf") are published even so.
    "MULTILANG_PUBLISH_ATTACHMENTS": [],
    # Left to the images plugin, which recognises images by this same list.
    "MULTILANG_IMAGE_EXTENSIONS": [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".avif",
        ".tif",
        ".tiff",
        ".bmp",
        ".svg",
        ".heic",
        ".heif",
    ],
    "MULTILANG_TRANSLATIONS_DIR": "translations",
    "MULTILANG_WORKERS": 0,  # processes that render pages; 0 = one per CPU core
    "DEFAULT_PAGINATION": 12,
    # Content-model settings the engine and the checker share (named CHECKER_*
    # since the first release; the editors' contract keeps the names).
    # {"rule-id": "error" | "warning" | "off"}: overrides a rule's default level.
    "CHECKER_LEVELS": {},
    # Fields each kind of file must set (lower-case names).
    "CHECKER_REQUIRED_FIELDS": {
        "source": ["title", "date"],
        "translation": ["title"],
        "page": ["title"],
    },
    # Metadata names other plugins add, so they are not reported as unknown.
    "CHECKER_EXTRA_FIELDS": [],
    # Wrong language codes people type, and the right one for the hint.
    "CHECKER_LANG_ALIASES": {"vn": "vi", "cn": "zh", "jp": "ja", "kr": "ko"},
    # Attachments are read for markings and personal data; a ZIP archive (and
    # the ZIP inside every DOCX, XLSX, ODT…) holding more files or expanding to
    # more bytes than this cannot be checked, which is an error.
    "CHECKER_ARCHIVE_MAX_MEMBERS": 1000,
    "CHECKER_ARCHIVE_MAX_BYTES": 100_000_000,
}

UNTRANSLATED_POLICIES = ("hide", "fallback")
# Path segments the engine writes at a language's root; page slugs must avoid them.
RESERVED_SLUGS = {
    "tag",
    "agency",
    "archive",
    "search",
    "embed",
    "feeds",
    "media",
    "theme",
    "page",
    "404.html",
    "pagefind",
    "_report",
    "map",
    "unavailable",
}


def get(settings: dict[str, Any], name: str) -> Any:
    """Return a multilang setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def read_languages(settings: Mapping[str, Any]) -> list[Language]:
    """Validate MULTILANG_LANGUAGES and return the languages in order."""
    raw = get(settings, "MULTILANG_LANGUAGES")
    default = get(settings, "DEFAULT_LANG")
    if not isinstance(raw, dict) or not raw:
        raise ConfigError("MULTILANG_LANGUAGES must be a non-empty dict of code -> options")
    if default not in raw:
        raise ConfigError(f"DEFAULT_LANG {default!r} is not in MULTILANG_LANGUAGES")
    languages = []
    for code, options in raw.items():
        if not (isinstance(code, str) and code.isascii() and code.islower() and code.isalpha()):
            raise ConfigError(f"MULTILANG_LANGUAGES: {code!r} is not a lowercase language code")
        options = options or {}
        locale_name = options.get("locale", code)
        try:
            Locale.parse(locale_name)
        except (UnknownLocaleError, ValueError) as exc:
            raise ConfigError(
                f"MULTILANG_LANGUAGES[{code!r}]: Babel has no locale {locale_name!r} ({exc})"
            ) from exc
        policy = options.get("untranslated", "hide")
        if policy not in UNTRANSLATED_POLICIES:
            raise ConfigError(
                f"MULTILANG_LANGUAGES[{code!r}]['untranslated'] must be one of "
                f"{', '.join(UNTRANSLATED_POLICIES)}, not {policy!r}"
            )
        languages.append(
            Language(
                code=code,
                # Only when not given: CLDR loads a locale's whole data for a display name.
                name=options["name"] if "name" in options else Locale.parse(locale_name).display_name or code,
                html_lang=options.get("html_lang", code),
                locale=locale_name,
                og_locale=options.get("og_locale", str(Locale.parse(locale_name))),
                prefix="" if code == default else f"{code}/",
                untranslated=policy,
            )
        )
    return languages


def _fallback(settings: dict[str, Any], codes: list[str], default: str) -> dict[str, tuple[str, ...]]:
    """Validate MULTILANG_FALLBACK into each language's chain, ending with the default language.

    A language the site does not configure (a known one, such as "ko" on a
    site of vi and en) is skipped, so one setting serves every configuration.
    """
    raw = get(settings, "MULTILANG_FALLBACK")
    if not isinstance(raw, Mapping):
        raise ConfigError('MULTILANG_FALLBACK must be a dict like {"ja": ["en", "vi"]}')
    for code, chain in raw.items():
        if isinstance(chain, str) or not isinstance(chain, list | tuple):
            raise ConfigError(f"MULTILANG_FALLBACK[{code!r}] must be a list of language codes, not {chain!r}")
        for other in [code, *chain]:
            if other not in codes and not _known_language(other):
                raise ConfigError(
                    f"MULTILANG_FALLBACK[{code!r}]: {other!r} is not a language code; use one of {codes}"
                )
        if code in chain or len(set(chain)) != len(chain):
            raise ConfigError(f"MULTILANG_FALLBACK[{code!r}] = {chain!r}: list other languages, each once")
    chains = {}
    for code in codes:
        chain = [other for other in raw.get(code) or [] if other in codes]
        if code != default and default not in chain:
            chain.append(default)
        chains[code] = tuple(chain)
    return chains


def _known_language(code: Any) -> bool:
    """Tell whether code is a lowercase language code CLDR knows ("ko"; not "jp" or "vn")."""
    if not (isinstance(code, str) and code.isascii() and code.isalpha() and code.islower()):
        return False
    try:
        return Locale.parse(code).language == code
    except (UnknownLocaleError, ValueError):
        return False


def read_sections(settings: Mapping[str, Any], codes: list[str]) -> dict[str, Section]:
    """Validate MULTILANG_SECTIONS: a name and slug in every language."""
    sections = {}
    for section_id, per_lang in get(settings, "MULTILANG_SECTIONS").items():
        if not is_slug(section_id):
            raise ConfigError(f"MULTILANG_SECTIONS: id {section_id!r} must match [a-z0-9-]+")
        names, slugs = {}, {}
        for code in codes:
            entry = per_lang.get(code)
            if not entry or not entry.get("name") or not is_slug(entry.get("slug", "")):
                raise ConfigError(
                    f"MULTILANG_SECTIONS[{section_id!r}] needs {{'name': ..., 'slug': ...}} "
                    f"for language {code!r}, with a slug of [a-z0-9-]+"
                )
            names[code], slugs[code] = nfc(entry["name"]), entry["slug"]
        sections[section_id] = Section(section_id, names, slugs)
    return sections


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: str) -> Any:
    """Load a YAML registry, naming the file when it is broken."""
    try:
        with open(path, encoding="utf-8") as handle:
            # libyaml's loader when PyYAML has it: the registries load 5x faster.
            return yaml.load(handle, Loader=SAFE_LOADER) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: registry file not found; create it or fix the setting") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise ConfigError(f"{where}: invalid YAML ({exc})") from exc


def _date(value: Any, where: str) -> dt.date | None:
    """Parse a registry date (YAML gives date objects; strings are ISO)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _agency(entry: dict[str, Any], path: str) -> Agency:
    """Build one registry entry, validating its id and names."""
    agency_id = str(entry.get("id", ""))
    where = f"{path}: agency {agency_id or '(no id)'}"
    if not is_slug(agency_id):
        raise ConfigError(f"{where}: id must match [a-z0-9-]+")
    names = {k: nfc(v) for k, v in (entry.get("name") or {}).items()}
    if "vi" not in names and "en" not in names:
        raise ConfigError(f"{where}: give at least a name in vi or en")
    return Agency(
        id=agency_id,
        names=names,
        short={k: nfc(v) for k, v in (entry.get("short") or {}).items()},
        functions={k: nfc(v) for k, v in (entry.get("functions") or {}).items()},
        url=entry.get("url") or "",
        contacts=entry.get("contacts") or {},
        parent=entry.get("parent"),
        successor=entry.get("successor"),
        valid_from=_date(entry.get("valid_from"), where),
        valid_to=_date(entry.get("valid_to"), where),
        source=path,
        **directory(entry, where),
    )


def _terms(path: str, codes: list[str]) -> dict[str, Term]:
    """Load the tag term table; CJK names need an explicit ASCII slug."""
    terms = {}
    for term_id, per_lang in (_load_yaml(path) if os.path.exists(path) else {}).items():
        if not is_slug(str(term_id)):
            raise ConfigError(f"{path}: term id {term_id!r} must match [a-z0-9-]+")
        names, slugs = {}, {}
        for code, value in (per_lang or {}).items():
            if code not in codes:
                raise ConfigError(f"{path}: term {term_id}: unknown language {code!r}")
            name, slug = (value.get("name"), value.get("slug")) if isinstance(value, dict) else (value, None)
            name = nfc(str(name))
            slug = slug or slugify(name)
            if not is_slug(slug):
                raise ConfigError(
                    f"{path}: term {term_id}: cannot make an ASCII slug from {name!r} "
                    f"({code}); write it as {{name: {name}, slug: <ascii-slug>}}"
                )
            names[code], slugs[code] = name, slug
        if not names:
            raise ConfigError(f"{path}: term {term_id} has no names")
        terms[str(term_id)] = Term(str(term_id), names, slugs)
    return terms


def build_site(settings: dict[str, Any]) -> Site:
    """Validate the settings and registries once and return an empty Site."""
    languages = read_languages(settings)
    codes = [language.code for language in languages]
    registry_path = get(settings, "MULTILANG_AGENCIES_FILE")
    registry = _load_yaml(registry_path)
    agencies = {}
    for entry in registry.get("agencies") or []:
        agency = _agency(entry, registry_path)
        if agency.id in agencies:
            raise ConfigError(f"{registry_path}: agency id {agency.id!r} appears twice")
        agencies[agency.id] = agency
    owners = [_agency(entry, registry_path) for entry in registry.get("owners") or []]
    owners.sort(key=lambda owner: owner.valid_from or dt.date.min)
    bodies = {}
    for entry in registry.get("bodies") or []:
        body = _agency(entry, registry_path)
        if body.id in agencies or body.id in bodies:
            raise ConfigError(f"{registry_path}: body id {body.id!r} is also an agency's or appears twice")
        body.external = True
        bodies[body.id] = body
    vocab_path = get(settings, "MULTILANG_VOCABULARIES_FILE")
    vocab_raw = _load_yaml(vocab_path) if os.path.exists(vocab_path) else {}
    chains = _fallback(settings, codes, get(settings, "DEFAULT_LANG"))
    terms = _terms(get(settings, "MULTILANG_TERMS_FILE"), codes)
    vocabularies = load_vocabularies(vocab_raw, vocab_path, codes, get(settings, "DEFAULT_LANG"))
    vocab_terms = [term for vocabulary in vocabularies.values() for term in vocabulary.terms.values()]
    for entry in [*agencies.values(), *owners, *bodies.values(), *terms.values(), *vocab_terms]:
        entry.fallback = chains  # registry names follow each language's chain
    hide = get(settings, "MULTILANG_HIDE_EMPTY_SECTIONS")
    if not isinstance(hide, bool):
        raise ConfigError(f"MULTILANG_HIDE_EMPTY_SECTIONS must be True or False, not {hide!r}")
    return Site(
        languages=languages,
        default_lang=get(settings, "DEFAULT_LANG"),
        sections=read_sections(settings, codes),
        terms=terms,
        agencies=agencies,
        owners=owners,
        siteurl=settings.get("SITEURL", "").rstrip("/"),
        agencies_file=registry_path,
        vocabularies=vocabularies,
        bodies=bodies,
        bbox=_bbox(get(settings, "MULTILANG_BOUNDING_BOX")),
        build_date=_build_date(get(settings, "MULTILANG_BUILD_DATE")),
        map_tiles=map_tiles(get(settings, "MULTILANG_MAP_TILES")),
        chains=chains,
        hide_empty_sections=hide,
    )


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    """Validate MULTILANG_BOUNDING_BOX: [south, west, north, east] in degrees, or None."""
    if value is None:
        return None
    ok = isinstance(value, list | tuple) and len(value) == 4
    ok = ok and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    if not ok or not (-90 <= value[0] < value[2] <= 90 and -180 <= value[1] < value[3] <= 180):
        raise ConfigError(
            f"MULTILANG_BOUNDING_BOX must be [south, west, north, east] in degrees "
            f"(e.g. [20.25, 104.8, 21.15, 106.0]), not {value!r}"
        )
    return (float(value[0]), float(value[1]), float(value[2]), float(value[3]))


_TILE_HINT = (
    'MULTILANG_MAP_TILES must be None or {"url": "https://tiles.example.org/{z}/{x}/{y}.png", '
    '"attribution": "© …", "max_zoom": 18}'
)
_TILE_KEYS = {"url", "attribution", "attribution_url", "max_zoom"}


def map_tiles(value: Any) -> MapTiles | None:
    """Validate MULTILANG_MAP_TILES: a tile URL template on https (or this host) and its attribution."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ConfigError(f"{_TILE_HINT}, not {value!r}")
    unknown = sorted(set(value) - _TILE_KEYS)
    if unknown:
        raise ConfigError(
            f"MULTILANG_MAP_TILES: unknown key {unknown[0]!r}; use {', '.join(sorted(_TILE_KEYS))}"
        )
    url = value.get("url")
    if not isinstance(url, str) or not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise ConfigError(f"MULTILANG_MAP_TILES['url'] must contain {{z}}, {{x}} and {{y}}: {_TILE_HINT}")
    parts = urlsplit(url)
    same_host = url.startswith("/") and not url.startswith("//")
    if not same_host and (parts.scheme not in ("https", "http") or not parts.hostname):
        raise ConfigError(
            f"MULTILANG_MAP_TILES['url'] must be an https:// address or a path on this host "
            f'("/tiles/{{z}}/{{x}}/{{y}}.png"), not {url!r}'
        )
    if any(ch in url for ch in " ;,'\"<>"):
        raise ConfigError(f"MULTILANG_MAP_TILES['url'] may not contain spaces, quotes, ';' or ',': {url!r}")
    attribution = value.get("attribution")
    if not isinstance(attribution, str) or not attribution.strip():
        raise ConfigError(
            "MULTILANG_MAP_TILES['attribution'] is required: the credit the tiles' licence asks for "
            '("© OpenStreetMap contributors")'
        )
    attribution_url = value.get("attribution_url")
    if attribution_url is not None and not (
        isinstance(attribution_url, str) and attribution_url.startswith(("https://", "http://"))
    ):
        raise ConfigError(
            f"MULTILANG_MAP_TILES['attribution_url'] must be an https:// address, not {attribution_url!r}"
        )
    zoom = value.get("max_zoom", 18)
    if isinstance(zoom, bool) or not isinstance(zoom, int) or not 1 <= zoom <= 22:
        raise ConfigError(
            f"MULTILANG_MAP_TILES['max_zoom'] must be a whole number from 1 to 22, not {zoom!r}"
        )
    origin = None if same_host else f"{parts.scheme}://{parts.netloc}"
    return MapTiles(url, nfc(attribution.strip()), attribution_url, zoom, origin)


def _build_date(value: Any) -> dt.date:
    """Validate MULTILANG_BUILD_DATE ("YYYY-MM-DD" or a date); None is today."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f'MULTILANG_BUILD_DATE must be a day, "YYYY-MM-DD", not {value!r}') from None


def levels(settings: Mapping[str, Any]) -> dict[str, Level]:
    """Validate CHECKER_LEVELS: the level each overridden rule has in every command."""
    overrides = get(settings, "CHECKER_LEVELS")
    if not isinstance(overrides, Mapping):
        raise ConfigError('CHECKER_LEVELS must be a dict like {"links.insecure-http": "error"}')
    levels: dict[str, Level] = {}
    for rule_id, value in overrides.items():
        rule = RULES.get(rule_id)
        if rule is None:
            raise ConfigError(
                f"CHECKER_LEVELS names unknown rule {rule_id!r}; `python -m checker --list-rules` lists them"
            )
        try:
            level = Level(value)
        except ValueError:
            raise ConfigError(
                f"CHECKER_LEVELS[{rule_id!r}] = {value!r}: use 'error', 'warning' or 'off'"
            ) from None
        if not rule.overridable:
            raise ConfigError(
                f"CHECKER_LEVELS[{rule_id!r}]: this rule cannot be overridden; remove the entry"
            )
        levels[rule_id] = level
    return levels


def archive_limits(settings: Mapping[str, Any]) -> tuple[int, int]:
    """Validate CHECKER_ARCHIVE_MAX_MEMBERS and CHECKER_ARCHIVE_MAX_BYTES: (members, bytes)."""
    out = []
    for name in ("CHECKER_ARCHIVE_MAX_MEMBERS", "CHECKER_ARCHIVE_MAX_BYTES"):
        value = settings.get(name, DEFAULTS[name])
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        out.append(value)
    return out[0], out[1]


def validation_options(settings: Mapping[str, Any]) -> Options:
    """Return what model.validate needs from the settings, validated."""
    try:
        tz = zoneinfo.ZoneInfo(get(settings, "TIMEZONE"))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ConfigError(
            f"TIMEZONE {get(settings, 'TIMEZONE')!r} is not an IANA time zone (e.g. 'Asia/Ho_Chi_Minh')"
        ) from None
    required = get(settings, "CHECKER_REQUIRED_FIELDS")
    if not isinstance(required, Mapping) or set(required) - {"source", "translation", "page"}:
        raise ConfigError("CHECKER_REQUIRED_FIELDS must be a dict with keys 'source', 'translation', 'page'")
    extra = get(settings, "CHECKER_EXTRA_FIELDS")
    if isinstance(extra, str) or not all(isinstance(v, str) for v in extra):
        raise ConfigError(f"CHECKER_EXTRA_FIELDS must be a list of strings, got {extra!r}")
    aliases = get(settings, "CHECKER_LANG_ALIASES")
    if not isinstance(aliases, Mapping):
        raise ConfigError('CHECKER_LANG_ALIASES must be a dict like {"vn": "vi"}')
    return Options(
        timezone=tz,
        extra_fields=frozenset(f.lower() for f in extra),
        extra_required={kind: tuple(f.lower() for f in required.get(kind, ())) for kind in required},
        lang_aliases={str(k).lower(): str(v) for k, v in aliases.items()},
        **_limits(settings),
    )


def _limits(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Validate MULTILANG_DATE_RANGE and MULTILANG_MAX_TAGS into validate.Options fields."""
    years = get(settings, "MULTILANG_DATE_RANGE")
    if (
        not isinstance(years, list | tuple)
        or len(years) != 2
        or not all(isinstance(y, int) and 1 < y < 9999 for y in years)
        or years[0] > years[1]
    ):
        raise ConfigError(f"MULTILANG_DATE_RANGE must be [first, last] years within 2–9998, not {years!r}")
    cap = get(settings, "MULTILANG_MAX_TAGS")
    if not isinstance(cap, int) or isinstance(cap, bool) or cap < 1:
        raise ConfigError(f"MULTILANG_MAX_TAGS must be a positive whole number, not {cap!r}")
    return {"years": (years[0], years[1]), "max_tags": cap}
