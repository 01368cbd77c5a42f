"""The demo's cancelled event (Miền Đồi 2024): listed and marked cancelled, never on a home page."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from tests.conftest import ROOT, Build, run_pelican
from tests.multilang.conftest import soup

KEY = "mien-doi-terraced-fields-festival-2024"
# A build date before the festival's planned days (2-3 November 2024): the
# cancelled event is then upcoming, the one moment the home page could show it.
BEFORE = "2024-10-20"


@pytest.fixture(scope="module")
def before_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the demo as it was on 20 October 2024."""
    out = tmp_path_factory.mktemp("cancelled") / "output"
    build = run_pelican(ROOT / "content", out, overrides={"MULTILANG_BUILD_DATE": BEFORE})
    assert build.returncode == 0, build.log
    return build


def test_the_demo_event_is_written_as_cancelled() -> None:
    source = (ROOT / "content" / "events" / KEY / "index.vi.md").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in source.split("\n\n", 1)[0].splitlines())
    assert fields["Event_status"] == "cancelled"
    assert "Featured" not in fields
    assert "danviet.vn" in fields["Source"]  # the cancellation's public source is named


@pytest.mark.parametrize("prefix", ["", "en/", "ja/"])
def test_home_pages_leave_the_cancelled_event_out(before_build: Build, prefix: str) -> None:
    home = soup(before_build.page(prefix)).select_one("section.home-events")
    assert home is not None, prefix
    links = [a["href"] for a in home.select(".teaser-title a")]
    assert links, prefix  # other upcoming events are shown ...
    assert not any(KEY in href for href in links), links  # ... but not the cancelled one


@pytest.mark.parametrize(("prefix", "badge"), [("", "Hủy"), ("en/", "Cancelled"), ("ja/", "中止")])
def test_events_list_shows_it_upcoming_and_marked_cancelled(
    before_build: Build, prefix: str, badge: str
) -> None:
    page = soup(before_build.page(f"{prefix}events/"))
    upcoming = page.find("section", attrs={"aria-labelledby": "upcoming-title"})
    card = next(a for a in upcoming.select(".teaser-title a") if KEY in a["href"]).find_parent("article")
    assert card.select_one(".badge.event-cancelled").get_text(strip=True) == badge


def test_event_page_calendar_and_structured_data_say_cancelled(before_build: Build) -> None:
    folder = before_build.output / "en" / "events" / KEY
    calendar = icalendar.Calendar.from_ical((folder / f"{KEY}.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("DTSTART").isoformat() == "2024-11-02"
    page = soup(folder / "index.html")
    graph = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    events = [n for g in graph for n in g.get("@graph", [g]) if n.get("@type") == "Event"]
    assert [e["eventStatus"] for e in events] == ["https://schema.org/EventCancelled"]


def test_language_calendar_marks_it_cancelled(before_build: Build) -> None:
    path: Path = before_build.output / "ja" / "events" / "events-ja.ics"
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    statuses = {str(e["UID"]).split("@")[0]: str(e.get("STATUS", "")) for e in calendar.walk("VEVENT")}
    assert statuses[KEY] == "CANCELLED"
