"""The FEEDS_* settings: every default in one place, validated once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from model import sanitise

FORMATS = ("atom", "rss", "json")

DEFAULTS: dict[str, Any] = {
    # The absolute site address used in feeds, the sitemap, robots.txt and
    # JSON-LD. None: SITEURL; when that is empty (development), the placeholder.
    "FEEDS_SITEURL": None,
    "FEEDS_PLACEHOLDER_SITEURL": "http://localhost:8000",
    # The authority of entry ids (tag:<authority>,<year>:...). None: the host of
    # the feeds' site address. Set it in production so ids survive a domain move.
    "FEEDS_TAG_AUTHORITY": None,
    "FEEDS_FORMATS": list(FORMATS),
    "FEEDS_MAX_ITEMS": 20,  # entries per feed
    "FEEDS_WIDGET_ITEMS": 5,  # entries on an iframe widget page
    # Origins allowed to frame the widget pages, e.g. ["https://mofa.gov.vn"].
    "FEEDS_PARTNER_ORIGINS": [],
    "FEEDS_SITEMAP_MAX_URLS": 50_000,  # per sitemap file (the protocol's maximum)
    "FEEDS_HEADERS": True,  # write the _headers file (Netlify / Cloudflare Pages)
    # The Content-Security-Policy of every page (frame-ancestors is added per path).
    # frame-src, img-src and media-src also get the hosts the sanitiser lets
    # bodies load from (CHECKER_IFRAME_HOSTS, CHECKER_MEDIA_HOSTS): one list.
    "FEEDS_CSP": {
        "default-src": ["'self'"],
        # Pagefind compiles WebAssembly; without this its search does not start.
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
    "FEEDS_REFERRER_POLICY": "strict-origin-when-cross-origin",
    # Browser features no page uses (Permissions-Policy: feature=() each). Not
    # fullscreen, autoplay, encrypted-media or picture-in-picture: embedded players need them.
    "FEEDS_PERMISSIONS_POLICY": [
        "camera",
        "microphone",
        "geolocation",
        "interest-cohort",
        "browsing-topics",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "hid",
        "midi",
        "display-capture",
    ],
    "FEEDS_ROBOTS_DISALLOW": [],  # extra Disallow: paths for robots.txt
}

_ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
_DIRECTIVE_RE = re.compile(r"^[a-z-]+$")


class FeedsSettingsError(ValueError):
    """Report a FEEDS_* setting that cannot work, and how to fix it."""


@dataclass(frozen=True)
class FeedsSettings:
    """The validated feeds settings of one build."""

    siteurl: str  # absolute, no trailing slash
    tag_authority: str
    formats: tuple[str, ...]
    max_items: int
    widget_items: int
    partner_origins: tuple[str, ...]
    sitemap_max_urls: int
    headers: bool
    csp: dict[str, tuple[str, ...]]
    referrer_policy: str
    permissions_policy: tuple[str, ...]
    robots_disallow: tuple[str, ...]

    def absolute(self, url: str) -> str:
        """Return an absolute URL for a site path or a URL the engine made."""
        if not url:
            return self.siteurl + "/"
        if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            return url
        return self.siteurl + "/" + url.lstrip("/")


def get(settings: dict[str, Any], name: str) -> Any:
    """Return a feeds setting, or its default."""
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value


def _positive(settings: dict[str, Any], name: str, maximum: int | None = None) -> int:
    """Return a positive integer setting, or say what is wrong with it."""
    value = get(settings, name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FeedsSettingsError(f"{name} must be a positive whole number, not {value!r}")
    if maximum is not None and value > maximum:
        raise FeedsSettingsError(f"{name} must be at most {maximum}, not {value}")
    return value


def siteurl(settings: dict[str, Any]) -> str:
    """Return the absolute address feeds use: FEEDS_SITEURL, SITEURL or the placeholder."""
    for name in ("FEEDS_SITEURL", "SITEURL", "FEEDS_PLACEHOLDER_SITEURL"):
        value = (settings.get(name) or (DEFAULTS.get(name) or "")).strip().rstrip("/")
        if not value:
            continue
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            if name == "SITEURL":
                continue  # a relative SITEURL (development): use the placeholder
            raise FeedsSettingsError(
                f"{name} must be an absolute http(s) address such as https://example.gov.vn, not {value!r}"
            )
        return value
    raise FeedsSettingsError("FEEDS_PLACEHOLDER_SITEURL must not be empty")


def load(settings: dict[str, Any]) -> FeedsSettings:
    """Validate the FEEDS_* settings and return them."""
    base = siteurl(settings)
    formats = get(settings, "FEEDS_FORMATS")
    if not isinstance(formats, (list, tuple)) or not formats or any(f not in FORMATS for f in formats):
        raise FeedsSettingsError(
            f"FEEDS_FORMATS must be a non-empty list of {', '.join(FORMATS)}, not {formats!r}"
        )
    origins = get(settings, "FEEDS_PARTNER_ORIGINS")
    if isinstance(origins, str) or not isinstance(origins, (list, tuple)):
        raise FeedsSettingsError(f"FEEDS_PARTNER_ORIGINS must be a list of origins, not {origins!r}")
    for origin in origins:
        if origin != "*" and not (isinstance(origin, str) and _ORIGIN_RE.match(origin)):
            raise FeedsSettingsError(
                f"FEEDS_PARTNER_ORIGINS: {origin!r} is not an origin; write scheme and host only, "
                "e.g. 'https://portal.example.gov.vn' (no path, no trailing slash), or '*' for any site"
            )
    csp = get(settings, "FEEDS_CSP")
    if not isinstance(csp, dict) or any(not _DIRECTIVE_RE.match(str(k)) for k in csp):
        raise FeedsSettingsError("FEEDS_CSP must be a dict of directive name -> list of sources")
    if "frame-ancestors" in csp:
        raise FeedsSettingsError(
            "FEEDS_CSP must not set frame-ancestors: the feeds plugin sets it per path "
            "from FEEDS_PARTNER_ORIGINS; remove it"
        )
    clean_csp = {}
    for directive, sources in csp.items():
        if isinstance(sources, str):
            sources = sources.split()
        if any(";" in s or "," in s for s in sources):
            raise FeedsSettingsError(f"FEEDS_CSP[{directive!r}]: a source may not contain ';' or ','")
        clean_csp[directive] = tuple(sources)
    _add_content_sources(clean_csp, sanitise.policy(settings))
    features = get(settings, "FEEDS_PERMISSIONS_POLICY")
    if isinstance(features, str) or any(not _DIRECTIVE_RE.match(str(f)) for f in features):
        raise FeedsSettingsError("FEEDS_PERMISSIONS_POLICY must be a list of feature names such as 'camera'")
    authority = get(settings, "FEEDS_TAG_AUTHORITY") or urlsplit(base).hostname or "localhost"
    if not re.match(r"^[A-Za-z0-9.-]+(@[A-Za-z0-9.-]+)?$", authority):
        raise FeedsSettingsError(
            f"FEEDS_TAG_AUTHORITY must be a domain name or e-mail address, not {authority!r}"
        )
    disallow = get(settings, "FEEDS_ROBOTS_DISALLOW")
    if isinstance(disallow, str) or any(not str(p).startswith("/") for p in disallow):
        raise FeedsSettingsError("FEEDS_ROBOTS_DISALLOW must be a list of paths starting with '/'")
    return FeedsSettings(
        siteurl=base,
        tag_authority=authority.lower(),
        formats=tuple(f for f in FORMATS if f in formats),
        max_items=_positive(settings, "FEEDS_MAX_ITEMS"),
        widget_items=_positive(settings, "FEEDS_WIDGET_ITEMS"),
        partner_origins=tuple(origins),
        sitemap_max_urls=_positive(settings, "FEEDS_SITEMAP_MAX_URLS", maximum=50_000),
        headers=bool(get(settings, "FEEDS_HEADERS")),
        csp=clean_csp,
        referrer_policy=str(get(settings, "FEEDS_REFERRER_POLICY")),
        permissions_policy=tuple(features),
        robots_disallow=tuple(disallow),
    )


def _add_content_sources(csp: dict[str, tuple[str, ...]], pol: sanitise.Policy) -> None:
    """Add the hosts the sanitiser lets bodies load from to frame-src, img-src and media-src."""
    for directive, extra in pol.csp_sources().items():
        if not extra:
            continue
        base = csp.get(directive) or csp.get("default-src") or ("'self'",)
        csp[directive] = tuple(dict.fromkeys(s for s in (*base, *extra) if s != "'none'"))


def add_map_sources(csp: dict[str, tuple[str, ...]], tiles: Any) -> None:
    """Allow a configured map tile origin (MULTILANG_MAP_TILES) in img-src; nothing without one."""
    origin = getattr(tiles, "origin", None)
    if not origin:
        return  # no tile source, or tiles on this host: the policy stays as it is
    base = csp.get("img-src") or csp.get("default-src") or ("'self'",)
    csp["img-src"] = tuple(dict.fromkeys(s for s in (*base, origin) if s != "'none'"))
