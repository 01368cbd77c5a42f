"""The key facts file (data/keyfacts.yml): a bad entry is a finding at its line with the fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from model import keyfacts

from tests.conftest import DEMO_COPY_SETTINGS, ROOT, fixture_site
from tests.multilang.conftest import FIXTURE

CODES = ["vi", "en", "ja"]
TARGETS = {"destination", "project", "tourism"}
GOOD_FACT = """\
facts:
  - id: population
    label: {vi: Dân số, en: Population}
    value: 871724
    as_of: 2021
    source:
      name: {vi: Cục Thống kê, en: Statistics Office}
      url: https://example.org/yearbook
"""


def load(tmp_path: Path, text: str) -> tuple[keyfacts.KeyFacts | None, list]:
    path = tmp_path / "keyfacts.yml"
    path.write_text(text, encoding="utf-8")
    return keyfacts.load(str(path), CODES, TARGETS)


def test_the_demo_file_is_valid_and_every_figure_has_a_source_and_a_date() -> None:
    facts, findings = keyfacts.load(
        str(ROOT / "data" / "keyfacts.yml"), ["vi", "en", "ja", "ko", "zh", "fr"], {"destination", "project"}
    )
    assert findings == []
    assert facts is not None and facts.hero is not None
    assert {f.id for f in facts.facts} >= {"population", "area", "distance-hanoi"}
    for fact in facts.facts:
        assert fact.source_url.startswith(("http://", "https://")) and fact.source_name.get("en")[0]
        assert fact.as_of[:4].isdigit()


def test_a_good_file_reads_without_findings(tmp_path: Path) -> None:
    facts, findings = load(tmp_path, GOOD_FACT)
    assert findings == []
    assert facts.facts[0].value == 871724 and facts.facts[0].unit is None and facts.facts[0].as_of == "2021"


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "hint"),
    [
        ("value: 871724", 'value: "871.724"', 4, "value '871.724' is not a plain number", "no separators"),
        ("value: 871724", "value: 871724\n    unit: km2", 5, "unit 'km2' is not one the site formats", "km²"),
        ("as_of: 2021", "as_of: last year", 5, "as_of 'last year' is not a year or a date", "as_of: 2021"),
        (
            "      url: https://example.org/yearbook",
            "      url: yearbook",
            8,
            "the source has no web address",
            "url: https://",
        ),
        ("    label:", "    lable:", 3, "unknown key 'lable'", "label"),
    ],
)
def test_a_bad_entry_is_a_finding_at_its_line(
    tmp_path: Path, old: str, new: str, line: int, message: str, hint: str
) -> None:
    assert old in GOOD_FACT
    facts, findings = load(tmp_path, GOOD_FACT.replace(old, new))
    assert [f.rule for f in findings] and all(f.rule == "data.keyfacts" for f in findings)
    hit = next((f for f in findings if message in f.message), None)
    assert hit is not None, [f.message for f in findings]
    assert hit.line == line and hint in hit.hint
    assert facts is not None and facts.facts == []  # the bad figure is not shown


def test_a_figure_without_source_is_refused(tmp_path: Path) -> None:
    text = GOOD_FACT.split("    source:", maxsplit=1)[0]
    _, findings = load(tmp_path, text)
    assert any("names no source" in f.message and f.line == 2 for f in findings)


def test_a_call_to_action_must_name_a_collection_or_a_section(tmp_path: Path) -> None:
    text = """\
hero:
  image: x.jpg
  alt: {vi: a, en: a}
  credit: {vi: c, en: c}
  headline: {vi: h, en: h}
  lede: {vi: l, en: l}
  visit: beaches
  invest: project
"""
    _, findings = load(tmp_path, text)
    assert [(f.line, f.message) for f in findings] == [
        (7, "hero: visit must name a collection or a section, not 'beaches'")
    ]
    assert "destination" in findings[0].hint


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    facts, findings = load(tmp_path, GOOD_FACT.replace("    value: 871724", "    value: [871724"))
    assert facts is None and findings[0].rule == "data.keyfacts" and findings[0].line is not None


def test_the_build_and_make_check_stop_on_a_bad_entry(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    (base / "data" / "keyfacts.yml").write_text(
        GOOD_FACT.replace("value: 871724", "value: 871.724.0"), encoding="utf-8"
    )
    build = fixture_site(tmp_path, "output", base)
    assert build.returncode != 0
    flat = " ".join(build.log.split())
    assert (
        "keyfacts.yml:4: error: fact population: value '871.724.0' is not a plain number [data.keyfacts]"
        in flat
    ), build.log
    assert "no separators" in flat
    settings = base / "check.py"
    settings.write_text(
        DEMO_COPY_SETTINGS + "CHECKER_LEVELS = {'encoding.not-nfc': 'warning'}\n", encoding="utf-8"
    )
    check = subprocess.run(
        [sys.executable, "-m", "checker", "--settings", str(settings), "--no-cache"],
        cwd=base,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}", "COLUMNS": "1000", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert check.returncode != 0, check.stdout + check.stderr
    assert "keyfacts.yml:4: error:" in check.stdout + check.stderr
