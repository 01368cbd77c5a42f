"""The /embed/ page: laid out like the site, copy buttons under the CSP, an iframe height that fits."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT
from tests.feeds.conftest import PARTNER
from tests.feeds.helpers import soup

# FEEDS_WIDGET_ITEMS = 5 in the fixture: 88 px around the list, 85 px per story.
HEIGHT = 88 + 85 * 5
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def test_embed_page_sits_in_the_site_layout(feeds_output: Path) -> None:
    for prefix in ("", "en/", "ja/"):
        page = soup(feeds_output / prefix / "embed" / "index.html")
        guide = page.select_one("main .embed-guide")
        assert "wrap" in guide["class"], "the content is not in the theme's container"
        assert page.select_one("header.masthead") and page.select_one("footer.site-footer")
        assert page.select_one("nav.breadcrumbs") is not None
        # Scripts are same-origin files, none inline (script-src 'self').
        scripts = page.find_all("script")
        assert all(s.get("src") for s in scripts if s.get("type") != "application/ld+json")
        assert page.find("script", src="/theme/js/embed.js") is not None
        assert page.find("link", rel="stylesheet", href="/theme/css/embed.css") is not None


def test_every_snippet_has_a_copy_button(feeds_output: Path) -> None:
    page = soup(feeds_output / "en/embed/index.html")
    snippets = page.select("[data-embed-snippet]")
    assert len(snippets) > 10
    for box in snippets:
        button = box.select_one("button[data-copy]")
        assert button is not None and button["type"] == "button"
        # Without JavaScript the button would do nothing: it is shown by the script.
        assert button.parent.has_attr("hidden")
        assert button.get_text().startswith("Copy:")
        status = box.select_one("[role=status]")
        assert status["data-copied"] == "Copied to the clipboard."
        assert "Ctrl+C" in status["data-select"]
    labels = [b.get_text() for b in page.select("button[data-copy]")]
    assert "Copy: JavaScript widget, Hòa Bình Foreign Information" in labels
    assert "Copy: Frame (iframe), Culture – Hòa Bình Foreign Information" in labels
    vi = soup(feeds_output / "embed/index.html")
    assert vi.select_one("button[data-copy]").contents[0].strip() == "Sao chép"


def test_iframe_snippet_has_the_documented_height_and_the_allow_note(feeds_output: Path) -> None:
    page = soup(feeds_output / "en/embed/index.html")
    frames = [s.get_text() for s in page.select("[data-embed-snippet] code") if "<iframe" in s.get_text()]
    assert frames and all(f'width="400" height="{HEIGHT}"' in f for f in frames)
    assert page.find("iframe", class_="qb-embed-frame")["height"] == str(HEIGHT)
    text = page.select_one("#embed-frame").find_parent("section").get_text(" ", strip=True)
    assert f"The frame shows the 5 newest stories. At a height of {HEIGHT} pixels" in text
    note = page.select_one(".embed-allow")
    assert note["role"] == "note"
    assert "First, ask us to allow your site." in note.get_text()
    assert PARTNER in note.get_text()  # the origins allowed now
    assert "FEEDS_PARTNER_ORIGINS" in note.select_one("details").get_text()
    assert "frame-ancestors" in note.select_one("details").get_text()
    ja = soup(feeds_output / "ja/embed/index.html").select_one(".embed-allow").get_text()
    assert "まず、貴サイトの許可をご依頼ください。" in ja


def test_the_note_says_when_no_partner_is_allowed(tmp_path: Path) -> None:
    from tests.feeds.conftest import build_feeds_site

    build = build_feeds_site(tmp_path, FEEDS_PARTNER_ORIGINS=[], FEEDS_WIDGET_ITEMS=2)
    page = soup(build.output / "en/embed/index.html")
    assert "No partner site is allowed yet." in page.select_one(".embed-allow").get_text()
    assert page.find("iframe", class_="qb-embed-frame")["height"] == str(88 + 85 * 2)


# --- In Chromium ---------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log."""


@pytest.fixture(scope="module")
def origin(feeds_output: Path) -> Iterator[str]:
    """Serve the fixture site on a loopback port (a secure context, as https is)."""
    handler = functools.partial(_Handler, directory=str(feeds_output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def watch_errors(page) -> list[str]:
    """Collect console errors (CSP violations among them) and failed requests."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.browser
def test_copy_button_puts_the_snippet_on_the_clipboard(browser, origin: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = watch_errors(page)
    try:
        page.goto(f"{origin}/en/embed/")
        box = page.locator("[data-embed-snippet]").first
        button = box.locator("button[data-copy]")
        button.wait_for(state="visible")
        button.click()
        status = box.locator("[role=status]")
        page.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle())
        assert status.inner_text() == "Copied to the clipboard."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == box.locator("code").text_content()
        assert copied.startswith('<div data-qb-feed data-lang="en"') and "widget.js" in copied
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_copy_button_selects_the_snippet_where_the_clipboard_is_refused(browser, origin: str) -> None:
    context = browser.new_context()
    # A browser without the asynchronous clipboard (or one that refuses it).
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    errors = watch_errors(page)
    try:
        page.goto(f"{origin}/en/embed/")
        box = page.locator("[data-embed-snippet]").nth(1)
        box.locator("button[data-copy]").click()
        status = box.locator("[role=status]")
        page.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle())
        assert "press Ctrl+C" in status.inner_text()
        selected = page.evaluate("window.getSelection().toString()")
        assert selected == box.locator("code").text_content()
        assert selected.startswith("<iframe ")
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [240, 400, 1366])
def test_the_widget_page_fits_the_documented_height(browser, origin: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
    try:
        for path in ("/embed/all/", "/en/embed/all/", "/ja/embed/all/"):
            page.goto(origin + path)
            items = page.locator(".qb-feed__item").count()
            height = page.evaluate("document.body.getBoundingClientRect().height")
            assert height == 88 + 85 * max(items, 1) or (items == 0 and height <= 88 + 85), path
            assert page.evaluate("document.documentElement.scrollHeight") <= HEIGHT, path
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1366, "light"), (390, "dark")])
def test_embed_page_is_accessible_and_not_flush_left(browser, origin: str, width: int, scheme: str) -> None:
    if not AXE.exists():
        message = "node_modules/axe-core not found: run `npm ci` in the project folder"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    source = AXE.read_text(encoding="utf-8")
    # axe is injected inline: bypass the CSP for it.
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    try:
        for path in ("/embed/", "/en/embed/", "/ja/embed/"):
            page.goto(origin + path)
            page.wait_for_load_state("networkidle")
            page.locator("button[data-copy]").first.wait_for(state="visible")
            left = page.evaluate("document.querySelector('.embed-guide h1').getBoundingClientRect().left")
            assert left >= 16, f"{path}: the heading is {left}px from the left edge"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} scrolls sideways"
            page.add_script_tag(content=source)
            violations = page.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}))
                    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
            )
            assert violations == [], path
    finally:
        page.close()


def test_embed_script_is_small_and_has_no_dependencies() -> None:
    source = (ROOT / "themes/quangba/static/js/embed.js").read_text(encoding="utf-8")
    assert not re.search(r"\b(import|require)\b|https?://", source)
    assert "navigator.clipboard.writeText" in source and "addRange" in source
