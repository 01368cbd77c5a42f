"""A build that fails after the indexer started leaves neither the indexer nor Pagefind running."""

from __future__ import annotations

import os
import subprocess
import time

from search.job import _cleanup


def alive(pid: int) -> bool:
    """Tell whether a process exists (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_stopping_a_job_stops_the_indexers_children(tmp_path) -> None:
    """The job's cleanup (run when a failed build drops it) stops the whole process group."""
    # Like the indexer: a child in its own session that starts a long-running
    # child of its own (Pagefind), and reports its pid.
    pid_file = tmp_path / "grandchild"
    child = subprocess.Popen(
        ["sh", "-c", f"sleep 300 & echo $! > {pid_file}; wait"],
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not (pid_file.exists() and pid_file.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    grandchild = int(pid_file.read_text())
    assert alive(grandchild)
    _cleanup([child], [str(tmp_path / "job")])
    deadline = time.monotonic() + 5
    while alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not alive(grandchild), "Pagefind (the indexer's child) outlived the failed build"
    finally:
        if alive(grandchild):
            os.kill(grandchild, 9)
