"""Event and destination pages (issue 14): times, status and entry, month pages, facets, JSON-LD, home blocks.

Built from the demo without its events and destinations plus the fixtures
below, the build date pinned to 1 June 2025, so what is upcoming never
depends on the day the tests run nor on the demo's content.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.conftest import ROOT, Build, run_pelican
from tests.tree_diff import compare

BUILD_DATE = "2025-06-01"

FIXTURES: dict[str, dict[str, str]] = {
    # Three days, timed, rescheduled, with a price and registration; featured on the home page.
    "events/test-fair": {
        "vi": """Title: Hội chợ thử
Date: 2025-03-01 09:00
Summary: Một hội chợ để thử trang sự kiện.
Start: 2025-07-10 08:00
End: 2025-07-12 17:00
Category: fair
Event_status: rescheduled
Attendance: in-person
Venue: Nhà thi đấu thử
Venue_address: Số 1 đường Thử, phường Thử
Location: hoa-binh-city
Venue_coordinates: 20.8133, 105.3383
Organiser: so-vhttdl
Registration: https://example.org/fair
Price: 50.000 đồng
Featured: yes
Cover: cover.jpg
Cover_alt: Hình minh họa cho hội chợ
Cover_credit: Minh họa: quangba
Source: a test fixture

Nội dung.
""",
        "en": "Title: Test fair\nSummary: A fair to test the event page.\nVenue: Test hall\n"
        "Venue_address: 1 Test street\nPrice: VND 50,000\nCover_alt: An illustration for the fair\n\nBody.\n",
        "ja": "Title: テスト見本市\nVenue: テスト会場\nPrice: 5万ドン\nCover_alt: 見本市のイラスト\n\n本文。\n",
    },
    # Online, free, written in Tokyo time: the page shows Tokyo time and Vietnam time.
    "events/test-webinar": {
        "vi": """Title: Hội thảo trực tuyến thử
Date: 2025-03-01 09:00
Start: 2025-06-20 10:00
End: 2025-06-20 12:00
Time_zone: Asia/Tokyo
Category: investment-conference
Event_status: moved-online
Attendance: online
Organiser: so-vhttdl
Registration: https://example.org/webinar
Free: yes
Source: a test fixture

Nội dung.
""",
        "en": "Title: Test webinar\n\nBody.\n",
    },
    # Cancelled yet still featured: a warning, and never on the home page.
    "events/test-cancelled": {
        "vi": """Title: Lễ hội bị hủy
Date: 2025-03-01 09:00
Start: 2025-06-15
Category: festival
Event_status: cancelled
Featured: yes
Source: a test fixture

Nội dung.
""",
        "en": "Title: Cancelled festival\n\nBody.\n",
        "ja": "Title: 中止の祭り\n\n本文。\n",
    },
    # Long past: only on the list's past events and its month page.
    "events/test-past": {
        "vi": """Title: Lễ hội đã qua
Date: 2025-03-01 09:00
Start: 2025-01-30
End: 2025-02-02
Category: festival
Source: a test fixture

Nội dung.
""",
        "en": "Title: Past festival\n\nBody.\n",
    },
    # Hidden (published, not listed), alone in its month: no month page, no link to one.
    "events/test-hidden": {
        "vi": """Title: Sự kiện ẩn
Date: 2025-03-01 09:00
Start: 2025-09-01
Category: sports
Status: hidden
Source: a test fixture

Nội dung.
""",
    },
    "destinations/test-temple": {
        "vi": """Title: Đền thử
Date: 2025-03-01 09:00
Summary: Một ngôi đền để thử.
Category: spiritual
Heritage: provincial
Location: da-bac
Commune: Xã Thử
Coordinates: 20.85, 105.2
Featured: yes
Source: a test fixture

Nội dung.
""",
        "en": "Title: Test temple\nSummary: A temple to test with.\n\nBody.\n",
        "ja": "Title: テスト寺院\n\n本文。\n",
    },
    "destinations/test-valley": {
        "vi": """Title: Thung lũng thử
Date: 2025-03-02 09:00
Category: nature
Coordinates: 20.66, 105.08
Source: a test fixture

