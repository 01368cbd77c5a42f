"""Galleries (issue 14): the photo list and its texts per language read by line, bad input named at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

from model.findings import Finding
from model.types import COLLECTIONS, TYPES

from tests.conftest import ROOT
from tests.model.test_collections import findings, write

PHOTO = ROOT / "content/galleries/muong-patterns/diamond-band.jpg"

SOURCE = """
Title: Bộ ảnh thử
Date: 2025-01-02
Photos:
    one.jpg | Nguyễn Văn A
    two.jpg | quangba | illustration
    three.jpg | Ban tổ chức | rank: 1 | author: Trần B | work: Mùa vàng
Photo_alt:
    one.jpg: Ruộng bậc thang
    two.jpg: Hình minh họa hoa văn
    three.jpg: Lúa chín
Photo_captions:
    one.jpg: Buổi sáng
Source: a test

Nội dung.
"""

TRANSLATION = """
Title: Test gallery
Photo_alt:
    one.jpg: Terraced fields
    two.jpg: Illustration of patterns
    three.jpg: Ripe rice
Photo_captions:
    one.jpg: Morning

Text.
"""


def gallery(tmp_path: Path, source: str = SOURCE, translation: str | None = TRANSLATION) -> list[Finding]:
    """Write a gallery with its three photo files and validate it."""
    folder = tmp_path / "galleries/test"
    write(folder / "index.vi.md", source)
    if translation is not None:
        write(folder / "index.en.md", translation)
    for name in ("one.jpg", "two.jpg", "three.jpg"):
        shutil.copyfile(PHOTO, folder / name)
    return findings(tmp_path, "galleries/test")


def rules(found: list[Finding]) -> list[tuple[str, int | None]]:
    return sorted((f.rule, f.line) for f in found)


def test_gallery_is_a_declared_collection_with_a_photo_list_and_texts_per_language() -> None:
    ctype = TYPES["gallery"]
    assert COLLECTIONS["galleries"] is ctype
    assert ctype.field("photos").kind == "photos" and ctype.field("photos").neutral
    assert ctype.field("photos").required
    assert ctype.field("photo_alt").kind == "photo-texts" and not ctype.field("photo_alt").neutral
    assert ctype.field("photo_alt").required_if == "Photos"
    assert TYPES["destination"].field("gallery").target == "gallery"


def test_a_good_gallery_has_no_findings(tmp_path: Path) -> None:
    assert gallery(tmp_path) == []


def test_a_missing_photo_file_is_named_at_its_line_with_the_nearest_name(tmp_path: Path) -> None:
    found = gallery(tmp_path, SOURCE.replace("    two.jpg | quangba", "    tow.jpg | quangba"))
    missing = [f for f in found if f.rule == "gallery.missing-photo"]
    assert [(f.line, f.level.value) for f in missing] == [(5, "error")]
    assert "tow.jpg" in missing[0].message and "two.jpg" in (missing[0].hint or "")
    assert missing[0].path.name == "index.vi.md"


def test_a_photo_without_alt_text_in_a_published_translation_is_an_error(tmp_path: Path) -> None:
    found = gallery(tmp_path, translation=TRANSLATION.replace("    two.jpg: Illustration of patterns\n", ""))
    assert rules(found) == [("gallery.missing-alt", 2)]
    assert found[0].path.name == "index.en.md" and "two.jpg" in found[0].message
    assert "Photo_alt:" in (found[0].hint or "")


def test_a_draft_translation_needs_no_alt_text_yet(tmp_path: Path) -> None:
    draft = "Title: Test gallery\nStatus: draft\n\nText.\n"
    assert gallery(tmp_path, translation=draft) == []


def test_a_translation_without_photo_alt_is_named_once_per_photo(tmp_path: Path) -> None:
    found = gallery(tmp_path, translation="Title: Test gallery\n\nText.\n")
    assert rules(found) == [("gallery.missing-alt", 1)] * 3


def test_source_lines_that_cannot_be_read_are_named(tmp_path: Path) -> None:
    text = SOURCE.replace("    one.jpg | Nguyễn Văn A", "    one.jpg").replace("rank: 1", "rank: first")
    text = text.replace("    three.jpg: Lúa chín", "    three.jpg: Lúa chín\n    four.jpg: Không có")
    found = gallery(tmp_path, text)
    assert ("gallery.bad-photo", 4) in rules(found)  # no credit
    assert ("gallery.bad-photo", 6) in rules(found)  # rank not a number
    assert ("gallery.bad-photo", 11) in rules(found)  # a text for no photo
    assert any("rank “first”" in f.message for f in found)
    superscript = gallery(
        tmp_path / "b", SOURCE.replace("rank: 1", "rank: ²")
    )  # a digit to isdigit(), not to int()
    assert [(f.rule, f.line) for f in superscript] == [("gallery.bad-photo", 6)]


def test_an_unknown_gallery_on_a_destination_names_the_existing_ones(tmp_path: Path) -> None:
    gallery(tmp_path)
    write(
        tmp_path / "destinations/place/index.vi.md",
        "Title: Điểm\nDate: 2025-01-02\nCategory: nature\nCoordinates: 20.66, 105.08\n"
        "Gallery: tset\nSource: a test\n\nNội dung.\n",
    )
    found = findings(tmp_path, "destinations/place")
    assert [(f.rule, f.line) for f in found] == [("metadata.unknown-reference", 5)]
    assert "test" in (found[0].hint or "")


def test_a_changed_alt_text_in_the_source_changes_the_hash_translations_record(tmp_path: Path) -> None:
    from model import validate
    from model.sources import ContentTree

    gallery(tmp_path)
    before = validate.source_hash(ContentTree(tmp_path).bundle("galleries/test").doc("vi"))
    write(
        tmp_path / "galleries/test/index.vi.md",
        SOURCE.replace("Ruộng bậc thang", "Ruộng bậc thang ở Mai Châu"),
    )
    after = validate.source_hash(ContentTree(tmp_path).bundle("galleries/test").doc("vi"))
    assert before != after


def test_any_photo_line_is_read_or_named_never_an_exception() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from model.photos import read_photo

    parts = st.sampled_from(
        ["a.jpg", "", " ", "|", ":", "rank", "rank: 1", "rank: ²", "illustration", "work: x"]
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(parts, st.text(max_size=8)), max_size=6))
    def read(pieces: list[str]) -> None:
        photo, problem = read_photo(3, "|".join(pieces))
        assert (photo is None) != (problem is None)
        if photo is not None:
            assert photo.credit and (photo.rank is None or photo.rank >= 1)

    read()
