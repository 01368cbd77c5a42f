"""Encoding rules: UTF-8, BOM, NFC, Ð, U+0340/1, mojibake, tone placement."""

from __future__ import annotations

import unicodedata

from .conftest import SOURCE, Project

VI = "culture/khai-ha/index.vi.md"


def body(text: str) -> str:
    """Return the source story with `text` as its body's second paragraph (line 9)."""
    return SOURCE + "\n" + text + "\n"


def test_not_utf8_names_line_and_column(project: Project) -> None:
    project.story(vi=None)
    project.write(VI, SOURCE.encode() + "\nCà phê\n".encode("cp1258"))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "encoding.not-utf8"]
    assert (project.rel(f), f.line, f.column) == (VI, 9, 2)


def test_utf8_passes(project: Project) -> None:
    project.story(vi=body("Cà phê"))
    assert project.hits("encoding.not-utf8") == []


def test_bom(project: Project) -> None:
    project.story(vi=None)
    project.write(VI, b"\xef\xbb\xbf" + SOURCE.encode())
    assert project.hits("encoding.bom") == [(VI, 1)]
    project.write(VI, SOURCE.encode())
    assert project.hits("encoding.bom") == []


def test_not_nfc(project: Project) -> None:
    project.story(vi=body(unicodedata.normalize("NFD", "Lễ hội Mường")))
    assert project.hits("encoding.not-nfc") == [(VI, 9)]
    project.story(vi=body("Lễ hội Mường"))
    assert project.hits("encoding.not-nfc") == []


def test_eth_lookalike(project: Project) -> None:
    project.story(vi=body("Huyện \u00d0à Bắc"))
    assert project.hits("encoding.lookalike") == [(VI, 9)]
    project.story(vi=body("Huyện \u0110à Bắc"))
    assert project.hits("encoding.lookalike") == []


def test_deprecated_tone_marks(project: Project) -> None:
    project.story(vi=body("ca\u0341 va\u0340 cơm"))
    hits = project.hits("encoding.deprecated-tone-mark")
    assert hits == [(VI, 9), (VI, 9)]
    project.story(vi=body("cá và cơm"))
    assert project.hits("encoding.deprecated-tone-mark") == []


def test_mojibake_shows_the_repair(project: Project) -> None:
    project.story(vi=body("Ä‘Ã¡ mẠ và lá»™c"))
    result = project.check()
    found = [f for f in result.findings if f.rule == "encoding.mojibake"]
    assert [(project.rel(f), f.line) for f in found] == [(VI, 9)] * 3
    assert "“Ä‘” is “đ”" in found[0].message
    assert "“á»™” is “ộ”" in found[2].message


def test_french_and_vietnamese_letters_are_not_mojibake(project: Project) -> None:
    project.story(vi=body("Ôi, Âu Cơ! «ÉTÉ» Đà Bắc, Ấp Bắc"))
    assert project.hits("encoding.mojibake") == []


def test_tone_placement_against_old_house_style(project: Project) -> None:
    project.story(vi=body("Hoà Bình và thủy điện"))
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "encoding.tone-placement"]
    assert (project.rel(f), f.line, f.column) == (VI, 9, 1)
    assert "“Hòa”" in f.message
    assert f.level == "warning"


def test_tone_placement_new_house_style(project: Project) -> None:
    project.story(vi=body("Hoà Bình và thủy điện"))
    hits = project.hits("encoding.tone-placement", CHECKER_TONE_STYLE="new")
    assert hits == [(VI, 9)]


def test_tone_placement_without_house_style_flags_only_mixing(project: Project) -> None:
    project.story(vi=body("Hoà Bình, thuỷ điện, khoẻ mạnh"))
    assert project.hits("encoding.tone-placement", CHECKER_TONE_STYLE=None) == []
    project.story(vi=body("Hoà Bình, thuỷ điện, khỏe mạnh"))
    result = project.check(CHECKER_TONE_STYLE=None)
    [f] = [f for f in result.findings if f.rule == "encoding.tone-placement"]
    assert "“khỏe”" in f.message


def test_tone_placement_ignores_words_where_styles_agree(project: Project) -> None:
    project.story(vi=body("Hoàng hôn, quý khách, mùa thuyền, tuệ"))
    assert project.hits("encoding.tone-placement", CHECKER_TONE_STYLE="new") == []


def test_glossary_protects_names_and_flags_their_variants(project: Project) -> None:
    glossary = ["Nguyễn Thị Thuỷ"]
    project.story(vi=body("Bà Nguyễn Thị Thuỷ phát biểu."))
    assert project.hits("encoding.tone-placement", CHECKER_TONE_GLOSSARY=glossary) == []
    project.story(vi=body("Bà Nguyễn Thị Thủy phát biểu."))
    result = project.check(CHECKER_TONE_GLOSSARY=glossary)
    [f] = [f for f in result.findings if f.rule == "encoding.tone-placement"]
    assert (project.rel(f), f.line) == (VI, 9)
    assert "protected" in f.message


def test_tone_placement_checks_english_but_not_french(project: Project) -> None:
    project.story(en="Title: Hoà Bình\n\nIn Hoà Bình.\n")
    project.write("culture/khai-ha/index.fr.md", "Title: Hoà Bình\n\nIl a loué, joué.\n")
    hits = project.hits("encoding.tone-placement")
    assert hits == [("culture/khai-ha/index.en.md", 1), ("culture/khai-ha/index.en.md", 3)]
