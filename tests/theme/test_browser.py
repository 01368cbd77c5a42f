"""The theme in a real browser: every page type in every language, as visitors get it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CORE_TEMPLATES = {
    "index",
    "section",
    "article",
    "tag",
    "tags",
    "agency",
    "agencies",
    "archive",
    "archives",
    "404",
}
ARTICLE_BUDGET = 100 * 1024  # bytes of HTML, CSS and JS on a story page, before images
IMAGE_TYPES = ("image",)

# Make every image load now (lazy ones too), then wait until each one decodes.
DECODE_IMAGES = """async () => {
  const broken = [];
  for (const img of document.images) {
    img.loading = "eager";
    try { await img.decode(); } catch (e) { broken.push(img.currentSrc || img.src); continue; }
    if (!img.naturalWidth) broken.push(img.currentSrc || img.src);
  }
  return broken;
}"""


@dataclass
class Visit:
    """A page opened in the browser, with what went wrong while loading it."""

    page: Any
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # requests that failed or got 4xx/5xx
    foreign: list[str] = field(default_factory=list)  # requests to anything but the test server
    responses: list[Any] = field(default_factory=list)


def open_page(context: Any, base: str, path: str) -> Visit:
    """Open base+path, recording errors, failed and third-party requests."""
    page = context.new_page()
    visit = Visit(page)
    origin = urlsplit(base).netloc
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))

    # Playwright needs a Python function here, not a builtin bound method.
    def record(response: Any) -> None:
        visit.responses.append(response)

    page.on("response", record)

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc == origin or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            visit.foreign.append(url)
            route.abort()

    page.route("**/*", route)
    page.goto(base + path, wait_until="load")
    for response in visit.responses:
        if response.status >= 400 and not (path.endswith("404.html") and response.url == base + path):
            visit.failed.append(f"{response.url} (HTTP {response.status})")
    return visit


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context at phone width (320 CSS px, the smallest we support)."""
    ctx = browser.new_context(viewport={"width": 320, "height": 800})
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


def cases_for(page_cases: list[Any], html_lang: str) -> list[Any]:
    """Return the sampled pages of one language."""
    return [c for c in page_cases if c.lang == html_lang]


def test_every_page_type_is_built(page_cases: list[Any], languages: dict[str, str]) -> None:
    """Each language has every core page type, so the gates below cover them all."""
    for code, html_lang in languages.items():
        found = {c.template for c in page_cases if c.lang == html_lang}
        assert CORE_TEMPLATES <= found, f"{code}: no page for {sorted(CORE_TEMPLATES - found)}"
    assert any(c.template == "page" for c in page_cases), "no static page in any language"
    assert any(c.variant == "fallback" for c in page_cases), "no fallback page in the demo"


def test_pages_load_cleanly_on_a_phone(
    theme_lang: str, languages: dict[str, str], page_cases: list[Any], context: Any, theme_url: str
) -> None:
    """No console errors, failed or third-party requests; images decode; one h1; no sideways scroll."""
    html_lang = languages[theme_lang]
    problems = []
    for case in cases_for(page_cases, html_lang):
        visit = open_page(context, theme_url, case.path)
        page = visit.page
        broken = page.evaluate(DECODE_IMAGES)
        facts = page.evaluate("""() => ({
          h1: document.querySelectorAll('h1').length,
          main: document.querySelectorAll('main').length,
          banner: document.querySelectorAll('body > header').length,
          footer: document.querySelectorAll('body > footer').length,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          lang: document.documentElement.lang,
        })""")
        where = f"{case.id} {case.path}"
        problems += [f"{where}: console: {e}" for e in visit.errors]
        problems += [f"{where}: request failed: {f}" for f in visit.failed]
        problems += [f"{where}: third-party request: {u}" for u in visit.foreign]
        problems += [f"{where}: image does not decode: {u}" for u in broken]
        if facts["h1"] != 1:
            problems.append(f"{where}: {facts['h1']} h1 elements, expected exactly one")
        if (facts["main"], facts["banner"], facts["footer"]) != (1, 1, 1):
            problems.append(f"{where}: landmarks main/header/footer = {facts}")
        if facts["overflow"] > 0:
            problems.append(f"{where}: {facts['overflow']} px wider than a 320 px screen")
        if facts["lang"] != html_lang:
            problems.append(f"{where}: html lang {facts['lang']!r}")
        page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("start", "target"), [("en", "ja"), ("vi", "en"), ("ja", "zh")])
