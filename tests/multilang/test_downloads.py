"""Collections as data: CSV (as Excel reads it), XLSX, JSON and an Atom feed per language, linked from the list.

A copy of the demo whose project carries figures (area, total investment) is
built; the files are opened with real parsers (csv with utf-8-sig, openpyxl,
json, feedparser) and compared with what the list page shows. An edit then
rebuilds the copy in place, and a cold build of the same sources must write
the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import feedparser
import lxml.html
import openpyxl
import pytest

from tests.conftest import ROOT, Build, run_pelican

PROJECT = "content/projects/hoa-binh-hydropower-expansion"
KEY = "hoa-binh-hydropower-expansion"
PLUGINS = ["atomic_output", "multilang", "images", "feeds", "checker"]
FIGURES = (
    "Area: 12.5\nInvestment_vnd: 1 500 000 000 000\nInvestment_usd: 60000000\nUsd_rate_date: 2024-12-20\n"
)


@dataclass
class Copy:
    """A copy of the demo's content and its build."""

    content: Path
    build: Build

    def rebuild(self) -> Build:
        """Build the content again into the same output and cache (incremental)."""
        return _build(self.content, self.build.output)


def _build(content: Path, output: Path) -> Build:
    result = run_pelican(content, output, overrides={"PLUGINS": PLUGINS, "IMAGES_WIDTHS": [480]})
    assert result.returncode == 0, result.log[-4000:]
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Copy:
    """Build a copy of the demo whose project has an area and a total investment."""
    base = tmp_path_factory.mktemp("downloads")
    content = shutil.copytree(ROOT / "content", base / "content")
    source = content / "projects/hoa-binh-hydropower-expansion/index.vi.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Stage:", FIGURES + "Stage:", 1), encoding="utf-8")
    return Copy(content, _build(content, base / "output"))


def out(demo: Copy, path: str) -> Path:
    file = demo.build.output / path
    assert file.is_file(), f"{path} was not written"
    return file


def page_columns(demo: Copy, path: str) -> list[str]:
    """Return the header cells of a list page's table."""
    root = lxml.html.fromstring(out(demo, path + "index.html").read_bytes())
    return [" ".join(th.text_content().split()) for th in root.xpath("//table/thead//th")]


def page_names(demo: Copy, path: str) -> list[str]:
    root = lxml.html.fromstring(out(demo, path + "index.html").read_bytes())
    return [" ".join(th.text_content().split()) for th in root.xpath("//table/tbody/tr/th")]


def test_the_list_page_links_its_downloads_and_feed(demo: Copy) -> None:
    root = lxml.html.fromstring(out(demo, "en/projects/index.html").read_bytes())
    links = {a.text_content(): a.get("href") for a in root.xpath('//p[@class="downloads"]/a')}
    assert links["CSV"] == "/en/projects/projects-en.csv"
    assert links["XLSX"] == "/en/projects/projects-en.xlsx"
    assert links["JSON"] == "/en/projects/projects-en.json"
    feed = root.xpath('//p[@class="downloads"]/a[@type="application/atom+xml"]')[0].get("href")
    for href in [*links.values(), feed]:
        assert out(demo, href.lstrip("/")).stat().st_size > 0
    vi = lxml.html.fromstring(out(demo, "documents/index.html").read_bytes())
    assert "/documents/documents-vi.csv" in vi.xpath('//p[@class="downloads"]/a/@href')


