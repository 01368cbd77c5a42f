"""Serialise a feed as Atom 1.0, RSS 2.0 and JSON Feed 1.1.

feedgenerator (Pelican's) cannot express what these feeds need without
overriding every one of its hooks: hreflang links to the other languages'
feeds, category labels, RSS content:encoded, and a stable date for an empty
feed (it falls back to "now", which rewrites every empty feed on each build).
So Atom and RSS are written with lxml, JSON Feed with json.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from dataclasses import dataclass, field

from lxml import etree

from .content import Image, xml_text

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "quangba"


@dataclass(frozen=True)
class Person:
    """An author: an agency or the site owner."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class Category:
    """A tag or section of an entry."""

    term: str  # the id, stable across languages
    label: str  # the name in the feed's language
    scheme: str = ""  # the page listing that category


@dataclass
class Entry:
    """One story version as a feed entry."""

    id: str
    title: str
    url: str
    lang: str  # BCP 47
    published: dt.datetime
    updated: dt.datetime
    summary_html: str
    summary_text: str
    content_html: str
    author: Person | None
    categories: list[Category] = field(default_factory=list)
    image: Image | None = None


@dataclass
class Document:
    """A feed, format-neutral: metadata, links and entries."""

    id: str
    title: str
    description: str
    lang: str  # BCP 47
    home_url: str  # the HTML page listing the same stories
    self_urls: dict[str, str]  # format -> this feed's URL
    alternates: dict[str, list[tuple[str, str]]]  # format -> (hreflang, URL) of other languages
    updated: dt.datetime
    author: Person | None
    entries: list[Entry]
    more_label: str = ""  # "More stories" in the feed's language, for the JS widget
    about_url: str = ""  # the page that explains the feeds (the embed page)
    icon: str = ""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append a child element with text and attributes."""
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = xml_text(text)
    return element


def atom(doc: Document) -> bytes:
    """Return the feed as an Atom 1.0 document (RFC 4287)."""
    a = f"{{{ATOM}}}"
    root = etree.Element(a + "feed", nsmap={None: ATOM})
    root.set(XML_LANG, doc.lang)
    _sub(root, a + "id", doc.id)
    _sub(root, a + "title", doc.title, type="text")
    if doc.description:
        _sub(root, a + "subtitle", doc.description, type="text")
    _sub(root, a + "updated", doc.updated.isoformat())
    _sub(root, a + "link", rel="self", type="application/atom+xml", href=doc.self_urls["atom"])
    _sub(root, a + "link", rel="alternate", type="text/html", hreflang=doc.lang, href=doc.home_url)
    for hreflang, url in doc.alternates.get("atom", []):
        _sub(root, a + "link", rel="alternate", type="application/atom+xml", hreflang=hreflang, href=url)
    if doc.author:
        _person(root, a + "author", doc.author)
    if doc.icon:
        _sub(root, a + "icon", doc.icon)
    _sub(root, a + "generator", GENERATOR)
    for entry in doc.entries:
        node = _sub(root, a + "entry")
        _sub(node, a + "id", entry.id)
        _sub(node, a + "title", entry.title, type="text")
        _sub(node, a + "link", rel="alternate", type="text/html", hreflang=entry.lang, href=entry.url)
        _sub(node, a + "published", entry.published.isoformat())
        _sub(node, a + "updated", entry.updated.isoformat())
        if entry.author:
            _person(node, a + "author", entry.author)
        for category in entry.categories:
            _sub(
                node, a + "category", term=category.term, label=category.label, scheme=category.scheme or None
            )
        if entry.summary_html:
            _sub(node, a + "summary", entry.summary_html, type="html")
        _sub(node, a + "content", entry.content_html, type="html")
        if entry.image:
            _sub(
                node,
                a + "link",
                rel="enclosure",
                type=entry.image.type,
                href=entry.image.url,
                length=str(entry.image.length) if entry.image.length else None,
            )
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _person(parent: etree._Element, tag: str, person: Person) -> None:
    """Append an Atom person construct."""
    node = _sub(parent, tag)
    _sub(node, f"{{{ATOM}}}name", person.name)
    if person.url:
        _sub(node, f"{{{ATOM}}}uri", person.url)


def rss(doc: Document) -> bytes:
    """Return the feed as an RSS 2.0 document (with atom:link and content:encoded)."""
    root = etree.Element("rss", nsmap={"atom": ATOM, "content": CONTENT, "dc": DC}, version="2.0")
    channel = _sub(root, "channel")
    _sub(channel, "title", doc.title)
    _sub(channel, "link", doc.home_url)
    # RSS requires a description; Pelican's own feeds leave it empty.
    _sub(channel, "description", doc.description or doc.title)
    _sub(channel, "language", doc.lang)
    _sub(channel, f"{{{ATOM}}}link", rel="self", type="application/rss+xml", href=doc.self_urls["rss"])
    for hreflang, url in doc.alternates.get("rss", []):
        _sub(
            channel,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="application/rss+xml",
            hreflang=hreflang,
            href=url,
        )
    _sub(channel, "lastBuildDate", email.utils.format_datetime(doc.updated))
    _sub(channel, "generator", GENERATOR)
    _sub(channel, "docs", "https://www.rssboard.org/rss-specification")
    for entry in doc.entries:
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        _sub(item, "link", entry.url)
        _sub(item, "description", entry.summary_html or entry.summary_text or entry.title)
        _sub(item, f"{{{CONTENT}}}encoded", entry.content_html)
        if entry.author:
            _sub(item, f"{{{DC}}}creator", entry.author.name)
        for category in entry.categories:
            _sub(item, "category", category.label, domain=category.scheme or None)
        _sub(item, "guid", entry.id, isPermaLink="false")
        _sub(item, "pubDate", email.utils.format_datetime(entry.published))
        if entry.image:
            _sub(
                item, "enclosure", url=entry.image.url, length=str(entry.image.length), type=entry.image.type
            )
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def json_feed(doc: Document) -> bytes:
    """Return the feed as a JSON Feed 1.1 document."""
    data: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": doc.title,
        "home_page_url": doc.home_url,
        "feed_url": doc.self_urls["json"],
        "description": doc.description,
        "language": doc.lang,
    }
    if doc.icon:
        data["icon"] = doc.icon
    if doc.author:
        data["authors"] = [_json_person(doc.author)]
    items = []
    for entry in doc.entries:
        item: dict[str, object] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "content_html": entry.content_html,
            "date_published": entry.published.isoformat(),
            "date_modified": entry.updated.isoformat(),
            "language": entry.lang,
        }
        if entry.summary_text:
            item["summary"] = entry.summary_text
        if entry.author:
            item["authors"] = [_json_person(entry.author)]
        if entry.categories:
            item["tags"] = [category.label for category in entry.categories]
        if entry.image:
            item["image"] = entry.image.url
            attachment: dict[str, object] = {"url": entry.image.url, "mime_type": entry.image.type}
            if entry.image.length:
                attachment["size_in_bytes"] = entry.image.length
            item["attachments"] = [attachment]
        items.append(item)
    data["items"] = items
    # JSON Feed has no hreflang links; an extension object ("_" prefix) carries them.
    data["_quangba"] = {
        "about": doc.about_url,
        "id": doc.id,
        "alternates": [{"hreflang": h, "url": u} for h, u in doc.alternates.get("json", [])],
        "more": doc.more_label,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _json_person(person: Person) -> dict[str, str]:
    """Return a JSON Feed author object."""
    return {"name": person.name, "url": person.url} if person.url else {"name": person.name}


WRITERS = {"atom": atom, "rss": rss, "json": json_feed}
