"""Collection pages in every language: lists, pre-rendered filters, fact sheets, relations both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ROOT, Build, run_pelican


def page(build: Build, path: str) -> lxml.html.HtmlElement:
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return lxml.html.fromstring(file.read_bytes())


def text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def sheet(build: Build, path: str) -> str:
    """Return the text of a page's fact sheet."""
    return text(page(build, path).xpath('//section[contains(@class, "fact-sheet")]')[0])


def links(node: lxml.html.HtmlElement) -> list[str]:
    return [a.get("href") for a in node.iter("a")]


def test_catalogue_lists_projects_and_links_a_page_per_sector(demo_build: Build) -> None:
    root = page(demo_build, "en/projects/")
    assert root.get("lang") == "en"
    rows = root.xpath("//table//tbody/tr")
    assert any("Hòa Bình Hydropower Plant expansion" in text(r) for r in rows)
    energy = "/en/projects/sector/energy/"
    assert energy in links(root)
    filtered = page(demo_build, "en/projects/sector/energy/")
    assert "Energy" in text(filtered.xpath("//h1")[0])
    assert filtered.xpath('//a[@aria-current="page"][@data-value="energy"]')
    hreflang = {link.get("hreflang") for link in filtered.xpath('//link[@rel="alternate"][@hreflang]')}
    assert {"vi", "en", "ja", "ko", "x-default"} <= hreflang


def test_project_page_in_japanese_and_vietnamese(demo_build: Build) -> None:
    ja = page(demo_build, "ja/projects/hoa-binh-hydropower-expansion/")
    assert ja.get("lang") == "ja"
    sheet = text(ja.xpath('//section[contains(@class, "fact-sheet")]')[0])
    assert "分野" in sheet and "エネルギー" in sheet
    vi = page(demo_build, "projects/hoa-binh-hydropower-expansion/")
    assert "Năng lượng" in text(vi.xpath('//section[contains(@class, "fact-sheet")]')[0])


def test_park_figures_are_localised(demo_build: Build) -> None:
    vi = sheet(demo_build, "parks/bo-trai-song-da/")
    en = sheet(demo_build, "en/parks/bo-trai-song-da/")
    assert "91,53%" in vi and "91.53%" in en
    assert "March 28, 2024" in en


def test_document_relations_are_shown_on_both_sides(demo_build: Build) -> None:
    conclusion = page(demo_build, "en/documents/conclusion-57-kl-tw-2023/")
    facts = conclusion.xpath('//section[contains(@class, "fact-sheet")]')[0]
    assert "Implemented by" in text(facts)
    targets = links(facts)
    assert "/en/documents/plan-196-kh-tu-2023/" in targets
    assert "/en/documents/plan-186-kh-ubnd-2023/" in targets
    plan = sheet(demo_build, "en/documents/plan-186-kh-ubnd-2023/")
    assert "Implements" in plan and "57-KL/TW" in plan and "196-KH/TU" in plan
    assert "Hòa Bình Provincial People's Committee" in plan
    decree = sheet(demo_build, "en/documents/decree-43-2011-nd-cp/")
    assert "Replaced by" in decree and "42/2022/NĐ-CP" in decree and "No longer in force" in decree


def test_a_document_issued_by_the_provincial_committee_leads_to_its_agency_page(demo_build: Build) -> None:
    """The issuer of most documents, the site's owner, has a directory page of its own, not the home page."""
    for prefix in ("", "en/"):
        facts = page(demo_build, f"{prefix}documents/plan-186-kh-ubnd-2023/").xpath(
            '//section[contains(@class, "fact-sheet")]'
        )[0]
        assert f"/{prefix}agency/ubnd-hoa-binh/" in links(facts)
        assert f"/{prefix}" not in links(facts)
        agency = page(demo_build, f"{prefix}agency/ubnd-hoa-binh/")
        assert agency.xpath('//a[@href="https://hoabinh.gov.vn"]')
    assert "ホアビン省人民委員会" in text(page(demo_build, "ja/agency/ubnd-hoa-binh/").xpath("//h1")[0])
    names = text(page(demo_build, "en/agency/"))
    assert (
        "Hòa Bình Provincial People's Committee" in names and "Phú Thọ Provincial People's Committee" in names
    )


def test_document_register_has_year_type_and_issuer_filters(demo_build: Build) -> None:
    root = page(demo_build, "en/documents/")
    facets = {div.get("data-facet") for div in root.xpath('//nav[@class="facets"]/div[@class="facet"]')}
    assert {"doc-type", "issuer", "issued", "force"} <= facets
    assert len(page(demo_build, "en/documents/issued/2023/").xpath("//tbody/tr")) == 3


