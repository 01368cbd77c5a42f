"""The one allow-list for HTML from content: bodies and formatted fields, feeds, and the CSP it implies.

Every body and every formatted header field (Summary) is cleaned by `sanitise`
as the engine reads it, in every build: whatever Markdown made of the source,
no script, event handler, `javascript:`/`data:`/`vbscript:` URL or element off
the list reaches a page. What was removed is returned with the text to look for
in the source, so the checker names file and line from this same pass.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3

from .errors import ConfigError

# What Python-Markdown (extra) writes, plus the embeds editors need.
TAGS = frozenset(
    "a abbr audio b blockquote br caption cite code col colgroup dd del details dfn div dl dt "
    "em figcaption figure h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p pre q s samp "
    "small source span strong sub summary sup table tbody td tfoot th thead time tr track u ul "
    "var video".split()
)
# Removed with their content (nh3 cannot keep script or style anyway).
DROP_CONTENT = frozenset({"script", "style", "template", "noscript"})
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: frozenset(names.split())
    for tag, names in {
        "a": "href name hreflang rel",
        "img": "src alt width height loading decoding srcset sizes",
        "iframe": "src width height allow allowfullscreen loading referrerpolicy frameborder",
        "video": "src controls poster width height preload muted loop playsinline",
        "audio": "src controls preload loop",
        "source": "src type srcset media sizes",
        "track": "src kind srclang label default",
        "th": "style colspan rowspan align scope",
        "td": "style colspan rowspan align",
        "ol": "start type reversed",
        "li": "value",
        "blockquote": "cite",
        "q": "cite",
        "del": "cite datetime",
        "ins": "cite datetime",
        "time": "datetime",
        "col": "span",
        "colgroup": "span",
        "details": "open",
    }.items()
}
# Markdown tables align columns with it; it is turned into align="…" (the CSP allows no inline style).
STYLE_PROPERTIES = frozenset({"text-align"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster", "action", "formaction", "data", "srcset"})
MEDIA_TAGS = frozenset({"img", "video", "audio", "source", "track"})

# Defaults of the settings that tune the list (shared by the engine and the checker).
IFRAME_HOSTS = (
    "www.youtube-nocookie.com/embed/",
    "www.youtube.com/embed/",
    "player.vimeo.com/video/",
    "www.google.com/maps/embed",
)
URL_SCHEMES = ("http", "https", "mailto", "tel")
MEDIA_HOSTS: tuple[str, ...] = ()

# A feed is shown inside partners' pages and feed readers: no frames, players, ids or classes.
FEED_TAGS = (TAGS | {"picture", "wbr"}) - {"iframe", "video", "audio", "track", "h1", "details", "summary"}
FEED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title"},
    **{t: set(a - {"loading", "decoding"}) for t, a in ATTRIBUTES.items() if t in FEED_TAGS},
    "a": {"href", "hreflang", "type"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
}

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SCHEME_ANYWHERE_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_TAG_RE = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
_ALIGN_RE = re.compile(r'(<t[dh]\b[^>]*?) style="text-align:\s*(left|right|center|justify);?"')
_URL_STRIP = str.maketrans("", "", "\t\n\r")


@dataclass(frozen=True)
class Removal:
    """What the sanitiser removed: a message, the texts to look for in the source, the field (None: body)."""

    message: str
    needles: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class Policy:
    """The site's tuning of the list: iframe hosts, URL schemes, hosts media may load from."""

    iframe_hosts: tuple[str, ...] = IFRAME_HOSTS
    url_schemes: frozenset[str] = frozenset(URL_SCHEMES)
    media_hosts: tuple[str, ...] = MEDIA_HOSTS

    def digest(self) -> str:
        """Return a hash of the policy and of this module's code (a reader cache key)."""
        data = repr((self.iframe_hosts, sorted(self.url_schemes), self.media_hosts, nh3.__version__))
        code = Path(__file__).read_bytes()
        return hashlib.sha256(data.encode() + code).hexdigest()[:16]

    def csp_sources(self) -> dict[str, tuple[str, ...]]:
        """Return the CSP sources the list needs beyond 'self': frame-src, img-src, media-src."""
        frames = tuple(dict.fromkeys("https://" + h.partition("/")[0].lower() for h in self.iframe_hosts))
        media = tuple(dict.fromkeys("https://" + h.partition("/")[0].lower() for h in self.media_hosts))
        return {"frame-src": frames, "img-src": media, "media-src": media}


