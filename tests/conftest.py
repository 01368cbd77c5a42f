"""Shared fixtures: build sites once per session and serve them on loopback."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# Settings for a copy of the demo project (content/ and data/ copied beside
# them): the real settings, with the theme and catalogs taken from the repository.
DEMO_COPY_SETTINGS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from pelicanconf import *
PATH = "content"
CACHE_PATH = ".cache"
THEME = {str(ROOT / "themes" / "quangba")!r}
MULTILANG_TRANSLATIONS_DIR = {str(ROOT / "translations")!r}
PLUGINS = [p for p in PLUGINS if p != "search"]  # the index is not what these copies test
"""


@dataclass
class Build:
    """The result of one Pelican run: where it wrote and what it said."""

    output: Path
    returncode: int
    log: str

    def page(self, path: str) -> Path:
        """Return the output file of a site path ('' or 'en/culture/x/')."""
        path = path.lstrip("/")
        return self.output / (path + "index.html" if path == "" or path.endswith("/") else path)


def run_pelican(
    content: Path,
    output: Path,
    *,
    settings_file: Path = ROOT / "pelicanconf.py",
    cache: Path | None = None,
    overrides: dict[str, object] | None = None,
    verbose: bool = False,
) -> Build:
    """Build content into output with the project's settings plus overrides."""
    extra = {
        "PATH": str(content),
        "CACHE_PATH": str(cache or output.parent / (output.name + "-cache")),
        "IMAGES_CACHE_PATH": str(cache or output.parent / (output.name + "-cache")) + "/images",
        # The key facts beside the content (the demo's data/keyfacts.yml), not the working folder's:
        # a fixture without one has a home page without hero and figures.
        "MULTILANG_KEYFACTS_FILE": str(content.parent / "data" / "keyfacts.yml"),
    }
    extra.update(overrides or {})
    args = [sys.executable, "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output)]
    args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    if verbose:
        args.append("--verbose")
    # Wide enough that Rich never wraps a message (tests look for whole messages in the log).
    env = dict(os.environ, COLUMNS="1000", PYTHONPATH=str(ROOT))
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    return Build(output, proc.returncode, proc.stdout + proc.stderr)


def fixture_site(tmp: Path, name: str, base: Path, verbose: bool = False, **overrides: object) -> Build:
    """Build a fixture site (content/ and data/ under base, settings.json beside them) into tmp/name."""
    settings = {
        "MULTILANG_AGENCIES_FILE": str(base / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(base / "data" / "terms.yml"),
    }
    own = base / "settings.json"  # what the fixture needs beyond pelicanconf.py
    if own.is_file():
        settings.update(json.loads(own.read_text(encoding="utf-8")))
    settings.update(overrides)
    return run_pelican(base / "content", tmp / name, overrides=settings, verbose=verbose)


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the demo site once per session (development settings)."""
    out = tmp_path_factory.mktemp("demo") / "output"
    build = run_pelican(ROOT / "content", out)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def demo_output(demo_build: Build) -> Path:
    """Return the demo site's output folder."""
    return demo_build.output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log."""


def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on an ephemeral loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_url(demo_output: Path) -> Iterator[str]:
    """Serve the demo site over http on loopback."""
    yield from serve(demo_output)


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium through Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} not found: apt-get install chromium"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def copy_tree(source: Path, target: Path) -> Path:
    """Copy a fixture tree so a test can change it."""
    shutil.copytree(source, target)
    return target