def test_csv_opens_as_excel_reads_it(demo: Copy) -> None:
    raw = out(demo, "projects/projects-vi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    head, body = rows[0], rows[1:]
    columns = page_columns(demo, "projects/")
    assert [h.split(" (")[0] for h in head[:-1]] == columns, "the page's columns, in its order"
    assert head[-1] == "URL" and "Diện tích (ha)" in head and "Tổng vốn đầu tư (VND)" in head
    assert [row[0] for row in body] == page_names(demo, "projects/")
    row = next(dict(zip(head, r, strict=True)) for r in body if r[-1].endswith(f"/{KEY}/"))
    assert row[head[0]] == "Nhà máy Thủy điện Hòa Bình mở rộng"
    assert row["Diện tích (ha)"] == "12.5"
    assert row["Tổng vốn đầu tư (VND)"] == "1500000000000", "a plain number, no grouping"
    assert float(row["Diện tích (ha)"]) == 12.5
    assert row["Lĩnh vực"] == "Năng lượng"
    assert row["URL"].endswith("/projects/hoa-binh-hydropower-expansion/")


def test_csv_of_documents_has_dates_and_issuers_by_name(demo: Copy) -> None:
    text = out(demo, "en/documents/documents-en.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    plan = next(r for r in rows if r["Number"] == "186/KH-UBND")
    assert plan["Date of issue"] == "2023-09-25"
    assert plan["Issued by"] == "Hòa Bình Provincial People's Committee"
    assert len(rows) == len(page_names(demo, "en/documents/"))


def test_xlsx_has_a_header_row_numbers_and_dates(demo: Copy) -> None:
    book = openpyxl.load_workbook(out(demo, "ja/projects/projects-ja.xlsx"))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert [str(h).split(" (")[0] for h in rows[0][:-1]] == page_columns(demo, "ja/projects/")
    row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[-1].endswith(f"/{KEY}/"))
    assert row["面積 (ha)"] == 12.5
    assert row["総投資額 (VND)"] == 1500000000000 and isinstance(row["総投資額 (VND)"], int)
    assert row["分野"] == "エネルギー"
    assert book.properties.created == dt.datetime(2025, 6, 2, 2, 0), "the newest item's date, fixed"
    documents = openpyxl.load_workbook(out(demo, "en/documents/documents-en.xlsx")).active
    head, *body = list(documents.iter_rows(values_only=True))
    issued = head.index("Date of issue")
    assert dt.datetime(2023, 9, 25) in [r[issued] for r in body]


def test_json_has_the_columns_and_typed_values(demo: Copy) -> None:
    data = json.loads(out(demo, "en/projects/projects-en.json").read_text(encoding="utf-8"))
    assert data["language"] == "en" and data["title"] == "Investment projects"
    assert [c["label"] for c in data["columns"]] == page_columns(demo, "en/projects/")
    item = next(i for i in data["items"] if i["key"] == KEY)
    assert item["area"] == 12.5 and item["investment_vnd"] == 1500000000000
    assert item["sector"] == {"id": "energy", "name": "Energy"}
    assert item["url"].endswith("/en/projects/hoa-binh-hydropower-expansion/")


def test_atom_feed_of_projects_per_language(demo: Copy) -> None:
    feed = feedparser.parse(out(demo, "en/feeds/projects.atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("Investment projects")
    assert feed.feed.link.endswith("/en/projects/")
    entry = next(e for e in feed.entries if e.link.endswith(f"/en/projects/{KEY}/"))
    assert entry.title == "Hòa Bình Hydropower Plant expansion"
    assert entry.link.endswith("/en/projects/hoa-binh-hydropower-expansion/")
    assert entry.id.endswith(":project/hoa-binh-hydropower-expansion/en")
    documents = feedparser.parse(out(demo, "en/feeds/documents.atom.xml").read_bytes())
    assert not documents.bozo and len(documents.entries) == len(page_names(demo, "en/documents/"))
    ja = feedparser.parse(out(demo, "ja/feeds/projects.atom.xml").read_bytes())
    assert "ホアビン水力発電所拡張事業" in [e.title for e in ja.entries]


def _downloads(root: Path) -> dict[str, bytes]:
    found = [*root.rglob("*-??.csv"), *root.rglob("*-??.xlsx"), *root.rglob("*-??.json")]
    found += [p for p in root.rglob("*.atom.xml") if p.name in ("projects.atom.xml", "documents.atom.xml")]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in found}


def test_an_incremental_build_writes_what_a_cold_one_does(demo: Copy, tmp_path: Path) -> None:
    before = _downloads(demo.build.output)
    assert len(before) >= 6 * 3 * 3
    source = demo.content / "projects/hoa-binh-hydropower-expansion/index.vi.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Area: 12.5", "Area: 14"), encoding="utf-8")
    title = demo.content / "projects/hoa-binh-hydropower-expansion/index.en.md"
    title.write_text(title.read_text(encoding="utf-8").replace("expansion", "extension", 1), encoding="utf-8")
    demo.rebuild()
    cold = _build(shutil.copytree(demo.content, tmp_path / "content"), tmp_path / "output")
    warm, fresh = _downloads(demo.build.output), _downloads(cold.output)
    assert sorted(warm) == sorted(fresh)
    assert [p for p in warm if warm[p] != fresh[p]] == []
    assert warm["en/projects/projects-en.csv"] != before["en/projects/projects-en.csv"]
    assert b"extension" in warm["en/feeds/projects.atom.xml"]