def test_language_switcher_works_from_the_keyboard(
    start: str, target: str, languages: dict[str, str], page_cases: list[Any], context: Any, theme_url: str
) -> None:
    """Tab to the other language's link in the switcher, press Enter, land on that language."""
    story = next(c for c in cases_for(page_cases, languages[start]) if c.template == "article")
    visit = open_page(context, theme_url, story.path)
    page = visit.page
    wanted = languages[target]
    selector = f'nav.languages a[hreflang="{wanted}"]'
    href = page.get_attribute(selector, "href")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.lang-switch > summary')"):
            page.keyboard.press("Enter")  # the language choice is a disclosure: open it
        if page.evaluate(f"document.activeElement === document.querySelector('{selector}')"):
            break
    else:
        pytest.fail(f"{selector} is not reachable with Tab from the top of {story.path}")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused switcher link shows no focus outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href
    assert page.evaluate("document.documentElement.lang") == wanted


def test_skip_link_is_first_visible_on_focus_and_moves_focus(context: Any, theme_url: str) -> None:
    """The first Tab shows the skip link; Enter takes focus to the main content."""
    page = open_page(context, theme_url, "/en/").page
    page.keyboard.press("Tab")
    active = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
      return {cls: a.className, top: r.top, height: r.height, outline: getComputedStyle(a).outlineStyle}; }""")
    assert active["cls"] == "skip-link"
    assert active["top"] >= 0 and active["height"] >= 24, f"skip link not visible when focused: {active}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _story(page_cases: list[Any], html_lang: str = "en") -> Any:
    """Return the sampled (largest) story page in a language."""
    return next(c for c in cases_for(page_cases, html_lang) if c.template == "article" and not c.variant)


def test_story_prints_title_date_agency_and_address(
    page_cases: list[Any], context: Any, theme_url: str
) -> None:
    """Printed, a story shows its title, date, agency and URL, and no navigation."""
    from pypdf import PdfReader

    story = _story(page_cases)
    page = open_page(context, theme_url, story.path).page
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
      const visible = s => { const e = document.querySelector(s);
        return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0; };
      const text = s => (document.querySelector(s) || {}).textContent || '';
      return {
        nav: ['.topbar', '.main-nav', '.breadcrumbs', '.neighbours', '.site-footer'].filter(visible),
        title: visible('h1') && text('h1'), date: visible('.story-meta time') && text('.story-meta time'),
        agency: text('.story-meta dd a'), url: visible('.print-url') && text('.print-url .url'),
      };
    }""")
    assert shown["nav"] == [], f"navigation printed: {shown['nav']}"
    assert shown["title"] and shown["date"] and shown["agency"]
    assert shown["url"] == urlsplit(theme_url + story.path).path or shown["url"].endswith(story.path)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(text.split())
    for expected in (shown["title"], shown["date"], shown["agency"], shown["url"]):
        assert " ".join(expected.split()) in flat, f"{expected!r} missing from the printed page"
    for switcher_name in ("Tiếng Việt", "Français"):
        assert switcher_name not in flat, "the language switcher was printed"


def test_story_page_weighs_under_100_kb_before_images(
    page_cases: list[Any], context: Any, theme_url: str
) -> None:
    """HTML, CSS and JS of the largest story page add up to less than 100 KB; no web fonts."""
    visit = open_page(context, theme_url, _story(page_cases).path)
    sizes = {
        r.url: len(r.body())
        for r in visit.responses
        if r.request.resource_type not in IMAGE_TYPES and r.status < 300
    }
    fonts = [r.url for r in visit.responses if r.request.resource_type == "font"]
    assert not fonts, f"fonts downloaded: {fonts}"
    assert sum(sizes.values()) < ARTICLE_BUDGET, f"{sum(sizes.values())} bytes: {sizes}"


def test_story_is_readable_without_javascript(
    browser: Any, page_cases: list[Any], languages: dict[str, str], theme_url: str
) -> None:
    """With JavaScript off, the story's title, text and navigation are all there."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(theme_url + _story(page_cases).path)
        assert page.locator("h1").is_visible()
        assert len(page.inner_text(".story-body")) > 500
        assert page.locator("nav.main-nav a").count() >= 4
        assert page.locator("nav.languages a").count() == len(languages)
    finally:
        ctx.close()
