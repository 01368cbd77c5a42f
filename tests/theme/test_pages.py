"""What every page of the built demo site shows, read from its HTML (no browser needed)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale, UnknownLocaleError
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
Pages = list[tuple[str, BeautifulSoup]]
# The theme's page types below the home page.
LISTS_AND_ITEMS = {"section", "tag", "tags", "agency", "agencies", "archive", "archives", "article", "page"}


@cache
def registry() -> dict[str, Any]:
    """Return the agency registry of the demo site."""
    return yaml.safe_load((ROOT / "data" / "agencies.yml").read_text(encoding="utf-8"))


def theme_pages(site: Path) -> Pages:
    """Return (path, parsed page) for every page the theme's base template made."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if soup.body and any(c.startswith("t-") for c in soup.body.get("class", [])):
            pages.append((path.relative_to(site).as_posix(), soup))
    return pages


@pytest.fixture(scope="module")
def pages(theme_site: Path) -> Pages:
    """Every page of the built demo site, parsed once for this module."""
    return theme_pages(theme_site)


def template(soup: BeautifulSoup) -> str:
    """Return the template a page was made with (its body class t-<name>)."""
    return next(c[2:] for c in soup.body["class"] if c.startswith("t-"))


def code_of(soup: BeautifulSoup, languages: dict[str, str]) -> str:
    """Return the language code of a page from its <html lang>."""
    html_lang = soup.html["lang"]
    return next(code for code, tag in languages.items() if tag == html_lang)


def test_every_page_has_one_h1_a_main_and_help_links(pages: Pages, theme_site: Path) -> None:
    """One h1, one main, a skip link to it, and the about and contact pages reachable (WCAG 3.2.6)."""
    assert len(pages) > 50
    for path, soup in pages:
        assert len(soup.find_all("h1")) == 1, f"{path}: {len(soup.find_all('h1'))} h1"
        assert soup.select_one("a.skip-link")["href"] == "#main" and soup.select_one("main#main"), path
        help_links = [a["href"] for a in soup.select("nav.help-nav a")]
        assert len(help_links) >= 2, f"{path}: help links {help_links}"
        for href in help_links:
            target = theme_site / href.lstrip("/") / "index.html"
            assert target.exists(), f"{path}: help link {href} leads nowhere"


def test_every_page_but_the_home_has_breadcrumbs(pages: Pages) -> None:
    """Breadcrumbs start at the language's home and end with the current page."""
    for path, soup in pages:
        crumbs = soup.select("nav.breadcrumbs li a")
        if template(soup) in ("index", "404"):
            assert not crumbs, path
            continue
        if template(soup) not in LISTS_AND_ITEMS:
            continue  # a plugin's page (search, embed codes) adds its own when it has a place
        assert len(crumbs) >= 2, f"{path}: no breadcrumbs"
        home = soup.select_one("a.brand")["href"]
        assert crumbs[0]["href"] == home, path
        assert crumbs[-1].get("aria-current") == "page", path


def test_story_pages_show_date_section_agency_tags_and_the_owner_of_that_day(
    pages: Pages, languages: dict[str, str]
) -> None:
    """Date, section, agency and tags are shown; the publisher is the owner on the story's date."""
    owners = registry()["owners"]
    publishers = set()
    stories = [(p, s) for p, s in pages if template(s) == "article"]
    assert stories
    for path, soup in stories:
        code = code_of(soup, languages)
        published = dt.datetime.fromisoformat(soup.select_one(".story-meta time")["datetime"])
        assert soup.select_one(".story-meta time").get_text(strip=True), path
        assert soup.select_one(".kicker a")["href"].startswith("/"), f"{path}: no section link"
        assert soup.select_one(".story-meta a[href*='/agency/']"), f"{path}: no agency"
        assert soup.select(".chips a[rel=tag], .chips .chip"), f"{path}: no tags"
        day = published.date()
        owner = next(
            o
            for o in owners
            if (o.get("valid_from") or dt.date.min) <= day <= (o.get("valid_to") or dt.date.max)
        )
        text = soup.select_one(".publisher").get_text(" ", strip=True)
        assert owner["name"][code] in text, f"{path}: publisher {text!r}, expected {owner['name'][code]}"
        publishers.add(owner["id"])
    assert len(publishers) == 2, "the demo should have stories before and after 1 July 2025"


def test_fallback_pages_say_so_in_the_reader_language(pages: Pages, languages: dict[str, str]) -> None:
    """An untranslated story shown in its source language carries a notice in the page's language."""
    # The fallback notice carries the page's language; an event's status note (p.notice too) does not.
    fallbacks = [(p, s) for p, s in pages if s.select_one("p.notice[lang]")]
    assert fallbacks, "the demo has no fallback page"
    for path, soup in fallbacks:
        page_lang = soup.html["lang"]
        article = soup.select_one("main article")
        assert article.get("lang") and article["lang"] != page_lang, f"{path}: source text not marked"
        assert soup.select_one("p.notice[lang]")["lang"] == page_lang, path


def test_every_lang_attribute_is_a_valid_language_tag(pages: Pages) -> None:
    """Every lang value in the site is a language Babel knows (lang="vn" would fail)."""
    seen = set()
    for path, soup in pages:
        for element in soup.select("[lang]"):
            value = element["lang"]
            if value in seen:
                continue
            try:
                Locale.parse(value.replace("-", "_"))
            except (ValueError, UnknownLocaleError):
                raise AssertionError(f"{path}: invalid lang={value!r}") from None
            seen.add(value)


def test_registry_text_in_another_language_is_marked(pages: Pages, languages: dict[str, str]) -> None:
    """An agency's functions shown in English on a French page carry lang="en" (WCAG 3.1.2)."""
    agencies = {a["id"]: a for a in registry()["agencies"]}
    checked = 0
    for path, soup in pages:
        if template(soup) != "agency" or path.rsplit("/", 2)[-2] not in agencies:
            continue
        code = code_of(soup, languages)
        functions = agencies[path.rsplit("/", 2)[-2]].get("functions") or {}
        paragraph = soup.select_one("#functions + p")
        if not functions or paragraph is None:
            continue
        if code in functions:
            assert paragraph.get("lang") is None, path
        else:
            shown = "en" if "en" in functions else "vi"
            assert paragraph.get("lang") == languages[shown], f"{path}: {shown} text not marked"
            checked += 1
    assert checked, "no agency page shows functions in another language"
