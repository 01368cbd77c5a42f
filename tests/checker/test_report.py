"""The editorial report: matrix, counts, chart, agency reports as HTML and CSV."""

from __future__ import annotations

import csv
import re

import pytest
from checker.report import main

from .conftest import SOURCE, Project


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


def test_report_pages_and_csv(report: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--from", "2024-01-01", "--to", "2024-12-31", "--lang", "en"]) == 0
    assert "2 stories" in capsys.readouterr().out
    out = report.root / "output" / "_report"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in index
    assert "<script" not in index
    assert "<svg" in index and "2024-02: 1, 2024-03: 1" in index
    # Matrix: khai-ha translated into en; plan-186's en is stale; fr falls back; ja missing.
    assert re.search(r"The Khai|Lễ hội Khai hạ", index)
    assert 'class="s stale" title="stale"' in index
    assert 'class="s fallback" title="fallback"' in index
    assert 'class="s missing" title="missing"' in index
    assert "news/draft" not in index

    agency = (out / "so-vhttdl.html").read_text(encoding="utf-8")
    assert "To: Department of Foreign Affairs" in agency
    assert "Hòa Bình Department of Culture, Sports and Tourism" in agency
    with (out / "so-vhttdl.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["date"], r["source"], r["languages"]) for r in rows] == [
        ("2024-02-14", "content/culture/khai-ha/", "vi en"),
        ("2024-03-05", "content/news/plan-186/", "vi en"),
    ]
    # An agency that existed in the period but published nothing still gets its (empty) report.
    assert "No stories in the period." in (out / "so-ngoai-vu.html").read_text(encoding="utf-8")
    # The successor did not exist in 2024.
    assert not (out / "so-vhttdl-phu-tho.html").exists()


def test_report_in_vietnamese_by_default(report: Project) -> None:
    assert main(["--from", "2023-01-01", "--to", "2023-12-31"]) == 0
    agency = (report.root / "output" / "_report" / "so-vhttdl.html").read_text(encoding="utf-8")
    assert "Kính gửi: Sở Ngoại vụ tỉnh Hòa Bình" in agency
    assert "01/05/2023" in agency


def test_report_period_from_settings(report: Project, capsys: pytest.CaptureFixture[str]) -> None:
    report.write_settings('CHECKER_REPORT_PERIOD = ["2023-01-01", "2023-06-30"]\n')
    assert main([]) == 0
    assert "Report for 2023-01-01 – 2023-06-30: 1 story," in capsys.readouterr().out


def test_report_rejects_a_reversed_period(report: Project) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--from", "2024-12-31", "--to", "2024-01-01"])
    assert exc.value.code == 2
