"""The header on a phone: brand, menu, language choice and search in at most 120 px, no JavaScript needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
MAX_HEADER = 120  # CSS px at 390 px wide

HEADER_FACTS = """() => {
  const box = e => e ? e.getBoundingClientRect() : null;
  const shown = s => { const e = document.querySelector(s);
    return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0; };
  return {
    height: box(document.querySelector('body > header')).height,
    brand: shown('a.brand'), menu: shown('details.menu > summary'), languages: shown('details.lang-switch > summary'),
    search: shown('a.search-link'), row: shown('nav.main-nav'),
    links: [...document.querySelectorAll('.menu-nav a')].filter(a => a.checkVisibility()).length,
  };
}"""


@pytest.fixture
def no_js(browser: Any) -> Iterator[Any]:
    """A phone-sized browser context with JavaScript turned off."""
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


def _pages(page_cases: list[Any], html_lang: str) -> list[Any]:
    """Return the home page and the largest story of a language."""
    return [
        c for c in page_cases if c.lang == html_lang and c.template in ("index", "article") and not c.variant
    ]


def test_header_fits_120_px_on_a_phone(
    theme_lang: str, languages: dict[str, str], page_cases: list[Any], no_js: Any, theme_url: str
) -> None:
    """At 390 px the whole header (brand, menu, language choice, search) is at most 120 px high."""
    page = no_js.new_page()
    cases = _pages(page_cases, languages[theme_lang])
    assert len(cases) == 2, cases
    for case in cases:
        page.goto(theme_url + case.path)
        facts = page.evaluate(HEADER_FACTS)
        assert facts["height"] <= MAX_HEADER, f"{case.path}: header {facts['height']} px high"
        assert facts["brand"] and facts["menu"] and facts["languages"] and facts["search"], facts
        assert not facts["row"] and facts["links"] == 0, f"{case.path}: the menu is not collapsed: {facts}"


def test_menu_opens_and_closes_by_keyboard_without_javascript(no_js: Any, theme_url: str) -> None:
    """Tab reaches the menu button; Enter opens the menu, Space closes it; its links take focus."""
    page = no_js.new_page()
    page.goto(theme_url + "/en/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('details.menu > summary')"):
            break
    else:
        pytest.fail("the menu button is not reachable with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    page.keyboard.press("Enter")
    opened = page.evaluate(HEADER_FACTS)
    assert opened["links"] >= 4, f"Enter did not open the menu: {opened}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.menu-nav') !== null"), (
        "Tab does not enter the menu"
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    assert page.evaluate(HEADER_FACTS)["links"] == 0, "Space did not close the menu"


def test_language_choice_is_one_control_showing_the_current_language(
    no_js: Any, theme_url: str, languages: dict[str, str]
) -> None:
    """One disclosure names the current language; opened, it lists every language by its own name."""
    page = no_js.new_page()
    page.goto(theme_url + "/ja/")
    summary = page.locator("details.lang-switch > summary")
    assert summary.count() == 1
    assert "日本語" in summary.inner_text()
    assert page.locator("nav.languages a").first.is_visible() is False
    summary.focus()
    page.keyboard.press("Enter")
    links = page.locator("nav.languages a")
    assert links.count() == len(languages)
    names = [links.nth(i).inner_text() for i in range(links.count())]
    assert "Tiếng Việt" in names and "English" in names and "日本語" in names, names
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator('nav.languages a[aria-current="true"]').get_attribute("hreflang") == "ja"


def test_menu_is_a_row_on_a_wide_screen(browser: Any, theme_url: str) -> None:
    """At 1366 px the main menu's links are shown in a row and the menu button is gone."""
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(theme_url + "/en/")
        facts = page.evaluate(HEADER_FACTS)
        assert facts["row"] and not facts["menu"], facts
        tops = page.evaluate(
            "[...document.querySelectorAll('nav.main-nav a')].map(a => a.getBoundingClientRect().top)"
        )
        assert len(tops) >= 4 and max(tops) - min(tops) < 1, f"the menu wraps: {tops}"
    finally:
        ctx.close()
