"""Events and destinations (issue 14): pages in every language, iCalendar files real parsers read right."""

from __future__ import annotations

import datetime as dt
import shutil
import zoneinfo
from pathlib import Path

import icalendar
import lxml.html
import pytest
import vobject

from tests.conftest import ROOT, Build, run_pelican

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")

# A timed, cancelled event (08:00 in Vietnam) beside the demo's all-day festivals.
CONFERENCE = {
    "vi": """Title: Hội nghị thử
Date: 2025-03-01 09:00
Modified: 2025-03-05 10:30
Summary: Một hội nghị để thử lịch.
Start: 2025-07-10 08:00
End: 2025-07-10 11:30
Category: investment-conference
Event_status: cancelled
Attendance: mixed
Venue: Hội trường thử
Venue_coordinates: 20.8133, 105.3383
Organiser: so-vhttdl
Registration: https://example.org/register
Source: a test

Nội dung.
""",
    "en": "Title: Test conference\nSummary: A conference to test the calendar.\nVenue: Test hall\n\nBody.\n",
    "ja": "Title: テスト会議\nVenue: テスト会場\n\n本文。\n",
}


@pytest.fixture(scope="module")
def events_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the demo plus the conference with the build date pinned to 1 June 2025."""
    base = tmp_path_factory.mktemp("events")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    folder = content / "events" / "test-conference"
    folder.mkdir(parents=True)
    for lang, text in CONFERENCE.items():
        (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    build = run_pelican(content, base / "output", overrides={"MULTILANG_BUILD_DATE": "2025-06-01"})
    assert build.returncode == 0, build.log
    return build


def html(build: Build, path: str) -> lxml.html.HtmlElement:
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return lxml.html.fromstring(file.read_bytes())


def href(build: Build, root: lxml.html.HtmlElement, text: str) -> Path:
    """Return the output file an <a> whose text contains `text` links to."""
    links = [a.get("href") for a in root.iter("a") if text in a.text_content()]
    assert links, f"no link “{text}”"
    return build.output / links[0].lstrip("/")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("events/", "Sự kiện"),
        ("en/events/", "Events"),
        ("ja/events/", "イベント"),
        ("destinations/", "Điểm đến"),
        ("en/destinations/", "Destinations"),
        ("ja/destinations/", "観光地"),
    ],
)
def test_lists_exist_in_vietnamese_english_and_japanese(events_build: Build, path: str, heading: str) -> None:
    root = html(events_build, path)
    assert heading in root.xpath("//h1")[0].text_content()
    assert root.xpath("//table//tbody/tr/th/a")


def test_event_page_shows_vietnam_time_and_links_its_ics(events_build: Build) -> None:
    root = html(events_build, "en/events/test-conference/")
    sheet = " ".join(root.xpath('//section[contains(@class, "event-lead")]')[0].text_content().split())
    assert "Thursday, July 10, 2025 8:00 – 11:30 AM (Vietnam Time, GMT+07:00)" in sheet
    assert "Cancelled: this event will not take place." in sheet
    ics = href(events_build, root, "Add to calendar")
    assert ics.name == "test-conference.ics" and ics.is_file()
    assert root.xpath('//head/link[@rel="alternate"][@type="text/calendar"]')


def test_ics_holds_the_right_instant_for_icalendar_and_vobject(events_build: Build) -> None:
    root = html(events_build, "ja/events/test-conference/")
    data = href(events_build, root, ".ics").read_bytes()
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start.astimezone(TOKYO).hour == 10 and start.astimezone(TOKYO).minute == 0
    assert event.decoded("dtend").astimezone(dt.UTC) == dt.datetime(2025, 7, 10, 4, 30, tzinfo=dt.UTC)
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == "テスト会議"
    assert str(event["uid"]).startswith("test-conference@")
    # DTSTAMP is the item's Modified, not the build's clock: incremental builds equal cold ones.
    assert event.decoded("dtstamp") == dt.datetime(2025, 3, 5, 3, 30, tzinfo=dt.UTC)  # 10:30 at +07:00
    assert b"BEGIN:VTIMEZONE" in data and b"TZID=Asia/Ho_Chi_Minh" in data
    other = vobject.readOne(data.decode("utf-8")).vevent
    assert other.dtstart.value.astimezone(TOKYO) == dt.datetime(2025, 7, 10, 10, 0, tzinfo=TOKYO)
    assert other.status.value == "CANCELLED"


def test_language_calendar_lists_every_event_as_days_or_times(events_build: Build) -> None:
    root = html(events_build, "en/events/")
    data = href(events_build, root, "Calendar of all events").read_bytes()
    events = {str(e["uid"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert {"test-conference", "khai-ha-muong-bi-2023", "khai-ha-muong-bi-2026"} <= set(events)
    festival = events["khai-ha-muong-bi-2023"]  # three days, the 6th–8th of the first lunar month
    assert festival.decoded("dtstart") == dt.date(2023, 1, 27)
    assert festival.decoded("dtend") == dt.date(2023, 1, 30)  # exclusive
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vevent_list) == len(events)


def test_upcoming_events_come_first_then_past_ones(events_build: Build) -> None:
    root = html(events_build, "en/events/")
    rows = [" ".join(r.text_content().split()) for r in root.xpath("//table//tbody/tr")]
    divider = rows.index("Past events")
    upcoming, past = rows[:divider], rows[divider + 1 :]
    assert [r.split(" ")[0] for r in upcoming][:1] == ["Test"]  # 10 July 2025 is the soonest
    assert any("2026" in r for r in upcoming)
    assert any("2023" in r for r in past) and not any("Test conference" in r for r in past)


def test_destination_page_shows_its_category_and_map_link(events_build: Build) -> None:
    root = html(events_build, "ja/destinations/mai-chau/")
    sheet = " ".join(root.xpath('//section[contains(@class, "fact-sheet")]')[0].text_content().split())
    assert "コミュニティ・ツーリズム" in sheet
    osm = [a.get("href") for a in root.iter("a") if "openstreetmap.org" in (a.get("href") or "")]
    assert osm and "mlat=20.66" in osm[0]
