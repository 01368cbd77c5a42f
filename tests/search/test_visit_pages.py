"""Destinations, events and galleries (issue 14) in the search index (filters type and category) and the sitemap."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from tests.conftest import Build
from tests.search.conftest import fragments

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "http://localhost:8000"  # the development build's FEEDS_PLACEHOLDER_SITEURL
# One item of each visit type, published in vi, en and ja: its type's name and category in each.
ITEMS = {
    "destinations/chua-tien/": {
        "vi": ("Điểm đến", "Điểm du lịch tâm linh"),
        "en": ("Destinations", "Spiritual site"),
        "ja": ("観光地", "信仰の地"),
    },
    "events/khai-ha-muong-bi-2026/": {
        "vi": ("Sự kiện", "Lễ hội"),
        "en": ("Events", "Festival"),
        "ja": ("イベント", "祭り"),
    },
    "galleries/muong-patterns/": {
        "vi": ("Bộ sưu tập ảnh", None),
        "en": ("Photo galleries", None),
        "ja": ("フォトギャラリー", None),
    },
}
PREFIXES = {"vi": "", "en": "en/", "ja": "ja/"}


@pytest.fixture(scope="module")
def records(demo_build: Build) -> dict[str, dict[str, Any]]:
    """Return the demo's index records by page URL."""
    return {record["url"]: record for record in fragments(demo_build.output)}


@pytest.mark.parametrize("path", ITEMS)
@pytest.mark.parametrize("code", PREFIXES)
def test_visit_pages_are_indexed_with_their_type_and_category(
    records: dict[str, dict[str, Any]], path: str, code: str
) -> None:
    url = f"/{PREFIXES[code]}{path}"
    assert url in records, f"{url} is not in the search index"
    filters = records[url]["filters"]
    kind, category = ITEMS[path][code]
    assert filters["type"] == [kind], url
    assert filters.get("category", [None]) == [category], url


def test_every_visit_type_and_event_category_is_a_filter(records: dict[str, dict[str, Any]]) -> None:
    english = [r["filters"] for r in records.values() if r["url"].startswith("/en/")]
    types = {t for f in english for t in f.get("type", [])}
    assert {"Destinations", "Events", "Photo galleries"} <= types
    events = {c for f in english if f.get("type") == ["Events"] for c in f.get("category", [])}
    assert {"Festival", "Fair", "Investment promotion conference"} <= events
    places = {c for f in english if f.get("type") == ["Destinations"] for c in f.get("category", [])}
    assert {"Nature", "Heritage site", "Spiritual site"} <= places


def test_sitemap_lists_the_visit_pages_in_every_language(demo_build: Build) -> None:
    root = etree.parse(str(demo_build.output / "sitemap.xml")).getroot()
    locs = {loc.text for loc in root.iter(f"{SM}loc")}
    for prefix in PREFIXES.values():
        for path in (
            "destinations/",
            "events/",
            "galleries/",
            "map/",
            *ITEMS,
            "events/2026-02/",
            "destinations/category/spiritual/",
        ):
            page = demo_build.page(prefix + path)
            assert page.is_file(), f"{prefix}{path} was not written"
            assert f"{ORIGIN}/{prefix}{path}" in locs, f"{prefix}{path} is not in the sitemap"
    assert not any(loc.endswith((".ics", ".geojson", ".json")) for loc in locs), "files are not pages"
