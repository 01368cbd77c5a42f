"""The home page presents the province: hero, calls to action, sourced key facts, localised numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT

FACTS = yaml.safe_load((ROOT / "data" / "keyfacts.yml").read_text(encoding="utf-8"))
# Language prefix, population, area and distance as Babel writes them there.
EXPECTED = {
    "vi": ("", "871.724", "4.608,7 km²", "76 km"),
    "en": ("en/", "871,724", "4,608.7 km²", "76 km"),
    "ja": ("ja/", "871,724", "4,608.7 km²", "76 km"),
    "fr": ("fr/", "871\u202f724", "4\u202f608,7\u202fkm²", "76\u202fkm"),
}


def home(output: Path, prefix: str) -> BeautifulSoup:
    return BeautifulSoup((output / prefix / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", EXPECTED)
def test_hero_has_a_localised_headline_and_two_calls_to_action(demo_output: Path, lang: str) -> None:
    prefix = EXPECTED[lang][0]
    soup = home(demo_output, prefix)
    h1 = soup.select("main h1")
    assert len(h1) == 1 and h1[0].get_text(strip=True) == FACTS["hero"]["headline"][lang]
    assert soup.select_one(".hero-lede").get_text(strip=True) == FACTS["hero"]["lede"][lang]
    visit, invest = soup.select(".hero-actions a.cta")
    assert visit["href"] == f"/{prefix}destinations/" and "cta-visit" in visit["class"]
    assert invest["href"] == f"/{prefix}projects/" and "cta-invest" in invest["class"]
    for link in (visit, invest):  # the calls to action lead to pages that exist
        assert (demo_output / link["href"].strip("/") / "index.html").is_file()
        assert link.get_text(strip=True)


@pytest.mark.parametrize("lang", ["vi", "en", "ja"])
def test_hero_image_comes_from_the_pipeline_and_loads_first(demo_output: Path, lang: str) -> None:
    soup = home(demo_output, EXPECTED[lang][0])
    img = soup.select_one(".hero-image picture img")
    assert img is not None
    assert img["width"] == "1600" and img["height"] == "900"
    assert img["fetchpriority"] == "high" and "loading" not in img.attrs
    assert img["src"].startswith("/media/") and len(img["srcset"].split(",")) >= 2
    assert {s["type"] for s in soup.select(".hero-image picture source")} >= {"image/avif", "image/webp"}
    assert img["alt"] == FACTS["hero"]["alt"][lang]
    assert soup.select_one(".hero-image figcaption").get_text(strip=True) == FACTS["hero"]["credit"][lang]
    # One high-priority image: under the hero the lead story's image is a lazy thumbnail.
    assert len(soup.select('img[fetchpriority="high"]')) == 1
    for src in [img["src"]] + [part.split()[0] for part in img["srcset"].split(",")]:
        assert (demo_output / src.lstrip("/")).is_file()


@pytest.mark.parametrize("lang", EXPECTED)
def test_key_facts_show_localised_figures_with_their_source_and_date(demo_output: Path, lang: str) -> None:
    prefix, population, area, distance = EXPECTED[lang]
    soup = home(demo_output, prefix)
    values = {fact["id"][len("fact-") :]: fact for fact in soup.select(".facts .fact")}
    assert values["population"].select_one(".fact-value").get_text() == population
    assert values["area"].select_one(".fact-value").get_text() == area
    assert values["distance-hanoi"].select_one(".fact-value").get_text() == distance
    for entry in FACTS["facts"]:
        fact = values[entry["id"]]
        assert fact.select_one("dt").get_text(strip=True) == entry["label"][lang]
        source = fact.select_one(".fact-source")
        assert str(entry["as_of"]) in source.get_text()
        link = source.select_one("a")
        assert link["href"] == entry["source"]["url"]
        assert link.get_text(strip=True) == entry["source"]["name"][lang]
    note = soup.select_one(".facts-note").get_text()
    assert "2025" in note  # the figures predate Hòa Bình's merger into Phú Thọ


def test_a_site_without_key_facts_keeps_its_plain_home(tmp_path: Path) -> None:
    from tests.conftest import fixture_site
    from tests.multilang.conftest import FIXTURE

    build = fixture_site(tmp_path, "output", FIXTURE)
    assert build.returncode == 0, build.log
    soup = home(build.output, "")
    assert soup.select_one(".hero") is None and soup.select_one(".keyfacts") is None
    assert soup.select_one("main h1.visually-hidden") is not None
    assert "home.css" not in str(soup.head)
