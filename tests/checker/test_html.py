"""HTML rule: raw HTML that nh3 would change, found by rendering with the site's Markdown config."""

from __future__ import annotations

import pytest

from .conftest import SOURCE, Project

VI = "culture/khai-ha/index.vi.md"


def body(text: str) -> str:
    return SOURCE + "\n" + text + "\n"


@pytest.mark.parametrize(
    ("markdown", "what"),
    [
        ("<script>alert(1)</script>", "<script> is not allowed"),
        ('<a href="#" onclick="steal()">Xem</a>', "event handler onclick"),
        ("[Xem](javascript:alert(1))", "javascript: URL"),
        (
            '<iframe src="https://evil.example/embed"></iframe>',
            "evil.example, which is not in CHECKER_IFRAME_HOSTS",
        ),
        ('![Ảnh lễ hội](photo.jpg){: onerror="x()" }', "event handler onerror"),
        ('<p style="position:fixed;top:0">Quảng cáo</p>', "attribute style= is not allowed on <p>"),
        ('<table><tr><td style="position:fixed">x</td></tr></table>', "only text-align"),
        ("<form action='https://x.example/'><input name=q></form>", "<form> is not allowed"),
    ],
)
def test_unsafe_html(project: Project, markdown: str, what: str) -> None:
    project.story(vi=body(markdown))
    result = project.check()
    found = [f for f in result.findings if f.rule == "html.unsafe"]
    assert found, "expected html.unsafe"
    assert {(project.rel(f), f.line) for f in found} == {(VI, 9)}
    assert any(what in f.message for f in found), [f.message for f in found]


@pytest.mark.parametrize(
    "markdown",
    [
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Lễ hội" allowfullscreen></iframe>',
        "| Năm | Khách |\n|:--|--:|\n| 2024 | 3,5 triệu |",
        "Chú thích[^1].\n\n[^1]: Nguồn: Sở VHTTDL.",
        "<figure><img src='photo.jpg' alt='Chiêng'><figcaption>Chiêng Mường</figcaption></figure>",
        '<abbr title="Ủy ban nhân dân">UBND</abbr> và <kbd>Ctrl</kbd>',
        "## Tiêu đề {: #tieu-de .lead }",
        "Xem <https://hoabinh.gov.vn> hoặc [email](mailto:a@hoabinh.gov.vn).",
        "<!-- ghi chú của biên tập viên -->",
    ],
)
def test_markdown_output_and_allowed_embeds_pass(project: Project, markdown: str) -> None:
    folder = project.story(vi=body(markdown))
    (folder / "photo.jpg").write_bytes(b"")
    assert project.hits("html.unsafe") == []


def test_iframe_hosts_come_from_settings(project: Project) -> None:
    project.story(vi=body('<iframe src="https://maps.example.org/embed?x=1"></iframe>'))
    assert project.hits("html.unsafe") == [(VI, 9)]
    assert project.hits("html.unsafe", CHECKER_IFRAME_HOSTS=["maps.example.org/embed"]) == []


def test_iframe_host_must_match_the_path_prefix(project: Project) -> None:
    project.story(vi=body('<iframe src="https://www.youtube.com/watch?v=abc"></iframe>'))
    assert project.hits("html.unsafe") == [(VI, 9)]
