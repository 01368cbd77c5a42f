"""Structure rules: files outside story folders, unknown sections."""

from __future__ import annotations

from .conftest import LANGUAGES, Project


def test_markdown_not_named_index_lang(project: Project) -> None:
    project.story()
    project.write("culture/khai-ha/notes.md", "Ghi chú\n")
    project.write("culture/loose.md", "Title: x\n")
    assert project.hits("structure.bad-path") == [
        ("culture/khai-ha/notes.md", None),
        ("culture/loose.md", None),
    ]


def test_story_files_are_in_place(project: Project) -> None:
    project.story()
    project.write("culture/khai-ha/photo.jpg", b"")
    assert project.hits("structure.bad-path") == []


def test_unknown_section(project: Project) -> None:
    project.story("sports/bong-da")
    assert project.hits("structure.unknown-section") == [("sports/bong-da/index.en.md", 1)]
    sports = {"sports": {code: {"name": "Sports", "slug": "sports"} for code in LANGUAGES}}
    assert project.hits("structure.unknown-section", MULTILANG_SECTIONS=sports) == []
