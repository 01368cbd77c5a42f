"""A large check forks workers for the source rules while the engine reads: same findings as one process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from checker import engine
from checker.rules import numbers

from .conftest import SOURCE, TRANSLATION, Project

# One story per kind of rule: the source rules (forked) and the ones that need the read site.
BODIES = {
    "marking": "\nTÀI LIỆU TỐI MẬT\n",  # confidentiality: a source rule
    "phone": "\nGọi anh Tuấn: 0912 345 678.\n",  # personal data: a source rule
    "number": "\nDiện tích 4.608,7 km2 theo sách.\n",  # numbers: a source rule
    "script": "\n<script>alert(1)</script>\n",  # html: what the engine's sanitiser removed
    "link": "\n[Mai Châu](../khong-co/index.vi.md)\n",  # links: cross-file, after the read
}


def _project(project: Project) -> Project:
    for name, body in BODIES.items():
        project.story(f"culture/{name}", vi=SOURCE + body)
    project.story("culture/tag", vi=SOURCE.replace("Tags: le-hoi", "Tags: le-hoi, bong-da"))
    stale = SOURCE.replace("Summary:", "Modified: 2024-05-02 10:00\nSummary:")
    project.story("culture/stale", vi=stale, en=TRANSLATION)  # translations: needs the read site
    for n in range(4):
        project.story(f"news/plain-{n}")
    return project


def _run(project: Project, workers: int) -> list[tuple[str, str, int | None, str]]:
    found = project.check(MULTILANG_WORKERS=workers).findings
    return [(f.rule, project.rel(f), f.line, f.message) for f in found]


def test_forked_source_rules_give_the_findings_of_one_process(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _project(project)
    one = _run(project, 1)
    assert {rule for rule, *_ in one} >= {
        "confidential.classified-marking",
        "pii.phone",
        "html.unsafe",
        "links.broken",
        "metadata.unknown-tag",
        "translation.stale",
    }, one
    # Forked: a pid written by a source rule shows where it ran.
    pids = tmp_path / "pids"
    pids.mkdir()
    real = numbers.check_bundle

    def traced(bundle: object, ctx: engine.Context) -> Iterator[object]:
        (pids / str(os.getpid())).touch()
        return real(bundle, ctx)

    monkeypatch.setattr(numbers, "check_bundle", traced)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 1)
    assert _run(project, 2) == one
    ran_in = {int(p.name) for p in pids.iterdir()}
    assert ran_in and os.getpid() not in ran_in, "the source rules ran in this process"


def test_a_rule_failing_in_a_worker_fails_the_check(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(project)

    def broken(bundle: object, ctx: engine.Context) -> Iterator[object]:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(numbers, "check_bundle", broken)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 1)
    with pytest.raises(RuntimeError, match="rule bug"):
        project.check(MULTILANG_WORKERS=2)
