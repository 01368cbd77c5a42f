"""Confidentiality rules: markings in titles, bodies, file names, PDF and DOCX text."""

from __future__ import annotations

import pytest
from checker.settings import ConfigError

from .conftest import SOURCE, Project
from .files import make_docx, make_pdf

VI = "culture/khai-ha/index.vi.md"
CLASSIFIED = "confidential.classified-marking"
INTERNAL = "confidential.internal-marking"


def body(text: str) -> str:
    return SOURCE + "\n" + text + "\n"


@pytest.mark.parametrize(
    "text",
    [
        "TUYỆT MẬT",
        "Văn bản TỐI MẬT số 12",
        "Độ mật: MẬT",
        "**Mật**",
        "Tài liệu MẬT, không phổ biến",
        "TÀI LIỆU THU HỒI",
        "Tài liệu thu hồi",
        "Chỉ người có tên mới được bóc bì",
        "This file is TOP SECRET.",
        "CONFIDENTIAL",
        "Marked SECRET by the ministry",
    ],
)
def test_classification_marking_in_body(project: Project, text: str) -> None:
    project.story(vi=body(text))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == CLASSIFIED]
    assert (project.rel(f), f.line, f.level) == (VI, 9, "error")


@pytest.mark.parametrize(
    "text",
    [
        "Mật ong rừng Hòa Bình là đặc sản.",
        "## BÍ MẬT CỦA NGƯỜI MƯỜNG",
        "MẬT ONG RỪNG",
        "MẬT ĐỘ DÂN SỐ",
        "Mật độ dân số thấp; quan hệ mật thiết.",
        "Hồ sơ thu hồi đất: tài liệu thu hồi đất đã công khai.",
        "The secret of the Mường gongs; a confidential tone.",
        "THE SECRET GARDEN",
    ],
)
def test_ordinary_words_are_not_markings(project: Project, text: str) -> None:
    project.story(vi=body(text))
    assert project.hits(CLASSIFIED) == []


def test_marking_in_title(project: Project) -> None:
    project.story(vi=SOURCE.replace("Title: Lễ hội Khai hạ", "Title: Kế hoạch 186 (MẬT)"))
    assert project.hits(CLASSIFIED) == [(VI, 1)]


def test_a_one_word_title_is_a_heading_not_a_stamp(project: Project) -> None:
    project.story(vi=SOURCE.replace("Title: Lễ hội Khai hạ", "Title: Secret"))
    assert project.hits(CLASSIFIED) == []
    project.story(vi=SOURCE.replace("Title: Lễ hội Khai hạ", "Title: TUYỆT MẬT"))
    assert project.hits(CLASSIFIED) == [(VI, 1)]


def test_marking_in_file_and_folder_names(project: Project) -> None:
    folder = project.story("news/bao-cao-toi-mat")
    (folder / "ke-hoach-TUYET-MAT.jpg").write_bytes(b"")
    (folder / "mat-ong.jpg").write_bytes(b"")
    (folder / "confidential_report.txt").write_bytes(b"")
    hits = sorted(project.hits(CLASSIFIED))
    assert hits == [
        ("news/bao-cao-toi-mat", None),
        ("news/bao-cao-toi-mat/confidential_report.txt", None),
        ("news/bao-cao-toi-mat/ke-hoach-TUYET-MAT.jpg", None),
    ]


def test_marking_inside_an_attached_pdf(project: Project) -> None:
    folder = project.story()
    make_pdf(folder / "plan.pdf", ["Plan 186", "TOP SECRET"])
    result = project.check()
    [f] = [f for f in result.findings if f.rule == CLASSIFIED]
    assert project.rel(f) == "culture/khai-ha/plan.pdf"
    assert f.message.startswith("page 1:")


def test_marking_in_the_header_of_an_attached_docx(project: Project) -> None:
    folder = project.story()
    make_docx(folder / "plan.docx", ["Kế hoạch"], header="TỐI MẬT")
    assert project.hits(CLASSIFIED) == [("culture/khai-ha/plan.docx", None)]


def test_clean_attachments_pass(project: Project) -> None:
    folder = project.story()
    make_pdf(folder / "plan.pdf", ["Plan 186 on foreign information"])
    make_docx(folder / "plan.docx", ["Kế hoạch thông tin đối ngoại"])
    assert project.hits(CLASSIFIED) == []
    assert project.hits(INTERNAL) == []


def test_classification_cannot_be_overridden(project: Project) -> None:
    with pytest.raises(ConfigError, match="cannot be overridden"):
        project.config(CHECKER_LEVELS={CLASSIFIED: "warning"})


@pytest.mark.parametrize("text", ["LƯU HÀNH NỘI BỘ", "Dự thảo", "*(Dự thảo)*", "Báo cáo — DỰ THẢO lần 2"])
def test_internal_markings_are_warnings(project: Project, text: str) -> None:
    project.story(vi=body(text))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == INTERNAL]
    assert (project.rel(f), f.line, f.level) == (VI, 9, "warning")


def test_draft_law_in_prose_is_not_a_marking(project: Project) -> None:
    project.story(
        vi=body("Tỉnh góp ý dự thảo Luật Đất đai. Dự thảo được công bố; tài liệu lưu hành nội bộ trước đây.")
    )
    assert project.hits(INTERNAL) == []


def test_internal_marking_in_docx(project: Project) -> None:
    folder = project.story()
    make_docx(folder / "du-thao-ke-hoach.docx", ["Nội dung"], header="Lưu hành nội bộ")
    hits = sorted(project.hits(INTERNAL))
    assert hits == [("culture/khai-ha/du-thao-ke-hoach.docx", None)] * 2


def test_word_lists_come_from_settings(project: Project) -> None:
    project.story(vi=body("HẠN CHẾ"))
    assert project.hits(INTERNAL) == []
    assert project.hits(INTERNAL, CHECKER_INTERNAL_MARKINGS=["Hạn chế"]) == [(VI, 9)]
