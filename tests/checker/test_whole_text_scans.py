"""Hypothesis: the text rules' whole-document searches pick exactly the lines the per-line tests pick."""

from __future__ import annotations

import re
import unicodedata
from types import SimpleNamespace

from checker.fold import lines_matching, slug_tokens, squash, squash_lines
from checker.markings import MarkingMatcher
from checker.rules import encoding
from checker.rules.personal_data import MAY_HOLD_RE
from checker.settings import DEFAULTS
from checker.textscan import DocScan
from hypothesis import given, settings
from hypothesis import strategies as st

LISTS = (tuple(DEFAULTS["CHECKER_CLASSIFIED_MARKINGS"]), tuple(DEFAULTS["CHECKER_INTERNAL_MARKINGS"]))
CLASSIFIED, INTERNAL = (MarkingMatcher(entries) for entries in LISTS)
# Letters of markings and tone pairs (toned and not, upper case too), look-alikes,
# full-width forms, marks, zero-width characters, digits of several scripts,
# mojibake, HTML, letters whose lower case is longer (İ) or depends on context (Σ).
ALPHABET = st.sampled_from(
    list("TUYỆẬMẶTtuyệậmặtđĐ oaòóỏõọạàáảãeèéẻẽẹuùúủũụyỳýỷỹỵOAÒÓỎÕỌUÙÚỦŨỤYỲÝ")
    + list("hHkKqQxX")
    + list("ТМАОСаосхÐðıſΑΟ")
    + list("ＴＭＵＹ０９＠，")
    + ["\u0300", "\u0301", "\u0302", "\u0323", "\u0340", "\u200b", "\ufeff", "\u00ad", "\ufe0f"]
    + list("0123456789٣۵०@[({")
    + list("Ã¡»Ä‘á»™")
    + list("<>&#;b")
    + ["İ", "Σ", "ß", "\n", "\u2028"]
)
LINE = st.text(ALPHABET, max_size=24)
LINES = st.lists(st.one_of(LINE, st.text(max_size=12)), max_size=8)


def _old_find_in_name(entries: tuple[str, ...], name: str) -> str | None:
    """Return the entry a name spells, as find_in_name did with token lists."""
    tokens = slug_tokens(name)
    for entry in entries:
        wanted = slug_tokens(entry)
        if not (len(wanted) >= 2 or (wanted and len(wanted[0]) >= 6)):
            continue
        n = len(wanted)
        if any(tokens[i : i + n] == wanted for i in range(len(tokens) - n + 1)):
            return entry
    return None


def _old_candidates(line: str) -> list[tuple[int, str]]:
    """Return `candidates` as found before TONED_PAIR_RE: every vowel pair, checked in Python."""
    low = line.lower()
    if len(low) != len(line):
        return []
    out = []
    for m in encoding.PAIR_RE.finditer(low):
        first, second = m.group(0)
        pair = encoding._PLAIN[first] + encoding._PLAIN[second]
        if pair not in encoding._VALID_PAIRS or (first in "ou" and second in "aey"):
            continue
        i, end = m.start(), m.end()
        if end < len(line) and line[end].isalpha():
            continue
        start = i
        while start > 0 and line[start - 1].isalpha() and i - start < 4:
            start -= 1
        if not (start > 0 and line[start - 1].isalpha()):
            out.append((start, line[start:end]))
    return out


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_squashing_all_lines_at_once_squashes_each_line(lines: list[str]) -> None:
    assert squash_lines(lines) == [squash(line) for line in lines]


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_lines_holding_a_marking_or_personal_data_are_the_lines_the_line_tests_pick(lines: list[str]) -> None:
    assert lines_matching(MAY_HOLD_RE, lines) == [
        i for i, line in enumerate(lines) if MAY_HOLD_RE.search(line)
    ]
    squashed = squash_lines(lines)
    for matcher in (CLASSIFIED, INTERNAL):
        assert matcher.lines_holding(squashed) == {i for i, s in enumerate(squashed) if matcher.may_hold(s)}


def test_a_pattern_that_matches_the_empty_string_holds_every_line() -> None:
    assert lines_matching(re.compile("x*"), ["", "ab", "", "x"]) == [0, 1, 2, 3]
    assert lines_matching(re.compile("mat"), ["mat mat", "", "tuyet", "xmat"]) == [0, 3]


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_tone_candidates_of_the_whole_text_are_each_line_s(lines: list[str]) -> None:
    for line in lines:
        assert encoding.candidates(line) == _old_candidates(line)
    expected = {i: found for i, line in enumerate(lines) if (found := _old_candidates(line))}
    assert encoding._candidates_by_line(lines) == expected


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_a_document_with_a_garbled_line_is_never_skipped(lines: list[str]) -> None:
    garbled = any(
        not line.isascii()
        and (
            not unicodedata.is_normalized("NFC", line)
            or encoding.LOOKALIKE in line
            or any(bad in line for bad in encoding.DEPRECATED_TONES)
            or encoding.find_mojibake(line)
        )
        for line in lines
        if "\n" not in line
    )
    if garbled:
        assert encoding._may_be_garbled("\n".join(lines))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["ho", "so", "tuyet", "mat", "toi", "Tuyệt", "MẬT", "noi", "bo", "2024", "-", " ", "_"]
        )
    )
)
def test_a_name_carries_a_marking_as_its_token_list_said(parts: list[str]) -> None:
    name = "".join(parts) + ".pdf"
    for entries, matcher in zip(LISTS, (CLASSIFIED, INTERNAL), strict=True):
        assert matcher.find_in_name(name) == _old_find_in_name(entries, name)


class _EveryLine(DocScan):
    """DocScan as it was: every prose line looked at."""

    def _lines(self, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
        return self.doc.prose_lines


MARKDOWN = st.lists(
    st.sampled_from(
        list("[]()!<>=:\"' /ab.x#")
        + ["img", "IMG", "İmg", "src", "alt", "href", "http", "[a]:", "](", "![", "[a][]", "<http:x>"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(MARKDOWN, max_size=6))
def test_links_and_images_are_those_of_every_line(texts: list[str]) -> None:
    doc = SimpleNamespace(prose_lines=[(i + 1, text) for i, text in enumerate(texts)])
    scan, every = DocScan(doc), _EveryLine(doc)  # type: ignore[arg-type]
    assert scan.links == every.links
    assert scan.images == every.images


def test_a_link_and_an_image_are_found_on_their_lines() -> None:
    doc = SimpleNamespace(
        prose_lines=[(1, "no link"), (2, "[a](b.md) and ![alt](c.jpg)"), (3, '<img src="d.png">')]
    )
    scan = DocScan(doc)  # type: ignore[arg-type]
    assert [(link.line, link.target) for link in scan.links] == [(2, "b.md"), (2, "c.jpg"), (3, "d.png")]
    assert [(image.line, image.target, image.alt) for image in scan.images] == [
        (2, "c.jpg", "alt"),
        (3, "d.png", None),
    ]
