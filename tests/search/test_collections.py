"""Collection items in the index: found in their language, filtered by type, sector and location."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Build, fixture_site
from tests.search.conftest import OVERRIDES, SITE, _CSPHandler, fragments, site_csp

PROJECT = {
    "vi": """Title: Nhà máy điện mặt trời Thung Nai
Date: 2024-05-02 09:00
Summary: Dự án điện mặt trời nổi trên hồ Hòa Bình.
Sector: energy
Location: hoa-binh-city
Commune: Thái Thịnh
Stage: calling
Source: dữ liệu kiểm thử

Dự án lắp đặt tấm pin quang điện trên mặt hồ.
""",
    "en": """Title: Thung Nai floating solar plant
Summary: A floating solar project on the Hòa Bình reservoir.

Photovoltaic panels installed on the lake.
""",
}
URLS = {"vi": "/projects/thung-nai-solar/", "en": "/en/projects/thung-nai-solar/"}


@pytest.fixture(scope="module")
def collection_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the search fixture site with one investment project in vi and en."""
    tmp = tmp_path_factory.mktemp("search-collections")
    site = tmp / "site"
    shutil.copytree(SITE, site)
    folder = site / "content" / "projects" / "thung-nai-solar"
    folder.mkdir(parents=True)
    for lang, text in PROJECT.items():
        (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    build = fixture_site(tmp, "output", site, **OVERRIDES)
    assert build.returncode == 0, build.log
    return build


def record(output: Path, lang: str) -> dict[str, Any]:
    """Return the index record of the project's page in lang."""
    found = [r for r in fragments(output) if r["url"] == URLS[lang]]
    assert len(found) == 1, [r["url"] for r in fragments(output)]
    return found[0]


def test_project_pages_are_indexed_in_their_language(collection_build: Build) -> None:
    for lang in ("vi", "en"):
        assert record(collection_build.output, lang)["meta"]["title"].startswith(("Thung Nai", "Nhà máy"))
        assert (collection_build.output / URLS[lang].strip("/") / "index.html").is_file()


def test_project_filters_are_named_in_the_page_language(collection_build: Build) -> None:
    en = record(collection_build.output, "en")
    assert en["filters"]["type"] == ["Investment projects"]
    assert en["filters"]["sector"] == ["Energy"]
    assert sorted(en["filters"]["location"]) == ["Hòa Bình City", "Thái Thịnh"]
    vi = record(collection_build.output, "vi")
    assert vi["filters"]["sector"] == ["Năng lượng"]
    assert "Thành phố Hòa Bình" in vi["filters"]["location"]
    # The collection's name in Vietnamese, as written: filter values are matched whole, đ and all.
    assert vi["filters"]["type"] == ["Dự án kêu gọi đầu tư"]


@pytest.fixture(scope="module")
def collection_url(collection_build: Build) -> Iterator[str]:
    """Serve the built site on loopback under the site's CSP."""
    handler = functools.partial(
        type("Handler", (_CSPHandler,), {"csp": site_csp()}), directory=str(collection_build.output)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


SEARCH = """async ([query, filters]) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.options({});
  const found = await pagefind.search(query, {filters: filters || {}});
  const records = await Promise.all(found.results.map((result) => result.data()));
  return records.map((record) => [record.url, record.filters]);
}"""


@pytest.mark.browser
def test_pagefind_finds_the_project_by_its_name_and_filters(browser: Any, collection_url: str) -> None:
    context = browser.new_context(base_url=collection_url)
    tab = context.new_page()
    try:
        tab.goto("/en/search/")
        found = tab.evaluate(SEARCH, ["floating", None])
        assert [url for url, _ in found] == [URLS["en"]]
        assert found[0][1]["sector"] == ["Energy"]
        assert tab.evaluate(SEARCH, ["solar", {"type": "Investment projects"}])[0][0] == URLS["en"]
        assert tab.evaluate(SEARCH, ["solar", {"sector": "Tourism"}]) == []
        tab.goto("/search/")
        assert [url for url, _ in tab.evaluate(SEARCH, ["thung nai", {"sector": "Năng lượng"}])] == [
            URLS["vi"]
        ]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_search_page_filters_to_projects_by_keyboard(browser: Any, collection_url: str, width: int) -> None:
    """The search form offers type, sector and location in English; a keyboard picks "projects"."""
    from playwright.sync_api import expect

    from tests.search.test_accessibility import AXE, RUN_AXE, WCAG_TAGS

    # axe is injected as an inline script, which the site's CSP (rightly) refuses.
    context = browser.new_context(
        base_url=collection_url, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    tab = context.new_page()
    try:
        tab.goto("/en/search/")
        kind = tab.get_by_label("Content type", exact=True)
        expect(kind).to_be_visible()
        assert kind.locator("option").all_inner_texts() == ["All types", "Investment projects"]
        assert "Energy" in tab.get_by_label("Sector", exact=True).locator("option").all_inner_texts()
        locations = tab.get_by_label("Location", exact=True).locator("option").all_inner_texts()
        assert {"All locations", "Hòa Bình City", "Thái Thịnh"} <= set(locations)
        tab.locator("#search-q").fill("hoa binh")
        tab.locator("#search-q").press("Enter")
        expect(tab.locator(".search-result").nth(1)).to_be_visible()  # stories and the project
        kind.focus()
        tab.keyboard.press("ArrowDown")  # Chromium changes a closed select's value with the arrows
        expect(tab.locator(".search-result")).to_have_count(1)
        result = tab.locator(".search-result")
        assert result.locator("h2 a").get_attribute("href") == URLS["en"]
        assert "Investment projects" in result.inner_text()
        assert "type=Investment+projects" in tab.url
        tab.get_by_label("Sector", exact=True).select_option("Energy")
        expect(tab.locator(".search-result")).to_have_count(1)
        tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        assert tab.evaluate(RUN_AXE, WCAG_TAGS) == []
        tab.goto("/search/")  # the Vietnamese page names the same filters in Vietnamese
        expect(tab.get_by_label("Loại nội dung", exact=True)).to_be_visible()
        assert "Dự án kêu gọi đầu tư" in tab.get_by_label("Loại nội dung").locator("option").all_inner_texts()
    finally:
        context.close()
