"""The demo site builds cleanly and carries what Decree 42/2022 asks for in English."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, Build
from tests.multilang.conftest import soup


def test_demo_builds_without_warnings(demo_build: Build) -> None:
    problems = [
        line for line in demo_build.log.splitlines() if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)
    ]
    assert not problems, demo_build.log


def test_demo_has_english_agency_structure_and_contacts(demo_build: Build) -> None:
    for path in ["en/about/", "en/agencies/", "en/contact/", "en/agency/"]:
        page = demo_build.page(path)
        assert page.is_file(), path
        assert soup(page).html["lang"] == "en"


def test_demo_reports_plan_186(demo_build: Build) -> None:
    page = soup(demo_build.page("en/news/plan-186-foreign-information/"))
    text = page.get_text(" ")
    for fact in [r"186[-/]KH-UBND", r"57-KL/TW", r"196[-/]KH/TU", r"2023"]:
        assert re.search(fact, text), fact


def test_demo_every_language_has_stories(demo_build: Build) -> None:
    for prefix in ["", "en/", "ja/", "ko/", "zh/", "fr/"]:
        home = soup(demo_build.page(prefix))
        assert home.select("main a[href*='/']"), prefix


def test_make_new_scaffolds_a_story(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    settings = tmp_path / "conf.py"
    settings.write_text(f"from pelicanconf import *\nPATH = {str(content)!r}\n", encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "tools.new_story",
        "--section",
        "culture",
        "--story",
        "xoe-thai",
        "--settings",
        str(settings),
    ]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    text = (content / "culture/xoe-thai/index.vi.md").read_text(encoding="utf-8")
    for field in [
        "Title:",
        "Date:",
        "Summary:",
        "Tags:",
        "Agency:",
        "Cover:",
        "Cover_alt:",
        "Cover_credit:",
        "Status: draft",
    ]:
        assert field in text
    bad = subprocess.run(
        [*cmd[:-3], "Xòe Thái", "--settings", str(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode != 0 and "xoe-thai" in bad.stderr
