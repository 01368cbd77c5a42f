"""Galleries (issue 14) as a visitor gets them: the grid, texts and credits per language, JSON-LD, the full-size view.

The demo's two galleries (content/galleries/) are built once per session
(tests/conftest.py demo_build); the browser tests open them in Chromium with
JavaScript off and move by keyboard only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.theme.test_accessibility import RUN_AXE, WCAG_TAGS

GALLERY = "galleries/muong-patterns/"
# What each language's page says: an alt text of the first photo and the credit label.
EXPECTED = {
    "": ("Hình minh họa: các dải họa tiết", "Minh họa:"),
    "en/": ("Illustration: bands of red, yellow, green", "Illustration:"),
    "ja/": ("イラスト：黒地に赤・黄・緑・白", "イラスト："),
}


def soup_of(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Return the nodes of a page's JSON-LD graph, parsed."""
    graph: list[dict[str, Any]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        graph += data.get("@graph", [data])
    return graph


@pytest.mark.parametrize("prefix", list(EXPECTED))
def test_gallery_page_shows_a_grid_with_alt_texts_and_credits_in_the_page_language(
    demo_output: Path, prefix: str
) -> None:
    soup = soup_of(demo_output, prefix + GALLERY)
    alt, credit_label = EXPECTED[prefix]
    items = soup.select("ul.gallery-grid > li")
    assert [li["id"] for li in items] == ["photo-1", "photo-2", "photo-3"]
    images = [li.select_one("a.gallery-open img") for li in items]
    assert images[0]["alt"].startswith(alt)
    assert all(img["alt"] and img.get("loading") == "lazy" for img in images)
    assert all(img["width"] and img["height"] and img["srcset"] for img in images)
    assert all(li.select_one("a.gallery-open").find_parent("figure") for li in items)
    credits = [li.select_one("figcaption .credit").get_text(" ", strip=True) for li in items]
    assert credits == [f"{credit_label} quangba"] * 3
    if prefix:  # not the Vietnamese label left in another language
        assert "Minh họa" not in " ".join(credits)


def test_every_photo_opens_a_full_size_view_on_the_same_page_and_links_back(demo_output: Path) -> None:
    soup = soup_of(demo_output, "en/" + GALLERY)
    links = [a["href"] for a in soup.select("ul.gallery-grid a.gallery-open")]
    assert links == ["#view-1", "#view-2", "#view-3"]
    for number, href in enumerate(links, start=1):
        view = soup.find(id=href[1:])
        assert view is not None and "photo-view" in view["class"]
        targets = [a["href"] for a in view.select(".photo-view-nav a")]
        assert f"#photo-{number}" in targets
        assert ("#view-2" in targets) == (number != 2)  # previous or next of its neighbours only
        full = [t for t in targets if t.startswith("/media/")]
        assert len(full) == 1 and (demo_output / full[0].lstrip("/")).is_file()
        big = view.select_one("figure img")
        assert big["alt"] and int(big["width"]) >= int(soup.select_one(f"#photo-{number} img")["width"])
    assert "Photo 2 of 3" in soup.find(id="view-2")["aria-label"]


def test_captions_come_from_each_language_file(demo_output: Path) -> None:
    en = soup_of(demo_output, "en/" + GALLERY).select_one("#photo-2 .photo-caption").get_text()
    vi = soup_of(demo_output, GALLERY).select_one("#photo-2 .photo-caption").get_text()
    assert (en, vi) == ("Detail: top left corner", "Chi tiết: góc trên bên trái")


@pytest.mark.parametrize("prefix", ["", "ja/"])
def test_json_ld_is_an_image_gallery_of_image_objects(demo_output: Path, prefix: str) -> None:
    graph = json_ld(soup_of(demo_output, prefix + GALLERY))
    (gallery,) = [node for node in graph if node.get("@type") == "ImageGallery"]
    assert gallery["inLanguage"] == (prefix.rstrip("/") or "vi")
    images = gallery["image"]
    assert [image["@type"] for image in images] == ["ImageObject"] * 3
    assert all(image["creditText"] == "quangba" for image in images)
    assert images[0]["description"].startswith(EXPECTED[prefix][0])
    for image in images:
        path = re.sub(r"^https?://[^/]+/", "", image["contentUrl"])
        assert (demo_output / path).is_file() and image["width"] > 0 and image["height"] > 0
    assert any(node.get("@type") == "BreadcrumbList" for node in graph)


def test_gallery_list_links_each_gallery_in_the_language(demo_output: Path) -> None:
    soup = soup_of(demo_output, "en/galleries/")
    links = {a["href"] for a in soup.select(".gallery-cards h2 a")}
    assert links == {"/en/galleries/muong-patterns/", "/en/galleries/hoa-binh-lake/"}
    assert all(img["alt"] == "" for img in soup.select(".gallery-cards img"))  # the title names the card


def test_a_destination_shows_the_gallery_it_names(demo_output: Path) -> None:
    soup = soup_of(demo_output, "en/destinations/thung-nai-lake/")
    section = soup.select_one("section.gallery")
    assert section.select_one("h2 a")["href"] == "/en/galleries/hoa-binh-lake/"
    first = section.select_one("a.gallery-open")
    assert first["href"] == "#hoa-binh-lake-view-1" and soup.find(id="hoa-binh-lake-view-1") is not None
    assert first.img["alt"].startswith("Schematic illustration, not to scale")
    back = soup_of(demo_output, "en/galleries/hoa-binh-lake/").select_one(".story-foot a[href*=destinations]")
    assert back["href"] == "/en/destinations/thung-nai-lake/"


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_full_size_view_opens_and_closes_by_keyboard_without_javascript(
    browser: Any, demo_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_url + "/en/" + GALLERY)
        assert not page.is_visible("#view-2")
        _tab_to(page, 'a[href="#view-2"]')
        page.keyboard.press("Enter")
        page.wait_for_url("**#view-2")
        assert page.is_visible("#view-2 figure img")
        box = page.locator("#view-2 figure img").bounding_box()
        assert box and box["width"] > width * 0.5 and box["y"] >= 0 and box["y"] + box["height"] <= 800
        # The next Tab stays in the view: its first link goes back to the photo in the grid.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.photo-view')?.id") == "view-2"
        _tab_to(page, '#view-2 a[href="#view-3"]')
        page.keyboard.press("Enter")
        page.wait_for_url("**#view-3")
        assert page.is_visible("#view-3 figure img") and not page.is_visible("#view-2")
        _tab_to(page, '#view-3 a[href="#photo-3"]')
        page.keyboard.press("Enter")
        page.wait_for_url("**#photo-3")
        assert not page.is_visible("#view-3") and page.is_visible("#photo-3 img")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "en/" + GALLERY,
        GALLERY + "#view-1",
        "ja/galleries/",
        "en/destinations/thung-nai-lake/#hoa-binh-lake-view-2",
        "fr/" + GALLERY + "#view-3",  # a fallback: the Vietnamese gallery in a French page
    ],
)
def test_axe_finds_no_violation_on_gallery_pages(
    browser: Any, demo_url: str, axe_source: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, bypass_csp=True)  # axe is inline
    try:
        page = context.new_page()
        response = page.goto(f"{demo_url}/{path}", wait_until="load")
        assert response is not None and response.status == 200
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        assert violations == []
    finally:
        context.close()


def test_make_screenshots_includes_the_gallery_list_and_a_gallery(demo_output: Path) -> None:
    from tools import screenshots

    shots = {shot.name: shot.path for shot in screenshots.shots(demo_output, "ja")}
    assert shots["galleries"] == "/ja/galleries/"
    assert shots["gallery"].startswith("/ja/galleries/") and shots["gallery"] != "/ja/galleries/"


def test_a_fallback_gallery_marks_the_source_texts_and_the_page_labels_by_language(demo_output: Path) -> None:
    soup = soup_of(demo_output, "fr/" + GALLERY)  # no French file: the Vietnamese gallery in a French page
    section = soup.select_one("section.gallery")
    assert section["lang"] == "fr" and soup.select_one("article")["lang"] == "vi"
    first = section.select_one("#photo-1")
    assert first.img["lang"] == "vi" and first.img["alt"].startswith(EXPECTED[""][0])
    assert first.select_one(".photo-caption")["lang"] == "vi"
    assert first.select_one(".credit").get_text(" ", strip=True) == "Illustration : quangba"
