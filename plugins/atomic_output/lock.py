"""One build at a time per output folder: an flock on `<output>.lock`, released by the OS on exit.

The lock is taken when a build starts (before the staging folder is emptied)
and released once the build is published. A build that fails keeps it until
its process exits, or until the same process builds again (`make serve`).
A second build of the same folder waits for the first, saying so, and stops
with a clear message after ATOMIC_OUTPUT_LOCK_TIMEOUT seconds.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time

logger = logging.getLogger(__name__)

SUFFIX_LOCK = ".lock"
POLL_SECONDS = 0.2

# Lock file path -> its open descriptor, for the locks this process holds.
# A failed build never reaches publish(); the next build of the same process
# (make serve) finds its lock here instead of waiting for itself.
_held: dict[str, int] = {}


class LockTimeout(Exception):
    """Report that another build kept the output folder longer than the timeout."""


def lock_path(final: str) -> str:
    """Return the lock file of an output folder: beside it, `<output>.lock`."""
    return final.rstrip(os.sep) + SUFFIX_LOCK


def _holder(path: str) -> str:
    """Return what the lock file says about its holder (its process id), for messages."""
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            pid = handle.read().strip()
    except OSError:
        return "another process"
    return f"process {pid}" if pid.isdigit() else "another process"


def acquire(final: str, timeout: float) -> None:
    """Take the output folder's lock, waiting up to timeout seconds for another build."""
    path = lock_path(final)
    if path in _held:
        return
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try(fd):
            holder = _holder(path)
            logger.warning(
                "%s is being built by %s; waiting for that build to finish (up to %d s)",
                final,
                holder,
                timeout,
            )
            deadline = time.monotonic() + timeout
            while not _try(fd):
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{final}: another build ({holder}) has been writing this folder for "
                        f"more than {timeout:.0f} s; nothing was built — wait for it to finish, "
                        f"or stop it, then build again (ATOMIC_OUTPUT_LOCK_TIMEOUT sets the wait)"
                    )
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
    except BaseException:
        os.close(fd)
        raise
    _held[path] = fd


def _try(fd: int) -> bool:
    """Try to take an exclusive lock without blocking."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def release(final: str) -> None:
    """Release the output folder's lock if this process holds it."""
    fd = _held.pop(lock_path(final), None)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
