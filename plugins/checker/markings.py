"""Find classification and circulation markings in a line of text (docs/checking.md, Confidentiality).

Text is folded first (fold.py). A marking is then found in one of these forms:

- `stamp`: the whole line is the marking, in any case, ignoring punctuation and
  Markdown decoration, optionally after the stamp's label (`Độ mật:`,
  `Classification:`) — but a Markdown heading of one word that is not in upper
  case (`## Secret`, `## Mật`) is a heading, not a stamp;
- `label`: after the stamp's label and a colon anywhere in the line, any case;
- `caps-phrase`: a marking of two or more words, in upper case, anywhere;
- `cue`, `brackets`: a one-word marking in upper case right after a word that
  names a document or a marking (`Tài liệu MẬT`, `marked SECRET`), or alone in
  brackets (`(MẬT)`);
- `caps-word`: a one-word marking with Vietnamese letters (`MẬT`), in upper case,
  not next to another upper-case word (`BÍ MẬT CỦA…` is a heading). English
  words (`SECRET`, `CONFIDENTIAL`) and markings written without diacritics are
  ordinary words in upper case (“the SECRET valley”, “kept CONFIDENTIAL”), so
  they need a cue, brackets, a label or a line of their own.

In every form a marking is not found inside an ordinary compound (`mật ong`,
`mật độ`, `bí mật`, `bảo mật`, `dự thảo luật`). Each letter must be the
marking's own, or the same letter written without its tone mark or without any
mark (`TUYET MAT`, `TUYÊT MÂT`), so `MẶT` (face) is not `MẬT`. Letters may be
spaced or hyphenated (`T-U-Y-Ệ-T`, `TUY Ệ T M Ậ T`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fold import Folded, fold, lines_matching, slug_tokens, squash, strip_marks, strip_tones, without_html

# What may separate the letters of a spaced or hyphenated marking.
SEP = r"[\s\-\u2010-\u2015.·•*_/|~+]{0,3}"
LETTER = r"[^\W\d_]"
# The security stamp's label (Decree 26/2020/NĐ-CP: "Độ mật"), folded to ASCII.
LABELS = ("do mat", "muc do mat", "classification", "security classification", "classified")
LABEL_RE = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + "|".join(p.replace(" ", r"\s+") for p in LABELS) + r")\s*[:：]\W*$"
)
# Words after which a one-word marking is a marking (folded to ASCII, lower case).
CUES = frozenset(
    {
        "tai lieu",
        "van ban",
        "ho so",
        "bao cao",
        "cong van",
        "ke hoach",
        "quyet dinh",
        "dau",
        "do mat",
        "muc",
        "marked",
        "marked as",
        "classified",
        "classified as",
        "stamped",
        "labelled",
        "labeled",
        "classification",
        "graded",
        "xep loai",
        "loai",
    }
)
# Ordinary compounds around a marking's first or last word (folded to ASCII):
# "mật ong" (honey), "mật độ" (density), "bí mật" (a secret), "dự thảo luật"…
AFTER = {
    "mat": frozenset(
        "ong do thiet khau ma ngot gau mia hoa tham bao vu uoc dam danh ngu lenh thu nghi tap cat".split()
    ),
    "thao": frozenset("luat nghi quyet thong chien ke bao van de phuong".split()),
}
BEFORE = {
    "mat": frozenset("bi bao co than kin do tuyet toi".split()),
}
WORDS_RE = re.compile(r"[^\W\d_]+")
BRACKETS = {"(": ")", "[": "]", "{": "}", "«": "»", "<": ">"}
# Forms a reviewed exception may accept (the others are real markings).
ACCEPTABLE_FORMS = frozenset({"caps-word"})


@dataclass(frozen=True)
class Hit:
    """A marking found in a line: where (in the original line), which entry, in which form."""

    start: int
    end: int
    entry: str
    form: str


@dataclass(frozen=True)
class _Entry:
    text: str
    letters: tuple[str, ...]  # casefolded letters of the marking
    words: tuple[str, ...]  # ASCII-folded lower-case words
    pattern: re.Pattern[str]
    key: str  # the letters without marks: in a line's `squash` wherever the entry matches

    @property
    def single(self) -> bool:
        return len(self.words) == 1

    @property
    def vietnamese(self) -> bool:
        return not "".join(self.letters).isascii()


def _entry(text: str) -> _Entry:
    folded = fold(text).text
    letters = tuple(c.casefold() for c in folded if c.isalpha())
    ascii_letters = [strip_marks(c) for c in letters]
    body = SEP.join(re.escape(c) for c in ascii_letters)
    pattern = re.compile(rf"(?i)(?<!{LETTER}){body}(?!{LETTER})")
    key = "".join(ascii_letters).casefold()
    return _Entry(text, letters, tuple(_words(fold(text).ascii)), pattern, key)


def _letters_match(written: str, wanted: tuple[str, ...]) -> bool:
    """Say whether each written letter is the wanted one, or it without tone mark or without any mark."""
    got = [c.casefold() for c in written if c.isalpha()]
    if len(got) != len(wanted):
        return False
    return all(g == w or g == strip_tones(w) or g == strip_marks(w) for g, w in zip(got, wanted, strict=True))


class MarkingMatcher:
    """Find the markings of one list (classification, or internal circulation) in lines of text."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        # Longest first, so "TOP SECRET" wins over "SECRET".
        self.entries = sorted((_entry(e) for e in entries if e.strip()), key=lambda e: -len(e.letters))
        # Each entry's slug words, spaced: " tuyet mat " is in " ho so tuyet mat 2024 "
        # exactly when the name's words hold the entry's words in a row.
        self.name_words: list[tuple[str, str]] = []
        for entry in entries:
            tokens = slug_tokens(entry)
            # Short single words ("mat") are ordinary words in slugs (mat-ong).
            if len(tokens) >= 2 or (tokens and len(tokens[0]) >= 6):
                self.name_words.append((entry, _spaced(tokens)))
        # An entry can match only where its letters follow each other once the
        # separators (and everything else but letters) are gone: one substring
        # test per entry spares the entries' patterns on most lines.
        self.keys = sorted({e.key for e in self.entries})
        # One pattern for all keys: the regex engine skips positions by their first letter.
        self._keys_re = re.compile("|".join(map(re.escape, self.keys))) if self.keys else None

    def find(self, text: str, heading: bool | None = None, squashed: str | None = None) -> list[Hit]:
        """Return the markings in one line of text (a Markdown heading when it starts with #).

        A line with HTML is read twice: as written (attribute values), and
        without tags and with character references read (`TUY<b>ỆT</b>`, `M&#7852;T`).
        `squashed` is the line's `squash`, when the caller has it already.
        """
        if squashed is None:
            squashed = squash(text)
        if "<" not in text and "&" not in text and not self.may_hold(squashed):
            # Most lines: no entry's letters follow each other in it, so no
            # entry can match; one C-speed translate spares folding the line.
            return []
        if heading is None:
            heading = text.lstrip().startswith("#")
        folded = fold(text)
        out = self._find(folded, heading)
        bare = without_html(folded)
        if bare is not folded:
            out += [
                h
                for h in self._find(bare, heading)
                if not any(o.start < h.end and h.start < o.end for o in out)
            ]
        return sorted(out, key=lambda h: h.start)

    def lines_holding(self, squashed: list[str]) -> set[int]:
        """Return the indexes of the squashed lines (fold.squash_lines) that can hold one of the entries.

        No entry's key holds a newline: one search over the joined lines finds them.
        """
        if self._keys_re is None:
            return set()
        return set(lines_matching(self._keys_re, squashed))

    def may_hold(self, squashed: str) -> bool:
        """Say whether a squashed text (fold.squash) can hold one of the entries at all."""
        return self._keys_re is not None and self._keys_re.search(squashed) is not None

    def _find(self, folded: Folded, heading: bool) -> list[Hit]:
        search = folded.ascii
        squashed = squash(search)
        hits: list[tuple[int, int, _Entry, str]] = []
        # Only the entries whose letters follow each other in the line can match.
        for entry in (e for e in self.entries if e.key in squashed):
            for m in entry.pattern.finditer(search):
                start, end = m.span()
                if any(s < end and start < e for s, e, _, _ in hits):
                    continue
                if not _letters_match(folded.text[start:end], entry.letters):
                    continue
                form = _form(folded, start, end, entry, heading)
                if form is not None:
                    hits.append((start, end, entry, form))
        out = []
        for start, end, entry, form in hits:
            s, e = folded.span(start, end)
            out.append(Hit(s, e, entry.text, form))
        return out

    def find_in_name(self, name: str) -> str | None:
        """Return the marking a file or folder name spells, if any."""
        words = _name_words(name)
        for entry, wanted in self.name_words:
            if wanted in words:
                return entry
        return None