def _host_list(settings: Mapping[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """Return a list-of-hosts setting, or raise ConfigError saying what is wrong."""
    value = settings.get(name)
    if value is None:
        return default
    if (
        isinstance(value, str)
        or not isinstance(value, list | tuple)
        or not all(isinstance(v, str) for v in value)
    ):
        raise ConfigError(
            f"{name} must be a list of strings such as ['www.youtube.com/embed/'], not {value!r}"
        )
    for entry in value:
        host = entry.partition("/")[0]
        if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", host):
            raise ConfigError(
                f"{name}: {entry!r} is not a host name (optionally with a path), e.g. 'cdn.example.org'"
            )
    return tuple(value)


def policy(settings: Mapping[str, Any]) -> Policy:
    """Return a build's sanitiser policy: CHECKER_IFRAME_HOSTS, CHECKER_URL_SCHEMES, CHECKER_MEDIA_HOSTS."""
    schemes = settings.get("CHECKER_URL_SCHEMES")
    if schemes is None:
        schemes = URL_SCHEMES
    if isinstance(schemes, str) or not all(isinstance(s, str) and _SCHEME_RE.match(s + ":") for s in schemes):
        raise ConfigError(
            f"CHECKER_URL_SCHEMES must be a list of URL schemes such as ['https'], not {schemes!r}"
        )
    unsafe = {s.lower() for s in schemes} & {"javascript", "data", "vbscript", "file"}
    if unsafe:
        raise ConfigError(f"CHECKER_URL_SCHEMES may not allow {', '.join(sorted(unsafe))}: remove it")
    return Policy(
        iframe_hosts=_host_list(settings, "CHECKER_IFRAME_HOSTS", IFRAME_HOSTS),
        url_schemes=frozenset(s.lower() for s in schemes),
        media_hosts=_host_list(settings, "CHECKER_MEDIA_HOSTS", MEDIA_HOSTS),
    )


def url_scheme(value: str) -> str | None:
    """Return a URL's scheme as a browser reads it (spaces, controls, tabs and newlines ignored)."""
    cleaned = value.strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14"
        "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    ).translate(_URL_STRIP)
    m = _SCHEME_RE.match(cleaned)
    return m.group(1).lower() if m else None


def host_allowed(url: str, hosts: Iterable[str], *, relative: bool) -> bool:
    """Say whether a URL is relative (when `relative`) or https on a listed host and path prefix."""
    cleaned = url.strip().translate(_URL_STRIP)
    scheme = url_scheme(cleaned)
    if scheme is None and not cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return relative
    try:
        parts = urlsplit(cleaned.replace("\\", "/"))
        hostname = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("https", "") or not hostname:
        return False
    for entry in hosts:
        host, _, prefix = entry.partition("/")
        if hostname == host.lower() and parts.path.startswith("/" + prefix):
            return True
    return False


def _srcset_urls(value: str) -> list[str]:
    """Return the URLs of a srcset value."""
    return [c.strip().split()[0] for c in value.split(",") if c.strip()]


def attribute_issue(tag: str, name: str, value: str, pol: Policy) -> str | None:
    """Return why the list refuses an attribute (None: it is kept)."""
    if name.startswith("on"):
        return f"event handler {name}= on <{tag}>"
    if name not in GENERIC_ATTRIBUTES and name not in ATTRIBUTES.get(tag, ()):
        return f"attribute {name}= is not allowed on <{tag}>"
    urls = _srcset_urls(value) if name == "srcset" else [value] if name in URL_ATTRIBUTES else []
    for url in urls:
        scheme = url_scheme(url)
        if scheme is not None and scheme not in pol.url_schemes:
            return f"{scheme}: URL in <{tag} {name}>"
        if tag == "iframe" and not host_allowed(url, pol.iframe_hosts, relative=False):
            return f"<iframe> loads {_host(url)}, which is not in CHECKER_IFRAME_HOSTS"
        if tag in MEDIA_TAGS and not host_allowed(url, pol.media_hosts, relative=True):
            return f"<{tag}> loads {_host(url)}, which is not in CHECKER_MEDIA_HOSTS"
    if name == "style":
        props = {p.split(":")[0].strip().lower() for p in value.split(";") if ":" in p}
        if not props <= STYLE_PROPERTIES:
            return f"style “{value}” on <{tag}> (only text-align is kept)"
    return None


def _host(url: str) -> str:
    """Return a URL's host for a message (the URL itself when it has none)."""
    try:
        return urlsplit(url.strip().replace("\\", "/")).hostname or url
    except ValueError:
        return url


@dataclass
class _Pass:
    """One sanitising pass: the policy and what it refused, in document order."""

    pol: Policy
    field: str | None
    removals: list[Removal] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def keep(self, tag: str, name: str, value: str) -> str | None:
        """Apply the policy to an attribute nh3 allowed (the strict pass)."""
        return None if attribute_issue(tag, name, value, self.pol) else value

    def record(self, tag: str, name: str, value: str) -> str | None:
        """Record every attribute the policy refuses on an allowed element (the permissive pass); keep all."""
        what = attribute_issue(tag, name, value, self.pol) if tag in TAGS else None
        if what is not None:
            texts = [v for v in (value, value.partition(":")[2]) if len(v.strip()) >= 4]
            needles = (*texts, f"{name}=", name, f"<{tag}")
            self.removals.append(Removal(what, needles, self.field))
        return value


# An iframe's content is raw text the page never shows; a parser that reads it
# as markup (a feed reader, an editor pasting it back) could find a <script> in it.
_RAW_TEXT_RE = re.compile(r"(<iframe\b[^>]*>).*?(</iframe>)", re.S | re.I)


def sanitise(
    html: str, pol: Policy | None = None, field_name: str | None = None
) -> tuple[str, list[Removal]]:
    """Return html cleaned to the allow-list, and what was removed (with texts to find it by)."""
    pol = pol or Policy()
    state = _Pass(pol, field_name)
    cleaned = nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROP_CONTENT),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in ATTRIBUTES.items()}},
        attribute_filter=state.keep,
        url_schemes=set(pol.url_schemes),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )
    cleaned = _RAW_TEXT_RE.sub(r"\1\2", _ALIGN_RE.sub(r'\1 align="\2"', cleaned))
    if cleaned == html:
        return cleaned, []
    # The same parser with every element, attribute and scheme present allowed:
    # the attribute filter sees each attribute as the browser would, decoded.
    found = [m.group(1).lower() for m in _TAG_RE.finditer(_COMMENT_RE.sub("", html))]
    candidates = set(found)
    unescaped = html_lib.unescape(html).translate(_URL_STRIP)
    schemes = {m.group(1).lower() for m in _SCHEME_ANYWHERE_RE.finditer(unescaped)}
    reference = nh3.clean(
        html,
        tags=(TAGS | candidates) - DROP_CONTENT,
        clean_content_tags=set(DROP_CONTENT),
        generic_attribute_prefixes={""},
        attribute_filter=state.record,
        url_schemes=schemes | set(pol.url_schemes),
        link_rel=None,
        strip_comments=True,
    )
    removals = [
        Removal(f"<{tag}> is not allowed", (f"<{tag}",), field_name) for tag in found if tag not in TAGS
    ]
    removals += state.removals
    if not removals and cleaned != _RAW_TEXT_RE.sub(r"\1\2", _ALIGN_RE.sub(r'\1 align="\2"', reference)):
        removals.append(Removal("malformed or disallowed markup was changed", (), field_name))
    return cleaned, removals


