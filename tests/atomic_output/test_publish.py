"""Publishing is journaled: a kill at any step leaves the old site, or the new one once recovered."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from atomic_output import journal, lock, staging

from .conftest import Killed, Killer

# The old site, the new build (staged) and what the build kept of the old one.
OLD = {
    "index.html": "old home",
    "en/index.html": "old en",
    "gone.html": "deleted by the new build",
    "feeds/all.xml": "old feed",
    "becomes-folder": "a file that becomes a folder",
    "becomes-file/inner.html": "a folder that becomes a file",
    "kept/page.html": "unchanged, kept",
    "deep/a/b/c.html": "a deep page deleted with its folders",
}
NEW = {
    "index.html": "new home",
    "en/index.html": "new en",
    "_headers": "/*\n  X-Frame-Options: DENY\n",
    "feeds/all.xml": "new feed",
    "becomes-folder/index.html": "now a folder",
    "becomes-file": "now a file",
    "fresh/new.html": "a new page",
}
KEPT = {"kept/page.html"}
NEW_SITE = {**NEW, **{rel: OLD[rel] for rel in KEPT}}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def read_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def empty_folders(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_dir() and not any(p.iterdir())]


def prepare(tmp_path: Path) -> tuple[Path, Path]:
    final, staged = tmp_path / "output", tmp_path / "output.partial"
    write_tree(final, OLD)
    write_tree(staged, NEW)
    return final, staged


def publish(final: Path, staged: Path) -> None:
    """Publish as the finalized receiver does, with the kept list the generators made."""
    staging._contexts[str(staged)] = {staging.KEPT: set(KEPT)}
    staging._publish(str(final), str(staged))


def count_operations(tmp_path: Path, kill_after: Killer) -> int:
    """Return how many file-system changes one whole publish makes."""
    final, staged = prepare(tmp_path / "count")
    kill_after(1_000_000)
    publish(final, staged)
    steps = kill_after.done
    kill_after(-1)
    assert read_tree(final) == NEW_SITE
    return steps


def test_publish_replaces_the_site_and_removes_what_the_build_did_not_make(tmp_path: Path) -> None:
    final, staged = prepare(tmp_path)
    publish(final, staged)
    assert read_tree(final) == NEW_SITE
    assert not staged.exists()
    assert not Path(journal.journal_path(str(final))).exists()
    assert empty_folders(final) == []


def test_a_kill_at_every_step_leaves_the_old_site_or_the_new_one(tmp_path: Path, kill_after: Killer) -> None:
    steps = count_operations(tmp_path, kill_after)
    assert steps > len(NEW)  # every move and every deletion is a step
    outcomes = set()
    for k in range(steps):
        root = tmp_path / f"kill-{k}"
        final, staged = prepare(root)
        kill_after(k)
        with pytest.raises(Killed):
            publish(final, staged)
        kill_after(-1)
        journaled = Path(journal.journal_path(str(final))).exists()
        if not journaled:
            # Killed before the commit point: nothing of the old site was touched.
            assert read_tree(final) == OLD, f"kill at step {k}"
        # What the next build does first, before it builds anything.
        assert journal.recover(str(final)) is journaled
        expected = NEW_SITE if journaled else OLD
        assert read_tree(final) == expected, f"kill at step {k}: neither the old site nor the new one"
        assert empty_folders(final) == [], f"kill at step {k}"
        assert not Path(journal.journal_path(str(final))).exists()
        outcomes.add("new" if journaled else "old")
    assert outcomes == {"old", "new"}


def test_a_kill_during_recovery_is_recovered_by_the_next_build(tmp_path: Path, kill_after: Killer) -> None:
    final, staged = prepare(tmp_path)
    kill_after(3)  # after the journal, in the moves
    with pytest.raises(Killed):
        publish(final, staged)
    for k in range(6):
        kill_after(k)
        try:
            journal.recover(str(final))
        except Killed:
            continue
        break
    kill_after(-1)
    journal.recover(str(final))
    assert read_tree(final) == NEW_SITE


def test_an_output_on_another_file_system_is_published_by_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final, staged = prepare(tmp_path)
    real_replace = os.replace
    staged_root = str(staged)

    def cross_device(source: Any, target: Any) -> None:
        if str(source).startswith(staged_root + os.sep):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", cross_device)
    mtime = (staged / "index.html").stat().st_mtime_ns
    publish(final, staged)
    assert read_tree(final) == NEW_SITE
    assert (final / "index.html").stat().st_mtime_ns == mtime  # incremental builds compare it
    assert not staged.exists()
    assert not [p for p in final.rglob("*") if p.name.endswith(journal.TMP_SUFFIX)]


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no tmpfs at /dev/shm")
def test_a_staging_folder_on_a_real_other_device_is_published(tmp_path: Path) -> None:
    shm = Path("/dev/shm") / f"quangba-atomic-{os.getpid()}-{tmp_path.name}"
    try:
        final, staged = tmp_path / "output", shm / "output.partial"
        if os.stat(tmp_path).st_dev == os.stat("/dev/shm").st_dev:
            pytest.skip("/dev/shm is on the same device as the test folder")
        write_tree(final, OLD)
        write_tree(staged, NEW)
        publish(final, staged)
        assert read_tree(final) == NEW_SITE
        assert not staged.exists()
    finally:
        shutil.rmtree(shm, ignore_errors=True)


def test_first_build_renames_the_staging_folder(tmp_path: Path) -> None:
    final, staged = tmp_path / "output", tmp_path / "output.partial"
    write_tree(staged, NEW)
    publish(final, staged)
    assert read_tree(final) == NEW
    assert not staged.exists()


def test_an_unreadable_journal_is_removed_and_the_output_left_alone(tmp_path: Path) -> None:
    final = tmp_path / "output"
    write_tree(final, OLD)
    Path(journal.journal_path(str(final))).write_text("{not json", encoding="utf-8")
    assert journal.recover(str(final)) is False
    assert read_tree(final) == OLD
    assert not Path(journal.journal_path(str(final))).exists()


def test_the_lock_is_taken_once_per_process_and_released(tmp_path: Path) -> None:
    final = str(tmp_path / "output")
    lock.acquire(final, timeout=1)
    lock.acquire(final, timeout=1)  # a failed build of make serve, then the next one
    assert Path(lock.lock_path(final)).read_text(encoding="ascii") == str(os.getpid())
    lock.release(final)
    lock.release(final)


def test_empty_folders_old_and_staged_are_pruned_without_touching_others(tmp_path: Path) -> None:
    final, staged = prepare(tmp_path)
    (final / "left" / "empty").mkdir(parents=True)  # an earlier hand's or tool's leftover
    (staged / "made" / "nothing").mkdir(parents=True)  # a generator made a folder and no file
    (final / "kept" / "sub").mkdir()  # empty, beside a kept page
    publish(final, staged)
    assert read_tree(final) == NEW_SITE
    assert empty_folders(final) == []
    assert not (final / "left").exists() and not (final / "made").exists()
    assert (final / "kept" / "page.html").is_file()


def test_scan_lists_files_as_os_walk_does_and_the_empty_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, OLD)
    (tmp_path / "hollow" / "inner").mkdir(parents=True)
    (tmp_path / "link-to-folder").symlink_to(tmp_path / "kept", target_is_directory=True)
    (tmp_path / "link-to-file").symlink_to(tmp_path / "gone.html")
    walked = {
        os.path.normpath(os.path.join(os.path.relpath(folder, tmp_path), name))
        for folder, _dirs, names in os.walk(tmp_path)
        for name in names
    }
    files, empty = journal.scan(str(tmp_path))
    assert files == walked == set(OLD) | {"link-to-file"}
    assert empty == [os.path.join("hollow", "inner")]