def _spaced(tokens: list[str]) -> str:
    return " " + " ".join(tokens) + " "


@lru_cache(maxsize=4096)
def _name_words(name: str) -> str:
    """Return a name's slug words, spaced (both lists ask for each name: a pure function's memo)."""
    return _spaced(slug_tokens(name))


def _words(text: str) -> list[str]:
    return WORDS_RE.findall(text.lower())


def _form(folded: Folded, start: int, end: int, entry: _Entry, heading: bool) -> str | None:
    """Return the form in which a candidate is a marking, or None when it is an ordinary word."""
    search = folded.ascii
    if LABEL_RE.search(search[:start]):
        return "label"
    before, after = _words(search[:start]), _words(search[end:])
    if before and before[-1] in BEFORE.get(entry.words[0], ()) and entry.single:
        return None
    if after and after[0] in AFTER.get(entry.words[-1], ()):
        return None
    written = folded.text[start:end]
    upper = written.isupper()
    if not after and (not before or " ".join(before) in LABELS):
        if upper or not (heading and entry.single):
            return "stamp"
    if not upper:
        return None
    if not entry.single:
        return "caps-phrase"
    if " ".join(before[-2:]) in CUES or (before and before[-1] in CUES) or _cue_as(before):
        return "cue"
    opening = search[:start].rstrip()[-1:]
    closing = search[end:].lstrip()[:1]
    if opening in BRACKETS and BRACKETS[opening] == closing:
        return "brackets"
    if entry.vietnamese and not written.isascii() and not _in_caps_run(folded.text, start, end):
        return "caps-word"
    return None


def _cue_as(before: list[str]) -> bool:
    """Say whether the words end with a cue and "as"/"là" ("marked as", "được xếp loại là")."""
    return len(before) >= 2 and before[-1] in ("as", "la") and before[-2] in CUES


WORD_RE = re.compile(r"[^\W\d_]+")


def _in_caps_run(text: str, start: int, end: int) -> bool:
    before = WORD_RE.findall(text[:start])
    after = WORD_RE.findall(text[end:])
    return bool(before and before[-1].isupper()) or bool(after and after[0].isupper())
