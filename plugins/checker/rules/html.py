"""HTML rule: raw HTML in Markdown that the sanitiser (nh3) would change."""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser

import markdown
import nh3
from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context
from ..textscan import split_url, url_scheme

# What Python-Markdown (extra, toc, smarty) writes, plus the embeds editors need.
ALLOWED_TAGS = frozenset(
    "a abbr audio b blockquote br caption cite code col colgroup dd del details dfn div dl dt "
    "em figcaption figure h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p pre q s samp "
    "small source span strong sub summary sup table tbody td tfoot th thead time tr track u ul "
    "var video".split()
)
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "name", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "iframe": {
        "src",
        "width",
        "height",
        "allow",
        "allowfullscreen",
        "loading",
        "referrerpolicy",
        "frameborder",
    },
    "video": {"src", "controls", "poster", "width", "height", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "loop"},
    "source": {"src", "type", "srcset", "media", "sizes"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "td": {"style", "colspan", "rowspan", "align"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables align columns with it
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster", "action", "formaction", "data"})


def _allowed(tag: str) -> set[str]:
    return GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set())


def iframe_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """Say whether an iframe URL is on the allow-list (host, optionally with a path prefix)."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("https", "") or not parts.netloc:
        return False
    for entry in hosts:
        host, _, prefix = entry.partition("/")
        if parts.hostname == host.lower() and parts.path.startswith("/" + prefix):
            return True
    return False


def render(body: str, ctx: Context) -> str:
    """Render a Markdown body with the site's Python-Markdown configuration, as Pelican does."""
    md = ctx.cache.get("markdown")
    if md is None:
        settings = ctx.config.markdown
        ext_configs = dict(settings.get("extension_configs", {}))
        extensions = list(settings.get("extensions", []))
        extensions += [e for e in ext_configs if e not in extensions]
        md = ctx.cache["markdown"] = markdown.Markdown(
            extensions=extensions,
            extension_configs=ext_configs,
            output_format=settings.get("output_format", "html5"),
        )
    md.reset()
    return md.convert(body)


class _Inventory(HTMLParser):
    """Collect the tags, attributes, URL schemes and style properties of an HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.schemes: set[str] = set()
        self.styles: set[str] = set()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.elements.append((tag, attrs))
        for name, value in attrs:
            self.attributes.add(name)
            if name in URL_ATTRIBUTES and value and (scheme := url_scheme(value)):
                self.schemes.add(scheme)
            if name == "style" and value:
                self.styles.update(p.split(":")[0].strip().lower() for p in value.split(";") if ":" in p)

    handle_startendtag = handle_starttag


def _issues(inv: _Inventory, ctx: Context) -> Iterator[tuple[str, str]]:
    """Yield (what is wrong, text to find in the source) for each unsafe element."""
    schemes = ctx.config.url_schemes
    for tag, attrs in inv.elements:
        if tag not in ALLOWED_TAGS:
            yield f"<{tag}> is not allowed", f"<{tag}"
            continue
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                yield f"event handler {name}= on <{tag}>", f"{name}"
            elif name not in _allowed(tag):
                yield f"attribute {name}= is not allowed on <{tag}>", name
            elif name in URL_ATTRIBUTES and (scheme := url_scheme(value)) and scheme not in schemes:
                yield f"{scheme}: URL in <{tag} {name}>", f"{scheme}:"
            elif (
                name == "style"
                and not {p.split(":")[0].strip().lower() for p in value.split(";") if ":" in p}
                <= STYLE_PROPERTIES
            ):
                yield f"style “{value}” on <{tag}> (only text-align is kept)", "style"
            elif tag == "iframe" and name == "src" and not iframe_allowed(value, ctx.config.iframe_hosts):
                parts = split_url(value)
                host = (parts.hostname if parts else None) or value
                yield f"<iframe> loads {host}, which is not in CHECKER_IFRAME_HOSTS", value


def _needs_render(doc: Document, ctx: Context) -> bool:
    """Say whether Markdown could produce HTML the sanitiser changes (raw HTML, attributes, odd links)."""
    body = doc.body
    if "<" in body or "{" in body:
        return True
    schemes = ctx.config.url_schemes
    return any(link.scheme not in schemes for link in ctx.scan(doc).links if link.scheme)


def _line_of(doc: Document, needle: str) -> int:
    needle = needle.lower()
    for index in range(doc.body_index, len(doc.lines)):
        if needle in doc.lines[index].lower():
            return index + 1
    return doc.body_line


def check_doc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Render the body and report what nh3 would remove or change."""
    if not _needs_render(doc, ctx):
        return
    # In a build the engine has rendered the file already; standalone (or for a
    # file the engine rejected) render it here, with the same settings.
    html = ctx.read_bodies.get(os.path.abspath(doc.path))
    if html is None:
        html = render(doc.body, ctx)
    inv = _Inventory()
    inv.feed(html)
    inv.close()
    hosts = ctx.config.iframe_hosts

    def keep(tag: str, attr: str, value: str) -> str | None:
        if tag == "iframe" and attr == "src" and not iframe_allowed(value, hosts):
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=keep,
        url_schemes=set(ctx.config.url_schemes),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=False,
    )
    # The same serialiser with everything present allowed: any difference is
    # the sanitiser's doing, not a matter of quoting or entities.
    untouched = nh3.clean(
        html,
        tags=inv.tags | ALLOWED_TAGS,
        clean_content_tags=set(),
        attributes={
            "*": inv.attributes | GENERIC_ATTRIBUTES,
            **{t: set(a) for t, a in ALLOWED_ATTRIBUTES.items()},
        },
        url_schemes=inv.schemes | set(ctx.config.url_schemes),
        filter_style_properties=inv.styles | STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=False,
    )
    if cleaned == untouched:
        return
    found = False
    for what, needle in _issues(inv, ctx):
        found = True
        yield make("html.unsafe", doc.path, _line_of(doc, needle), f"unsafe HTML: {what}")
    if not found:
        yield make(
            "html.unsafe",
            doc.path,
            doc.body_line,
            "the sanitiser changes this document's HTML (malformed or disallowed markup)",
        )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the HTML rule on every version."""
    for doc in bundle.docs():
        yield from check_doc(doc, ctx)
