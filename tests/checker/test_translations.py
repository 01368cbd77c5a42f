"""Translation rules: stale translations (dates or Source_hash), required pages."""

from __future__ import annotations

from checker.rules.translations import source_hash
from model.sources import Document

from .conftest import SOURCE, TRANSLATION, Project

EN = "culture/khai-ha/index.en.md"
MODIFIED_SOURCE = SOURCE.replace("Summary:", "Modified: 2024-05-02 10:00\nSummary:")


def test_translation_older_than_the_source_is_stale(project: Project) -> None:
    project.story(vi=MODIFIED_SOURCE)
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "translation.stale"]
    assert (project.rel(f), f.line, f.level) == (EN, 1, "warning")
    assert "2024-05-02 10:00" in f.message


def test_translation_modified_after_the_source_is_current(project: Project) -> None:
    project.story(vi=MODIFIED_SOURCE, en="Modified: 2024-05-03\n" + TRANSLATION)
    assert project.hits("translation.stale") == []


def test_translation_modified_before_the_source_names_its_line(project: Project) -> None:
    project.story(vi=MODIFIED_SOURCE, en=TRANSLATION.replace("Summary:", "Modified: 2024-04-01\nSummary:"))
    assert project.hits("translation.stale") == [(EN, 2)]


def test_translation_modified_before_the_source_was_published(project: Project) -> None:
    project.story(en=TRANSLATION.replace("Summary:", "Modified: 2024-01-10\nSummary:"))
    assert project.hits("translation.stale") == [(EN, 2)]


def test_source_hash_decides_over_dates(project: Project) -> None:
    folder = project.story(vi=MODIFIED_SOURCE)
    digest = source_hash(Document(folder / "index.vi.md", "vi", None))
    project.story(vi=MODIFIED_SOURCE, en=f"Source_hash: {digest[:12]}\n" + TRANSLATION)
    assert project.hits("translation.stale") == []
    project.write("culture/khai-ha/index.vi.md", MODIFIED_SOURCE + "\nMột đoạn mới.\n")
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "translation.stale"]
    assert (project.rel(f), f.line) == (EN, 1)
    assert digest[:12] in f.message


def test_source_hash_ignores_neutral_metadata(project: Project) -> None:
    folder = project.story()
    before = source_hash(Document(folder / "index.vi.md", "vi", None))
    project.story(vi=SOURCE.replace("Tags: le-hoi", "Tags: le-hoi, nguoi-muong"))
    assert source_hash(Document(folder / "index.vi.md", "vi", None)) == before


def test_missing_required_english_page(project: Project) -> None:
    pages = {"en": ["about", "contact"]}
    project.write("pages/about/index.vi.md", "Title: Giới thiệu\n\nNội dung.\n")
    project.write("pages/about/index.en.md", "Title: About\n\nText.\n")
    project.write("pages/contact/index.vi.md", "Title: Liên hệ\n\nNội dung.\n")
    assert project.hits("translation.missing-required-page", CHECKER_REQUIRED_PAGES=pages) == [
        ("pages/contact/index.en.md", None)
    ]
    project.write("pages/contact/index.en.md", "Title: Contact\n\nText.\n")
    assert project.hits("translation.missing-required-page", CHECKER_REQUIRED_PAGES=pages) == []


def test_required_pages_are_not_reported_when_checking_one_story(project: Project) -> None:
    folder = project.story()
    result = project.check([folder], CHECKER_REQUIRED_PAGES={"en": ["about"]})
    assert [f.rule for f in result.findings] == []
    result = project.check([project.content / "pages"], CHECKER_REQUIRED_PAGES={"en": ["about"]})
    assert [f.rule for f in result.findings] == ["translation.missing-required-page"]
