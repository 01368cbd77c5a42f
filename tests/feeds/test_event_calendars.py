"""Events for partners (issue 14): calendars per language and category, events feeds, discovery, the embed page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import jsonschema
import pytest
import vobject
from bs4 import BeautifulSoup

from tests.conftest import DEMO_COPY_SETTINGS, IN_CI, ROOT, Build
from tests.feeds.conftest import SCHEMAS
from tests.model.test_verdict import Project, flat
from tests.tree_diff import compare

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PREFIXES = {"vi": "", "en": "en/", "ja": "ja/"}
# The demo's events by category (content/events/*/index.vi.md); Japanese lists only
# the translated ones (untranslated: hide), the festivals.
CATEGORIES = ["fair", "festival", "investment-conference"]
SHOWN = {"vi": CATEGORIES, "en": CATEGORIES, "ja": ["festival"]}
# The development build's absolute addresses (FEEDS_PLACEHOLDER_SITEURL).
ORIGIN = "http://localhost:8000"
KHAI_HA = "khai-ha-muong-bi-2026"


def page(build: Build, path: str) -> BeautifulSoup:
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def vevents(path: Path) -> list[icalendar.Event]:
    """Return the VEVENTs of a calendar file, after checking a second parser reads it too."""
    body = path.read_bytes()
    assert len(list(vobject.readOne(body.decode("utf-8")).vevent_list)) >= 1, path
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


@pytest.mark.parametrize("code", PREFIXES)
def test_each_language_has_a_calendar_of_every_event_and_one_per_category(
    demo_build: Build, code: str
) -> None:
    folder = demo_build.output / PREFIXES[code] / "events"
    every = {str(e["UID"]) for e in vevents(folder / f"events-{code}.ics")}
    assert len(every) >= (4 if code == "ja" else 10)
    assert sorted(p.name for p in folder.glob(f"events-{code}-*.ics")) == [
        f"events-{code}-{c}.ics" for c in SHOWN[code]
    ], "a calendar per category that has events in the language, no empty one"
    found: set[str] = set()
    for category in SHOWN[code]:
        path = folder / f"events-{code}-{category}.ics"
        assert path.is_file(), f"no calendar of {category} in {code}"
        events = vevents(path)
        labels = {str(e["CATEGORIES"].cats[0]) for e in events}
        assert len(labels) == 1, f"{path} mixes categories: {labels}"
        uids = {str(e["UID"]) for e in events}
        assert not uids & found, "an event is in two category calendars"
        found |= uids
    assert found == every, "the category calendars together are the language's calendar"
    en = icalendar.Calendar.from_ical((demo_build.output / "en/events/events-en-festival.ics").read_bytes())
    assert str(en["X-WR-CALNAME"]) == "Events – Festival"
    festivals = vevents(demo_build.output / "ja/events/events-ja-festival.ics")
    assert {str(e["CATEGORIES"].cats[0]) for e in festivals} == {"祭り"}


def test_events_feed_per_language_in_atom_rss_and_json(demo_build: Build) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    )
    for code, prefix in PREFIXES.items():
        stem = demo_build.output / prefix / "feeds" / "events"
        links: dict[str, set[str]] = {}
        for ending in (".atom.xml", ".rss.xml"):
            parsed = feedparser.parse(Path(f"{stem}{ending}").read_bytes())
            assert not parsed.bozo, f"{stem}{ending}: {parsed.get('bozo_exception')}"
            assert parsed.feed.link == f"{ORIGIN}/{prefix}events/"
            links[ending] = {entry.link for entry in parsed.entries}
        data = json.loads(Path(f"{stem}.json").read_text(encoding="utf-8"))
        validator.validate(data)
        assert data["feed_url"] == f"{ORIGIN}/{prefix}feeds/events.json"
        links[".json"] = {item["url"] for item in data["items"]}
        assert links[".atom.xml"] == links[".rss.xml"] == links[".json"], code
        assert f"{ORIGIN}/{prefix}events/{KHAI_HA}/" in links[".json"], code
    ja = json.loads((demo_build.output / "ja/feeds/events.json").read_text(encoding="utf-8"))
    assert ja["language"] == "ja" and ja["title"].startswith("イベント – ")


@pytest.mark.parametrize(
    ("path", "own_ics"),
    [
        ("en/events/", None),
        ("en/events/2026-02/", None),
        (f"en/events/{KHAI_HA}/", f"/en/events/{KHAI_HA}/{KHAI_HA}.ics"),
        ("ja/events/", None),
    ],
)
def test_events_pages_announce_the_calendar_and_the_events_feeds(
    demo_build: Build, path: str, own_ics: str | None
) -> None:
    head = page(demo_build, path).head
    prefix = path.split("events/", maxsplit=1)[0]
    code = prefix.rstrip("/") or "vi"
    feeds = {
        link["type"]: link["href"]
        for link in head.find_all("link", rel="alternate")
        if "/feeds/events." in link.get("href", "")
    }
    assert feeds == {
        "application/atom+xml": f"/{prefix}feeds/events.atom.xml",
        "application/rss+xml": f"/{prefix}feeds/events.rss.xml",
        "application/feed+json": f"/{prefix}feeds/events.json",
    }
    calendars = {link["href"] for link in head.find_all("link", rel="alternate", type="text/calendar")}
    assert f"/{prefix}events/events-{code}.ics" in calendars
    if own_ics:
        assert own_ics in calendars
    for href in [*feeds.values(), *calendars]:
        assert (demo_build.output / href.lstrip("/")).is_file(), href


@pytest.mark.parametrize(
    ("code", "text"),
    [("en", "Calendar of these events (.ics)"), ("ja", "これらのイベントのカレンダー（.ics）")],
)
def test_a_category_of_events_links_and_announces_its_own_calendar(
    demo_build: Build, code: str, text: str
) -> None:
    prefix = PREFIXES[code]
    root = page(demo_build, f"{prefix}events/category/festival/")
    wanted = f"/{prefix}events/events-{code}-festival.ics"
    assert [link["href"] for link in root.head.find_all("link", type="text/calendar")] == [wanted]
    links = [a for a in root.select("main a[type='text/calendar']") if a["href"] == wanted]
    assert [a.get_text(strip=True) for a in links] == [text]
    assert (demo_build.output / wanted.lstrip("/")).is_file()


def test_other_collections_announce_their_own_feed_not_the_events(demo_build: Build) -> None:
    head = page(demo_build, "en/projects/").head
    hrefs = [link["href"] for link in head.find_all("link", rel="alternate") if "/feeds/" in link["href"]]
    assert "/en/feeds/projects.rss.xml" in hrefs and not any("events" in h for h in hrefs)
    assert not head.find("link", type="text/calendar")


@pytest.mark.parametrize(
    ("code", "every", "festival", "heading"),
    [
        ("vi", "Tất cả sự kiện", "Lễ hội", "Lịch sự kiện"),
        ("en", "Every event", "Festival", "Calendars of events"),
        ("ja", "すべてのイベント", "祭り", "イベントのカレンダー"),
    ],
)
def test_embed_page_offers_each_calendar_as_https_and_webcal(
    demo_build: Build, code: str, every: str, festival: str, heading: str
) -> None:
    prefix = PREFIXES[code]
    root = page(demo_build, f"{prefix}embed/")
    section = root.select_one("#embed-calendars").find_parent("section")
    assert section.select_one("h2").get_text(strip=True) == heading
    blocks = section.select("[data-calendar]")
    assert [b["data-calendar"] for b in blocks] == ["all", *SHOWN[code]]
    names = [b.select_one("h3 a").get_text(strip=True) for b in blocks]
    assert names[0] == every and names[1 + SHOWN[code].index("festival")] == festival
    stems = [f"events-{code}", *(f"events-{code}-{c}" for c in SHOWN[code])]
    for block, stem in zip(blocks, stems, strict=True):
        path = f"{prefix}events/{stem}.ics"
        link = block.select_one("h3 a")
        assert link["href"] == f"/{path}" and link["type"] == "text/calendar"
        assert (demo_build.output / path).is_file()
        codes = [c.get_text() for c in block.select("[data-embed-snippet] code")]
        assert codes == [f"webcal://localhost:8000/{path}", f"{ORIGIN}/{path}"]
        subscribe = [a for a in block.find_all("a") if a["href"].startswith("webcal:")]
        assert [a["href"] for a in subscribe] == [codes[0]]
        labels = [b.get_text() for b in block.select("button[data-copy]")]
        assert len(labels) == 2 and labels[0].endswith(", webcal://") and labels[1].endswith(", https://")


def test_embed_page_without_events_has_no_calendar_section(tmp_path: Path) -> None:
    from tests.feeds.conftest import build_feeds_site

    build = build_feeds_site(tmp_path)
    assert page(build, "en/embed/").select_one("#embed-calendars") is None


def test_webcal_is_the_same_address_with_the_calendar_scheme() -> None:
    from feeds.embeds import webcal

    assert webcal("https://thongtin.example/en/events/events-en.ics") == (
        "webcal://thongtin.example/en/events/events-en.ics"
    )
    assert (
        webcal("http://localhost:8000/events/events-vi.ics") == "webcal://localhost:8000/events/events-vi.ics"
    )


def test_an_incremental_build_after_a_category_change_equals_a_cold_one(tmp_path: Path) -> None:
    """A category gone and one new: their calendars and the embed pages follow, as in a cold build."""
    root = tmp_path / "incremental"
    for name in ("events", "destinations", "galleries"):
        shutil.copytree(ROOT / "content" / name, root / "content" / name)
    for text in (root / "content").rglob("index.*.md"):  # without the links to other sections' stories
        kept = [line for line in text.read_text(encoding="utf-8").split("\n") if "](../../" not in line]
        text.write_text("\n".join(kept), encoding="utf-8")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data/keyfacts.yml").unlink(missing_ok=True)  # its hero image is a page's, not copied here
    settings = DEMO_COPY_SETTINGS + "CHECKER_REQUIRED_PAGES = {}  # the visit collections alone\n"
    (root / "settings.py").write_text(settings, encoding="utf-8")
    project = Project(root)
    first = project.build()
    assert first.returncode == 0, flat(first)
    assert (root / "output/en/events/events-en-investment-conference.ics").is_file()
    conference = "content/events/investment-promotion-conference-2018/index.vi.md"
    project.edit(conference, "Category: investment-conference", "Category: trade-conference")
    again = project.build()
    assert again.returncode == 0, flat(again)
    cold = Project(
        shutil.copytree(root, tmp_path / "cold", ignore=shutil.ignore_patterns("output", ".cache"))
    )
    assert cold.build().returncode == 0
    assert compare(cold.root / "output", root / "output") is None, compare(
        cold.root / "output", root / "output"
    )
    out = root / "output"
    assert not (out / "en/events/events-en-investment-conference.ics").exists()
    trade = icalendar.Calendar.from_ical((out / "en/events/events-en-trade-conference.ics").read_bytes())
    assert [str(e["CATEGORIES"].cats[0]) for e in trade.walk("VEVENT")] == ["Trade promotion conference"]
    embed = BeautifulSoup((out / "en/embed/index.html").read_text(encoding="utf-8"), "html.parser")
    offered = [b["data-calendar"] for b in embed.select("#embed-calendars ~ [data-calendar]")]
    assert offered == ["all", "fair", "festival", "trade-conference"]


# --- In Chromium ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_calendar_snippets_copy_and_pass_axe(browser: Any, demo_url: str, width: int) -> None:
    if not AXE.exists():
        message = "node_modules/axe-core not found: run `npm ci` in the project folder"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(demo_url) else None)
    try:
        tab.goto(f"{demo_url}/ja/embed/")
        tab.wait_for_load_state("networkidle")
        block = tab.locator('[data-calendar="festival"]')
        button = block.locator("button[data-copy]").first
        button.wait_for(state="visible")
        button.click()
        status = block.locator("[role=status]").first
        tab.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle())
        assert tab.evaluate("navigator.clipboard.readText()") == (
            "webcal://localhost:8000/ja/events/events-ja-festival.ics"
        )
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        assert errors == [] and outside == []
    finally:
        context.close()
    # axe is injected inline: a page that bypasses the CSP for it.
    checked = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        checked.goto(f"{demo_url}/ja/embed/")
        checked.wait_for_load_state("networkidle")
        checked.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        violations = checked.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
        )
        assert violations == []
    finally:
        checked.close()
