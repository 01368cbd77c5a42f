"""The home page and the investment section link to the project catalogue; the demo directory."""

from __future__ import annotations

import lxml.html
import pytest

from tests.conftest import Build

# language -> (prefix, the investment section's slug) in the demo settings
LANGUAGES = {"vi": ("", "dau-tu"), "en": ("en/", "investment"), "ja": ("ja/", "investment")}


def hrefs(build: Build, path: str, xpath: str) -> list[str]:
    root = lxml.html.fromstring(build.page(path).read_bytes())
    return [str(h) for h in root.xpath(xpath)]


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_home_and_investment_section_link_to_the_project_catalogue(demo_build: Build, code: str) -> None:
    prefix, slug = LANGUAGES[code]
    catalogue = f"/{prefix}projects/"
    home = hrefs(demo_build, prefix, '//ul[contains(@class, "catalogue-links")]//a/@href')
    section = hrefs(demo_build, f"{prefix}{slug}/", '//ul[contains(@class, "catalogue-links")]//a/@href')
    for links in (home, section):
        assert any(h.endswith(catalogue) for h in links), links
        for href in links:  # every link reaches a list page of that language
            assert demo_build.page(href.split("/", 3)[-1] if "://" in href else href).is_file(), href
    assert (
        hrefs(
            demo_build,
            f"{prefix}culture/" if code != "vi" else "van-hoa/",
            '//ul[contains(@class, "catalogue-links")]//a/@href',
        )
        == []
    )


def test_the_demo_directory_names_positions_without_inventing_people(demo_build: Build) -> None:
    root = lxml.html.fromstring(demo_build.page("en/agency/so-tai-chinh-phu-tho/").read_bytes())
    officials = root.xpath('//section[@aria-labelledby="officials"]//h3')
    assert [" ".join(h.text_content().split()) for h in officials] == ["Director"]
    assert root.xpath('//section[@aria-labelledby="tasks"]//li')
    (vcard,) = root.xpath('//a[@type="text/vcard"]/@href')
    data = (demo_build.output / vcard.split("/", 1)[1]).read_bytes()
    assert b"FN:Ph\xc3\xba Th\xe1\xbb\x8d Department of Finance\r\n" in data
    assert data.count(b"BEGIN:VCARD") == 2 and b"TITLE:Director\r\n" in data
