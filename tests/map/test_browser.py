"""The maps in Chromium at 390 and 1366 px: no other origin by default, axe and the Nu checker clean,
keyboard reachable; with a loopback tile server configured, Leaflet draws the tiles and nothing else leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import Build
from tests.theme.conftest import AXE
from tests.theme.test_accessibility import RUN_AXE, WCAG_TAGS
from tests.theme.test_validity import run_vnu

pytestmark = pytest.mark.browser

WIDTHS = (390, 1366)
PAGES = (
    "/en/map/",
    "/map/",
    "/ja/map/",
    "/en/destinations/mai-chau/",
    "/en/projects/hoa-binh-hydropower-expansion/",
)


def origin(url: str) -> str:
    """Return scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def visit(
    browser: Any, url: str, width: int, scheme: str = "light", bypass_csp: bool = False
) -> tuple[Any, Any, list[str], list[str]]:
    """Open a page; return the context, the page, every requested URL and the console's messages."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=bypass_csp
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(url, wait_until="load")
    return context, page, requests, console


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_default_maps_stay_on_the_site_and_pass_axe(
    browser: Any, map_url: str, width: int, scheme: str
) -> None:
    """No request leaves the site, no script is loaded, nothing overflows, axe finds no violation."""
    problems = []
    for path in PAGES:
        # axe is injected inline: the page's CSP (what it allows is tested with tiles) is bypassed
        context, page, requests, _ = visit(browser, map_url + path, width, scheme, bypass_csp=True)
        try:
            page.wait_for_load_state("networkidle")
            outside = [r for r in requests if origin(r) != map_url]
            assert not outside, f"{path} asked another origin: {outside}"
            assert not [r for r in requests if r.endswith(".js")], f"{path} loaded a script: {requests}"
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow} px too wide at {width} px"
            assert page.locator("svg.map-svg").first.is_visible()
            page.add_script_tag(path=str(AXE))  # injected after the requests were counted
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                problems.append(f"{path} at {width} px, {scheme}: {violation['id']} {violation['nodes']}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_points_are_keyboard_links_to_their_pages(browser: Any, map_url: str) -> None:
    """Tab reaches the map's points; Enter on one opens its page."""
    context, page, _, _ = visit(browser, map_url + "/en/map/", 1366)
    try:
        point = page.locator("a.map-point").first
        name = point.get_attribute("aria-label")
        href = point.get_attribute("href")
        for _ in range(80):  # the header's links come first
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('aria-label')") == name:
                break
        else:
            pytest.fail("Tab never reached the map's first point")
        page.keyboard.press("Enter")
        page.wait_for_url(map_url + href)
    finally:
        context.close()


def test_map_pages_are_valid_html(map_build: Build, java: str) -> None:
    """The Nu Html Checker finds no error in the map pages and the item pages with a small map."""
    files = [map_build.page(p) for p in PAGES] + [map_build.page("en/events/map-fair-2025/")]
    errors = run_vnu([Path(f) for f in files])
    assert not errors, [(e.get("url", "").rsplit("/output/", 1)[-1], e.get("message")) for e in errors]


@pytest.mark.parametrize("width", WIDTHS)
def test_tiles_are_drawn_by_leaflet_from_the_configured_server_only(
    browser: Any, tiles_url: str, tile_server: Any, width: int
) -> None:
    """With MULTILANG_MAP_TILES set: Leaflet loads from the site, tiles from the server, CSP allows it."""
    for path in ("/en/map/", "/en/destinations/mai-chau/"):
        tile_server.paths.clear()
        context, page, requests, console = visit(browser, tiles_url + path, width)
        try:
            page.wait_for_selector(".leaflet-tile-loaded")
            page.wait_for_load_state("networkidle")
            origins = {origin(r) for r in requests}
            assert origins == {tiles_url, tile_server.origin}, origins
            tiles = [r for r in requests if origin(r) == tile_server.origin]
            assert tiles and all(urlsplit(r).path.endswith(".png") for r in tiles)
            assert tile_server.paths, "the tile server was not asked"
            assert tiles_url + "/theme/vendor/leaflet/leaflet.js" in requests
            blocked = [m for m in console if "Content Security Policy" in m or "Refused" in m]
            assert not blocked, blocked
            markers = page.locator(".leaflet-marker-icon")
            assert markers.count() == page.locator("a.map-point").count() >= 1
            attribution = page.locator(".leaflet-control-attribution").inner_text()
            assert "Test tiles <b>&</b>" in attribution  # the setting's text, escaped, not markup
            markers.first.focus()  # markers may overlap at 390 px; the keyboard reaches each one
            page.keyboard.press("Enter")
            link = page.locator(".leaflet-popup-content a")
            assert link.get_attribute("href").startswith("/en/")
        finally:
            context.close()
