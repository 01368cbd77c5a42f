"""A well-formed story passes every rule: the base every failing fixture departs from."""

from __future__ import annotations

from .conftest import Project


def test_clean_story_has_no_findings(project: Project) -> None:
    project.story()
    result = project.check()
    assert result.findings == []
    assert result.files == 2
