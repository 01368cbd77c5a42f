"""`make screenshots`: full-page PNGs of the key pages and an index of thumbnails linking to them."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tools import screenshots

pytestmark = pytest.mark.browser


def test_key_pages_of_every_language_are_found(demo_output: Path) -> None:
    for lang, prefix in (("vi", ""), ("en", "en/"), ("ja", "ja/")):
        shots = {shot.name: shot.path for shot in screenshots.shots(demo_output, lang)}
        assert {
            "home",
            "section",
            "story",
            "search",
            "embed",
            "invest",
            "invest-item",
            "destinations",
            "events",
        } <= set(shots)
        assert shots["home"] == f"/{prefix}"
        assert shots["search"].startswith(f"/{prefix}search/?q=")
        for name, path in shots.items():
            page = demo_output / path.split("?")[0].strip("/") / "index.html"
            assert page.is_file(), (lang, name, path)


def test_screenshots_and_their_index(demo_output: Path, browser: object, tmp_path: Path) -> None:
    target = tmp_path / "_screens"
    written = screenshots.capture(
        demo_output, ["en", "ja"], [390, 1366], {"home", "search"}, target=target, browser=browser
    )
    index = screenshots.write_index(target, written)
    names = {(s["lang"], s["page"], s["width"]) for s in written}
    assert names == {
        (lang, page, width) for lang in ("en", "ja") for page in ("home", "search") for width in (390, 1366)
    }
    for shot in written:
        with Image.open(target / shot["file"]) as image:
            assert image.width == shot["width"] and image.height >= 600  # the whole page, not a blank frame
            assert len(set(image.convert("L").resize((32, 32)).tobytes())) > 8
        with Image.open(target / shot["thumb"]) as thumb:
            assert thumb.width == screenshots.THUMB_WIDTH
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    links = soup.select("td a")
    assert len(links) == len(written)
    for link in links:
        assert (target / link["href"]).is_file() and link["href"].endswith(".png")
        img = link.find("img")
        assert (target / img["src"]).is_file() and img["alt"]
    assert not (demo_output / "_screens").exists()  # the shared demo build is left as it was
