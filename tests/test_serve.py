"""make serve: a content error is printed once, the last good site stays served, a fix rebuilds it."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import DEMO_COPY_SETTINGS, ROOT

STORY = "content/tourism/mai-chau-valley/index.vi.md"
PAGE = "/du-lich/mai-chau-valley/"
TITLE = "Title: Thung lũng Mai Châu và những bản Thái"
DATE = "Date: 2024-03-20 09:00"
ERROR = f"{STORY}:2: error: invalid metadata: `Date: 05/12/2026` is not an ISO 8601 date"
SETTINGS = DEMO_COPY_SETTINGS


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """Return the page at url, or None while the server cannot give it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:  # URLError and HTTPError too
        return None


def said(log: Path) -> str:
    """Return what the server printed, on one line (rich wraps long log lines)."""
    return " ".join(log.read_text(encoding="utf-8").split())


def wait_until(condition: Callable[[], object], timeout: float, what: str, log: Path) -> None:
    """Poll condition until it holds; fail with the server's output after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the server said:\n{log.read_text()}")
        time.sleep(0.2)


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a content file (the old text must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def settle(log: Path, quiet: float = 3.0, timeout: float = 60.0) -> None:
    """Wait until the server's output has not grown for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.2)


def output_lock_is_free(path: Path) -> bool:
    """Say whether another build (`make html` in a second terminal) could take the output's lock."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock, if this process took it
    return True


def test_a_content_error_is_printed_once_and_a_fix_rebuilds(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    log, story, port = tmp_path / "serve.log", tmp_path / STORY, free_port()
    url = f"http://127.0.0.1:{port}{PAGE}"
    env = dict(os.environ, COLUMNS="300", PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "plugins")]))
    args = [sys.executable, "-m", "tools.serve", "-s", "settings.py", "-o", "output", "--port", str(port)]
    args += ["--bind", "127.0.0.1"]
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: "Done:" in said(log) and fetch(url), 180, "the first build", log)
        good = fetch(url)
        assert good is not None and "Thung lũng Mai Châu" in good
        time.sleep(2)  # the build has returned; let the watcher start

        edit(story, DATE, "Date: 05/12/2026")
        wait_until(lambda: ERROR in said(log), 60, "the error", log)
        time.sleep(5)  # `pelican --autoreload` would have printed it again by now, many times
        assert said(log).count(ERROR) == 1, said(log)
        assert "Traceback" not in said(log)
        assert proc.poll() is None, "the server stopped on a content error"
        assert fetch(url) == good, "the last good page is no longer served"
        assert output_lock_is_free(tmp_path / "output.lock"), "a failed build kept the output locked"

        edit(story, "Date: 05/12/2026", DATE)
        edit(story, TITLE, "Title: Mai Châu, served again")
        wait_until(lambda: "Mai Châu, served again" in (fetch(url) or ""), 60, "the fixed page", log)
        assert said(log).count(ERROR) == 1 and "Traceback" not in said(log)

        # Ctrl-C once the watcher is idle again (an editor's save can start a
        # second rebuild; this test is about stopping, not about that race).
        settle(log)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "Traceback" not in said(log)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