Nội dung.
""",
        "en": "Title: Test valley\n\nBody.\n",
    },
}

# schema.org: the properties each type defines or inherits that these pages may use, and those they must.
SCHEMA_PROPERTIES = {
    "Event": {
        "allowed": {
            "@type",
            "@id",
            "url",
            "name",
            "description",
            "inLanguage",
            "startDate",
            "endDate",
            "eventStatus",
            "eventAttendanceMode",
            "location",
            "organizer",
            "offers",
            "isAccessibleForFree",
            "image",
        },
        "required": {"name", "startDate", "location", "eventStatus", "eventAttendanceMode"},
    },
    "TouristAttraction": {
        "allowed": {
            "@type",
            "@id",
            "url",
            "name",
            "description",
            "inLanguage",
            "geo",
            "address",
            "hasMap",
            "touristType",
            "image",
            "isAccessibleForFree",
            "openingHours",
        },
        "required": {"name", "geo", "url"},
    },
    "Place": {"allowed": {"@type", "name", "address", "geo"}, "required": {"name", "address"}},
    "VirtualLocation": {"allowed": {"@type", "url", "name"}, "required": {"url"}},
    "GeoCoordinates": {"allowed": {"@type", "latitude", "longitude"}, "required": {"latitude", "longitude"}},
    "PostalAddress": {
        "allowed": {"@type", "streetAddress", "addressLocality", "addressRegion", "addressCountry"},
        "required": {"addressCountry"},
    },
    "Offer": {
        "allowed": {"@type", "url", "price", "priceCurrency", "description", "availability"},
        "required": {"url"},
    },
}


def build_visit(base: Path) -> Build:
    """Build the demo's stories with the fixtures instead of its events and destinations."""
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    for folder in ("events", "destinations"):
        shutil.rmtree(content / folder)
    for key, texts in FIXTURES.items():
        folder = content / key
        folder.mkdir(parents=True)
        for lang, text in texts.items():
            (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "content/culture/khai-ha-festival/cover.jpg", content / "events/test-fair/cover.jpg")
    build = run_pelican(content, base / "output", overrides={"MULTILANG_BUILD_DATE": BUILD_DATE})
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def visit_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site, built once for this module."""
    return build_visit(tmp_path_factory.mktemp("visit"))


def html(build: Build, path: str) -> lxml.html.HtmlElement:
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return lxml.html.fromstring(file.read_bytes())


def text(node: Any) -> str:
    return " ".join(node.text_content().split())


def lead(build: Build, path: str) -> str:
    return text(html(build, path).xpath('//section[contains(@class, "event-lead")]')[0])


def facts(root: lxml.html.HtmlElement) -> dict[str, str]:
    """Return the event lead's facts: {term: its description's text}."""
    rows = root.xpath('//section[contains(@class, "event-lead")]//dl/div')
    return {text(row.xpath("dt")[0]): text(row.xpath("dd")[0]) for row in rows}


def ld(build: Build, path: str, kind: str) -> dict[str, Any]:
    """Return the one JSON-LD node of a type (or with it among its types) on a page."""
    nodes = []
    for script in html(build, path).xpath('//script[@type="application/ld+json"]'):
        nodes += json.loads(script.text)["@graph"]
    found = [n for n in nodes if kind in (n["@type"] if isinstance(n["@type"], list) else [n["@type"]])]
    assert len(found) == 1, nodes
    return found[0]


def conforms(node: dict[str, Any], kind: str) -> None:
    """Assert a node uses only its schema.org type's properties and has the ones it needs, recursively."""
    spec = SCHEMA_PROPERTIES[kind]
    assert set(node) <= spec["allowed"], f"{kind}: unexpected {set(node) - spec['allowed']}"
    assert spec["required"] <= set(node), f"{kind}: missing {spec['required'] - set(node)}"
    for value in node.values():
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, dict) and one.get("@type") in SCHEMA_PROPERTIES:
                conforms(one, one["@type"])


@pytest.mark.parametrize(
    ("path", "when", "zone"),
    [
        (
            "events/test-fair/",
            "Thứ Năm, 10 tháng 7, 2025 08:00 – Thứ Bảy, 12 tháng 7, 2025 17:00",
            "Giờ Việt Nam",
        ),
        (
            "en/events/test-fair/",
            "Thursday, July 10, 2025 8:00 AM – Saturday, July 12, 2025 5:00 PM",
            "Vietnam Time",
        ),
        ("ja/events/test-fair/", "2025年7月10日木曜日 8:00 – 2025年7月12日土曜日 17:00", "ベトナム時間"),
    ],
)
def test_event_time_is_in_the_page_language_and_vietnam_time_named(
    visit_build: Build, path: str, when: str, zone: str
) -> None:
    page = lead(visit_build, path)
    assert f"{when} ({zone}, GMT+07:00)" in page
    time = html(visit_build, path).xpath('//dd[@class="event-when"]/time')[0]
    assert time.get("datetime") == "2025-07-10T08:00:00+07:00"


