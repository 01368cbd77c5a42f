"""What partner portals embed: widget pages, the JS widget, the embed page, the headers they need."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import IN_CI, ROOT, serve
from tests.feeds.conftest import FEEDS_SITEURL, PARTNER
from tests.feeds.helpers import soup

WIDGET_JS = ROOT / "themes/quangba/static/js/widget.js"
LANGS = ("vi", "ja", "ko", "zh", "fr")


def test_a_widget_page_per_language_and_feed(feeds_output: Path) -> None:
    for feed in feeds_output.rglob("*.atom.xml"):
        rel = feed.relative_to(feeds_output).as_posix()
        prefix, stem = rel.split("feeds/", 1)
        widget = feeds_output / prefix / "embed" / stem.removesuffix(".atom.xml") / "index.html"
        assert widget.is_file(), f"no widget page for {rel}"


def test_widget_page_lists_the_newest_items_without_navigation_or_script(feeds_output: Path) -> None:
    page = soup(feeds_output / "en/embed/section/culture/index.html")
    assert page.html["lang"] == "en"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not page.find("nav") and not page.find("script") and not page.find("header")
    assert page.find("base")["target"] == "_top"
    links = [a.get_text(strip=True) for a in page.select(".qb-feed__item a")]
    assert links == ["The Khai Ha festival of the Muong"]
    assert page.select_one(".qb-feed__date")["datetime"] == "2024-02-14T08:00:00+07:00"
    assert page.select_one(".qb-feed__date").get_text() == "February 14, 2024"
    assert page.find("h1").get_text(strip=True) == "Culture – Hòa Bình Foreign Information"
    vi = soup(feeds_output / "embed/all/index.html")
    assert vi.select_one(".qb-feed__more a").get_text() == "Xem thêm bài viết"
    assert len(vi.select(".qb-feed__item")) == 4
    empty = soup(feeds_output / "en/embed/section/investment/index.html")
    assert empty.select_one(".qb-feed__empty") is not None


def test_the_widget_page_shows_at_most_the_configured_number(tmp_path: Path) -> None:
    from tests.feeds.conftest import build_feeds_site

    build = build_feeds_site(tmp_path, FEEDS_WIDGET_ITEMS=1, FEEDS_MAX_ITEMS=2)
    assert len(soup(build.output / "embed/all/index.html").select(".qb-feed__item")) == 1
    assert len(json.loads((build.output / "feeds/all.json").read_text(encoding="utf-8"))["items"]) == 2


def test_embed_page_in_every_language_with_snippets(feeds_output: Path) -> None:
    for prefix, lang in (("", "vi"), ("en/", "en"), ("ja/", "ja")):
        page = soup(feeds_output / prefix / "embed" / "index.html")
        assert page.html["lang"] == lang
        snippets = page.select("[data-embed-snippet]")
        assert len(snippets) > 10
        texts = [s.get_text() for s in snippets]
        assert any("data-qb-feed" in t and f'data-lang="{lang}"' in t and "widget.js" in t for t in texts)
        assert any(f'<iframe src="{FEEDS_SITEURL}/{prefix}embed/all/"' in t for t in texts)
        # The live previews: the JS widget's box and script, and a frame of the widget page.
        assert page.select_one(".qb-embed-preview [data-qb-feed]") is not None
        assert page.find("script", src="/theme/js/widget.js") is not None
        assert page.find("iframe", src=f"/{prefix}embed/all/") is not None
    en = soup(feeds_output / "en/embed/index.html")
    assert en.find("h1").get_text() == "Embed our news"
    assert soup(feeds_output / "ja/embed/index.html").find("h1").get_text() == "ニュースを埋め込む"
    snippet = en.select("[data-embed-snippet]")[0].get_text()
    assert f'<a href="{FEEDS_SITEURL}/en/">' in snippet  # the link that stays when the feed fails


def test_js_widget_is_small_and_dependency_free() -> None:
    source = WIDGET_JS.read_text(encoding="utf-8")
    # What any minifier keeps at least: the code without comments and indentation.
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    code = "\n".join(line.strip() for line in code.splitlines() if line.strip())
    assert len(code.encode()) < 5 * 1024
    assert len(source.encode()) < 5 * 1024
    assert "import " not in code and "require(" not in code
    assert "innerHTML" not in code  # feed text is set as text, never parsed as HTML


def test_headers_file_for_netlify_and_cloudflare(feeds_output: Path) -> None:
    text = (feeds_output / "_headers").read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    everything = rules["/*"]
    assert everything["X-Content-Type-Options"] == "nosniff"
    assert everything["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert everything["X-Frame-Options"] == "DENY"
    assert "'wasm-unsafe-eval'" in everything["Content-Security-Policy"]
    # Cloudflare joins overlapping rules: a site-wide frame-ancestors 'none' would block embeds.
    assert "frame-ancestors" not in everything["Content-Security-Policy"]
    for prefix in ("", "en/", "ja/"):
        policy = rules[f"/{prefix}embed/*"]["Content-Security-Policy"]
        assert policy.startswith(everything["Content-Security-Policy"])
        assert policy.endswith(f"frame-ancestors 'self' {PARTNER}")
        assert rules[f"/{prefix}feeds/*"]["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("lang", LANGS)
def test_feeds_catalog_is_fully_translated(lang: str) -> None:
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "feeds.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 20
    for message in messages:
        assert message.string, f"{path}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{path}: {message.id!r} is fuzzy"
        # A plural message has (singular, plural) ids and one string per plural form.
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        placeholders = set(re.findall(r"%\(\w+\)s", ids[-1]))
        for string in strings:
            assert string, f"{path}: {message.id!r} lacks a plural form"
            assert set(re.findall(r"%\(\w+\)s", string)) == placeholders, message.id


# --- In Chromium: a partner's page on another origin ----------------------------------------


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files with Access-Control-Allow-Origin: * (as the _headers file asks for feeds)."""

    def end_headers(self) -> None:
        """Add the CORS header to every response."""
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log."""


@pytest.fixture(scope="module")
def site_origin(feeds_output: Path) -> Iterator[str]:
    """Serve the fixture site with CORS on one loopback port."""
    handler = functools.partial(_CorsHandler, directory=str(feeds_output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def partner(tmp_path_factory: pytest.TempPathFactory, site_origin: str, feeds_url: str) -> Iterator[str]:
    """Serve a partner's pages (embedding the site) on another loopback port."""
    folder = tmp_path_factory.mktemp("partner")
    (folder / "js.html").write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<link rel="stylesheet" href="{site_origin}/theme/css/widget.css"></head><body>
