"""`make serve` sends the headers of the build's _headers file, as Netlify and Cloudflare Pages do."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from tests.feeds.conftest import PARTNER
from tools import headers as host_headers
from tools.serve import start_server


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(feeds_output: Path) -> Iterator[str]:
    """Serve the feeds fixture site with `make serve`'s server on a free port."""
    port = free_port()
    server = start_server("127.0.0.1", port, str(feeds_output))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def head(url: str) -> Message:
    """Return the response headers of a GET (partners' browsers send GET)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        return response.headers


def test_feeds_and_widget_files_are_readable_from_another_origin(served: str) -> None:
    for path in ("/feeds/all.json", "/en/feeds/all.json", "/ja/feeds/section/culture.json"):
        assert head(served + path)["Access-Control-Allow-Origin"] == "*", path
    for path in ("/theme/js/widget.js", "/theme/css/widget.css"):
        assert head(served + path)["Access-Control-Allow-Origin"] == "*", path
    # Pages are not shared with other origins.
    assert head(served + "/en/")["Access-Control-Allow-Origin"] is None


def test_partners_may_frame_the_embed_pages_and_nobody_the_site(served: str) -> None:
    page = head(served + "/en/culture/khai-ha-festival/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors" not in page["Content-Security-Policy"]
    assert page["X-Content-Type-Options"] == "nosniff"
    for path in ("/embed/all/", "/en/embed/section/culture/", "/ja/embed/"):
        policy = head(served + path)["Content-Security-Policy"]
        assert policy.endswith(f"frame-ancestors 'self' {PARTNER}"), path
        # One policy per response: the embed rule's replaces the site-wide one.
        assert policy.count("default-src") == 1


def test_the_headers_follow_the_current_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "feeds" / "all.json").write_text("{}", encoding="utf-8")
    port = free_port()
    server = start_server("127.0.0.1", port, str(site))
    try:
        assert head(f"http://127.0.0.1:{port}/feeds/all.json")["Access-Control-Allow-Origin"] is None
        (site / "_headers").write_text("/feeds/*\n  Access-Control-Allow-Origin: *\n", encoding="utf-8")
        assert head(f"http://127.0.0.1:{port}/feeds/all.json")["Access-Control-Allow-Origin"] == "*"
    finally:
        server.shutdown()
        server.server_close()


def test_rules_match_like_netlify() -> None:
    rules = host_headers.parse(
        "# comment\n/*\n  A: 1\n  C: x\n\n/en/embed/*\n  C: y\n/news/:slug/print\n  P: yes\n"
    )
    assert host_headers.headers_for(rules, "/en/embed/all/") == {"A": "1", "C": "y"}
    assert host_headers.headers_for(rules, "/en/culture/") == {"A": "1", "C": "x"}
    assert host_headers.headers_for(rules, "/news/plan/print")["P"] == "yes"
    assert "P" not in host_headers.headers_for(rules, "/news/a/b/print")


@pytest.mark.browser
def test_a_partner_on_another_local_port_tries_both_widgets(browser, tmp_path: Path) -> None:
    from tests.feeds.conftest import build_feeds_site

    site_port, partner_port, stranger_port = free_port(), free_port(), free_port()
    site_origin = f"http://127.0.0.1:{site_port}"
    partner_origin, stranger_origin = f"http://127.0.0.1:{partner_port}", f"http://127.0.0.1:{stranger_port}"
    # What docs/partners.md tells the owner to do: list the partner's local origin.
    build = build_feeds_site(tmp_path, FEEDS_PARTNER_ORIGINS=[partner_origin], FEEDS_SITEURL=site_origin)
    page_html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>'
        f'<iframe id="frame" src="{site_origin}/en/embed/all/" title="News" width="400" height="513"></iframe>'
        '<div id="box" data-qb-feed data-lang="en" data-count="2"></div>'
        f'<script src="{site_origin}/theme/js/widget.js" data-default-lang="vi"></script></body></html>'
    )
    servers = [start_server("127.0.0.1", site_port, str(build.output))]
    for port in (partner_port, stranger_port):
        folder = tmp_path / f"page-{port}"
        folder.mkdir()
        (folder / "index.html").write_text(page_html, encoding="utf-8")
        servers.append(start_server("127.0.0.1", port, str(folder)))
    page = browser.new_page()
    try:
        page.goto(f"{partner_origin}/index.html")
        page.wait_for_selector("#box .qb-feed__link", timeout=15000)  # CORS on the feed
        frame = page.frame_locator("#frame")
        frame.locator(".qb-feed__link").first.wait_for(timeout=15000)  # frame-ancestors lists it
        page.goto(f"{stranger_origin}/index.html")
        page.wait_for_selector("#box .qb-feed__link", timeout=15000)  # the feed is for everyone
        page.wait_for_load_state("load")
        assert page.frame_locator("#frame").locator("main").count() == 0  # the frame is not
    finally:
        page.close()
        for server in servers:
            server.shutdown()
            server.server_close()
