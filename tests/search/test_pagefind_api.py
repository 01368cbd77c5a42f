"""The index through Pagefind's own JavaScript API, as other scripts would use it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Run a search with Pagefind's API in the page; return the URLs found.
SEARCH = """async ([query, filters]) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.options({});
  const found = await pagefind.search(query, {filters: filters || {}});
  const records = await Promise.all(found.results.map((result) => result.data()));
  return records.map((record) => record.url);
}"""

# The same, with the query folded the way the search page folds it.
FOLDED_SEARCH = """async (query) => {
  const {foldQuery} = await import("/theme/js/search.js");
  const pagefind = await import("/pagefind/pagefind.js");
  const found = await pagefind.search(foldQuery(query));
  const records = await Promise.all(found.results.map((result) => result.data()));
  return records.map((record) => record.url);
}"""


def search(page: Any, path: str, query: str | None, filters: dict[str, str] | None = None) -> list[str]:
    """Open a page (whose <html lang> picks the index) and search with Pagefind's API."""
    page.goto(path)
    return page.evaluate(SEARCH, [query, filters])


def test_vietnamese_without_marks_and_with_d(page: Any) -> None:
    assert set(search(page, "/search/", "doi ngoai")) == {"/tin-tuc/thong-tin-doi-ngoai/", "/about/"}
    assert set(search(page, "/search/", "hoa binh dau tu")) >= {"/dau-tu/dau-tu-da-bac/", "/about/"}


def test_query_with_d_stroke_needs_the_page_fold(page: Any) -> None:
    page.goto("/search/")
    assert set(page.evaluate(FOLDED_SEARCH, "Đầu tư Đà Bắc")) == {"/dau-tu/dau-tu-da-bac/"}


def test_fold_is_the_same_in_python_and_javascript(page: Any) -> None:
    from search.folding import fold_stroke, unfold_stroke

    sample = "Đà Bắc, đối ngoại, Hòa Bình, hoà, 観光"
    page.goto("/search/")
    folded = page.evaluate("async (text) => (await import('/theme/js/search.js')).foldQuery(text)", sample)
    assert folded == fold_stroke(sample)
    assert unfold_stroke(folded) == sample
    assert (
        page.evaluate("async (text) => (await import('/theme/js/search.js')).unfold(text)", folded) == sample
    )


@pytest.mark.parametrize(
    ("path", "query", "url"),
    [
        ("/ja/search/", "観光", "/ja/tourism/mai-chau/"),
        ("/ko/search/", "관광", "/ko/tourism/mai-chau/"),
        ("/zh/search/", "旅游", "/zh/tourism/mai-chau/"),
    ],
)
def test_each_cjk_index_answers_for_its_language_only(page: Any, path: str, query: str, url: str) -> None:
    assert search(page, path, query) == [url]
    for other in ("/search/", "/en/search/", "/ja/search/", "/ko/search/", "/zh/search/"):
        if other != path:
            assert search(page, other, query) == [], other


def test_japanese_is_split_into_words(page: Any) -> None:
    # 高床式住居 ("stilt house") is found inside unspaced text by the extended binary.
    assert search(page, "/ja/search/", "住居") == ["/ja/tourism/mai-chau/"]


def test_section_filter_narrows(page: Any) -> None:
    assert set(search(page, "/search/", "mai chau")) == {"/du-lich/mai-chau/", "/van-hoa/le-hoi-xoe/"}
    assert search(page, "/search/", "mai chau", {"section": "tourism"}) == ["/du-lich/mai-chau/"]
    assert search(page, "/search/", "mai chau", {"section": "news"}) == []


def test_filter_counts_per_language(page: Any) -> None:
    page.goto("/search/")
    filters = page.evaluate("""async () => {
      const pagefind = await import("/pagefind/pagefind.js");
      return await pagefind.filters();
    }""")
    assert filters["section"] == {"news": 1, "tourism": 1, "culture": 1, "investment": 1}
    assert filters["agency"] == {"so-vhttdl": 2, "so-tai-chinh": 2}


def test_fallback_is_indexed_once(page: Any) -> None:
    assert search(page, "/search/", "xoe") == ["/van-hoa/le-hoi-xoe/"]
    assert search(page, "/en/search/", "xoe") == []
    # The English index holds the English versions (all of which name Hòa Bình), and
    # not the fallbacks /en/culture/le-hoi-xoe/ and /en/investment/dau-tu-da-bac/.
    assert set(search(page, "/en/search/", "hoa binh")) == {
        "/en/news/thong-tin-doi-ngoai/",
        "/en/tourism/mai-chau/",
        "/en/about/",
    }
    assert search(page, "/en/search/", "da bac") == []


def test_a_year_finds_the_stories_of_that_year(page: Any) -> None:
    # The publication date is searchable as one token (20231112): a year matches its start.
    assert set(search(page, "/search/", "2023")) == {
        "/van-hoa/le-hoi-xoe/",
        "/dau-tu/dau-tu-da-bac/",
        "/about/",
    }
    assert search(page, "/search/", "12") == []  # a day or a month alone matches nothing
