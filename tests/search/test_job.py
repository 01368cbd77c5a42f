"""The indexing job: documents in RAM when there is room, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from search import job  # plugins/ is on sys.path: tests/search/conftest.py
from search.documents import Document
from search.indexing import SearchIndexError

from tests.conftest import ROOT

DOCS = [
    Document("about/index.html", "en", '<html lang="en"><body><p>Hoa Binh province</p></body></html>'),
    Document("van-hoa/xoe/index.html", "vi", '<html lang="vi"><body><p>Múa xòe Thái</p></body></html>'),
]


def dead_pid() -> int:
    """Return the id of a process that has just exited."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return int(done.stdout)


def test_scratch_folder_is_made_in_the_root_with_the_build_pid(tmp_path: Path) -> None:
    folder = job.scratch_folder(1000, str(tmp_path))
    assert folder is not None
    assert Path(folder).parent == tmp_path
    assert Path(folder).name.startswith(f"{job.SCRATCH_PREFIX}{os.getpid()}-")


def test_no_scratch_folder_without_room_or_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert job.scratch_folder(1000, str(tmp_path / "missing")) is None
    real = os.statvfs(tmp_path)
    room = real.f_bavail * real.f_frsize
    assert job.scratch_folder(room // job.SCRATCH_ROOM + 1, str(tmp_path)) is None
    assert list(tmp_path.iterdir()) == []


def test_old_folders_of_killed_builds_are_removed(tmp_path: Path) -> None:
    gone = dead_pid()
    dead = tmp_path / f"{job.SCRATCH_PREFIX}{gone}-abc"
    recent = tmp_path / f"{job.SCRATCH_PREFIX}{gone}-xyz"
    live = tmp_path / f"{job.SCRATCH_PREFIX}{os.getpid()}-def"
    other = tmp_path / "someone-elses"
    for folder in (dead, recent, live, other):
        (folder / "vi").mkdir(parents=True)
    past = time.time() - job.SCRATCH_STALE_SECONDS - 60
    for folder in (dead, live, other):
        os.utime(folder, (past, past))
    job.forget_dead_scratch(str(tmp_path))
    assert not dead.exists()
    assert recent.exists() and live.exists() and other.exists()


def test_a_report_without_cpu_time_is_not_an_error() -> None:
    assert job._pagefind_cpu('{"pages": {}, "pagefind_cpu_seconds": 1.5}') == 1.5
    assert job._pagefind_cpu("Pagefind said something else") == 0.0
    assert job._pagefind_cpu("") == 0.0


def test_documents_go_to_ram_and_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ram = tmp_path / "ram"
    ram.mkdir()
    monkeypatch.setattr(job, "SCRATCH_ROOT", str(ram))
    index = job.IndexJob(DOCS, str(tmp_path / "cache"))
    assert index.process is not None
    assert "--documents" in index.process.args
    assert str(ram) in index.process.args[index.process.args.index("--documents") + 1]
    counts = index.finish(str(tmp_path / "bundle"))
    assert counts == {"en": 1, "vi": 1}
    assert (tmp_path / "bundle" / "pagefind-entry.json").is_file()
    assert index.pagefind_cpu > 0
    assert list(ram.iterdir()) == []
    assert [p.name for p in (tmp_path / "cache" / "search").iterdir() if p.name.startswith("job-")] == []


def test_a_failed_index_leaves_no_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ram = tmp_path / "ram"
    ram.mkdir()
    monkeypatch.setattr(job, "SCRATCH_ROOT", str(ram))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    index = job.IndexJob(DOCS, str(tmp_path / "cache"))
    with pytest.raises(SearchIndexError, match="Pagefind failed on the en pages"):
        index.finish(str(tmp_path / "bundle"))
    assert list(ram.iterdir()) == []


def test_documents_in_another_order_give_the_same_bundle(tmp_path: Path) -> None:
    # The model's order changes when a date does (events by start) while the
    # documents do not: a language's cached bundle must be what a cold build
    # makes of the same documents, whose order Pagefind's page numbers follow.
    docs = [
        Document(
            f"en/events/e{n}/index.html", "en", f'<html lang="en"><body><p>fair{n} Hoa Binh</p></body></html>'
        )
        for n in range(6)
    ]
    bundles = []
    for name, order in (("forward", docs), ("backward", docs[::-1])):
        index = job.IndexJob(order, str(tmp_path / name / "cache"))
        assert index.finish(str(tmp_path / name / "bundle")) == {"en": 6}
        bundles.append(tmp_path / name / "bundle")
    files = [sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()) for b in bundles]
    assert files[0] == files[1]  # content-hashed names: the same bytes
    for rel in files[0]:
        assert (bundles[0] / rel).read_bytes() == (bundles[1] / rel).read_bytes(), rel


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux-only")
def test_the_indexer_leaves_half_the_cpus_to_the_build() -> None:
    code = (
        "import os, sys; sys.path.insert(0, 'plugins/search'); import indexing; "
        "before = len(os.sched_getaffinity(0)); indexing.leave_cpus_to_the_build(); "
        "print(before, len(os.sched_getaffinity(0)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    before, after = map(int, done.stdout.split())
    assert after == (before - before // 2 if before > 1 else 1)
