"""Link rules: http://, private targets, a missing cover.

Whether a link inside the site leads anywhere is the engine's to judge, on the
rendered bodies: tests/multilang/test_links.py.
"""

from __future__ import annotations

import pytest

from .conftest import SOURCE, Project

VI = "culture/khai-ha/index.vi.md"


def body(text: str) -> str:
    return SOURCE + "\n" + text + "\n"


def test_link_to_story_that_exists_in_another_language(project: Project) -> None:
    project.story("news/plan-186", vi=None)
    project.story(vi=body("Xem [kế hoạch](../../news/plan-186/index.vi.md#muc-2)."))
    assert project.hits("links.broken") == []


def test_existing_files_folders_and_external_links_pass(project: Project) -> None:
    folder = project.story(
        vi=body(
            "![Chiêng](photo%20one.jpg) [PDF](plan.pdf) [story](../khai-ha/) [top](#y-nghia) "
            "[site](/en/culture/) [mail](mailto:a@hoabinh.gov.vn) `[code](nowhere.md)`"
        )
    )
    (folder / "photo one.jpg").write_bytes(b"")
    (folder / "plan.pdf").write_bytes(b"")
    assert project.hits("links.broken") == []


def test_missing_cover(project: Project) -> None:
    project.story(vi=SOURCE.replace("Agency:", "Cover: cover.jpg\nCover_alt: Chiêng\nAgency:"), en=None)
    assert project.hits("links.broken") == [(VI, 5)]


def test_insecure_http_is_a_warning(project: Project) -> None:
    project.story(vi=body("[Cổng](http://hoabinh.gov.vn) and [ok](https://hoabinh.gov.vn)"))
    result = project.check()
    found = [(project.rel(f), f.line, f.level) for f in result.findings if f.rule == "links.insecure-http"]
    assert found == [(VI, 9, "warning")]


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:8000/",
        "https://127.0.0.1/",
        "http://10.1.2.3/tai-lieu",
        "https://172.20.0.5/",
        "https://192.168.1.10/share",
        "https://fileserver.local/x.pdf",
        "http://intranet/",
        "file:///C:/Users/bientap/ke-hoach.docx",
        "https://[::1]/",
    ],
)
def test_private_targets_are_errors(project: Project, target: str) -> None:
    project.story(vi=body(f"[tài liệu]({target})"))
    result = project.check()
    found = [f for f in result.findings if f.rule.startswith("links.")]
    assert [(f.rule, project.rel(f), f.line) for f in found] == [("links.private-target", VI, 9)]


def test_public_addresses_pass(project: Project) -> None:
    project.story(vi=body("[a](https://8.8.8.8/) [b](https://172.32.0.1/) [c](https://hoabinh.gov.vn/)"))
    assert [f.rule for f in project.check().findings if f.rule.startswith("links.")] == []
