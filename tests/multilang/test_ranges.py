"""Capital and area ranges: one sector and a capital range, pre-rendered without JavaScript and instant with it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest

from tests.conftest import Build, fixture_site, serve
from tests.search.conftest import SITE

# Test projects (figures made up for the test, never published): sector, VND, ha.
PROJECTS = {
    "test-solar-small": ("energy", "80 000 000 000", "5", "Small solar farm"),
    "test-solar-mid": ("energy", "300000000000", "30", "Mid solar farm"),
    "test-resort-mid": ("tourism", "300000000000", "120", "Lakeside resort"),
    "test-resort-big": ("tourism", "3000000000000", "250", "Golf resort"),
}


@pytest.fixture(scope="module")
def ranges_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build a small site (the search tests' stories) with four projects of known sector, capital and area."""
    base = tmp_path_factory.mktemp("ranges")
    site = base / "site"
    shutil.copytree(SITE, site)
    content = site / "content"
    for key, (sector, vnd, area, name) in PROJECTS.items():
        folder = content / "projects" / key
        folder.mkdir(parents=True)
        (folder / "index.vi.md").write_text(
            f"Title: {name} (vi)\nDate: 2024-05-02 09:00\nSector: {sector}\nLocation: luong-son\n"
            f"Area: {area}\nInvestment_vnd: {vnd}\nStage: calling\nSource: dữ liệu kiểm thử\n\nNội dung.\n",
            encoding="utf-8",
        )
        (folder / "index.en.md").write_text(f"Title: {name}\n\nText.\n", encoding="utf-8")
        (folder / "index.ja.md").write_text(f"Title: {name} (ja)\n\n本文。\n", encoding="utf-8")
    build = fixture_site(base, "output", site, PLUGINS=["atomic_output", "multilang", "feeds"])
    assert build.returncode == 0, build.log
    return build


def page(build: Build, path: str) -> lxml.html.HtmlElement:
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return lxml.html.fromstring(file.read_bytes())


def names(root: lxml.html.HtmlElement) -> set[str]:
    """Return the names of the projects a list page's table shows."""
    return {" ".join(a.text_content().split()) for a in root.xpath("//table//tbody/tr/th/a")}


def test_a_capital_range_has_its_page_in_every_language(ranges_build: Build) -> None:
    assert names(page(ranges_build, "en/projects/capital/100bn-500bn/")) == {
        "Mid solar farm",
        "Lakeside resort",
    }
    assert names(page(ranges_build, "en/projects/capital/under-100bn/")) == {"Small solar farm"}
    assert names(page(ranges_build, "en/projects/capital/over-2000bn/")) == {"Golf resort"}
    vi = page(ranges_build, "projects/capital/100bn-500bn/")
    assert vi.get("lang") == "vi" and len(names(vi)) == 2
    # No project between 500 billion and 2 trillion: no page.
    assert not ranges_build.page("en/projects/capital/500bn-2000bn/").exists()


def test_one_sector_and_a_capital_range_is_a_page_linked_from_the_sector(ranges_build: Build) -> None:
    energy = page(ranges_build, "en/projects/sector/energy/")
    capital = energy.xpath('//div[@class="facet"][@data-facet="band-capital"]//a[@data-value]')
    assert {a.get("href") for a in capital} == {
        "/en/projects/sector/energy/capital/under-100bn/",
        "/en/projects/sector/energy/capital/100bn-500bn/",
    }
    both = page(ranges_build, "en/projects/sector/energy/capital/100bn-500bn/")
    assert names(both) == {"Mid solar farm"}
    heading = " ".join(both.xpath("//h1")[0].text_content().split())
    assert "Sector: Energy" in heading and "Total investment: ₫100B to ₫500B" in heading
    current = both.xpath('//a[@aria-current="page"]/@data-value')
    assert sorted(current) == ["100bn-500bn", "energy"]
    # Leaving one filter keeps the other: "Any" sector is the range's page.
    anys = both.xpath('//div[@data-facet="sector"]//a[@data-any]/@href')
    assert anys == ["/en/projects/capital/100bn-500bn/"]
    # Empty crossings get no page; a sector with nothing in a range offers no link to it.
    assert not ranges_build.page("en/projects/sector/energy/capital/over-2000bn/").exists()
    tourism = page(ranges_build, "en/projects/capital/under-100bn/")
    assert "/en/projects/sector/tourism/capital/under-100bn/" not in tourism.xpath("//a/@href")


def test_area_ranges_and_their_names_in_vietnamese_and_japanese(ranges_build: Build) -> None:
    assert names(page(ranges_build, "en/projects/area/10-50/")) == {"Mid solar farm"}
    assert names(page(ranges_build, "en/projects/sector/tourism/area/over-200/")) == {"Golf resort"}
    vi = page(ranges_build, "projects/sector/energy/capital/under-100bn/")
    assert "dưới 100 T ₫" in " ".join(vi.xpath("//h1")[0].text_content().split())
    ja = page(ranges_build, "ja/projects/area/under-10/")
    assert ja.get("lang") == "ja" and "10 ha" in " ".join(ja.xpath("//h1")[0].text_content().split())


def test_crossed_pages_are_in_the_sitemap_with_alternates(ranges_build: Build) -> None:
    sitemap = "".join(p.read_text(encoding="utf-8") for p in ranges_build.output.glob("sitemap*.xml"))
    assert "/en/projects/sector/energy/capital/100bn-500bn/</loc>" in sitemap
    both = page(ranges_build, "en/projects/sector/energy/capital/100bn-500bn/")
    hreflang = {link.get("hreflang") for link in both.xpath('//link[@rel="alternate"][@hreflang]')}
    assert {"vi", "en", "x-default"} <= hreflang


@pytest.fixture(scope="module")
def ranges_url(ranges_build: Build) -> Iterator[str]:
    yield from serve(ranges_build.output)


def visible(tab: Any) -> set[str]:
    """Return the project names of the table rows a reader sees."""
    return set(tab.locator("table.catalogue-table tbody tr:visible th a").all_inner_texts())


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_sector_and_capital_range_without_javascript(browser: Any, ranges_url: str, width: int) -> None:
    context = browser.new_context(
        base_url=ranges_url, java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    try:
        tab.goto("/en/projects/")
        tab.locator('.facet[data-facet="sector"] a[data-value="energy"]').click()
        tab.locator('.facet[data-facet="band-capital"] a[data-value="100bn-500bn"]').click()
        assert tab.url.endswith("/en/projects/sector/energy/capital/100bn-500bn/")
        assert visible(tab) == {"Mid solar farm"}
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_sector_and_capital_range_with_javascript(browser: Any, ranges_url: str, width: int) -> None:
    context = browser.new_context(base_url=ranges_url, viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto("/en/projects/")
        form = tab.locator("form.catalogue-filters")
        form.get_by_label("Sector").select_option("energy")
        form.get_by_label("Total investment", exact=True).select_option("100bn-500bn")
        assert visible(tab) == {"Mid solar farm"}
        assert tab.url.endswith("/en/projects/?sector=energy&band-capital=100bn-500bn")
        tab.reload()  # the address keeps the choice
        assert visible(tab) == {"Mid solar farm"}
        # From a pre-rendered page a further choice opens the whole list so filtered.
        tab.goto("/en/projects/sector/tourism/")
        tab.locator("form.catalogue-filters").get_by_label("Area", exact=True).select_option("over-200")
        tab.wait_for_url("**/en/projects/?sector=tourism&band-area=over-200")
        assert visible(tab) == {"Golf resort"}
        assert errors == []
    finally:
        context.close()