def test_event_in_another_zone_also_shows_vietnam_time(visit_build: Build) -> None:
    page = lead(visit_build, "en/events/test-webinar/")
    assert "Friday, June 20, 2025 10:00 AM – 12:00 PM (Japan Time, GMT+09:00)" in page
    assert "In Vietnam time: Friday, June 20, 2025 8:00 – 10:00 AM (Vietnam Time, GMT+07:00)" in page


def test_status_attendance_venue_organiser_and_entry_are_prominent(visit_build: Build) -> None:
    root = html(visit_build, "en/events/test-fair/")
    status = root.xpath('//p[contains(@class, "event-status")]')
    assert status and "Rescheduled" in text(status[0]) and status[0].get("role") == "note"
    page = facts(root)
    assert page["Attendance"] == "In person" and page["Entry"] == "VND 50,000Register"
    assert root.xpath('//span[@class="event-venue"]/text()') == ["Test hall"]
    assert root.xpath('//span[@class="event-address"]/text()') == ["1 Test street"]
    assert "Show on OpenStreetMap" in page["Venue"]
    organiser = root.xpath('//section[contains(@class, "event-lead")]//dt[.="Organiser"]/../dd/a')[0]
    assert organiser.get("href").endswith("/en/agency/so-vhttdl/")
    assert root.xpath('//a[.="Register"]/@href') == ["https://example.org/fair"]
    online = facts(html(visit_build, "en/events/test-webinar/"))
    assert online["Entry"] == "FreeRegister" and online["Attendance"] == "Online"
    assert "Moved online" in lead(visit_build, "en/events/test-webinar/")
    assert "中止：このイベントは行われません。" in lead(visit_build, "ja/events/test-cancelled/")


def test_event_links_its_ics_and_the_language_calendar_to_subscribe_to(visit_build: Build) -> None:
    root = html(visit_build, "ja/events/test-fair/")
    links = root.xpath('//div[@class="event-calendars"]//a[@type="text/calendar"]/@href')
    assert (
        links[0].endswith("/ja/events/test-fair/test-fair.ics")
        and "download" in root.xpath('//div[@class="event-calendars"]//a')[0].attrib
    )
    assert links[1].endswith("/ja/events/events-ja.ics")
    assert (visit_build.output / links[1].lstrip("/")).is_file()
    address = root.xpath('//code[@class="calendar-address"]')[0].text
    assert address == links[1]  # the address to paste is the feed itself, explained beside it
    assert "購読するには" in text(root.xpath('//div[@class="event-calendars"]')[0])


def test_month_pages_list_days_and_link_previous_and_next(visit_build: Build) -> None:
    listing = html(visit_build, "en/events/")
    months = listing.xpath('//nav[@class="event-months"]//a')
    assert [text(a) for a in months] == ["January 2025", "February 2025", "June 2025", "July 2025"]
    july = html(visit_build, "en/events/2025-07/")
    assert text(july.xpath("//h1")[0]) == "Events in July 2025"
    days = [text(h) for h in july.xpath('//section[@class="month-day"]/h2')]
    assert days == ["Thursday, July 10, 2025", "Friday, July 11, 2025", "Saturday, July 12, 2025"]
    assert july.xpath('//a[@rel="prev"]')[0].get("href").endswith("/en/events/2025-06/")
    assert not july.xpath('//a[@rel="next"]')
    june = html(visit_build, "en/events/2025-06/")  # the build month, with events on the 15th and 20th
    assert [text(h) for h in june.xpath('//section[@class="month-day"]/h2')] == [
        "Sunday, June 15, 2025",
        "Friday, June 20, 2025",
    ]
    assert "Cancelled" in text(june.xpath('//section[@class="month-day"]')[0])
    # The past festival runs over the month's end: on both months' pages.
    assert "Past festival" in text(html(visit_build, "en/events/2025-01/").xpath("//main")[0])
    assert "Past festival" in text(html(visit_build, "en/events/2025-02/").xpath("//main")[0])
    assert not visit_build.page("en/events/2025-03/").exists()
    assert text(html(visit_build, "ja/events/2025-07/").xpath("//h1")[0]) == "2025年7月のイベント"