def clean_for_feed(html: str, base_url: str, pol: Policy | None = None) -> str:
    """Return html cleaned to the feed list, every URL absolute against base_url."""
    pol = pol or Policy()

    def keep(tag: str, name: str, value: str) -> str | None:
        if name == "srcset":
            urls = _srcset_urls(value)
            if any((s := url_scheme(u)) is not None and s not in pol.url_schemes for u in urls):
                return None
            candidates = [c.strip().split() for c in value.split(",") if c.strip()]
            return ", ".join(" ".join([urljoin(base_url, c[0]), *c[1:]]) for c in candidates)
        return value

    cleaned = nh3.clean(
        html,
        tags=set(FEED_TAGS),
        clean_content_tags=set(DROP_CONTENT),
        attributes=FEED_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=set(pol.url_schemes) & {"http", "https", "mailto", "tel"},
        url_relative=("rewrite_with_base", base_url),
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


class Locator:
    """Find the source line of each removal, in document order (a repeated text: its next occurrence)."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = [line.lower() for line in lines]
        self.start = start
        self.after: dict[str, int] = {}

    def line(self, needles: Iterable[str]) -> int:
        """Return the line of the first needle found (after its last hit), else the body's first line."""
        for needle in needles:
            needle = needle.lower()
            if not needle:
                continue
            first = self.after.get(needle, self.start)
            for index in (*range(first, len(self.lines)), *range(self.start, first)):
                if needle in self.lines[index]:
                    self.after[needle] = index + 1
                    return index + 1
        return self.start + 1


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> str:
    """Return value as JSON safe inside an HTML <script> element (<, >, &, U+2028/9 as \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def script_json_dumps(value: Any, **kwargs: Any) -> str:
    """Serialise like json.dumps, with the script-context escapes (Jinja's json.dumps_function policy)."""
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], json.dumps(value, **kwargs))
