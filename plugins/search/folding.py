"""Write đ so that the index finds it from d, and the original can be restored; keep katakana words whole."""

from __future__ import annotations

import re

# Pagefind folds tone marks and other combining marks (hòa, hoà, hoa all match)
# but not đ, which Unicode treats as a letter of its own, not d plus a mark.
# Written as d + COMBINING SHORT STROKE OVERLAY, đ becomes "d with a mark": the
# index then matches it to d like any other diacritic, still ranks an exact đ
# above a plain d, and the search page turns it back into đ for display.
# themes/quangba/static/js/search.js applies the same rule to queries.
STROKE = "\u0335"


def fold_stroke(text: str) -> str:
    """Return text with đ/Đ written as d/D plus a combining stroke."""
    # Two replaces: str.translate to multi-character strings is ten times slower.
    return text.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def unfold_stroke(text: str) -> str:
    """Return text with every d/D plus combining stroke turned back into đ/Đ."""
    return text.replace("d" + STROKE, "đ").replace("D" + STROKE, "Đ")


# Japanese is split into words by the extended Pagefind binary's dictionary
# (Lindera, IPADIC), whose choice depends on the neighbouring text: in
# "ホアビンのムオン族" it cut the place name ホアビン (not in the dictionary)
# into pieces, so the query ホアビン, looked up as one word, missed the page.
# Foreign names are written in katakana: a zero-width space at each edge of a
# katakana run makes every run a word of its own, whatever surrounds it, and
# is invisible in excerpts. The search page splits queries at the same edges
# (with a space). The long vowel mark ー and the middle dot ・ belong to the run.
KATAKANA_EDGE = re.compile(
    r"(?<=[\u30a0-\u30ff\u31f0-\u31ff])(?=[^\u30a0-\u30ff\u31f0-\u31ff\s<\u200b])"
    r"|(?<=[^\u30a0-\u30ff\u31f0-\u31ff\s>\u200b])(?=[\u30a0-\u30ff\u31f0-\u31ff])"
)
ZWSP = "\u200b"


def split_katakana(text: str) -> str:
    """Return text with a zero-width space at each edge of a katakana run (for the index)."""
    return KATAKANA_EDGE.sub(ZWSP, text)
