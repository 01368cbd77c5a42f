"""In Chromium: choosing a language a story lacks lands on the page that says so, never on a home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A phone-sized page, with and without JavaScript."""
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=request.param)
    ctx.set_default_timeout(15_000)
    yield ctx.new_page()
    ctx.close()


def test_choosing_japanese_on_a_story_without_it_lands_on_the_not_available_page(
    phone: Any, theme_url: str
) -> None:
    """Mo Mường has no Japanese version: 日本語 leads to a Japanese page offering English and Vietnamese."""
    page = phone
    page.goto(theme_url + "/van-hoa/mo-muong/")
    page.locator("details.lang-switch > summary").click()
    with page.expect_navigation():
        page.locator('nav.languages a[hreflang="ja"]').click()
    assert urlsplit(page.url).path == "/ja/unavailable/culture/mo-muong/"
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert page.evaluate("document.body.className") != "t-index", "landed on a home page"
    assert page.locator("h1").inner_text() == "このページは日本語ではご覧いただけません"
    offered = page.locator(".versions a")
    assert offered.count() == 2
    assert offered.nth(0).get_attribute("lang") == "en"
    with page.expect_navigation():
        offered.nth(0).click()
    assert urlsplit(page.url).path == "/en/culture/mo-muong/"
    assert page.evaluate("document.documentElement.lang") == "en"


def test_no_switcher_entry_of_any_story_leads_to_a_home_page(
    theme_url: str, phone: Any, page_cases: list[Any]
) -> None:
    """From a story in each language, every other language's entry is a story, its fallback or the notice."""
    page = phone
    stories = [case for case in page_cases if case.template == "article"]
    assert len(stories) >= 6
    homes = {"/", *(f"/{code}/" for code in ("en", "ja", "ko", "zh", "fr"))}
    for case in stories:
        page.goto(theme_url + case.path)
        hrefs = page.eval_on_selector_all(
            "nav.languages a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert len(hrefs) == 6, case.path
        assert not homes & set(hrefs), f"{case.path}: the switcher leads to a home page: {hrefs}"
