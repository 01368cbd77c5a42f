"""Hypothesis: `fold`'s one-for-one fast path gives exactly what the per-character loop gives."""

from __future__ import annotations

import unicodedata

from checker.fold import SPECIAL_RE, Folded, _fold_slowly, fold
from hypothesis import given, settings
from hypothesis import strategies as st

# Vietnamese letters (precomposed and decomposed), CJK and its full-width
# punctuation, full-width and mathematical letters, zero-width and format
# characters, variation selectors, combining marks (alone too), Cyrillic and
# Greek look-alikes, ligatures, characters whose first part is a combining mark
# (half-width katakana sound marks, Tibetan vowel signs), ASCII.
ALPHABET = st.sampled_from(
    list("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐậẬỆệờỜữỮ")
    + list("Hoa\u0300 Bi\u0300nh Mâ\u0323t")
    + list("和平省，。、：；！？（）「」〔〕芒族美食")
    + list("ＭＴＵＹ０１２，＠．（）［］｛｝\uff5e")
    + ["\U0001d40c", "\U0001d41a", "\u2163", "\u2460", "\u2122", "\u2103"]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u202a"]
    + ["\ufe0f", "\ufe00", "\u0300", "\u0301", "\u0302", "\u0303", "\u0309", "\u0323", "\u0344", "\u0340"]
    + list("АВЕМНОРСТаеорсхіјһԁӏΑΒΕΜΟΤορνυÐðıɑſ")
    + ["\ufb01", "\ufb02", "\ufb00", "\u0132", "\u01c4"]
    + ["\uff9e", "\uff9f", "\uff76", "カ", "\u0f73", "\u0f75", "\u0f40"]
    + list("az AZ09.,;:-@#<>&")
)
TEXT = st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=30))


def _old_fold(line: str) -> Folded:
    """Return what `fold` gave before its fast path: the ASCII/NFC shortcut, else the loop."""
    if line.isascii() or not SPECIAL_RE.search(line):
        if unicodedata.is_normalized("NFC", line):
            return Folded(line, line, None)
    return _fold_slowly(line)


def _origin(folded: Folded) -> tuple[int, ...]:
    """Return where each folded character came from, None spelt out (one for one)."""
    if folded.origin is None:
        assert len(folded.text) == len(folded.original)
        return tuple(range(len(folded.text)))
    return folded.origin


def _same(line: str) -> None:
    new, old = fold(line), _old_fold(line)
    assert new.original == old.original == line
    assert new.text == old.text
    assert _origin(new) == _origin(old)
    for start in range(len(new.text) + 1):
        for end in range(start, min(start + 4, len(new.text)) + 1):
            assert new.span(start, end) == old.span(start, end)


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_fold_is_the_per_character_loop(line: str) -> None:
    _same(line)


def test_chinese_with_full_width_punctuation_folds_one_for_one() -> None:
    line = "和平省，ＴＵＹỆＴ ＭẬＴ：０９１２"
    folded = fold(line)
    assert folded.text == "和平省,TUYỆT MẬT:0912"
    assert folded.origin is None  # the fast path: no map back needed
    _same(line)


def test_marks_that_join_the_character_before_take_the_loop() -> None:
    # ﾞ (half-width voiced mark) is U+3099 once folded: it joins カ into ガ,
    # so the line is one character shorter and needs a map back.
    for line in ("ｶﾞ，Mâ\u0323t", "ＭＡ\u0302\u0323Ｔ", "Ｍ\u200bẬＴ", "ﬁ，ﬂ", "\u0f40\u0f73，"):
        folded = fold(line)
        assert folded.origin is not None
        _same(line)
    assert fold("ｶﾞ，").text == "ガ,"
