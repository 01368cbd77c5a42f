"""Fixtures of the search tests: a six-language site with its index, served under the CSP."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Build, fixture_site

SITE = Path(__file__).parent / "fixtures" / "site"

# The plugins are imported by the unit tests as top-level packages, as Pelican does.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

OVERRIDES: dict[str, object] = {
    "PLUGINS": ["atomic_output", "multilang", "search"],
    "MULTILANG_WORKERS": 1,
    # Small pages of results, so that "Show more results" has something to do.
    "SEARCH_RESULTS_PER_PAGE": 2,
}


def site_csp() -> str:
    """Return the Content-Security-Policy the site is published with (feeds' _headers)."""
    from feeds.settings import DEFAULTS

    directives = [f"{name} {' '.join(sources)}" for name, sources in DEFAULTS["FEEDS_CSP"].items()]
    return "; ".join([*directives, "frame-ancestors 'none'"])


@pytest.fixture(scope="session")
def search_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the search fixture site once, index included."""
    build = fixture_site(tmp_path_factory.mktemp("search"), "output", SITE, **OVERRIDES)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def search_output(search_build: Build) -> Path:
    """Return the fixture site's output folder."""
    return search_build.output


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files with the site's Content-Security-Policy on every response, quietly."""

    csp = ""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log."""

    def end_headers(self) -> None:
        """Add the policy header."""
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


@pytest.fixture(scope="session")
def search_url(search_output: Path) -> Iterator[str]:
    """Serve the fixture site on loopback under the site's CSP."""
    handler = functools.partial(
        type("Handler", (_CSPHandler,), {"csp": site_csp()}), directory=str(search_output)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser: Any, search_url: str) -> Iterator[Any]:
    """Open a browser page; fail the test on any script error or CSP violation."""
    context = browser.new_context(base_url=search_url)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: message.type == "error" and problems.append(message.text))
    yield tab
    context.close()
    assert not problems, problems


def fragments(output: Path) -> list[dict[str, Any]]:
    """Return every record of the index: Pagefind's gzip'd fragment files, decoded."""
    records = []
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[data.index(b"{") :]))  # after Pagefind's signature
    return records
