"""Dark mode: the theme follows prefers-color-scheme, and axe still finds nothing on home and story pages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.theme.test_accessibility import RUN_AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

# The page's background, as a luminance between 0 (black) and 1 (white).
BACKGROUND = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.mark.parametrize("width", (390, 1366))
def test_dark_mode_passes_axe_on_home_and_story(
    theme_lang: str,
    width: int,
    languages: dict[str, str],
    page_cases: list[Any],
    browser: Any,
    axe_source: str,
    theme_url: str,
) -> None:
    """With prefers-color-scheme: dark the page is dark, and axe finds no WCAG A/AA violation."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme="dark", bypass_csp=True
    )  # axe is injected inline
    context.set_default_timeout(30_000)
    problems = []
    try:
        page = context.new_page()
        cases = [
            c
            for c in page_cases
            if c.lang == languages[theme_lang] and c.template in ("index", "article") and not c.variant
        ]
        assert len(cases) == 2, cases
        for case in cases:
            page.goto(theme_url + case.path, wait_until="load")
            assert page.evaluate(BACKGROUND) < 0.2, f"{case.path}: not dark in dark mode"
            page.add_script_tag(content=axe_source)
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                nodes = "\n      ".join(violation["nodes"])
                problems.append(f"{case.path} [{violation['id']}] {violation['help']}\n      {nodes}")
            # The menus, opened, are checked too.
            page.evaluate("document.querySelectorAll('header details').forEach(d => d.open = true)")
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                problems.append(f"{case.path} (menus open) [{violation['id']}] {violation['help']}")
    finally:
        context.close()
    assert not problems, f"{len(problems)} violations in dark mode at {width} px:\n" + "\n".join(problems)


def test_light_mode_stays_light(browser: Any, theme_url: str) -> None:
    """Without a dark preference the page stays light (the dark rules are scoped to the media query)."""
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.goto(theme_url + "/en/")
        assert page.evaluate(BACKGROUND) > 0.9
    finally:
        context.close()
