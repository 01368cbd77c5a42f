"""The Lighthouse gate (`make audit`): production build, mobile, thresholds enforced."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, IN_CI, ROOT
from tools import audit


def report(**scores: float) -> dict:
    """A Lighthouse report with these category scores and one failing audit per category."""
    categories = {
        name: {"score": value, "auditRefs": [{"id": f"{name}-audit", "weight": 1}]}
        for name, value in scores.items()
    }
    audits = {f"{name}-audit": {"score": 0.5, "displayValue": "why"} for name in scores}
    return {"categories": categories, "audits": audits}


def test_the_gate_passes_only_at_the_thresholds() -> None:
    good = audit.score(
        "vi", "home", "u", report(**{"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1})
    )
    assert good.passed and good.problems == []
    for category, value in (
        ("performance", 0.94),
        ("accessibility", 0.98),
        ("best-practices", 0.96),
        ("seo", 0.92),
    ):
        scores = {
            "performance": 1.0,
            "accessibility": 1.0,
            "best-practices": 1.0,
            "seo": 1.0,
            category: value,
        }
        bad = audit.score("vi", "home", "u", report(**scores))
        assert not bad.passed
        assert bad.problems == [f"{category}: {category}-audit (0.50) why"]
    table = audit.table([good, bad])
    assert "FAIL" in table and "ok" in table and "accessibility" in table.splitlines()[0]


def test_targets() -> None:
    assert audit.targets_of("vi,ja", "home,story", "") == [
        ("vi", "home"),
        ("vi", "story"),
        ("ja", "home"),
        ("ja", "story"),
    ]
    assert audit.targets_of("vi", "home", "ja:home,en:story") == [("ja", "home"), ("en", "story")]


@pytest.mark.browser
@pytest.mark.slow
def test_lighthouse_on_home_and_story_pages(tmp_path: Path) -> None:
    missing = [str(p) for p in (audit.LIGHTHOUSE, Path(CHROMIUM)) if not p.exists()]
    if not shutil.which("node"):
        missing.append("node")
    if missing:
        if IN_CI:
            pytest.fail(f"not found: {', '.join(missing)}")
        pytest.skip(f"not found: {', '.join(missing)}")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.audit",
            "--only",
            "vi:home,ja:home,en:story",
            "--reports",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "3 of 3 pages pass" in out
    rows = [line.split() for line in proc.stdout.splitlines() if line.startswith(("vi ", "ja ", "en "))]
    assert [(r[0], r[1]) for r in rows] == [("vi", "home"), ("ja", "home"), ("en", "story")]
    for row in rows:
        perf, a11y, practices, seo = map(int, row[2:6])
        assert perf >= 95 and a11y == practices == seo == 100, row
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "en-story.json",
        "ja-home.json",
        "vi-home.json",
    ]
    for path in tmp_path.glob("*.json"):  # every request the page made stayed on its own origin
        report = json.loads(path.read_text(encoding="utf-8"))
        urls = [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]
        origin = report["finalDisplayedUrl"].split("/", 3)[:3]
        assert urls and all(url.split("/", 3)[:3] == origin for url in urls), (path.name, urls)
