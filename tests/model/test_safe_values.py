"""Values that used to crash a build are named errors: empty bodies, impossible dates, control
characters, too many tags — the same findings in the build and in `make check`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from model.errors import ConfigError

from tests.checker.conftest import FIXTURES, SOURCE, Project
from tests.conftest import ROOT, run_pelican
from tests.multilang.conftest import FIXTURE

VI = "culture/khai-ha/index.vi.md"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    (tmp_path / "content").mkdir()
    return Project(tmp_path)


def findings(project: Project, text: str, **settings: object) -> list[tuple[str, int | None, int | None]]:
    """Check a story whose Vietnamese source is text; return (rule, line, column) of its errors."""
    project.story(vi=text, en=None)
    result = project.check(**settings)
    other = {"metadata.agency-not-valid"}  # the agency's dates, beside the point here
    return [(f.rule, f.line, f.column) for f in result.findings if f.level == "error" and f.rule not in other]


def with_date(value: str) -> str:
    return SOURCE.replace("Date: 2024-02-14 08:00", f"Date: {value}")


# -- empty bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"), [("Title: Rỗng\nDate: 2024-02-14\n", 3), ("Title: Rỗng\nDate: 2024-02-14\n\n  \n\n", 4)]
)
def test_a_header_without_text_is_a_named_error(project: Project, text: str, line: int) -> None:
    assert findings(project, text) == [("structure.empty-body", line, None)]


def test_a_draft_may_wait_for_its_text(project: Project) -> None:
    assert findings(project, "Title: Rỗng\nDate: 2024-02-14\nStatus: draft\n") == []


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "9999-12-31T23:59-05:00",
        "0001-01-01T00:00+05:00",
        "1900-01-01",
        "2204-02-14",
        "2024-02-14T08:00+23:59",
        "2024-02-14T08:00+14:30",
        "2024-02-14T08:00-12:30",
        "2024-02-14T08:00+07:00:30",
    ],
)
def test_impossible_dates_are_named_errors(project: Project, value: str) -> None:
    assert findings(project, with_date(value)) == [("metadata.date-out-of-range", 2, None)]


@pytest.mark.parametrize(
    "value", ["2024-02-14T08:00+14:00", "2024-02-14T08:00-12:00", "1945-09-02", "2100-12-31"]
)
def test_dates_at_the_limits_pass(project: Project, value: str) -> None:
    assert findings(project, with_date(value)) == []


def test_the_years_are_a_setting(project: Project) -> None:
    assert findings(project, with_date("1930-05-01"), MULTILANG_DATE_RANGE=[1900, 2100]) == []


def test_a_non_iso_date_stays_a_bad_date(project: Project) -> None:
    assert findings(project, with_date("2024-01-01T10:00+25:00")) == [("metadata.bad-date", 2, None)]
    [bad] = [f for f in project.check().findings if f.rule == "metadata.bad-date"]
    assert "its offset +25:00 is impossible" in bad.message and "month first" not in bad.message


@pytest.mark.parametrize("value", [[2100, 1945], [1945], "1945-2100", [0, 2100], [1945, 9999]])
def test_a_bad_date_range_setting_is_a_config_error(project: Project, value: object) -> None:
    project.story(vi=SOURCE, en=None)
    with pytest.raises(ConfigError, match="MULTILANG_DATE_RANGE"):
        project.check(MULTILANG_DATE_RANGE=value)


# -- control characters -------------------------------------------------------------------


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\ufffe", "\U0010ffff"]
)
def test_control_characters_are_named_at_line_and_column(project: Project, char: str) -> None:
    text = SOURCE.replace("Title: Lễ hội", f"Title: Lễ{char} hội").replace("lớn của", f"lớn{char} của")
    assert findings(project, text) == [
        ("encoding.control-character", 1, 10),
        ("encoding.control-character", 7, 22),
    ]


def test_tabs_and_newlines_are_text(project: Project) -> None:
    assert findings(project, SOURCE + "\n\tMột dòng có tab.\r\n") == []


def test_control_characters_are_reported_ten_times_at_most(project: Project) -> None:
    found = findings(project, SOURCE + "\n" + "Dòng\x00 lỗi.\n" * 50)
    assert len(found) == 11 and {rule for rule, _, _ in found} == {"encoding.control-character"}


# -- tags ------------------------------------------------------------------------------------


def tagged(count: int) -> str:
    return SOURCE.replace("Tags: le-hoi", "Tags: " + ", ".join(f"the-{i}" for i in range(count)))


def test_more_tags_than_the_cap_is_a_named_error(project: Project) -> None:
    assert findings(project, tagged(13)) == [("metadata.too-many-tags", 4, None)]


def test_the_cap_is_a_setting(project: Project) -> None:
    assert findings(project, tagged(12)) == []
    assert findings(project, tagged(20), MULTILANG_MAX_TAGS=20) == []


def test_ten_thousand_tags_are_refused_at_once(project: Project) -> None:
    import time

    started = time.perf_counter()
    assert findings(project, tagged(10_000)) == [("metadata.too-many-tags", 4, None)]
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("value", [0, -1, "12", True])
def test_a_bad_tag_cap_is_a_config_error(project: Project, value: object) -> None:
    project.story(vi=SOURCE, en=None)
    with pytest.raises(ConfigError, match="MULTILANG_MAX_TAGS"):
        project.check(MULTILANG_MAX_TAGS=value)


# -- one verdict: the build and make check ----------------------------------------------------------

CASES = {
    "rong": ("Title: Rỗng\nDate: 2024-02-14\n", "structure.empty-body"),
    "nam-9999": ("Title: Năm\nDate: 9999-12-31T23:59-05:00\n\nThân bài.\n", "metadata.date-out-of-range"),
    "lech-gio": ("Title: Lệch\nDate: 2024-05-01T10:00+23:59\n\nThân bài.\n", "metadata.date-out-of-range"),
    "dieu-khien": (
        "Title: Điều\x1b khiển\nDate: 2024-05-01\n\nThân\x00 bài.\n",
        "encoding.control-character",
    ),
    "nhieu-the": (
        "Title: Nhiều\nDate: 2024-05-01\nTags: " + ",".join(map(str, range(5000))) + "\n\nThân bài.\n",
        "metadata.too-many-tags",
    ),
}
# The project's settings, read by both commands (the checker reads pelicanconf.py by itself).
SITE_SETTINGS = f"""exec(open({str(ROOT / "pelicanconf.py")!r}, encoding="utf-8").read())
THEME = {str(ROOT / "themes" / "quangba")!r}
MULTILANG_TRANSLATIONS_DIR = {str(ROOT / "translations")!r}
PLUGINS = [p for p in PLUGINS if p != "search"]
PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
CHECKER_LEVELS = {{"encoding.not-nfc": "warning"}}
CHECKER_REQUIRED_PAGES = {{}}
"""
ERROR_RE = re.compile(r"(?P<file>\S+\.md):(?P<line>\d+)(?::\d+)?: error: .*? \[(?P<rule>[a-z-]+\.[a-z-]+)\]")


def errors(log: str) -> set[tuple[str, int, str]]:
    text = " ".join(log.split())
    return {
        (os.path.basename(os.path.dirname(m["file"])), int(m["line"]), m["rule"])
        for m in ERROR_RE.finditer(text)
    }


def test_the_build_and_make_check_name_the_same_errors(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    for key, (text, _rule) in CASES.items():
        (base / "content" / "news" / key).mkdir()
        (base / "content" / "news" / key / "index.vi.md").write_text(text, encoding="utf-8")
    settings = base / "pelicanconf.py"
    settings.write_text(SITE_SETTINGS, encoding="utf-8")
    paths = {
        "MULTILANG_AGENCIES_FILE": str(base / "data/agencies.yml"),
        "MULTILANG_TERMS_FILE": str(base / "data/terms.yml"),
    }
    build = run_pelican(base / "content", tmp_path / "output", settings_file=settings, overrides=paths)
    check = subprocess.run(
        [sys.executable, "-m", "checker"],
        cwd=base,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), COLUMNS="200"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode != 0 and check.returncode == 1, check.stdout + check.stderr
    for log in (build.log, check.stdout):
        assert "Traceback" not in log, log
    found = errors(build.log)
    assert found == errors(check.stdout), (build.log, check.stdout)
    assert {(story, rule) for story, _, rule in found} == {(key, rule) for key, (_, rule) in CASES.items()}
    assert not (tmp_path / "output").exists()
