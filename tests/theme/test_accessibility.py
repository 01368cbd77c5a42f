"""Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page type in every language."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Phone and desktop layouts differ (wrapping, target sizes), so both are checked.
WIDTHS = (320, 1280)

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary.split('\\n').slice(1, 2).join('')),
  }));
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_wcag_violations(
    theme_lang: str,
    width: int,
    languages: dict[str, str],
    page_cases: list[Any],
    browser: Any,
    axe_source: str,
    theme_url: str,
) -> None:
    """axe-core finds no WCAG A/AA violation on any sampled page of the language."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe is inline
    context.set_default_timeout(30_000)
    problems = []
    try:
        page = context.new_page()
        pages = [c for c in page_cases if c.lang == languages[theme_lang]]
        assert pages, f"no pages in {theme_lang}"
        for case in pages:
            page.goto(theme_url + case.path, wait_until="load")
            page.add_script_tag(content=axe_source)
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                nodes = "\n      ".join(violation["nodes"])
                problems.append(
                    f"{case.id} {case.path} [{violation['id']}, {violation['impact']}] "
                    f"{violation['help']}\n      {nodes}"
                )
    finally:
        context.close()
    assert not problems, f"{len(problems)} violations at {width} px:\n" + "\n".join(problems)


def test_axe_reports_violations_on_a_bad_page(browser: Any, axe_source: str) -> None:
    """The gate itself works: low contrast, a missing alt text and a tiny target are reported."""
    page = browser.new_page(bypass_csp=True)  # axe is injected inline
    try:
        page.set_content(
            '<!doctype html><html lang="en"><title>x</title><main>'
            '<p style="color:#aaa;background:#fff">faint text</p><img src="data:,">'
            '<a href="#a" style="display:inline-block;width:10px;height:10px"></a>'
            '<a href="#b" style="display:inline-block;width:10px;height:10px">b</a></main>'
        )
        page.add_script_tag(content=axe_source)
        found = {v["id"] for v in page.evaluate(RUN_AXE, WCAG_TAGS)}
    finally:
        page.close()
    assert {"color-contrast", "image-alt", "link-name", "target-size"} <= found, found
