"""Reading what the feeds fixture build wrote: feeds, pages, JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.feeds.conftest import FEEDS_SITEURL

ATOM = "{http://www.w3.org/2005/Atom}"
LANG_PREFIXES = {"vi": "", "en": "en/", "ja": "ja/"}


def feed_files(output: Path, ending: str) -> list[Path]:
    """Return every feed file with an ending (.atom.xml, .rss.xml, .json)."""
    found = sorted(p for p in output.rglob(f"*{ending}") if "feeds" in p.relative_to(output).parts)
    assert found, f"no {ending} feeds in {output}"
    return found


def lang_of(output: Path, path: Path) -> str:
    """Return the language code a feed or page belongs to, from its folder."""
    first = path.relative_to(output).parts[0]
    return first if first in ("en", "ja") else "vi"


def local(output: Path, url: str) -> Path:
    """Return the output file an absolute (feeds) or root-relative (pages) URL names."""
    parts = urlsplit(url)
    if parts.scheme:
        assert url.startswith(FEEDS_SITEURL + "/"), f"not on this site: {url}"
    path = parts.path.lstrip("/")
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


def soup(path: Path) -> BeautifulSoup:
    """Parse an output page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(path: Path) -> list[dict]:
    """Return the JSON-LD nodes of a page (flattening @graph)."""
    nodes: list[dict] = []
    for script in soup(path).find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        nodes += data.get("@graph", [data])
    return nodes


def absolute(href: str) -> str:
    """Return a page's root-relative href as the absolute URL the sitemap uses."""
    return href if urlsplit(href).scheme else FEEDS_SITEURL + href
