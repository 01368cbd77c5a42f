"""An event in Japanese in Chromium at phone and desktop width: readable, same-origin, its .ics at the right instant."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest

from tests.conftest import Build, serve
from tests.multilang.test_event_pages import build_visit
from tests.theme.test_accessibility import RUN_AXE, WCAG_TAGS
from tests.theme.test_browser import open_page

pytestmark = pytest.mark.browser

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


@pytest.fixture(scope="module")
def visit_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the events fixture site (tests/multilang/test_event_pages.py) over HTTP on loopback."""
    build: Build = build_visit(tmp_path_factory.mktemp("visit-browser"))
    yield from serve(build.output)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_japanese_visitor_opens_an_event_and_adds_it_to_a_calendar(
    browser: Any, visit_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        visit = open_page(context, visit_url, "/ja/events/")
        page = visit.page
        page.get_by_role("link", name="テスト見本市").first.click()
        page.wait_for_url("**/ja/events/test-fair/")
        when = page.locator(".event-when")
        assert when.is_visible()
        assert "2025年7月10日木曜日 8:00" in when.inner_text() and "ベトナム時間" in when.inner_text()
        assert page.locator(".event-status").is_visible()  # 日程変更 (rescheduled), above the facts
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        with page.expect_download() as download:
            page.get_by_role("link", name="カレンダーに追加（.ics）").click()
        data = open(download.value.path(), "rb").read()
        start = icalendar.Calendar.from_ical(data).walk("VEVENT")[0].decoded("dtstart")
        assert start.astimezone(TOKYO) == dt.datetime(2025, 7, 10, 10, 0, tzinfo=TOKYO)  # 08:00 in Hà Nội
        subscribe = page.get_by_role("link", name="日本語のすべてのイベントを購読（.ics）")
        assert subscribe.get_attribute("href").endswith("/ja/events/events-ja.ics")
        assert not visit.foreign and not visit.errors and not visit.failed
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/ja/events/test-fair/", "/ja/events/2025-07/", "/ja/events/", "/en/"])
def test_event_pages_have_no_wcag_violations(
    browser: Any, axe_source: str, visit_url: str, path: str
) -> None:
    for width in (390, 1366):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=True
        )  # axe is inline
        try:
            page = context.new_page()
            page.goto(visit_url + path, wait_until="load")
            page.add_script_tag(content=axe_source)
            assert page.evaluate(RUN_AXE, WCAG_TAGS) == [], f"{path} at {width} px"
        finally:
            context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_destinations_filter_by_category_with_javascript_off(
    browser: Any, visit_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(visit_url + "/en/destinations/", wait_until="load")
        page.get_by_role("link", name="Spiritual site (1)").click()
        page.wait_for_url("**/en/destinations/category/spiritual/")
        rows = page.locator("table tbody th a").all_inner_texts()
        assert rows == ["Test temple"]
    finally:
        context.close()
