"""The search page in Chromium: what a visitor types and what the page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from babel.dates import format_date

pytestmark = pytest.mark.browser

STROKE = "\u0335"
FOREIGN_INFO = "Hòa Bình đẩy mạnh thông tin đối ngoại"
MAI_CHAU = "Du lịch cộng đồng ở Mai Châu"  # writes "Hoà Bình", the old tone placement
XOE = "Điệu xòe Thái ở Mai Châu"  # Vietnamese only: an English and a French fallback exist
DAU_TU = "Đầu tư hạ tầng giao thông ở Đà Bắc"
ABOUT = "Giới thiệu"


def expect() -> Any:
    """Return Playwright's expect (imported late: the browser fixture may skip first)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def type_query(page: Any, path: str, query: str) -> None:
    """Open a search page, type a query and wait for the result count."""
    page.goto(path)
    box = page.locator("#search-q")
    expect()(box).to_be_visible()  # shown once the index has loaded
    box.press_sequentially(query)
    expect()(page.locator("[data-search-status]")).not_to_be_empty()


def all_results(page: Any) -> list[dict[str, str]]:
    """Load every result ("Show more results") and return title, link and text of each."""
    more = page.locator("[data-search-more]")
    while more.is_visible():
        count = page.locator(".search-result").count()
        more.click()
        expect()(page.locator(".search-result")).not_to_have_count(count)
    results = []
    for item in page.locator(".search-result").all():
        link = item.locator("h2 a")
        results.append(
            {"title": link.inner_text(), "href": link.get_attribute("href"), "text": item.inner_text()}
        )
    return results


def titles(page: Any) -> set[str]:
    """Return the titles of all results."""
    return {result["title"] for result in all_results(page)}


def test_words_without_tone_marks_find_vietnamese_stories(page: Any) -> None:
    type_query(page, "/search/", "hoa binh")
    assert titles(page) == {FOREIGN_INFO, MAI_CHAU, DAU_TU, ABOUT}
    expect()(page.locator("[data-search-status]")).to_have_text("4 kết quả")


@pytest.mark.parametrize("query", ["doi ngoai", "đối ngoại", "Đối Ngoại"])
def test_d_and_d_stroke_find_each_other(page: Any, query: str) -> None:
    type_query(page, "/search/", query)
    results = all_results(page)
    assert {r["title"] for r in results} == {FOREIGN_INFO, ABOUT}
    first = page.locator(".search-result").first
    # Shown as written: đ restored in titles and excerpts, with the match marked.
    expect()(first.locator("mark").first).to_have_text("đối")
    assert all(STROKE not in r["text"] for r in results)


def test_d_finds_a_title_that_starts_with_d_stroke(page: Any) -> None:
    type_query(page, "/search/", "dau tu da bac")
    results = all_results(page)
    assert [r["title"] for r in results] == [DAU_TU]
    assert results[0]["href"] == "/dau-tu/dau-tu-da-bac/"


@pytest.mark.parametrize("query", ["hoà", "hòa", "hoa"])
def test_old_and_new_tone_placement_match(page: Any, query: str) -> None:
    type_query(page, "/search/", query)
    # FOREIGN_INFO writes "Hòa", MAI_CHAU writes "Hoà": every spelling finds both.
    assert {FOREIGN_INFO, MAI_CHAU} <= titles(page)


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("ja", "観光", "マイチャウのコミュニティ観光"),
        ("ko", "관광", "마이쩌우의 공동체 관광"),
        ("zh", "旅游", "梅州的社区旅游"),
    ],
)
def test_cjk_query_finds_the_story_in_its_language_only(page: Any, lang: str, query: str, title: str) -> None:
    type_query(page, f"/{lang}/search/", query)
    results = all_results(page)
    assert [(r["title"], r["href"]) for r in results] == [(title, f"/{lang}/tourism/mai-chau/")]
    for other in ("", "en/", "ja/", "ko/", "zh/"):
        if other != f"{lang}/":
            type_query(page, f"/{other}search/", query)
            assert page.locator(".search-result").count() == 0, other


def test_section_filter_narrows_the_results(page: Any) -> None:
    type_query(page, "/search/", "mai chau")
    assert titles(page) == {MAI_CHAU, XOE}
    page.locator("#search-section").select_option("tourism")
    expect()(page.locator(".search-result")).to_have_count(1)
    assert titles(page) == {MAI_CHAU}
    assert "section=tourism" in page.url
    page.locator("#search-section").select_option("")
    expect()(page.locator(".search-result")).to_have_count(2)


def test_filters_offer_what_the_language_has(page: Any) -> None:
    page.goto("/search/")
    agency = page.locator("#search-agency")
    expect()(agency).to_be_visible()
    # so-khong-dang has no story: not offered. Names are the registry's, in Vietnamese.
    assert agency.locator("option").all_inner_texts() == [
        "Tất cả cơ quan",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Hòa Bình",
        "Sở Tài chính tỉnh Hòa Bình",
    ]
    # Without words, a filter lists its stories, newest first.
    agency.select_option("so-tai-chinh")
    expect()(page.locator(".search-result")).to_have_count(2)
    assert [r["title"] for r in all_results(page)] == [FOREIGN_INFO, DAU_TU]


