"""Fold text before matching: NFKC, no zero-width characters, look-alike letters, tone marks.

A folded line keeps, for every character, the index of the character it came
from, so a finding still names the column an editor sees.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the
# subset that spells Vietnamese and English markings).
_LOOKALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Ԁ": "D",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "һ": "h", "ԁ": "d", "ӏ": "l",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "α": "a", "ι": "i", "ν": "v",
    "ρ": "p", "υ": "u",
    # Latin look-alikes: eth for Đ, dotless i, script a, long s
    "Ð": "Đ", "ð": "đ", "ı": "i", "ɑ": "a", "ſ": "s",
}  # fmt: skip
CONFUSABLES = str.maketrans(_LOOKALIKES)
# Vietnamese tone marks (the five tones); the letters' own marks (â ê ô ơ ư ă đ) stay.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Characters that need the slow path: combining marks, format (zero-width)
# characters, Cyrillic and Greek, compatibility forms (fullwidth, ligatures).
SPECIAL_RE = re.compile(
    "[\u0300-\u036f\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufe00-\ufe0f\uff00-\uffef\ufb00-\ufb4f\u2100-\u218f\u2460-\u24ff"
    "\u00d0\u00f0\u0131\u0251\u017f\U0001d400-\U0001d7ff]"
)


@lru_cache(maxsize=4096)
def _strip(char: str, keep_letter_marks: bool) -> str:
    """Return a character without its tone marks (or without any mark), or itself."""
    if char.isascii():
        return char
    base = unicodedata.normalize("NFD", char)
    kept = "".join(
        c for c in base if not unicodedata.combining(c) or (keep_letter_marks and c not in TONE_MARKS)
    )
    if not keep_letter_marks:
        kept = kept.replace("đ", "d").replace("Đ", "D")
    out = unicodedata.normalize("NFC", kept)
    return out if len(out) == 1 else char


def strip_tones(char: str) -> str:
    """Return a letter without its tone mark: ậ → â."""
    return _strip(char, True)


def strip_marks(char: str) -> str:
    """Return a letter without any mark: ậ → a, đ → d."""
    return _strip(char, False)


@dataclass(frozen=True)
class Folded:
    """A line folded for matching, and where each of its characters came from."""

    original: str
    text: str  # NFKC, no format characters, look-alikes mapped, marks composed
    origin: tuple[int, ...] | None  # index in `original` of each character; None: the same

    @property
    def ascii(self) -> str:
        """Return the text without any diacritic (one character for one), for searching."""
        return _ascii(self.text)

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Folded:
        """Return the text with each match replaced, each new character mapped to the match's start."""
        matches = list(pattern.finditer(self.text))
        if not matches:
            return self
        origin = self.origin if self.origin is not None else tuple(range(len(self.text)))
        chars: list[str] = []
        where: list[int] = []
        last = 0
        for m in matches:
            chars.append(self.text[last : m.start()])
            where.extend(origin[last : m.start()])
            new = replace(m)
            chars.append(new)
            where.extend([origin[m.start()]] * len(new))
            last = m.end()
        if last == 0:
            return self
        chars.append(self.text[last:])
        where.extend(origin[last:])
        return Folded(self.original, "".join(chars), tuple(where))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span of a folded span."""
        if self.origin is None:
            return start, end
        if start >= len(self.origin):
            return len(self.original), len(self.original)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


class _AsciiTable(dict[int, str]):
    """str.translate's table for _ascii, filled as characters are met (one character for one)."""

    def __missing__(self, ordinal: int) -> str:
        self[ordinal] = strip_marks(chr(ordinal))
        return self[ordinal]


# A pure function's memo (what a character folds to never changes): translate
# runs in C, where the per-character generator took a third of a whole check.
_ASCII_TABLE = _AsciiTable()


@lru_cache(maxsize=8192)
def _ascii(text: str) -> str:
    if text.isascii():
        return text
    return text.translate(_ASCII_TABLE)


# Letters that NFKD does not take to ASCII but `fold` does: look-alikes, đ.
_LOOKALIKE_RE = re.compile("[\u0370-\u052f\u00d0\u00f0\u0131\u0251\u017f]")
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))


def squash(line: str) -> str:
    """Return a line's unmarked ASCII letters only, lower case: a prefilter for matching `fold`'s text.

    Every ASCII letter that `fold(line).ascii` holds is here, in order, with
    nothing between (NFKD takes full-width and mathematical letters to ASCII;
    look-alikes are mapped first; other scripts drop out). All in C: folding
    each line the exact way took a third of a whole-folder check.
    """
    if not line.isascii():
        if _LOOKALIKE_RE.search(line):
            line = line.translate(CONFUSABLES)
        line = unicodedata.normalize("NFKD", line.replace("đ", "d").replace("Đ", "D"))
    return line.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS).lower().decode("ascii")


_NOT_ASCII_LETTERS_OR_NEWLINE = _NOT_ASCII_LETTERS.replace(b"\n", b"")


def squash_lines(lines: list[str]) -> list[str]:
    """Return each line's `squash`, all lines squashed in one pass.

    A newline has no compatibility form, is no letter and never reorders with
    a mark, so squashing the joined text keeps the lines apart exactly.
    """
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:
        return [squash(line) for line in lines]  # a line holds a newline itself
    if not text.isascii():
        if _LOOKALIKE_RE.search(text):
            text = text.translate(CONFUSABLES)  # a no-op on a line without look-alikes
        text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    squashed = text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS_OR_NEWLINE)
    return squashed.lower().decode("ascii").split("\n")


