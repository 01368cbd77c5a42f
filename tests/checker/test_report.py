"""The editorial report: HTML in every language from the catalogs, the chart, the period, URLs, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from checker.report import main

from .conftest import ROOT, SOURCE, Project

LANGS = ("vi", "ja", "ko", "zh", "fr")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def report(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.write_settings(
        'CHECKER_REPORT_RECIPIENT = {"vi": "Sở Ngoại vụ tỉnh Hòa Bình", "en": "Department of Foreign Affairs"}\n'
        'MULTILANG_LANGUAGES["fr"]["untranslated"] = "fallback"\n'
    )
    monkeypatch.chdir(project.root)
    project.story("culture/khai-ha")  # 2024-02-14, so-vhttdl, vi + en
    project.story(
        "news/plan-186",
        vi=SOURCE.replace("2024-02-14 08:00", "2024-03-05").replace(
            "Summary:", "Modified: 2024-06-01\nSummary:"
        ),
    )
    project.story("news/old", vi=SOURCE.replace("2024-02-14 08:00", "2023-05-01"), en=None)
    project.story("news/draft", vi=SOURCE.replace("Agency:", "Status: draft\nAgency:"), en=None)
    project.write("pages/about/index.vi.md", "Title: Giới thiệu\n\nNội dung.\n")
    return project


def page(project: Project, rel: str) -> BeautifulSoup:
    return BeautifulSoup(
        (project.root / "output" / "_report" / rel).read_text(encoding="utf-8"), "html.parser"
    )


def test_report_pages_and_csv(report: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--from", "2024-01-01", "--to", "2024-12-31"]) == 0
    assert "2 stories" in capsys.readouterr().out
    out = report.root / "output" / "_report"
    index = page(report, "en/index.html")
    assert index.html["lang"] == "en"
    assert index.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert not index.find("script") and not index.find("style")  # no inline code: the theme's style sheets
    assert [link["href"] for link in index.find_all("link", rel="stylesheet")] == [
        "../main.css",
        "../report.css",
    ]
    assert (out / "main.css").read_text() == (ROOT / "themes/quangba/static/css/main.css").read_text()
    assert (out / "report.css").is_file()
    assert index.find("h1").get_text() == "Editorial report"
    assert index.select_one("#report-counts").get_text() == "2 stories in the period"
    # Matrix: khai-ha translated into en; plan-186's en is stale; fr falls back; ja missing.
    # (The fixture names each language by its code.)
    rows = index.select(".report-matrix tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Lễ hội Khai hạ", "Lễ hội Khai hạ", "Lễ hội Khai hạ"]
    cells = [td.get_text(" ", strip=True) for td in rows[0].select("td.s")]  # plan-186, the newest
    assert cells == [
        "● vi: original",
        "! en: translation out of date",
        "· ja: missing",
        "· ko: missing",
        "· zh: missing",
        "↩ fr: original shown in its place",
    ]
    assert "news/draft" not in str(index)
    # Each published version and fallback links to its page; a missing one does not.
    links = {a["href"] for a in index.select(".report-matrix a")}
    assert {"/culture/khai-ha/", "/en/culture/khai-ha/", "/fr/culture/khai-ha/"} <= links
    assert not any(href.startswith("/ja/") for href in links)

    agency = page(report, "en/so-vhttdl.html")
    assert agency.select_one(".report-to").get_text() == "To: Department of Foreign Affairs"
    assert "Hòa Bình Department of Culture, Sports and Tourism" in agency.get_text()
    headers = [th.get_text() for th in agency.select("thead th")]
    assert headers == ["Date", "Section", "Story", "Languages", "Address"]
    urls = [a["href"] for a in agency.select("td.url a")]
    assert urls == ["/culture/khai-ha/", "/news/plan-186/"]  # the published pages, not content/…
    assert "content/" not in agency.select_one("table").get_text()
    with (out / "so-vhttdl.csv").open(encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [(r["date"], r["source"], r["languages"], r["url"]) for r in csv_rows] == [
        ("2024-02-14", "content/culture/khai-ha/", "vi en", "/culture/khai-ha/"),
        ("2024-03-05", "content/news/plan-186/", "vi en", "/news/plan-186/"),
    ]
    # An agency that existed in the period but published nothing still gets its (empty) report.
    assert "No stories in the period." in page(report, "en/so-ngoai-vu.html").get_text()
    # The successor did not exist in 2024.
    assert not (out / "so-vhttdl-phu-tho.html").exists()


def test_report_in_every_language_from_the_catalogs(report: Project) -> None:
    assert main(["--from", "2023-01-01", "--to", "2023-12-31"]) == 0
    vi = page(report, "so-vhttdl.html")
    assert vi.html["lang"] == "vi"
    assert vi.select_one(".report-to").get_text() == "Kính gửi: Sở Ngoại vụ tỉnh Hòa Bình"
    assert vi.find("h1").get_text() == "Báo cáo định kỳ kết quả thông tin đối ngoại trên trang"
    assert vi.select_one("td.date time")["datetime"] == "2023-05-01"
    assert vi.select_one("td.date").get_text() == "1 thg 5, 2023"  # CLDR, not a format in Python
    assert page(report, "index.html").find("h1").get_text() == "Báo cáo biên tập"
    titles = {"ja": "編集レポート", "ko": "편집 보고서", "zh": "编辑报告", "fr": "Rapport éditorial"}
    for code, title in titles.items():
        other = page(report, f"{code}/index.html")
        assert other.html["lang"] == code and other.find("h1").get_text() == title
        # The language switch leads to the same page in every language.
        switch = {a["hreflang"]: a["href"] for a in other.select(".report-langs a")}
        assert switch["vi"] == "../index.html" and switch["en"] == "../en/index.html"
        assert other.select_one(".report-langs a[aria-current]")["hreflang"] == code
    switch = {a["hreflang"]: a["href"] for a in vi.select(".report-langs a")}
    assert switch["ja"] == "ja/so-vhttdl.html"


def test_report_period_defaults_to_the_current_year_to_date(
    report: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    assert main([]) == 0
    assert f"Report for {today.year}-01-01 – {today}:" in capsys.readouterr().out
    period = page(report, "en/index.html").select_one(".report-period")
    assert [t["datetime"] for t in period.find_all("time")] == [f"{today.year}-01-01", today.isoformat()]
    assert "make report FROM=YYYY-MM-DD TO=YYYY-MM-DD" in page(report, "en/index.html").get_text()


def test_report_period_from_settings(report: Project, capsys: pytest.CaptureFixture[str]) -> None:
    report.write_settings('CHECKER_REPORT_PERIOD = ["2023-01-01", "2023-06-30"]\n')
    assert main([]) == 0
    assert "Report for 2023-01-01 – 2023-06-30: 1 story," in capsys.readouterr().out


def test_report_rejects_a_reversed_period(report: Project) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--from", "2024-12-31", "--to", "2024-01-01"])
    assert exc.value.code == 2


def test_one_language_only(report: Project) -> None:
    assert main(["--from", "2024-01-01", "--to", "2024-12-31", "--lang", "ja"]) == 0
    out = report.root / "output" / "_report"
    assert (out / "ja" / "index.html").is_file() and not (out / "index.html").exists()
    assert (out / "all.csv").is_file()
    with pytest.raises(SystemExit):
        main(["--lang", "xx"])


def test_chart_labels_months_in_the_language_without_overlap(report: Project) -> None:
    assert main(["--from", "2023-11-01", "--to", "2024-12-31"]) == 0
    for code, months in (("en", ["Nov", "Dec", "Jan", "Feb"]), ("vi", ["Tháng 11", "Tháng 12", "Tháng 1"])):
        chart = page(report, "index.html" if code == "vi" else f"{code}/index.html").select_one(
            ".report-chart svg"
        )
        labels = chart.select("text.month")
        assert len(labels) == 14
        assert [t.get_text() for t in labels[: len(months)]] == months
        xs = [float(t["x"]) for t in labels]
        gaps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
        assert gaps == {64.0}  # a slot per month, wider than the longest label (checked in Chromium)
        years = [t.get_text() for t in chart.select("text.year")]
        assert years == ["2023", "2024"]  # under the first month and January
        counts = [t.get_text() for t in chart.select("text.count")]
        assert counts[3:5] == ["1", "1"]  # February and March 2024
    en = page(report, "en/index.html").select_one(".report-chart svg")
    assert en["role"] == "img"
    assert "February 2024: 1, March 2024: 1" in en.find("title").get_text()


@pytest.mark.browser
def test_report_in_chromium_labels_apart_and_accessible(report: Project, browser) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core not found: run `npm ci` in the project folder")
    assert main(["--from", "2024-01-01", "--to", "2024-12-31"]) == 0
    page_ = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        for rel in ("index.html", "en/index.html", "fr/index.html", "ja/index.html", "en/so-vhttdl.html"):
            page_.goto((report.root / "output" / "_report" / rel).as_uri())
            boxes = page_.evaluate(
                """() => [...document.querySelectorAll('.report-chart text.month')].map(t => {
                    const b = t.getBBox(); return [b.x, b.x + b.width]; })"""
            )
            assert len(boxes) == (0 if "so-vhttdl" in rel else 12)
            for (_, right), (left, _) in itertools.pairwise(boxes):
                assert right + 4 <= left, f"{rel}: month labels overlap"
            # The page itself does not scroll sideways at 390 px; the chart scrolls in its region.
            assert page_.evaluate("document.documentElement.scrollWidth") <= 390, rel
            # Styled by the theme: its container keeps the text off the edge.
            assert page_.evaluate("document.querySelector('h1').getBoundingClientRect().left") >= 16
            page_.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            violations = page_.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}))
                    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
            )
            assert violations == [], rel
    finally:
        page_.close()


@pytest.mark.parametrize("lang", LANGS)
def test_report_catalog_is_fully_translated(lang: str) -> None:
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "report.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 20
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{path}: {message.id!r}"
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) == set(re.findall(r"%\(\w+\)s", ids[-1])), ids


def test_no_words_of_the_report_in_python() -> None:
    source = (ROOT / "plugins" / "checker" / "report_html.py").read_text(encoding="utf-8")
    assert "LABELS" not in source and "Báo cáo" not in source and "<table" not in source


def test_report_pages_are_valid_html(report: Project) -> None:
    import shutil

    from tests.theme.test_validity import run_vnu

    if not shutil.which("java"):
        pytest.skip("java not found: apt-get install default-jre-headless")
    assert main(["--from", "2024-01-01", "--to", "2024-12-31"]) == 0
    out = report.root / "output" / "_report"
    files = [
        out / "index.html",
        out / "en" / "index.html",
        out / "ja" / "so-vhttdl.html",
        out / "so-ngoai-vu.html",
    ]
    assert run_vnu(files) == []
