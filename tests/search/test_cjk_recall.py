"""Recall in Japanese, Korean and Chinese on the demo: place and people's names find the story that has them.

Japanese is split into words by a dictionary (the extended Pagefind binary's
Lindera, IPADIC), and its choice depends on the surrounding text: in the demo's
Khai hạ story it cut ホアビン, a name it does not know, into pieces wherever the
text reads "ホアビンのムオン族", so the query ホアビン (one word) missed the
story although three others were found. The index now keeps every katakana run
a word of its own (plugins/search/folding.py) and the search page splits
queries at the same edges.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

STORY = ROOT / "content" / "culture" / "khai-ha-festival"
KHAI_HA = "/{lang}/culture/khai-ha-festival/"

# Pagefind's API on a page of the language; the query folded as the search page folds it, or not.
SEARCH = """async ([query, fold]) => {
  const {foldQuery} = await import("/theme/js/search.js");
  const pagefind = await import("/pagefind/pagefind.js");
  const found = await pagefind.search(fold ? foldQuery(query) : query);
  const records = await Promise.all(found.results.map((result) => result.data()));
  return records.map((record) => record.url);
}"""


@pytest.fixture(scope="module")
def page(browser: Any, demo_url: str) -> Iterator[Any]:
    """A browser page on the demo site (built with its search index)."""
    context = browser.new_context(base_url=demo_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def search(page: Any, lang: str, query: str, fold: bool = True) -> list[str]:
    """Search the language's index (its search page picks it) and return the URLs found."""
    page.goto(f"/{lang}/search/")
    return page.evaluate(SEARCH, [query, fold])


def test_the_story_has_the_name_glued_to_a_particle() -> None:
    """The case stands: the Japanese story writes ホアビンのムオン族, with no space to split at."""
    text = (STORY / "index.ja.md").read_text(encoding="utf-8")
    assert "ホアビンのムオン族" in text


@pytest.mark.parametrize("fold", (True, False), ids=("search-page", "raw-api"))
def test_japanese_place_name_finds_the_khai_ha_story(page: Any, fold: bool) -> None:
    """ホアビン finds the Khai hạ story, typed on the search page or sent to Pagefind as it is."""
    found = search(page, "ja", "ホアビン", fold)
    assert KHAI_HA.format(lang="ja") in found, found


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ja", "ムオン族"),
        ("ja", "カイハー"),
        ("ja", "ホアビンのムオン族"),
        ("zh", "和平"),
        ("zh", "芒族"),
        ("ko", "호아빈"),
        ("ko", "므엉족"),
    ],
)
def test_names_find_the_story_in_japanese_chinese_and_korean(page: Any, lang: str, query: str) -> None:
    """The people's and the place's names, and the phrase as written, find it in each CJK language."""
    found = search(page, lang, query)
    assert KHAI_HA.format(lang=lang) in found, found