def test_fallback_is_found_once_in_its_own_language(page: Any) -> None:
    type_query(page, "/search/", "xoe")
    assert [(r["title"], r["href"]) for r in all_results(page)] == [(XOE, "/van-hoa/le-hoi-xoe/")]
    # /en/culture/le-hoi-xoe/ shows the same Vietnamese text: not indexed again.
    type_query(page, "/en/search/", "xoe")
    assert page.locator(".search-result").count() == 0
    expect()(page.locator("[data-search-status]")).to_contain_text("No results for “xoe”")


def test_result_shows_date_section_agency_and_excerpt(page: Any) -> None:
    type_query(page, "/ja/search/", "観光")
    result = page.locator(".search-result").first
    day = dt.date(2024, 3, 20)
    expect()(result.locator("time")).to_have_text(format_date(day, "long", locale="ja"))
    expect()(result.locator("time")).to_have_attribute("datetime", "2024-03-20")
    expect()(result.locator(".meta")).to_contain_text("観光")  # the section, in Japanese
    expect()(result.locator(".meta")).to_contain_text("ホアビン省文化スポーツ観光局")
    expect()(result.locator(".search-result-excerpt mark").first).to_have_text("観光")


@pytest.mark.parametrize(("lang", "locale"), [("", "vi"), ("en/", "en"), ("zh/", "zh_Hans_CN")])
def test_dates_match_the_rest_of_the_site(page: Any, lang: str, locale: str) -> None:
    type_query(page, f"/{lang}search/", "mai chau" if lang != "zh/" else "梅州")
    expect()(page.locator(".search-result time").first).to_have_text(
        format_date(dt.date(2024, 3, 20), "long", locale=locale)
    )


def test_interface_is_in_the_page_language(page: Any) -> None:
    type_query(page, "/ja/search/", "観光")
    expect()(page.locator("h1")).to_have_text("検索")
    expect()(page.locator("label[for=search-q]")).to_have_text("検索する語句")
    expect()(page.locator("[data-search-status]")).to_have_text("1 件")
    expect()(page.locator("#search-section option").first).to_have_text("すべての分野")


def test_works_with_the_keyboard(page: Any) -> None:
    page.goto("/search/")
    search_box = page.locator("#search-q")
    expect()(search_box).to_be_visible()
    # From the skip link to the search box: Tab moves through the page in order.
    page.keyboard.press("Tab")
    expect()(page.locator(".skip-link")).to_be_focused()
    search_box.focus()
    page.keyboard.type("hoa binh")
    page.keyboard.press("Enter")
    expect()(page.locator(".search-result")).to_have_count(2)  # SEARCH_RESULTS_PER_PAGE = 2
    more = page.locator("[data-search-more]")
    more.focus()
    page.keyboard.press("Enter")
    expect()(page.locator(".search-result")).to_have_count(4)
    # Focus moves to the first result added, so a keyboard user continues there.
    expect()(page.locator(".search-result").nth(2).locator("a")).to_be_focused()
    expect()(more).to_be_hidden()


def test_search_state_is_in_the_address(page: Any) -> None:
    page.goto("/search/?q=doi+ngoai&section=news")
    expect()(page.locator(".search-result")).to_have_count(1)
    expect()(page.locator("#search-q")).to_have_value("doi ngoai")
    expect()(page.locator("#search-section")).to_have_value("news")
    assert titles(page) == {FOREIGN_INFO}


def test_language_without_stories_of_its_own_says_so(page: Any) -> None:
    page.goto("/fr/search/")
    expect()(page.locator("[data-search-nojs]")).to_have_text(
        "Il n’y a encore rien à rechercher dans cette langue."
    )
    expect()(page.locator("form[data-search]")).to_be_hidden()
    expect()(page.locator(".search-browse a").first).to_be_visible()


def test_page_explains_itself_without_javascript(browser: Any, search_url: str) -> None:
    context = browser.new_context(base_url=search_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    expect()(page.locator("[data-search-nojs]")).to_contain_text("cần JavaScript")
    expect()(page.locator("form[data-search]")).to_be_hidden()
    links = page.locator(".search-browse a")
    assert "Du lịch" in links.all_inner_texts()
    assert "/archive/" in [links.nth(i).get_attribute("href") for i in range(links.count())]
    context.close()


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the fixture site for https://host/sub/ (as on GitHub Pages) and serve it there."""
    from tests.conftest import fixture_site, serve
    from tests.search.conftest import OVERRIDES, SITE

    root = tmp_path_factory.mktemp("search-subpath")
    build = fixture_site(root, "sub", SITE, **dict(OVERRIDES, SITEURL="/sub"))
    assert build.returncode == 0, build.log
    yield from serve(root)


def test_site_under_a_sub_path(browser: Any, subpath_url: str) -> None:
    context = browser.new_context(base_url=subpath_url)
    page = context.new_page()
    try:
        type_query(page, "/sub/search/", "doi ngoai")
        hrefs = {r["href"] for r in all_results(page)}
        assert hrefs == {"/sub/tin-tuc/thong-tin-doi-ngoai/", "/sub/about/"}
    finally:
        context.close()
