"""MULTILANG_MAP_TILES: validated once, a clear message for a bad value, the CSP extended only when set."""

from __future__ import annotations

from pathlib import Path

import pytest
from model.config import map_tiles
from model.errors import ConfigError

from tests.conftest import fixture_site

FIXTURE = Path(__file__).resolve().parent.parent / "multilang" / "fixtures" / "site"
GOOD = {"url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "© Example"}


def test_default_is_no_tiles() -> None:
    """None: no tile source, so no script and no change to the CSP."""
    assert map_tiles(None) is None


def test_a_good_source_and_its_origin() -> None:
    """A https template gives its origin for the CSP; a path on this host needs none."""
    tiles = map_tiles(dict(GOOD, max_zoom=17))
    assert (tiles.url, tiles.origin, tiles.max_zoom) == (GOOD["url"], "https://tiles.example.org", 17)
    assert map_tiles(dict(GOOD, url="/tiles/{z}/{x}/{y}.png")).origin is None
    assert map_tiles(GOOD).max_zoom == 18


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "must be None or"),
        ({"url": "https://tiles.example.org/tile.png", "attribution": "x"}, "{z}, {x} and {y}"),
        ({"url": "ftp://tiles.example.org/{z}/{x}/{y}.png", "attribution": "x"}, "https://"),
        (
            {"url": "https://t.example.org/{z}/{x}/{y}.png; script-src *", "attribution": "x"},
            "may not contain",
        ),
        ({"url": GOOD["url"]}, "attribution'] is required"),
        (dict(GOOD, max_zoom=30), "from 1 to 22"),
        (dict(GOOD, max_zoom=True), "from 1 to 22"),
        (dict(GOOD, subdomains="abc"), "unknown key 'subdomains'"),
        (dict(GOOD, attribution_url="javascript:alert(1)"), "attribution_url"),
    ],
)
def test_bad_values_say_what_to_write(value: object, words: str) -> None:
    """Each mistake is a ConfigError naming the setting and the fix."""
    with pytest.raises(ConfigError) as caught:
        map_tiles(value)
    assert "MULTILANG_MAP_TILES" in str(caught.value) and words in str(caught.value)


def test_a_bad_value_stops_the_build_with_one_message(tmp_path: Path) -> None:
    """The build refuses a bad tile source with the message, not a traceback, and writes nothing."""
    build = fixture_site(tmp_path, "out", FIXTURE, MULTILANG_MAP_TILES={"url": "tiles.png"})
    assert build.returncode != 0
    assert "MULTILANG_MAP_TILES['url'] must contain {z}, {x} and {y}" in build.log
    assert "Traceback" not in build.log
    assert not (tmp_path / "out" / "index.html").exists()
