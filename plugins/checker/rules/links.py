"""Link rules: plain http://, private or intranet targets, malformed URLs, a missing cover.

Whether a link inside the site leads anywhere is judged by the engine against
its address plan (multilang.links.check_links), on the rendered bodies.
"""

from __future__ import annotations

import ipaddress
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from model.findings import Finding, make
from model.sources import INDEX_RE, Bundle, Document

from ..engine import Context
from ..textscan import split_url

# The cover may name a file in another story's folder: the cache re-validates it.
CROSS_FILE = True


def private_host(host: str, suffixes: tuple[str, ...]) -> bool:
    """Say whether a host only resolves inside a private network."""
    host = host.lower().rstrip(".").strip("[]")
    if not host:
        return False
    if host == "localhost" or host.endswith(suffixes):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a single-label name is an intranet host
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_reserved


def _internal_exists(doc: Document, target: str, ctx: Context) -> bool:
    """Say whether a relative target (the cover) names an existing file, folder or story."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return True  # a fragment in the same page
    base = ctx.tree.rel(doc.path.parent)
    rel = posixpath.normpath(posixpath.join(base, path))
    if rel.startswith("../") or rel == "..":
        return False
    if ctx.tree.exists(rel):
        return True
    folder, name = posixpath.split(rel)
    # A story linked in a language it lacks is still linked: the engine picks
    # the reader's language or the fallback.
    return bool(INDEX_RE.match(name)) and ctx.tree.has_versions(folder)


def check_doc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Check the scheme and host of every link target in one document."""
    suffixes = ctx.config.private_host_suffixes
    for link in ctx.scan(doc).links:
        target = link.target
        if not target or target.startswith("#"):
            continue
        scheme = link.scheme
        if scheme == "file":
            yield make(
                "links.private-target",
                doc.path,
                link.line,
                f"file: link {target} points into someone's computer",
                column=link.column,
            )
            continue
        if scheme in ("http", "https", "ftp", "ws", "wss") or target.startswith("//"):
            parts = split_url(target)
            if parts is None:
                yield make("links.broken", doc.path, link.line, f"malformed URL {target}", column=link.column)
                continue
            host = parts.hostname or ""
            if private_host(host, suffixes):
                yield make(
                    "links.private-target",
                    doc.path,
                    link.line,
                    f"link to {host}, which is not reachable from the Internet",
                    column=link.column,
                )
            elif scheme == "http":
                yield make(
                    "links.insecure-http",
                    doc.path,
                    link.line,
                    f"insecure link {target}",
                    column=link.column,
                )
        # Other schemes (mailto:, tel:) are html.unsafe's to judge; whether a link
        # inside the site leads anywhere, multilang.links.check_links'.


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Check the external links of every version and that the cover file exists."""
    source_lang = bundle.source_lang(ctx.config.languages)
    for doc in bundle.docs():
        yield from check_doc(doc, ctx)
        cover = doc.get("cover")
        if cover and doc.lang == source_lang and not _internal_exists(doc, cover, ctx):
            yield make(
                "links.broken",
                doc.path,
                doc.field_line("cover"),
                f"cover {cover} is not in the story folder",
            )
