"""Destinations and events (issue 14): declared like the other collections, bad input named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from model import config as cfg
from model.errors import ConfigError
from model.findings import Finding
from model.types import COLLECTIONS, TYPES

from tests.conftest import ROOT
from tests.model.test_collections import findings, settings, write

EVENT = """
Title: Hội chợ thử
Date: 2025-01-02
Start: 2025-03-10 08:00
End: 2025-03-12 17:00
Category: fair
Organiser: so-vhttdl
Venue_coordinates: 20.8133, 105.3383
Source: a test
Time_zone: Asia/Ho_Chi_Minh

Nội dung.
"""

DESTINATION = """
Title: Điểm thử
Date: 2025-01-02
Category: nature
Coordinates: 20.66, 105.08
Source: a test

Nội dung.
"""


def one(found: list[Finding], rule: str) -> Finding:
    """Return the single finding of a rule, failing with all of them otherwise."""
    hits = [f for f in found if f.rule == rule]
    assert len(hits) == 1, [f"{f.rule}: {f.message}" for f in found]
    return hits[0]


def event(tmp_path: Path, text: str) -> list[Finding]:
    write(tmp_path / "events/fair/index.vi.md", text)
    return findings(tmp_path, "events/fair")


def destination(tmp_path: Path, text: str) -> list[Finding]:
    write(tmp_path / "destinations/place/index.vi.md", text)
    return findings(tmp_path, "destinations/place")


def test_visit_types_are_declared_collections_with_their_vocabularies() -> None:
    assert COLLECTIONS["events"] is TYPES["event"] and COLLECTIONS["destinations"] is TYPES["destination"]
    assert TYPES["event"].order == "start"
    assert TYPES["event"].field("end").not_before == "Start"
    assert TYPES["destination"].field("coordinates").required
    site = cfg.build_site(settings())
    for name in ("destination-categories", "heritage-rankings", "event-categories", "event-statuses"):
        vocab = site.vocabularies[name]
        assert vocab.label(next(iter(vocab.terms)), "ja")
    assert set(site.vocabularies["event-statuses"].terms) == {
        "scheduled",
        "postponed",
        "rescheduled",
        "cancelled",
        "moved-online",
    }


def test_a_good_event_and_destination_have_no_findings(tmp_path: Path) -> None:
    assert event(tmp_path, EVENT) == []
    assert destination(tmp_path, DESTINATION) == []


def test_end_before_start_is_named_at_the_end_line(tmp_path: Path) -> None:
    found = one(
        event(tmp_path, EVENT.replace("End: 2025-03-12 17:00", "End: 2025-03-09 17:00")),
        "metadata.date-order",
    )
    assert found.line == 4 and "End 2025-03-09 17:00 is before Start 2025-03-10 08:00" in found.message
    assert found.path.name == "index.vi.md" and found.hint


def test_end_before_start_counts_offsets_and_time_zones(tmp_path: Path) -> None:
    # 09:00 in Bangkok (UTC+7) is 11:00 in Tokyo: after 10:00 Tokyo time, so End is fine…
    text = EVENT.replace("Start: 2025-03-10 08:00", "Start: 2025-03-10T10:00+09:00")
    assert event(tmp_path, text.replace("End: 2025-03-12 17:00", "End: 2025-03-10 09:00")) == []
    # …but 07:30 is 09:30 in Tokyo, before the start.
    found = event(tmp_path, text.replace("End: 2025-03-12 17:00", "End: 2025-03-10 07:30"))
    assert one(found, "metadata.date-order").line == 4


def test_all_day_events_and_mixed_forms(tmp_path: Path) -> None:
    days = EVENT.replace("2025-03-10 08:00", "2025-03-10").replace("2025-03-12 17:00", "2025-03-10")
    assert event(tmp_path, days.replace("Source:", "All_day: yes\nSource:")) == []
    mixed = EVENT.replace("2025-03-12 17:00", "2025-03-12")
    assert "both be days" in one(event(tmp_path, mixed), "metadata.bad-value").message
    timed = [f for f in event(tmp_path, EVENT.replace("Source:", "All_day: yes\nSource:"))]
    assert [(f.rule, f.line) for f in timed] == [("metadata.bad-value", 3), ("metadata.bad-value", 4)]
    assert "All_day: yes, but Start has a time" in timed[0].message


def test_unknown_organiser_suggests_the_nearest_id(tmp_path: Path) -> None:
    found = one(event(tmp_path, EVENT.replace("so-vhttdl", "so-vhtdl")), "metadata.unknown-agency")
    assert found.line == 6 and "so-vhttdl" in (found.hint or "")


def test_bad_time_zone_and_registration_address(tmp_path: Path) -> None:
    found = event(
        tmp_path,
        EVENT.replace("Time_zone: Asia/Ho_Chi_Minh", "Time_zone: Asia/Hanoi_City").replace(
            "Source:", "Registration: example.org/register\nSource:"
        ),
    )
    messages = [f.message for f in found if f.rule == "metadata.bad-value"]
    assert any("not an IANA time zone" in m for m in messages)
    assert any("not a web address" in m for m in messages)


def test_coordinates_outside_the_province_are_an_error(tmp_path: Path) -> None:
    saigon = DESTINATION.replace("20.66, 105.08", "10.78, 106.70")
    found = one(destination(tmp_path, saigon), "metadata.out-of-area")
    assert (
        found.line == 4
        and "outside the province" in found.message
        and "MULTILANG_BOUNDING_BOX" in found.message
    )
    venue = EVENT.replace("20.8133, 105.3383", "21.33, 103.91")  # Sơn La
    assert one(event(tmp_path, venue), "metadata.out-of-area").line == 7


def test_swapped_coordinates_say_latitude_comes_first(tmp_path: Path) -> None:
    found = destination(tmp_path, DESTINATION.replace("20.66, 105.08", "105.08, 20.66"))
    hints = [f.hint or "" for f in found if f.line == 4]
    assert any("Latitude comes first" in h for h in hints), found


def test_swapped_coordinates_inside_a_box_get_the_corrected_value(tmp_path: Path) -> None:
    box = [10.0, 20.0, 30.0, 40.0]  # latitudes 10–30, longitudes 20–40: swapped numbers fall inside
    write(tmp_path / "destinations/place/index.vi.md", DESTINATION.replace("20.66, 105.08", "35.5, 15.1"))
    found = one(findings(tmp_path, "destinations/place", MULTILANG_BOUNDING_BOX=box), "metadata.out-of-area")
    assert "Latitude comes first: write `15.1, 35.5`" in (found.hint or "")


def test_a_destination_without_coordinates_is_an_error(tmp_path: Path) -> None:
    found = destination(tmp_path, DESTINATION.replace("Coordinates: 20.66, 105.08\n", ""))
    assert any("Coordinates" in f.message for f in found if f.level.name.lower() == "error"), found


@pytest.mark.parametrize("box", [[21.1, 104.8, 20.3, 106.0], [20.3, 104.8, 21.1], "hoa-binh"])
def test_a_bad_bounding_box_setting_is_a_config_error(box: object) -> None:
    with pytest.raises(ConfigError, match="MULTILANG_BOUNDING_BOX"):
        cfg.build_site(settings(MULTILANG_BOUNDING_BOX=box))


def test_build_date_is_an_input(tmp_path: Path) -> None:
    assert str(cfg.build_site(settings(MULTILANG_BUILD_DATE="2025-06-01")).build_date) == "2025-06-01"
    with pytest.raises(ConfigError, match="MULTILANG_BUILD_DATE"):
        cfg.build_site(settings(MULTILANG_BUILD_DATE="01/06/2025"))


def test_demo_events_and_destinations_are_clean() -> None:
    site_content = ROOT / "content"
    for folder in ("events", "destinations"):
        for bundle in sorted((site_content / folder).iterdir()):
            assert findings(site_content, f"{folder}/{bundle.name}") == [], bundle


def test_a_cancelled_event_still_featured_is_a_warning_at_the_featured_line(tmp_path: Path) -> None:
    cancelled = EVENT.replace("Source:", "Event_status: cancelled\nFeatured: yes\nSource:")
    found = one(event(tmp_path, cancelled), "metadata.cancelled-featured")
    assert found.line == 9 and found.level.name.lower() == "warning" and found.hint
    assert "cancelled" in found.message and "Featured: yes" in found.message
    # Featured and on, or cancelled and not featured: nothing to say.
    assert event(tmp_path, EVENT.replace("Source:", "Featured: yes\nSource:")) == []
    assert event(tmp_path, EVENT.replace("Source:", "Event_status: cancelled\nSource:")) == []


def test_a_time_without_a_zone_is_read_as_vietnam_time_with_a_warning(tmp_path: Path) -> None:
    text = EVENT.replace("Time_zone: Asia/Ho_Chi_Minh\n", "")
    found = one(event(tmp_path, text), "metadata.implicit-time-zone")
    assert (
        found.level == "warning"
        and found.line == text.lstrip("\n").splitlines().index("Start: 2025-03-10 08:00") + 1
    )
    assert "Asia/Ho_Chi_Minh" in found.message and "Time_zone: Asia/Ho_Chi_Minh" in found.hint


@pytest.mark.parametrize(
    "when",
    [
        "Start: 2025-03-10 08:00\nEnd: 2025-03-12 17:00\nTime_zone: Asia/Ho_Chi_Minh",
        "Start: 2025-03-10T08:00+07:00\nEnd: 2025-03-12T17:00+07:00",
        "Start: 2025-03-10\nEnd: 2025-03-12",
    ],
)
def test_a_zone_an_offset_or_a_day_says_when_the_event_is(tmp_path: Path, when: str) -> None:
    old = "Start: 2025-03-10 08:00\nEnd: 2025-03-12 17:00"
    assert old in EVENT
    found = event(tmp_path, EVENT.replace("Time_zone: Asia/Ho_Chi_Minh\n", "").replace(old, when))
    assert not [f for f in found if f.rule == "metadata.implicit-time-zone"]
