"""Reviewed exceptions: a named false positive accepted for one file, logged; a real marking never."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from .conftest import SOURCE, Project
from .files import make_xlsx
from .test_plugin import settings, site_for

VI = "culture/khai-ha/index.vi.md"
CLASSIFIED = "confidential.classified-marking"
INTERNAL = "confidential.internal-marking"
REVIEW = '    reason: "the name of a music group"\n    reviewed_by: "Nguyễn Văn An"\n    date: 2025-03-01\n'


def body(text: str) -> str:
    return SOURCE + "\n" + text + "\n"


def exceptions(project: Project, *entries: str) -> None:
    text = "exceptions:\n" + "".join(entries)
    project.write("culture/khai-ha/.checker-exceptions.yml", text)


def entry(rule: str, phrase: str, file: str = "index.vi.md", review: str = REVIEW) -> str:
    return f"  - file: {file}\n    rule: {rule}\n    phrase: {phrase!r}\n" + review


def rules(project: Project) -> list[tuple[str, str, int | None]]:
    result = project.check()
    return sorted((f.rule, project.rel(f), f.line) for f in result.findings if f.rule != "links.broken")


def test_an_accepted_false_positive_is_logged(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    project.story(vi=body("Nhóm nhạc MẬT biểu diễn ở Mai Châu; hội thảo DỰ THẢO MỚI."))
    assert rules(project) == [(CLASSIFIED, VI, 9), (INTERNAL, VI, 9)]
    exceptions(project, entry(CLASSIFIED, "Nhóm nhạc MẬT"), entry(INTERNAL, "hội thảo dự thảo mới"))
    with caplog.at_level(logging.WARNING, logger="checker.exceptions"):
        assert rules(project) == []
    logged = [r.getMessage() for r in caplog.records if r.name == "checker.exceptions"]
    assert len(logged) == 2
    assert logged[0].startswith("content/culture/khai-ha/index.vi.md:9: accepted exception for [")
    assert "reviewed by Nguyễn Văn An on 2025-03-01" in logged[0]


def test_an_exception_holds_for_its_file_and_phrase_only(project: Project) -> None:
    project.story(
        vi=body("Nhóm nhạc MẬT biểu diễn.\n\nBan nhạc MẬT lên sân khấu."),
        en="Title: Khai hạ\n\nNhóm nhạc MẬT sings.\n",
    )
    exceptions(project, entry(CLASSIFIED, "Nhóm nhạc MẬT"))
    assert rules(project) == [(CLASSIFIED, "culture/khai-ha/index.en.md", 3), (CLASSIFIED, VI, 11)]


@pytest.mark.parametrize(
    "text",
    [
        "TUYỆT MẬT",  # several words
        "Độ mật: Mật",  # the stamp's label
        "Tài liệu MẬT",  # after a cue
        "Kế hoạch (MẬT)",  # in brackets
    ],
)
def test_a_real_marking_is_never_excepted(project: Project, text: str) -> None:
    project.story(vi=body(text))
    exceptions(project, entry(CLASSIFIED, text))
    assert rules(project) == [
        ("confidential.classified-marking", VI, 9),
        ("exceptions.invalid", "culture/khai-ha/.checker-exceptions.yml", 2),
    ]


def test_a_stamp_line_is_not_excepted_by_a_longer_phrase(project: Project) -> None:
    project.story(vi=body("**Mật**"))
    exceptions(project, entry(CLASSIFIED, "**Mật**"))
    found = rules(project)
    assert (CLASSIFIED, VI, 9) in found


def test_a_marking_in_an_attachment_is_never_excepted(project: Project) -> None:
    folder = project.story()
    make_xlsx(folder / "data.xlsx", [["Nhóm nhạc MẬT"]])
    exceptions(project, entry(CLASSIFIED, "Nhóm nhạc MẬT", file="data.xlsx"))
    assert (CLASSIFIED, "culture/khai-ha/data.xlsx", None) in rules(project)


def test_personal_data_in_an_attachment_can_be_excepted(project: Project) -> None:
    folder = project.story(vi=body("[Danh bạ lễ hội](contacts.txt)"))  # published: linked
    (folder / "contacts.txt").write_text("Tổng đài lễ hội: 0912 345 678\n", encoding="utf-8")
    assert ("pii.phone", "culture/khai-ha/contacts.txt", None) in rules(project)
    exceptions(project, entry("pii.phone", "Tổng đài lễ hội: 0912 345 678", file="contacts.txt"))
    assert rules(project) == []


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (entry(INTERNAL, "DỰ THẢO MỚI", review='    reason: "x"\n'), "lacks reviewed_by, date"),
        (entry("links.broken", "x"), "cannot be excepted"),
        (entry(INTERNAL, "DỰ THẢO MỚI", file="../other/index.vi.md"), "is not a file of this story"),
        (entry(INTERNAL, "DỰ THẢO MỚI", review=REVIEW.replace("2025-03-01", "01/03/2025")), "not YYYY-MM-DD"),
        ("  - just a string\n", "must be a mapping"),
    ],
)
def test_invalid_entries_are_errors(project: Project, written: str, problem: str) -> None:
    project.story(vi=body("Hội thảo DỰ THẢO MỚI."))
    exceptions(project, written)
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "exceptions.invalid"]
    assert (project.rel(f), f.line, f.level) == ("culture/khai-ha/.checker-exceptions.yml", 2, "error")
    assert problem in f.message
    assert [f.rule for f in result.findings if f.rule.startswith("confidential")] == [INTERNAL]


def test_an_unused_exception_is_a_warning(project: Project) -> None:
    project.story()
    exceptions(project, entry(INTERNAL, "hội thảo dự thảo mới"))
    assert rules(project) == [("exceptions.unused", "culture/khai-ha/.checker-exceptions.yml", 2)]


def test_the_build_applies_the_same_exceptions(project: Project) -> None:
    from checker.receivers import check_stories

    project.story(vi=body("Nhóm nhạc MẬT biểu diễn."))
    exceptions(project, entry(CLASSIFIED, "Nhóm nhạc MẬT"))
    site = site_for(project)
    check_stories(SimpleNamespace(settings=settings(project, CHECKER_CACHE=False)), site=site)
    assert [f.rule for f in site.findings if f.rule.startswith(("confidential", "exceptions"))] == []
