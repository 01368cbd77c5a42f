"""The agency directory: officials with click-to-call and mailto links, a vCard, ContactPoints in JSON-LD."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from pelican.settings import read_settings

from tests.conftest import ROOT, Build, fixture_site

from .conftest import FIXTURE

# The plugins are imported as the build imports them (model, multilang).
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))
from model import config as cfg
from multilang.directory import vcard

REGISTRY = Path(__file__).parent / "fixtures" / "directory" / "agencies.yml"
AGENCY = "so-vhttdl"


@pytest.fixture(scope="module")
def directory_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the engine fixture with a registry that has a directory."""
    build = fixture_site(
        tmp_path_factory.mktemp("directory"), "output", FIXTURE, MULTILANG_AGENCIES_FILE=str(REGISTRY)
    )
    assert build.returncode == 0, build.log
    return build


def officials() -> list[dict[str, Any]]:
    registry = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    return next(a for a in registry["agencies"] if a["id"] == AGENCY)["officials"]


def tel(number: str) -> str:
    """Return the tel: URI a Vietnamese number should get (international form)."""
    digits = re.sub(r"\D", "", number)
    return "tel:+" + (digits if number.startswith("+") else "84" + digits[1:])


def page(build: Build, path: str) -> Any:
    return lxml.html.fromstring(build.page(path).read_bytes())


def test_the_english_directory_lists_every_official_with_contact_links(directory_build: Build) -> None:
    root = page(directory_build, f"en/agency/{AGENCY}/")
    entries = root.xpath('//section[@aria-labelledby="officials"]//li[@class="directory-entry"]')
    assert len(entries) == len(officials())
    for entry, official in zip(entries, officials(), strict=True):
        text = " ".join(entry.text_content().split())
        assert official["position"]["en"] in text
        if official.get("name"):
            assert official["name"] in text
        if official.get("unit"):
            assert official["unit"]["en"] in text
        links = entry.xpath(".//a/@href")
        if official.get("phone"):
            assert tel(official["phone"]) in links
        if official.get("email"):
            assert f"mailto:{official['email']}" in links
        if not official.get("phone") and not official.get("email"):
            assert links == [] and "Through the agency" in text
    tasks = root.xpath('//section[@aria-labelledby="tasks"]//li/text()')
    assert tasks == ["State management of culture", "State management of tourism"]
    (unit,) = root.xpath('//section[@aria-labelledby="units"]//li')
    assert "Department Office" in unit.text_content()
    assert "tel:+842183852124" in unit.xpath(".//a/@href")


def test_a_language_without_the_text_shows_english_marked_as_english(directory_build: Build) -> None:
    root = page(directory_build, f"ja/agency/{AGENCY}/")
    (director,) = root.xpath('//section[@aria-labelledby="officials"]//h3[contains(., "Nguyễn Văn Thử")]')
    (position,) = director.xpath(".//span[@lang]")
    assert position.get("lang") == "en" and position.text == "Director"
    vi = page(directory_build, f"agency/{AGENCY}/")
    assert vi.xpath('//h2[@id="officials"]/text()') == ["Lãnh đạo và cán bộ đầu mối"]
    assert "Giám đốc Sở" in vi.xpath('string(//section[@aria-labelledby="officials"])')


def unfold(data: bytes) -> list[str]:
    """Parse vCard bytes strictly: CRLF line ends, lines of at most 75 octets, folded lines joined."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    physical = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical), "a line is longer than 75 octets"
    lines: list[str] = []
    for raw in physical:
        line = raw.decode("utf-8")
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def cards(lines: list[str]) -> list[dict[str, list[tuple[str, str]]]]:
    """Split content lines into cards: property name -> [(parameters, value)]."""
    out: list[dict[str, list[tuple[str, str]]]] = []
    for line in lines:
        head, _, value = line.partition(":")
        name, _, params = head.partition(";")
        if line == "BEGIN:VCARD":
            out.append({})
        elif line != "END:VCARD":
            assert re.fullmatch(r"[A-Z-]+", name), line
            out[-1].setdefault(name, []).append((params, value))
    return out


def test_the_vcard_parses_with_every_official(directory_build: Build) -> None:
    root = page(directory_build, f"en/agency/{AGENCY}/")
    (href,) = root.xpath('//a[@type="text/vcard"]/@href')
    assert href.endswith(f"/en/agency/{AGENCY}/{AGENCY}-en.vcf")
    data = (directory_build.output / href.split("/", 1)[1]).read_bytes()
    lines = unfold(data)
    assert lines.count("BEGIN:VCARD") == lines.count("END:VCARD") == 1 + 1 + len(officials())
    org, unit, *people = cards(lines)
    assert all(card["VERSION"] == [("", "4.0")] for card in [org, unit, *people])
    assert org["FN"] == [("", "Department of Culture\\, Sports and Tourism")]
    assert org["KIND"] == [("", "org")] and ("VALUE=uri;TYPE=work,voice", "tel:+842183852123") in org["TEL"]
    assert org["EMAIL"] == [("TYPE=work", "vanthu@example.org")]
    assert unit["FN"] == [("", "Department Office")]
    for card, official in zip(people, officials(), strict=True):
        assert card["FN"][0][1] == (official.get("name") or official["position"]["en"]).replace(";", "\\;")
        assert card["TITLE"][0][1] == official["position"]["en"].replace(";", "\\;")
        tels = [value for _, value in card.get("TEL", [])]
        assert tels == [tel(official[k]) for k in ("phone", "fax") if official.get(k)]
        assert [v for _, v in card.get("EMAIL", [])] == ([official["email"]] if official.get("email") else [])


def test_the_vcard_bytes_depend_only_on_the_registry(directory_build: Build) -> None:
    settings = dict(read_settings(str(ROOT / "pelicanconf.py")))
    settings["MULTILANG_AGENCIES_FILE"] = str(REGISTRY)
    settings["MULTILANG_TERMS_FILE"] = str(FIXTURE / "data/terms.yml")
    site = cfg.build_site(settings)
    for language in site.languages:
        path = directory_build.output / f"{language.prefix}agency/{AGENCY}/{AGENCY}-{language.code}.vcf"
        assert path.read_bytes() == vcard(site.agencies[AGENCY], language)


def test_the_agency_is_a_government_organization_with_contact_points(directory_build: Build) -> None:
    root = page(directory_build, f"en/agency/{AGENCY}/")
    nodes = [
        node
        for script in root.xpath('//script[@type="application/ld+json"]')
        for node in json.loads(script.text)["@graph"]
    ]
    (org,) = [n for n in nodes if n["@type"] == "GovernmentOrganization"]
    assert org["name"] == "Department of Culture, Sports and Tourism"
    points = org["contactPoint"]
    assert all(p["@type"] == "ContactPoint" for p in points)
    by_type = {p["contactType"]: p for p in points}
    assert by_type["Director"]["name"] == "Nguyễn Văn Thử"
    assert by_type["Director"]["telephone"] == "0218 3852 125"
    assert by_type["Director"]["faxNumber"] == "0218 3852 126"
    assert by_type["Director"]["email"] == "giamdoc@example.org"
    assert by_type["Department Office"]["email"] == "vanphong@example.org"
    assert "telephone" not in by_type["Chief of Office"]
