"""Hypothesis: a document the whole-text test passes over holds no personal data in any line."""

from __future__ import annotations

from checker.rules.personal_data import Known, find_personal, may_hold_any
from hypothesis import given, settings
from hypothesis import strategies as st

KNOWN = Known(phones=frozenset(), emails=frozenset(), personal_domains=frozenset({"gmail.com"}))
# Pieces of personal data and of what folding turns into them: keywords in
# several scripts, digits of other scripts and circled ones, full-width forms,
# zero-width characters, separate accents, Hangul, addresses written with [at].
TOKENS = st.sampled_from(
    [
        "CCCD", "cmnd", "căn cước", "Citizen ID", "hộ chiếu", "Passport", "パスポート", "여권", "护照",
        "0912 345 678", "0912.345.678", "+84 912 345 678", "001 203 004 567", "B1234567", "12345",
        "2024-05-02", "①②③④⑤⑥⑦", "０９１２３４５６７８", "٣٣٣", "tuan", "[at]", "(dot)", "[a còng]",
        "gmail", "com", "@", "＠", ".", "-", " ", "，", "\u200b", "\u00ad", "e\u0301", "\u0323",
        "zalo.me/0912345678", "Ｃ Ｃ Ｃ Ｄ", "Һ", "İ", "Σ", "mật", "\n",
    ]
)  # fmt: skip
LINE = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(LINE, max_size=6))
def test_lines_with_personal_data_are_never_passed_over(lines: list[str]) -> None:
    if any(list(find_personal(line, KNOWN)) for line in lines):
        assert may_hold_any(lines)


def test_a_document_without_digits_or_addresses_is_passed_over() -> None:
    assert not may_hold_any(
        ["Title: Lễ hội Khai hạ", "Người Mường đón năm mới.", "Năm 2024, 350 nghìn khách."]
    )
    assert may_hold_any(["Liên hệ:", "Gọi 0912 345 678."])
    assert may_hold_any(["Hộ chiếu: B123456"])  # six digits: the keyword is what lets it through


def test_addresses_that_folding_or_brackets_make_are_not_passed_over() -> None:
    for line in ("Viết cho tuan [at] gmail [dot] com", "Viết cho tuan＠gmail.com"):
        assert [rule for rule, *_ in find_personal(line, KNOWN)] == ["pii.email"]
        assert may_hold_any(["Lời chào.", line])
