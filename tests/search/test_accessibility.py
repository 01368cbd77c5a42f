"""The search page with results passes axe-core's WCAG A/AA rules, on a phone and a desktop."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import IN_CI, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(("path", "query"), [("/search/", "hoa binh"), ("/ja/search/", "観光")])
def test_search_page_with_results_has_no_wcag_violations(
    browser: Any, search_url: str, width: int, path: str, query: str
) -> None:
    if not AXE.exists():
        message = f"{AXE} not found: run `npm ci`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect

    # axe is injected as an inline script, which the site's CSP (rightly) refuses.
    context = browser.new_context(
        base_url=search_url, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    try:
        page = context.new_page()
        page.goto(f"{path}?q={query}")
        expect(page.locator(".search-result").first).to_be_visible()
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    finally:
        context.close()