def lines_matching(pattern: re.Pattern[str], lines: list[str]) -> list[int]:
    """Return the indexes of the lines a pattern finds a match in, searching their joined text.

    The pattern must match no newline: then a match lies in one line. After a
    match the search goes on at the next line, so a line costs one match at most.
    """
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:
        return [i for i, line in enumerate(lines) if pattern.search(line)]  # a line holds a newline
    out: list[int] = []
    index = pos = 0
    while (m := pattern.search(text, pos)) is not None:
        index += text.count("\n", pos, m.start())
        out.append(index)
        pos = text.find("\n", m.start()) + 1
        if pos == 0:
            break
        index += 1
    return out


def fold(line: str) -> Folded:
    """Fold one line: NFKC, zero-width and format characters removed, look-alikes mapped, NFC."""
    if line.isascii() or not SPECIAL_RE.search(line):
        if unicodedata.is_normalized("NFC", line):
            return Folded(line, line, None)
    # Most special lines (Chinese with a full-width comma) fold one character
    # for one, whatever the characters around: then translate, in C, gives
    # the same text the per-character loop would.
    for char in set(line):
        if _ONE_FOR_ONE[char] is None:
            return _fold_slowly(line)
    return Folded(line, line.translate(_ONE_FOR_ONE_TABLE), None)


def _fold_slowly(line: str) -> Folded:
    """Fold one line character by character, keeping where each folded character came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(line):
        for part in unicodedata.normalize("NFKD", char):
            if _dropped(part):
                continue
            part = part.translate(CONFUSABLES)
            if unicodedata.combining(part) and chars:
                # Compose with the letter before (an accent printed apart from its letter).
                composed = unicodedata.normalize("NFC", chars[-1] + part)
                if len(composed) == 1:
                    chars[-1] = composed
                    continue
            chars.append(part)
            origin.append(index)
    return Folded(line, "".join(chars), tuple(origin))


def _fold_alone(char: str) -> str | None:
    """Return the one character `_fold_slowly` makes of a character wherever it stands, or None.

    None when the result depends on the character before (its first kept part
    is a combining mark, composed onto that character) or is not one character.
    """
    kept = [p for p in unicodedata.normalize("NFKD", char) if not _dropped(p)]
    if not kept or unicodedata.combining(kept[0]):
        return None
    folded = _fold_slowly(char).text
    return folded if len(folded) == 1 else None


def _dropped(part: str) -> bool:
    """Say whether folding drops a character: format (zero-width) characters, variation selectors."""
    return unicodedata.category(part) == "Cf" or "\ufe00" <= part <= "\ufe0f"


class _OneForOne(dict[str, "str | None"]):
    """Memo of `_fold_alone`, filled as characters are met."""

    def __missing__(self, char: str) -> str | None:
        folded = self[char] = _fold_alone(char)
        if folded is not None:
            _ONE_FOR_ONE_TABLE[ord(char)] = folded
        return folded


# Pure functions' memos (what a character folds to never changes).
_ONE_FOR_ONE = _OneForOne()
_ONE_FOR_ONE_TABLE: dict[int, str] = {}


# Spacing accents that PDF text extraction gives for the combining ones.
SPACING_ACCENTS = str.maketrans(
    {"\u02c6": "\u0302", "\u02dc": "\u0303", "\u00b4": "\u0301", "\u02cb": "\u0300", "\u02c0": "\u0309"}
)
SPACE_BEFORE_MARK_RE = re.compile(r"[ \t]+(?=[\u0300-\u036f])")


def rejoin_marks(text: str) -> str:
    """Rejoin accents that text extraction printed apart from their letters (E ̂ → Ê)."""
    text = text.translate(SPACING_ACCENTS)
    return unicodedata.normalize("NFC", SPACE_BEFORE_MARK_RE.sub("", text))


def slug_tokens(name: str) -> list[str]:
    """Fold a name to ASCII slug words (đ → d), as slugs and file names are written."""
    return [t for t in re.split(r"[^a-z0-9]+", unidecode(name).lower()) if t]


# HTML that can split a marking's letters in a Markdown line: tags and character references.
TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,80}>")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def without_html(folded: Folded) -> Folded:
    """Return a folded line without HTML tags, character references read (M&#7852;T → MẬT)."""
    if "<" in folded.text:
        folded = folded.sub(TAG_RE, lambda m: "")
    if "&" in folded.text:
        folded = folded.sub(ENTITY_RE, lambda m: _entity(m.group(0)))
        if COMBINING_RE.search(folded.text):
            folded = folded.sub(MARKED_RE, lambda m: _compose(m.group(0)))
    return folded


COMBINING_RE = re.compile("[\u0300-\u036f]")
MARKED_RE = re.compile("[^\u0300-\u036f][\u0300-\u036f]+")


def _compose(text: str) -> str:
    composed = unicodedata.normalize("NFC", text)
    return composed if len(composed) == 1 else text


def _entity(ref: str) -> str:
    char = html.unescape(ref)
    return unicodedata.normalize("NFC", char).translate(CONFUSABLES) if len(char) == 1 else ref
