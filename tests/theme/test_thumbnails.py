"""List cards show a story's cover as a small, lazy, decorative thumbnail (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

# Lists of every kind, each with at least one story with a cover and one without.
LISTS = ["en/", "", "ja/", "en/culture/", "en/tag/cultural-heritage/", "en/agency/so-vhttdl/"]
# Lists with a text-only card as well (the Japanese home page's cards all have covers).
MIXED = [path for path in LISTS if path != "ja/"]
COVERED = "The Khai hạ festival of the Mường people"


def _soup(site: Path, path: str) -> BeautifulSoup:
    """Return the parsed page at a site path."""
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def _cards(site: Path, path: str) -> list[Tag]:
    """Return the story cards of a list page (the lead story is not a card)."""
    return _soup(site, path).select("main article.teaser")


def _widths(srcset: str) -> list[int]:
    """Return the width descriptors of a srcset."""
    return [int(part.split()[1].rstrip("w")) for part in srcset.split(",")]


@pytest.mark.parametrize("path", LISTS)
def test_cards_with_a_cover_show_a_lazy_decorative_thumbnail(theme_site: Path, path: str) -> None:
    """Each list has thumbnails: lazy, sized, alt="" beside a link naming the story, small derivatives."""
    thumbs = [card for card in _cards(theme_site, path) if card.find("img")]
    assert thumbs, f"{path}: no card with a thumbnail"
    for card in thumbs:
        img = card.find("img")
        assert img.find_parent("picture") is not None
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img.get("alt") == "", "decorative: the title link already names the story"
        assert card.select_one(".teaser-title a").get_text(strip=True)
        assert img["src"].endswith("-480.jpg"), img["src"]
        assert max(_widths(img["srcset"])) <= 960
        for source in card.select("picture source"):
            assert max(_widths(source["srcset"])) <= 960
        assert (theme_site / img["src"].lstrip("/")).is_file()
        assert img.find_parent("a") is None, "the thumbnail is not a second link to the story"


@pytest.mark.parametrize("path", MIXED)
def test_cards_without_a_cover_stay_text_only(theme_site: Path, path: str) -> None:
    """A story without a cover has no image and no thumbnail box."""
    plain = [card for card in _cards(theme_site, path) if "has-thumb" not in card["class"]]
    assert plain, f"{path}: every card has a cover; pick a list with a text-only card"
    for card in plain:
        assert card.find("img") is None and card.select_one(".teaser-thumb") is None


def test_the_covered_story_has_its_thumbnail_on_the_section_list(theme_site: Path) -> None:
    """The Khai hạ story's card on the Culture list carries its cover."""
    cards = {c.select_one(".teaser-title").get_text(strip=True): c for c in _cards(theme_site, "en/culture/")}
    assert "has-thumb" in cards[COVERED]["class"]
    assert cards[COVERED].select_one(".teaser-thumb img") is not None
