"""Real builds: two at once in one folder, a kill during the publish, an output on another device."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from atomic_output import journal, lock, staging

from tests.conftest import Build, fixture_site
from tests.multilang.conftest import FIXTURE
from tests.tree_diff import compare

from .conftest import Killed, Killer

STORY = "content/tourism/mai-chau/index.vi.md"


def edited_site(tmp_path: Path) -> Path:
    """Return a copy of the fixture site with one story changed and one removed."""
    base = tmp_path / "site-b"
    shutil.copytree(FIXTURE, base)
    story = base / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    (base / "content/tourism/mai-chau/index.en.md").write_text(
        "Title: Mai Chau\n\nA new translation.\n", encoding="utf-8"
    )
    shutil.rmtree(base / "content/pages/about")
    return base


def build(tmp_path: Path, name: str, base: Path = FIXTURE, **overrides: object) -> Build:
    # One cache per output folder, as a project has one.
    return fixture_site(tmp_path, name, base, **overrides)


def test_two_builds_at_once_take_turns_and_publish_a_whole_site(tmp_path: Path) -> None:
    cold = build(tmp_path, "cold")
    assert cold.returncode == 0, cold.log
    final = str(tmp_path / "output")
    results: list[Build] = []
    # Both start while a third build holds the folder: both wait, then race for it.
    lock.acquire(final, timeout=1)
    try:
        threads = [threading.Thread(target=lambda: results.append(build(tmp_path, "output"))) for _ in "ab"]
        for thread in threads:
            thread.start()
        time.sleep(3)
    finally:
        lock.release(final)
    for thread in threads:
        thread.join()
    for result in results:
        assert result.returncode == 0, result.log
        assert "waiting for that build to finish" in result.log, result.log
    assert compare(cold.output, tmp_path / "output") is None
    assert (tmp_path / "output" / "_headers").is_file()
    assert not (tmp_path / "output.partial").exists()


def test_a_build_that_cannot_get_the_folder_stops_with_a_message(tmp_path: Path) -> None:
    first = build(tmp_path, "output")
    assert first.returncode == 0, first.log
    before = {p: p.read_bytes() for p in first.output.rglob("*") if p.is_file()}
    final = str(tmp_path / "output")
    lock.acquire(final, timeout=1)
    try:
        second = build(tmp_path, "output", edited_site(tmp_path), ATOMIC_OUTPUT_LOCK_TIMEOUT=1)
    finally:
        lock.release(final)
    assert second.returncode != 0
    assert "another build (process " in second.log and "nothing was built" in second.log, second.log
    assert "Traceback" not in second.log, second.log
    assert {p: p.read_bytes() for p in first.output.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_build_killed_while_publishing_is_completed_by_the_next(
    tmp_path: Path, kill_after: Killer, where: str
) -> None:
    old = build(tmp_path, "output")
    assert old.returncode == 0, old.log
    edited = edited_site(tmp_path)
    new = build(tmp_path, "cold", edited)
    assert new.returncode == 0, new.log
    final, staged = tmp_path / "output", tmp_path / "output.partial"
    shutil.copytree(new.output, staged)  # what the killed build had staged
    # Operations: 0 is the journal's commit; then one per moved file, then deletions.
    k = {"first": 1, "middle": 20, "last": len(journal.files_under(str(staged)))}[where]
    staging._contexts[str(staged)] = {staging.KEPT: set()}
    kill_after(k)
    with pytest.raises(Killed):
        staging._publish(str(final), str(staged))
    kill_after(-1)
    assert Path(journal.journal_path(str(final))).exists()
    assert compare(new.output, final) is not None  # a mix, until the next build
    again = build(tmp_path, "output", edited)
    assert again.returncode == 0, again.log
    assert "completing the publish of a build that was interrupted" in again.log
    assert compare(new.output, final) is None


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no tmpfs at /dev/shm")
def test_an_output_on_another_file_system_builds_and_rebuilds(tmp_path: Path) -> None:
    if os.stat(tmp_path).st_dev == os.stat("/dev/shm").st_dev:
        pytest.skip("/dev/shm is on the same device as the test folder")
    mounted = Path("/dev/shm") / f"quangba-output-{os.getpid()}-{tmp_path.name}"
    mounted.mkdir()
    try:
        # output/ stands for a mount point: its files live on another device than output.partial/.
        (tmp_path / "output").symlink_to(mounted)
        first = build(tmp_path, "output")
        assert first.returncode == 0, first.log
        cold = build(tmp_path, "cold")
        assert compare(cold.output, mounted) is None
        edited = edited_site(tmp_path)
        second = build(tmp_path, "output", edited)
        assert second.returncode == 0, second.log
        cold_b = build(tmp_path, "cold-b", edited)
        assert compare(cold_b.output, mounted) is None
    finally:
        shutil.rmtree(mounted, ignore_errors=True)