def test_the_news_story_links_to_the_document(demo_build: Build) -> None:
    story = page(demo_build, "en/news/plan-186-foreign-information/")
    assert "/en/documents/plan-186-kh-ubnd-2023/" in links(story)


def test_sitemap_lists_the_new_pages_with_alternates(demo_build: Build) -> None:
    sitemap = "".join(p.read_text(encoding="utf-8") for p in demo_build.output.glob("sitemap*.xml"))
    assert "/en/projects/</loc>" in sitemap
    assert 'hreflang="ja" href="' in sitemap and '/ja/projects/hoa-binh-hydropower-expansion/"' in sitemap


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build a copy of the demo whose project names an unknown sector, over a good output."""
    base = tmp_path_factory.mktemp("broken")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    out = base / "output"
    (out / "keep.html").parent.mkdir(parents=True)
    (out / "keep.html").write_text("last good", encoding="utf-8")
    path = content / "projects/hoa-binh-hydropower-expansion/index.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Sector: energy", "Sector: mining"))
    return run_pelican(content, out, overrides={"PLUGINS": ["atomic_output", "multilang", "checker"]})


def test_a_bad_value_stops_the_build_with_file_line_and_fix(broken: Build) -> None:
    assert broken.returncode != 0
    log = " ".join(broken.log.split())
    assert "projects/hoa-binh-hydropower-expansion/index.vi.md:4: error: Sector “mining”" in log
    assert "[metadata.bad-value]" in log and "Use one of" in log
    assert "Traceback" not in broken.log
    assert (broken.output / "keep.html").read_text(encoding="utf-8") == "last good"


def _break(content: Path, data: Path, case: str) -> str:
    """Put one bad value into a copy of the demo; return the file the message must name."""
    if case == "negative-area":
        path = content / "projects/meiko-pcb-factory/index.vi.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Area: 9.2", "Area: -9.2"), encoding="utf-8")
        return "projects/meiko-pcb-factory/index.vi.md:6"
    if case == "missing-document":
        path = content / "documents/plan-186-kh-ubnd-2023/index.vi.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("plan-196-kh-tu-2023", "plan-196-kh-tu-2032"), encoding="utf-8")
        return "documents/plan-186-kh-ubnd-2023/index.vi.md:"
    registry = data / "agencies.yml"
    text = registry.read_text(encoding="utf-8")
    official = "- position: {vi: Giám đốc Sở, en: Director, ja: 局長, ko: 국장}"
    assert official in text
    registry.write_text(
        text.replace(official, "- position: {vi: Giám đốc Sở, ja: 局長}", 1), encoding="utf-8"
    )
    return "agencies.yml"


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("negative-area", ["Area", "greater than 0"]),
        ("missing-document", ["no document “plan-196-kh-tu-2032”", "plan-196-kh-tu-2023"]),
        ("official-without-english", ["official 1", "add `en: …`"]),
    ],
)
def test_bad_input_is_a_clear_error_and_the_last_good_output_stays(
    tmp_path: Path, case: str, says: list[str]
) -> None:
    """The issue's bad inputs: each stops the build naming the file and the fix, over a kept output."""
    content, data = tmp_path / "content", tmp_path / "data"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "data", data)
    where = _break(content, data, case)
    out = tmp_path / "output"
    out.mkdir()
    (out / "keep.html").write_text("last good", encoding="utf-8")
    build = run_pelican(
        content,
        out,
        overrides={
            "PLUGINS": ["atomic_output", "multilang", "checker"],
            "MULTILANG_AGENCIES_FILE": str(data / "agencies.yml"),
        },
    )
    log = " ".join(build.log.split())
    assert build.returncode != 0
    assert where in log, log[-2000:]
    for words in says:
        assert words in log, log[-2000:]
    assert "Traceback" not in build.log
    assert (out / "keep.html").read_text(encoding="utf-8") == "last good"


def test_a_relation_without_the_readers_language_leads_to_the_best_version_by_the_chain(
    demo_build: Build,
) -> None:
    # Documents are in vi and en; Japanese hides untranslated items: a Japanese
    # reader of a project goes on to the English document (ja -> en -> vi).
    html = page(demo_build, "ja/projects/meiko-pcb-factory/")
    links = [a for a in html.xpath('//ul[@class="relations"]//a') if "/documents/" in a.get("href")]
    assert links, "the project names its planning basis"
    assert all(a.get("href").startswith("/en/documents/") for a in links), [a.get("href") for a in links]
    assert all(a.get("lang") == "en" for a in links)
