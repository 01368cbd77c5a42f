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


# Forms that a second parser used to read differently from Python-Markdown: the
# sanitiser cleans what Markdown made, so each is removed and named at its line.
@pytest.mark.parametrize(
    ("markdown", "line", "what"),
    [
        ('<a href="&#106;avascript:alert(1)">Xem</a>', 9, "javascript: URL"),
        ('<a href="java&#9;script:alert(1)">Xem</a>', 9, "javascript: URL"),
        ('<a href="&#x6A;ava&#x09;script&colon;alert(1)">Xem</a>', 9, "javascript: URL"),
        ("[Xem](vbscript:msgbox(1))", 9, "vbscript: URL"),
        ("![Ảnh](data:image/png;base64,iVBORw0KGgo=)", 9, "data: URL"),
        ('<img srcset="data:image/png;base64,iVBORw0KGgo= 2x" alt="x">', 9, "data: URL"),
        ('- Mục\n\n    <a href="javascript:alert(1)">Xem</a>', 11, "javascript: URL"),
        ("```\nmã\n\n<script>alert(2)</script>", 12, "<script> is not allowed"),
        ("\\`<img src=x onerror=alert(1)>\\`", 9, "event handler onerror"),
        ("<style>body{display:none}</style>\n\nVăn bản.", 9, "<style> is not allowed"),
        ("<svg><a href='javascript:alert(1)'>x</a></svg>", 9, "<svg> is not allowed"),
        ('<img src="https://tracker.example/p.gif" alt="">', 9, "not in CHECKER_MEDIA_HOSTS"),
    ],
)
def test_what_the_sanitiser_removes_is_named_at_its_line(
    project: Project, markdown: str, line: int, what: str
) -> None:
    project.story(vi=body(markdown))
    found = [f for f in project.check().findings if f.rule == "html.unsafe"]
    assert found and {f.line for f in found} == {line}, [(f.line, f.message) for f in found]
    assert any(what in f.message for f in found), [f.message for f in found]
    assert all(f.level == "error" for f in found)


def test_style_element_is_a_named_error_with_a_fix(project: Project) -> None:
    project.story(vi=body("<style>p { color: red }</style>"))
    (finding,) = [f for f in project.check().findings if f.rule == "html.unsafe"]
    assert "<style> is not allowed" in finding.message
    assert "style sheet" in finding.hint


def test_each_removal_at_its_own_line(project: Project) -> None:
    text = "[Một](javascript:alert(1))\n\nĐoạn.\n\n[Hai](javascript:alert(1))\n\n<b onclick='x()'>Ba</b>"
    project.story(vi=body(text))
    assert sorted(project.hits("html.unsafe")) == [(VI, 9), (VI, 13), (VI, 15)]


def test_summary_is_sanitised_and_named_at_its_header_line(project: Project) -> None:
    source = SOURCE.replace(
        "Summary: Lễ hội đầu năm của người Mường.", "Summary: Lễ hội <img src=x onerror=alert(1)>"
    )
    project.story(vi=source)
    found = [f for f in project.check().findings if f.rule == "html.unsafe"]
    assert [(f.line, "Summary" in f.message) for f in found] == [(3, True)]


def test_a_story_the_engine_refuses_is_still_checked(project: Project) -> None:
    # An unknown field stops the engine reading the story; the rule still reads its body.
    project.story(vi=SOURCE.replace("Agency:", "Agenci: x\nAgency:") + "\n<script>x()</script>\n")
    assert (VI, 10) in project.hits("html.unsafe")


def test_media_hosts_come_from_settings(project: Project) -> None:
    project.story(vi=body('<img src="https://cdn.example.org/a.jpg" alt="Ảnh">'))
    assert project.hits("html.unsafe") == [(VI, 9)]
    assert project.hits("html.unsafe", CHECKER_MEDIA_HOSTS=["cdn.example.org"]) == []