<div id="culture" data-qb-feed data-lang="en" data-section="culture" data-count="5">
  <a href="{site_origin}/en/">Hòa Bình Foreign Information</a></div>
<div id="ja" data-qb-feed data-lang="ja" data-count="1" data-heading="3"></div>
<div id="vi" data-qb-feed data-tag="le-hoi"></div>
<div id="missing" data-qb-feed data-lang="en" data-section="no-such-section">
  <a href="{site_origin}/en/">Visit the site</a></div>
<script src="{site_origin}/theme/js/widget.js" data-default-lang="vi"></script>
</body></html>""",
        encoding="utf-8",
    )
    # The same site served without the CORS header: the widget must fail gracefully.
    (folder / "no-cors.html").write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<div id="box" data-qb-feed data-lang="en"></div>
<script src="{feeds_url}/theme/js/widget.js" data-default-lang="vi"></script></body></html>""",
        encoding="utf-8",
    )
    (folder / "frame.html").write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<iframe id="news" src="{site_origin}/en/embed/section/culture/" title="News" width="400" height="400"></iframe>
</body></html>""",
        encoding="utf-8",
    )
    yield from serve(folder)


def feed_titles(output: Path, rel: str) -> list[str]:
    return [item["title"] for item in json.loads((output / rel).read_text(encoding="utf-8"))["items"]]


@pytest.mark.browser
def test_js_widget_renders_the_requested_feeds_on_another_origin(
    browser, partner: str, feeds_output: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{partner}/js.html")
        page.wait_for_function(
            "document.querySelectorAll('[data-qb-feed]:not([aria-busy]).qb-feed').length === 4", timeout=15000
        )
        culture = page.locator("#culture")
        assert culture.locator(".qb-feed__link").all_inner_texts() == feed_titles(
            feeds_output, "en/feeds/section/culture.json"
        )
        assert culture.get_attribute("lang") == "en"
        assert culture.get_attribute("role") == "region"
        labelled = culture.get_attribute("aria-labelledby")
        assert page.locator(f"#{labelled}").evaluate("e => e.tagName") == "H2"
        assert culture.locator(".qb-feed__more a").inner_text() == "More stories"
        assert culture.locator("time").first.get_attribute("datetime") == "2024-02-14T08:00:00+07:00"

        ja = page.locator("#ja")
        assert ja.get_attribute("lang") == "ja"
        assert (
            ja.locator(".qb-feed__link").all_inner_texts()
            == feed_titles(feeds_output, "ja/feeds/all.json")[:1]
        )
        assert ja.locator("h3.qb-feed__title").count() == 1

        vi = page.locator("#vi")  # no data-lang: the site's default language
        assert vi.get_attribute("lang") == "vi"
        assert vi.locator(".qb-feed__link").all_inner_texts() == feed_titles(
            feeds_output, "feeds/tag/le-hoi.json"
        )

        missing = page.locator("#missing")
        assert "qb-feed--error" in missing.get_attribute("class")
        assert missing.locator("a").inner_text() == "Visit the site"
    finally:
        page.close()


@pytest.mark.browser
def test_js_widget_falls_back_to_a_link_without_cors(browser, partner: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{partner}/no-cors.html")
        page.wait_for_selector("#box.qb-feed--error:not([aria-busy])", timeout=15000)
        link = page.locator("#box a")
        assert link.count() == 1 and link.get_attribute("href").startswith("http://127.0.0.1:")
    finally:
        page.close()


@pytest.mark.browser
def test_iframe_widget_renders_inside_a_partner_page(browser, partner: str, feeds_output: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{partner}/frame.html")
        frame = page.frame_locator("#news")
        frame.locator(".qb-feed__link").first.wait_for(timeout=15000)
        assert frame.locator(".qb-feed__link").all_inner_texts() == feed_titles(
            feeds_output, "en/feeds/section/culture.json"
        )
        assert frame.locator("html").get_attribute("lang") == "en"
    finally:
        page.close()


@pytest.mark.browser
def test_embed_page_previews_work(browser, site_origin: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    try:
        page.goto(f"{site_origin}/en/embed/")
        preview = page.locator(".qb-embed-preview [data-qb-feed]")
        preview.locator(".qb-feed__link").first.wait_for(timeout=15000)
        assert preview.locator(".qb-feed__link").count() == 3
        frame = page.frame_locator("iframe.qb-embed-frame")
        frame.locator(".qb-feed__link").first.wait_for(timeout=15000)
        assert errors == []
    finally:
        page.close()


# --- In Chromium: the _headers file, as Netlify and Cloudflare Pages apply it ----------------


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the rules of a _headers file: (path pattern, [(name, value)])."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), []))
        elif line.startswith("  ") and ": " in line and rules:
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str]]]], path: str, joined: bool) -> dict[str, str]:
    """Return the headers of a path: Cloudflare joins a header's values, Netlify keeps the last."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if (pattern.endswith("*") and path.startswith(pattern[:-1])) or pattern == path:
            for name, value in headers:
                found[name] = f"{found[name]}, {value}" if joined and name in found else value
    return found


