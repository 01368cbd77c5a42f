"""The index the build writes: what is in it, per language, and how it is kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Build, fixture_site
from tests.search.conftest import OVERRIDES, SITE, fragments

# Every real, listed version of the fixture site, by language: no drafts, no
# hidden story, no fallback.
EXPECTED = {
    "vi": {
        "/tin-tuc/thong-tin-doi-ngoai/",
        "/du-lich/mai-chau/",
        "/van-hoa/le-hoi-xoe/",
        "/dau-tu/dau-tu-da-bac/",
        "/about/",
    },
    "en": {"/en/news/thong-tin-doi-ngoai/", "/en/tourism/mai-chau/", "/en/about/"},
    "ja": {"/ja/tourism/mai-chau/"},
    "ko": {"/ko/tourism/mai-chau/"},
    "zh": {"/zh/tourism/mai-chau/"},
}


def entry(output: Path) -> dict:
    """Return the bundle's entry file."""
    return json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_one_index_per_language_with_its_own_pages(search_output: Path) -> None:
    languages = entry(search_output)["languages"]
    assert {code: info["page_count"] for code, info in languages.items()} == {
        code: len(urls) for code, urls in EXPECTED.items()
    }
    # French has only fallbacks (copies of Vietnamese stories): nothing of its own to index.
    assert "fr" not in languages


def test_index_holds_real_versions_once(search_output: Path) -> None:
    urls = [record["url"] for record in fragments(search_output)]
    assert sorted(urls) == sorted(set().union(*EXPECTED.values()))


def test_fallback_pages_are_published_but_not_indexed(search_output: Path) -> None:
    fallbacks = ["/en/culture/le-hoi-xoe/", "/en/investment/dau-tu-da-bac/", "/fr/culture/le-hoi-xoe/"]
    urls = {record["url"] for record in fragments(search_output)}
    for url in fallbacks:
        assert (search_output / url.strip("/") / "index.html").is_file(), url
        assert url not in urls


def test_drafts_and_hidden_stories_are_not_indexed(search_output: Path) -> None:
    text = " ".join(record["content"] + json.dumps(record["meta"]) for record in fragments(search_output))
    assert "Kim Bôi" not in text  # a draft
    assert "Lũng" not in text and "Lu\u0303ng" not in text  # a hidden story (published, not listed)
    assert (search_output / "tin-tuc" / "thong-bao-an" / "index.html").is_file()


def test_index_writes_d_stroke_for_the_vietnamese_d(search_output: Path) -> None:
    record = next(r for r in fragments(search_output) if r["url"] == "/tin-tuc/thong-tin-doi-ngoai/")
    assert "d\u0335ối ngoại" in record["content"]
    assert record["meta"]["title"] == "Hòa Bình d\u0335ẩy mạnh thông tin d\u0335ối ngoại"
    assert "đ" not in record["content"] + record["meta"]["title"]


def test_records_carry_filters_date_and_no_image(search_output: Path) -> None:
    record = next(r for r in fragments(search_output) if r["url"] == "/ja/tourism/mai-chau/")
    assert record["filters"] == {"section": ["tourism"], "agency": ["so-vhttdl"]}
    assert record["meta"]["date"] == "20240320"
    # All metadata is searchable: no image file names in it.
    assert record["meta"]["image"] == "" and record["meta"]["image_alt"] == ""
    page = next(r for r in fragments(search_output) if r["url"] == "/about/")
    assert "section" not in page["filters"]


def test_search_page_in_every_language(search_build: Build) -> None:
    for path in ("search/", "en/search/", "ja/search/", "ko/search/", "zh/search/", "fr/search/"):
        assert "data-search" in search_build.page(path).read_text(encoding="utf-8"), path


def test_rebuild_reindexes_only_the_changed_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    first = fixture_site(tmp_path, "output", site, verbose=True, **OVERRIDES)
    assert first.returncode == 0, first.log
    assert "indexed: en, ja, ko, vi, zh; unchanged: none;" in " ".join(first.log.split())
    story = site / "content" / "culture" / "le-hoi-xoe" / "index.vi.md"
    story.write_text(
        story.read_text(encoding="utf-8") + "\nNăm nay có thêm hội thi nấu cơm lam.\n", encoding="utf-8"
    )
    second = fixture_site(tmp_path, "output", site, verbose=True, **OVERRIDES)
    assert second.returncode == 0, second.log
    assert "indexed: vi; unchanged: en, ja, ko, zh;" in " ".join(second.log.split())
    assert set(entry(second.output)["languages"]) == set(EXPECTED)
    contents = {r["url"]: r["content"] for r in fragments(second.output)}
    assert "cơm lam" in contents["/van-hoa/le-hoi-xoe/"]
    assert sorted(contents) == sorted(set().union(*EXPECTED.values()))


def test_search_without_multilang_names_the_fix(tmp_path: Path) -> None:
    build = fixture_site(tmp_path, "output", SITE, **dict(OVERRIDES, PLUGINS=["atomic_output", "search"]))
    assert 'list "multilang" before "search" in PLUGINS' in " ".join(build.log.split())
    assert not (build.output / "pagefind").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [("SEARCH_EXCERPT_WORDS", 0), ("SEARCH_RESULTS_PER_PAGE", "10"), ("SEARCH_INCLUDE_PAGES", "yes")],
)
def test_bad_settings_are_named(name: str, value: object) -> None:
    from search.settings import SearchConfigError, load

    with pytest.raises(SearchConfigError, match=name):
        load({name: value})
