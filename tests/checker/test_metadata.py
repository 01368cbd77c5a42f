"""Metadata rules: fields, dates, language codes, registries, summary, slug, values."""

from __future__ import annotations

import pytest

from .conftest import SOURCE, TRANSLATION, Project

VI = "culture/khai-ha/index.vi.md"
EN = "culture/khai-ha/index.en.md"


def test_missing_title_and_date_in_source(project: Project) -> None:
    project.story(vi="Summary: x\n\nBody.\n")
    assert project.hits("metadata.missing-field") == [(VI, 1), (VI, 1)]


def test_empty_title_names_its_line(project: Project) -> None:
    project.story(en="Summary: x\nTitle:\n\nBody.\n")
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "metadata.missing-field"]
    assert (project.rel(f), f.line) == (EN, 2)
    assert "empty" in f.message


def test_translation_needs_no_date(project: Project) -> None:
    project.story()
    assert project.hits("metadata.missing-field") == []


def test_required_fields_are_configurable(project: Project) -> None:
    project.story()
    hits = project.hits(
        "metadata.missing-field",
        CHECKER_REQUIRED_FIELDS={"source": ["title", "date", "cover"], "translation": ["title"]},
    )
    assert hits == [(VI, 1)]


def test_unknown_field(project: Project) -> None:
    project.story(vi=SOURCE.replace("Tags:", "Tag:"))
    assert project.hits("metadata.unknown-field") == [(VI, 4)]
    assert project.hits("metadata.unknown-field", CHECKER_EXTRA_FIELDS=["tag"]) == []


@pytest.mark.parametrize("value", ["15/02/2024", "2024-02-30", "2024-02-15 9h", "hôm nay"])
def test_bad_date(project: Project, value: str) -> None:
    project.story(vi=SOURCE.replace("2024-02-14 08:00", value))
    assert project.hits("metadata.bad-date") == [(VI, 2)]


@pytest.mark.parametrize(
    "value", ["2024-02-15", "2024-02-15 09:00", "2024-02-15T09:00+07:00", "2024-02-15T02:00Z"]
)
def test_good_dates(project: Project, value: str) -> None:
    project.story(vi=SOURCE.replace("2024-02-14 08:00", value))
    assert project.hits("metadata.bad-date") == []


def test_modified_before_date(project: Project) -> None:
    project.story(vi=SOURCE.replace("Summary:", "Modified: 2024-01-01\nSummary:"))
    assert project.hits("metadata.modified-before-date") == [(VI, 3)]
    project.story(vi=SOURCE.replace("Summary:", "Modified: 2024-03-01\nSummary:"))
    assert project.hits("metadata.modified-before-date") == []


@pytest.mark.parametrize(("code", "right"), [("vn", "vi"), ("cn", "zh"), ("jp", "ja"), ("kr", "ko")])
def test_country_codes_are_rejected_with_the_language_code(project: Project, code: str, right: str) -> None:
    project.story(en=None)
    project.write(f"culture/khai-ha/index.{code}.md", TRANSLATION)
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "metadata.bad-language"]
    assert project.rel(f) == f"culture/khai-ha/index.{code}.md"
    assert f"index.{right}.md" in f.hint


def test_invalid_and_unconfigured_language_codes(project: Project) -> None:
    project.story()
    project.write("culture/khai-ha/index.xx-yy-.md", TRANSLATION)
    project.write("culture/khai-ha/index.de.md", TRANSLATION)
    result = project.check()
    found = {project.rel(f): f.message for f in result.findings if f.rule == "metadata.bad-language"}
    assert "not a valid BCP 47" in found["culture/khai-ha/index.xx-yy-.md"]
    assert "not configured" in found["culture/khai-ha/index.de.md"]
    assert len(found) == 2


def test_lang_field_contradicting_file_name(project: Project) -> None:
    project.story(en="Lang: vn\n" + TRANSLATION)
    assert project.hits("metadata.bad-language") == [(EN, 1)]


def test_unknown_tag_and_tag_names(project: Project) -> None:
    project.story(vi=SOURCE.replace("Tags: le-hoi", "Tags: le-hoi, Người Mường, Festivals, bong-da"))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "metadata.unknown-tag"]
    assert (project.rel(f), f.line) == (VI, 4)
    assert "bong-da" in f.message


def test_unknown_agency(project: Project) -> None:
    project.story(vi=SOURCE.replace("so-vhttdl", "so-khong-co"))
    assert project.hits("metadata.unknown-agency") == [(VI, 5)]


def test_agency_not_valid_on_date_points_to_successor(project: Project) -> None:
    project.story(vi=SOURCE.replace("2024-02-14 08:00", "2025-08-01"))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "metadata.agency-not-valid"]
    assert (project.rel(f), f.line) == (VI, 5)
    assert "so-vhttdl-phu-tho" in f.hint


def test_agency_valid_on_its_last_day_in_local_time(project: Project) -> None:
    # 2025-06-30 23:30 in Vietnam is 16:30 UTC: still 30 June locally.
    project.story(vi=SOURCE.replace("2024-02-14 08:00", "2025-06-30T16:30+00:00"))
    assert project.hits("metadata.agency-not-valid") == []


def test_owner_may_publish(project: Project) -> None:
    project.story(vi=SOURCE.replace("so-vhttdl", "ubnd-hoa-binh"))
    assert project.hits("metadata.unknown-agency") == []


def test_summary_too_long(project: Project) -> None:
    project.story(vi=SOURCE.replace("Lễ hội đầu năm của người Mường.", "x" * 301))
    assert project.hits("metadata.summary-too-long") == [(VI, 3)]
    assert project.hits("metadata.summary-too-long", CHECKER_SUMMARY_MAX=400) == []


def test_summary_limit_per_language(project: Project) -> None:
    project.story(en=None)
    project.write("culture/khai-ha/index.ja.md", "Title: カイハー\nSummary: " + "祭" * 160 + "\n\n本文。\n")
    assert project.hits("metadata.summary-too-long") == [("culture/khai-ha/index.ja.md", 2)]


def test_bad_folder_slug_and_slug_field(project: Project) -> None:
    project.story("culture/Khai_Ha")
    project.story("culture/khai-ha", en="Slug: Khai Ha\n" + TRANSLATION)
    result = project.check()
    found = sorted((project.rel(f), f.line) for f in result.findings if f.rule == "metadata.bad-slug")
    assert found == [("culture/Khai_Ha", None), (EN, 1)]


def test_good_slug(project: Project) -> None:
    project.story(en="Slug: khai-ha-festival\n" + TRANSLATION)
    assert project.hits("metadata.bad-slug") == []


def test_bad_status_and_cover_focus(project: Project) -> None:
    project.story(vi=SOURCE.replace("Agency:", "Status: pending\nCover_focus: 1.5,0.2\nAgency:"))
    assert project.hits("metadata.bad-value") == [(VI, 5), (VI, 6)]
    project.story(vi=SOURCE.replace("Agency:", "Status: hidden\nCover_focus: 0.5,0.2\nAgency:"))
    assert project.hits("metadata.bad-value") == []


def test_translation_setting_a_neutral_field(project: Project) -> None:
    project.story(en=TRANSLATION.replace("Summary:", "Agency: so-vhttdl\nSummary:"))
    assert project.hits("metadata.inherited-field") == [(EN, 2)]
    project.story()
    assert project.hits("metadata.inherited-field") == []
