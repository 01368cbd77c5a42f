"""sitemap.xml with hreflang alternates, and robots.txt pointing to it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from multilang.planning import Job

from .content import last_change
from .settings import FeedsSettings

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass
class Url:
    """One indexable page: its address, its language versions and last change."""

    loc: str
    lang: str  # language code, to split the sitemap per language
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, absolute URL)
    lastmod: dt.datetime | None = None


def urls_of(jobs: list[Job], settings: FeedsSettings) -> list[Url]:
    """Return the indexable pages of the planned jobs, with the hreflang pairs their head has."""
    found = []
    for job in jobs:
        if job.context.get("noindex"):
            continue  # fallbacks, hidden stories, 404, widget pages
        # A story's page changes when the story does (not when a neighbour link
        # does); a list page when one of its items does.
        shown = [job.context["article"]] if job.context.get("article") is not None else job.deps
        dates = [last_change(item) for item in shown if getattr(item, "story", None) is not None]
        dates = [date for date in dates if date is not None]
        found.append(
            Url(
                loc=settings.absolute(job.path),
                lang=job.lang,
                alternates=[
                    (code, settings.absolute(href)) for code, href in job.context.get("hreflang", [])
                ],
                lastmod=max(dates) if dates else None,
            )
        )
    return found


def _urlset(entries: list[Url]) -> bytes:
    """Return a <urlset> document."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod.isoformat()
        for hreflang, href in entry.alternates:
            # href, not ref: pelican-sitemap 1.2.2 writes ref=, which search engines ignore.
            etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _index(files: list[tuple[str, dt.datetime | None]]) -> bytes:
    """Return a <sitemapindex> document listing sitemap files."""
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for loc, lastmod in files:
        node = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            etree.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def sitemaps(entries: list[Url], settings: FeedsSettings, codes: list[str]) -> dict[str, bytes]:
    """Return {output path: document}: one sitemap.xml, or an index and per-language files."""
    limit = settings.sitemap_max_urls
    if len(entries) <= limit:
        return {"sitemap.xml": _urlset(entries)}
    by_lang: dict[str, list[Url]] = defaultdict(list)
    for entry in entries:
        by_lang[entry.lang].append(entry)
    files: dict[str, bytes] = {}
    listed: list[tuple[str, dt.datetime | None]] = []
    for code in codes:
        lang_entries = by_lang.get(code, [])
        chunks = [lang_entries[n : n + limit] for n in range(0, len(lang_entries), limit)]
        for number, chunk in enumerate(chunks, start=1):
            name = f"sitemap-{code}.xml" if len(chunks) == 1 else f"sitemap-{code}-{number}.xml"
            files[name] = _urlset(chunk)
            dates = [e.lastmod for e in chunk if e.lastmod]
            listed.append((settings.absolute(name), max(dates) if dates else None))
    files["sitemap.xml"] = _index(listed)
    return files


def robots(settings: FeedsSettings) -> str:
    """Return robots.txt: everything may be crawled; where the sitemap is."""
    base_path = urlsplit(settings.siteurl).path.rstrip("/")
    lines = ["User-agent: *"]
    # noindex pages (fallbacks, widgets) stay crawlable so crawlers see their noindex.
    lines += [f"Disallow: {base_path}{path}" for path in settings.robots_disallow] or ["Disallow:"]
    lines += ["", f"Sitemap: {settings.absolute('sitemap.xml')}", ""]
    return "\n".join(lines)