def test_month_pages_need_no_javascript(visit_build: Build) -> None:
    root = html(visit_build, "ja/events/2025-07/")
    assert "テスト見本市" in text(root.xpath("//main")[0])
    assert not [s for s in root.xpath("//script[@src]") if "catalogue" in s.get("src")]


def test_upcoming_and_past_lists_are_split_and_image_led(visit_build: Build) -> None:
    root = html(visit_build, "en/events/")
    upcoming = [text(a) for a in root.xpath('//section[.//h2[@id="upcoming-title"]]//h3/a')]
    past = [text(a) for a in root.xpath('//section[.//h2[@id="past-title"]]//h3/a')]
    assert upcoming == ["Cancelled festival", "Test webinar", "Test fair"]  # soonest first
    assert past == ["Past festival"]
    # Image-led: the fair has a cover, so its card leads with the thumbnail (decorative, lazy); others have none.
    fair = root.xpath('//section[.//h2[@id="upcoming-title"]]//article[.//a[.="Test fair"]]')[0]
    assert "has-thumb" in fair.get("class")
    thumb = fair.xpath('.//div[@class="teaser-thumb"]//img')[0]
    assert thumb.get("alt") == "" and thumb.get("loading") == "lazy" and thumb.get("width")
    assert not root.xpath('//article[.//a[.="Test webinar"]]//img')
    page = html(visit_build, "ja/events/test-fair/")
    assert page.xpath('//div[contains(@class, "story-cover")]//img/@alt') == ["見本市のイラスト"]


def test_destinations_filter_by_category_without_javascript(visit_build: Build) -> None:
    root = html(visit_build, "en/destinations/")
    chips = {text(a): a.get("href") for a in root.xpath('//div[@data-facet="category"]//a')}
    assert set(chips) == {"Spiritual site (1)", "Nature (1)"}
    spiritual = html(visit_build, chips["Spiritual site (1)"])
    assert [text(a) for a in spiritual.xpath("//table//tbody//th/a")] == ["Test temple"]
    assert spiritual.xpath('//div[@data-facet="category"]//a[@aria-current="page"]')
    ja = html(visit_build, "ja/destinations/category/spiritual/")
    assert [text(a) for a in ja.xpath("//table//tbody//th/a")] == ["テスト寺院"]


