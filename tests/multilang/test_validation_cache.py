"""A rebuild reuses the last build's validation findings only while they would be found again."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import ROOT, fixture_site, run_pelican
from tests.multilang.conftest import FIXTURE

# `file:line: level: message [rule]`, as the verdict prints each finding.
FINDING = re.compile(r"^\s*(\S+?:(?:\d+:)?\s*(?:error|warning): .*\[[a-z0-9.-]+\].*)$", re.MULTILINE)


def findings(log: str) -> list[str]:
    """Return the finding lines of a build log, in order, without the logger's prefixes."""
    return [" ".join(line.split()) for line in FINDING.findall(log)]


def cache_entries(cache: Path) -> dict[str, dict]:
    """Return the validation cache's entries, by bundle folder."""
    return json.loads((cache / "multilang-validation.json").read_text(encoding="utf-8"))["bundles"]


def test_a_registry_change_gives_the_findings_of_a_cold_build(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    first = fixture_site(tmp_path, "output", base)
    assert first.returncode == 0, first.log
    entries = cache_entries(tmp_path / "output-cache")
    assert {"culture/le-hoi-khai-ha", "tourism/mai-chau", "news/ke-hoach-186"} <= set(entries)

    # The agency three unchanged stories name leaves the registry.
    registry = base / "data" / "agencies.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("id: so-vhttdl", "id: so-vhttdl-cu"), encoding="utf-8"
    )
    warm = fixture_site(tmp_path, "output", base)
    cold = fixture_site(tmp_path, "cold", base)
    assert cold.returncode != 0, cold.log
    assert "unknown Agency 'so-vhttdl'" in cold.log, cold.log
    assert warm.returncode == cold.returncode
    assert findings(warm.log) == findings(cold.log) != []


def test_an_unchanged_item_whose_reference_goes_away_gets_the_cold_finding(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for name in ("content", "data"):
        shutil.copytree(ROOT / name, src / name)
    overrides = {
        "MULTILANG_AGENCIES_FILE": str(src / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(src / "data" / "terms.yml"),
        "MULTILANG_VOCABULARIES_FILE": str(src / "data" / "vocabularies.yml"),
        # The demo needs its images (a destination's cover); search is not what this tests.
        "PLUGINS": ["atomic_output", "multilang", "images", "imprint", "checker"],
    }

    def build(name: str):
        return run_pelican(src / "content", tmp_path / name, overrides=overrides)

    first = build("output")
    assert first.returncode == 0, first.log
    project = "projects/meiko-pcb-factory"
    assert ["has_versions", "documents/decision-2470-qd-ubnd-2009", True] in cache_entries(
        tmp_path / "output-cache"
    )[project]["deps"]

    # The project's Basis names this document; the project's files do not change.
    shutil.rmtree(src / "content" / "documents" / "decision-2470-qd-ubnd-2009")
    warm = build("output")
    cold = build("cold")
    assert cold.returncode != 0, cold.log
    assert "no document “decision-2470-qd-ubnd-2009”" in cold.log, cold.log
    assert findings(warm.log) == findings(cold.log) != []
    # The failed lookup's finding lists the other documents: not kept, found again next time.
    assert project not in cache_entries(tmp_path / "output-cache")
