"""Inline scripts cannot be broken out of, and every page carries the _headers policy as a <meta>."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, fixture_site, serve
from tests.multilang.conftest import FIXTURE

# What ends a script element, opens a comment that swallows the page, or ends a JS line.
HOSTILE = "</script><!--<script>x & y\u2028> z\u2029 w"
TITLE = "Lễ hội " + HOSTILE
AGENCY = "Sở " + HOSTILE
TAG = "Thẻ <!--<script></script>"
STORY = "content/culture/le-hoi-khai-ha/index.vi.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the fixture site with script-breaking text in a title, a summary, an agency name and a tag."""
    base = tmp_path_factory.mktemp("scripts") / "site"
    shutil.copytree(FIXTURE, base)
    writer = pypdf.PdfWriter()  # the fixture's attachment is a stand-in: a real blank PDF
    writer.add_blank_page(width=200, height=200)
    writer.write(base / "content" / "culture" / "le-hoi-khai-ha" / "ke-hoach.pdf")
    story = base / STORY
    _edit(story, "Title: Lễ hội Khai hạ của người Mường", f"Title: {TITLE}")
    # A code span: the summary shows the characters themselves (raw HTML would be sanitised).
    _edit(story, "Summary: Lễ hội mừng năm mới", f"Summary: `{HOSTILE}` Lễ hội mừng năm mới")
    _edit(story, "Tags: le-hoi, Đà Bắc", f"Tags: le-hoi, Đà Bắc, {TAG}")
    name = json.dumps(AGENCY)
    _edit(base / "data" / "agencies.yml", '{vi: "Sở Văn hóa, Thể thao và Du lịch"', "{vi: " + name)
    build = fixture_site(base.parent, "output", base)
    assert build.returncode == 0, build.log
    return build


def _json_ld(page: Path) -> tuple[str, Any]:
    """Return the raw text of a page's JSON-LD element and what it parses to."""
    (script,) = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(
        "script", type="application/ld+json"
    )
    return script.string, json.loads(script.string)


def test_json_ld_escapes_the_script_context_and_parses_back(hostile: Build) -> None:
    raw, data = _json_ld(hostile.page("van-hoa/le-hoi-khai-ha/"))
    assert not re.search("[<>&\u2028\u2029]", raw), raw
    for escaped in ("\\u003c", "\\u003e", "\\u0026", "\\u2028", "\\u2029"):
        assert escaped in raw
    (article,) = [node for node in data["@graph"] if node["@type"] == "NewsArticle"]
    assert article["headline"] == TITLE
    assert HOSTILE in article["description"]
    assert article["author"]["name"] == AGENCY
    assert TAG in article["keywords"]


def test_the_page_after_the_json_ld_is_intact(hostile: Build) -> None:
    page = BeautifulSoup(hostile.page("van-hoa/le-hoi-khai-ha/").read_text(encoding="utf-8"), "html.parser")
    assert page.find("main") is not None and page.find("footer", class_="site-footer") is not None
    assert page.find("main").find("h1").get_text().strip() == TITLE.strip()


def _site_policy(headers: str) -> str:
    """Return the site-wide Content-Security-Policy of a _headers file."""
    rule = headers.split("\n\n", maxsplit=1)[0]
    return re.search(r"^  Content-Security-Policy: (.+)$", rule, re.M).group(1)


def test_every_page_carries_the_headers_policy_as_a_meta(hostile: Build) -> None:
    headers = (hostile.output / "_headers").read_text(encoding="utf-8")
    policy = _site_policy(headers)
    pages = sorted(hostile.output.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        if path.is_relative_to(hostile.output / "pagefind"):
            continue
        meta = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"}
        )
        assert meta is not None, path
        assert meta["content"] == policy, path


def test_csp_frames_come_from_the_sanitiser_list_and_features_are_off(hostile: Build) -> None:
    headers = (hostile.output / "_headers").read_text(encoding="utf-8")
    frame_src = re.search(r"frame-src ([^;]+)", _site_policy(headers)).group(1).split()
    assert {"'self'", "https://www.youtube-nocookie.com", "https://www.google.com"} <= set(frame_src)
    permissions = re.search(r"^  Permissions-Policy: (.+)$", headers.split("\n\n")[0], re.M).group(1)
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert f"{feature}=()" in permissions


@pytest.fixture(scope="module")
def hostile_url(hostile: Build) -> Iterator[str]:
    """Serve the hostile build on loopback."""
    yield from serve(hostile.output)


@pytest.mark.browser
def test_chromium_reads_the_whole_page_and_the_json(browser: Any, hostile_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(hostile_url + "/van-hoa/le-hoi-khai-ha/")
        assert page.locator("footer.site-footer").count() == 1
        assert page.locator("main h1").inner_text().startswith("Lễ hội")
        graph = page.evaluate(
            "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@graph']"
        )
        (article,) = [node for node in graph if node["@type"] == "NewsArticle"]
        assert article["headline"] == TITLE
        assert errors == []  # the meta policy blocks nothing the theme needs
    finally:
        page.close()