def test_event_json_ld_is_a_schema_org_event(visit_build: Build) -> None:
    event = ld(visit_build, "en/events/test-fair/", "Event")
    conforms(event, "Event")
    assert (
        event["startDate"] == "2025-07-10T08:00:00+07:00" and event["endDate"] == "2025-07-12T17:00:00+07:00"
    )
    assert event["eventStatus"] == "https://schema.org/EventRescheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    place = event["location"]
    assert place["@type"] == "Place" and place["name"] == "Test hall"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 20.8133, "longitude": 105.3383}
    assert place["address"]["streetAddress"] == "1 Test street" and place["address"]["addressCountry"] == "VN"
    assert event["organizer"]["url"].endswith("/en/agency/so-vhttdl/")
    assert event["isAccessibleForFree"] is False and event["offers"]["description"] == "VND 50,000"
    webinar = ld(visit_build, "en/events/test-webinar/", "Event")
    conforms(webinar, "Event")
    assert webinar["startDate"] == "2025-06-20T10:00:00+09:00"
    assert webinar["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert webinar["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webinar"}
    assert webinar["isAccessibleForFree"] is True and webinar["offers"]["price"] == 0
    cancelled = ld(visit_build, "ja/events/test-cancelled/", "Event")
    conforms(cancelled, "Event")
    assert cancelled["startDate"] == "2025-06-15" and cancelled["eventStatus"].endswith("/EventCancelled")
    assert cancelled["name"] == "中止の祭り" and cancelled["inLanguage"] == "ja"
    # Neither Free nor Price: the page says "Not published", so the data claims nothing about entry.
    assert "isAccessibleForFree" not in cancelled and "offers" not in cancelled


def test_destination_json_ld_is_a_tourist_attraction_with_its_subtype_and_geo(visit_build: Build) -> None:
    temple = ld(visit_build, "en/destinations/test-temple/", "TouristAttraction")
    conforms(temple, "TouristAttraction")
    assert temple["@type"] == ["TouristAttraction", "PlaceOfWorship"]
    assert temple["geo"] == {"@type": "GeoCoordinates", "latitude": 20.85, "longitude": 105.2}
    assert temple["address"]["addressLocality"] == "Xã Thử" and temple["address"]["addressRegion"] == "Đà Bắc"
    valley = ld(visit_build, "en/destinations/test-valley/", "TouristAttraction")
    assert valley["@type"] == "TouristAttraction"


def test_home_shows_next_events_never_cancelled_and_destinations_featured_first(visit_build: Build) -> None:
    root = html(visit_build, "en/")
    events = [text(a) for a in root.xpath('//section[contains(@class, "home-events")]//h3/a')]
    assert events == [
        "Test fair",
        "Test webinar",
    ]  # featured first; the cancelled one left out, featured or not
    places = [text(a) for a in root.xpath('//section[contains(@class, "home-destinations")]//h3/a')]
    assert places == ["Test temple", "Test valley"]
    ja = html(visit_build, "ja/")
    assert [text(a) for a in ja.xpath('//section[contains(@class, "home-events")]//h3/a')] == ["テスト見本市"]
    # Korean has no event or destination (French only the originals, as fallbacks): no block at all.
    for code in ("ko", "fr"):
        assert not html(visit_build, f"{code}/").xpath('//div[contains(@class, "home-visit")]')


def test_cancelled_but_featured_is_a_warning_naming_the_file(visit_build: Build) -> None:
    assert "test-cancelled/index.vi.md" in visit_build.log
    assert "[metadata.cancelled-featured]" in visit_build.log


def test_a_hidden_event_has_its_page_but_no_month(visit_build: Build) -> None:
    root = html(visit_build, "events/test-hidden/")
    assert root.xpath('//section[contains(@class, "event-lead")]')
    assert not visit_build.page("events/2025-09/").exists()
    assert not [a for a in root.xpath("//a/@href") if "/events/2025-" in a]


def test_incremental_build_after_moving_and_cancelling_events_equals_a_cold_one(tmp_path: Path) -> None:
    first = build_visit(tmp_path / "incremental")
    content = tmp_path / "incremental" / "content"
    fair = content / "events" / "test-fair" / "index.vi.md"
    moved = fair.read_text(encoding="utf-8").replace("2025-07-10 08:00", "2025-08-05 08:00")
    fair.write_text(moved.replace("2025-07-12 17:00", "2025-08-06 17:00"), encoding="utf-8")
    webinar = content / "events" / "test-webinar" / "index.vi.md"
    source = webinar.read_text(encoding="utf-8")
    webinar.write_text(
        source.replace("Event_status: moved-online", "Event_status: cancelled"), encoding="utf-8"
    )
    again = run_pelican(content, first.output, overrides={"MULTILANG_BUILD_DATE": BUILD_DATE})
    assert again.returncode == 0, again.log
    cold = run_pelican(content, tmp_path / "cold", overrides={"MULTILANG_BUILD_DATE": BUILD_DATE})
    assert cold.returncode == 0, cold.log
    assert compare(cold.output, again.output) is None, compare(cold.output, again.output)
    # What the edit changes is on the pages: the fair in August, the webinar off the home page.
    assert not (again.output / "en" / "events" / "2025-07").exists()
    home = [text(a) for a in html(again, "en/").xpath('//section[contains(@class, "home-events")]//h3/a')]
    assert home == ["Test fair"]


def test_rebuild_on_a_later_day_equals_a_cold_build_of_that_day(tmp_path: Path) -> None:
    # The daily Pages build keeps .cache/: on 20 July the fair (10-12 July) and
    # the webinar are over, a new month is the current one, and nothing in the
    # sources changed. What only the build date decides must be built again.
    first = build_visit(tmp_path / "incremental")
    content = tmp_path / "incremental" / "content"
    later = {"MULTILANG_BUILD_DATE": "2025-07-20"}
    again = run_pelican(content, first.output, overrides=later)
    assert again.returncode == 0, again.log
    cold = run_pelican(content, tmp_path / "cold", overrides=later)
    assert cold.returncode == 0, cold.log
    assert compare(cold.output, again.output) is None, compare(cold.output, again.output)
    assert "This event is over." in again.page("en/events/test-fair/").read_text(encoding="utf-8")