def serve_with_headers(directory: Path, rules: list, joined: bool) -> Iterator[str]:
    """Serve a folder, sending the headers the rules give each path."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in headers_for(rules, self.path.split("?")[0], joined).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_headers_rules_match_like_the_hosts() -> None:
    rules = parse_headers("/*\n  A: 1\n  C: x\n/en/embed/*\n  C: y\n")
    assert headers_for(rules, "/en/embed/all/", joined=True) == {"A": "1", "C": "x, y"}
    assert headers_for(rules, "/en/embed/all/", joined=False) == {"A": "1", "C": "y"}
    assert headers_for(rules, "/en/culture/", joined=True) == {"A": "1", "C": "x"}


@pytest.mark.browser
@pytest.mark.parametrize("host", ["cloudflare", "netlify"])
def test_only_partners_frame_the_widgets_and_nobody_frames_the_site(
    browser, feeds_output: Path, tmp_path: Path, host: str
) -> None:
    partner_dir, stranger_dir = tmp_path / "partner", tmp_path / "stranger"
    partner_dir.mkdir()
    stranger_dir.mkdir()
    partner_server = serve(partner_dir)
    stranger_server = serve(stranger_dir)
    partner_origin, stranger_origin = next(partner_server), next(stranger_server)
    # The build lists https://partner.example; here the partner is the loopback server.
    text = (feeds_output / "_headers").read_text(encoding="utf-8").replace(PARTNER, partner_origin)
    site_server = serve_with_headers(feeds_output, parse_headers(text), joined=host == "cloudflare")
    site_origin = next(site_server)
    page_html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        f'<iframe id="widget" src="{site_origin}/en/embed/section/culture/" title="w"></iframe>'
        f'<iframe id="story" src="{site_origin}/en/culture/khai-ha-festival/" title="s"></iframe></body></html>'
    )
    (partner_dir / "index.html").write_text(page_html, encoding="utf-8")
    (stranger_dir / "index.html").write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    try:

        def framed(origin: str) -> dict[str, bool]:
            page.goto(f"{origin}/index.html")
            page.wait_for_load_state("load")
            shown = {}
            for name in ("widget", "story"):
                frame = page.frame_locator(f"#{name}")
                shown[name] = frame.locator("main").count() > 0
            return shown

        assert framed(partner_origin) == {"widget": True, "story": False}
        assert framed(stranger_origin) == {"widget": False, "story": False}
    finally:
        page.close()
        for server in (partner_server, stranger_server, site_server):
            server.close()


@pytest.mark.browser
def test_widget_and_embed_pages_are_accessible_and_fit_a_phone(browser, site_origin: str) -> None:
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        message = "node_modules/axe-core not found: run `npm ci` in the project folder"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    source = axe.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 320, "height": 800}, bypass_csp=True)  # axe is injected inline
    try:
        for path in ("/en/embed/", "/ja/embed/", "/embed/all/", "/en/embed/section/investment/"):
            page.goto(site_origin + path)
            page.wait_for_load_state("networkidle")
            page.add_script_tag(content=source)
            violations = page.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}))
                    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
            )
            assert violations == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{path} scrolls sideways"
    finally:
        page.close()
