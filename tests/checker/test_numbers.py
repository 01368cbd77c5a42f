"""Number rule: decimal point instead of decimal comma in Vietnamese."""

from __future__ import annotations

import pytest

from .conftest import SOURCE, TRANSLATION, Project

VI = "culture/khai-ha/index.vi.md"


@pytest.mark.parametrize(
    "text", ["Vốn đầu tư 1.5 tỷ đồng.", "tăng 8.25% so với", "diện tích 4.6 nghìn km²", "gấp 2.5 lần"]
)
def test_decimal_point_in_vietnamese(project: Project, text: str) -> None:
    project.story(vi=SOURCE + "\n" + text + "\n")
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "numbers.decimal-separator"]
    assert (project.rel(f), f.line, f.level) == (VI, 9, "warning")
    assert "," in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Vốn 1,5 tỷ đồng.",
        "1.500 tỷ đồng",
        "Cách mạng công nghiệp 4.0 và chuyển đổi số",
        "ngày 15.2 tại",
        "`1.5 tỷ`",
    ],
)
def test_correct_vietnamese_numbers_pass(project: Project, text: str) -> None:
    project.story(vi=SOURCE + "\n" + text + "\n")
    assert project.hits("numbers.decimal-separator") == []


def test_english_uses_a_decimal_point(project: Project) -> None:
    project.story(en=TRANSLATION + "\nInvestment of VND 1.5 trillion (1.5 tỷ).\n")
    assert project.hits("numbers.decimal-separator") == []
