"""Encoding rules: UTF-8, BOM, NFC, lookalikes, mojibake and Vietnamese tone placement."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Generator, Iterator
from functools import lru_cache

from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True

LOOKALIKE = "\u00d0"  # Ð, Icelandic eth; Vietnamese Đ is U+0110
DEPRECATED_TONES = {"\u0340": "\u0300", "\u0341": "\u0301"}


# --- mojibake: UTF-8 bytes decoded as Windows-1252 -------------------------
def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # undefined in cp1252: Windows passes it through as a C1 control


_CONTINUATION = "".join(_cp1252_char(b) for b in range(0x80, 0xC0))
_TO_BYTE = {_cp1252_char(b): b for b in range(0x80, 0x100)}
MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATION)}]{{1,3}}")


def _continuations(lead: str) -> int:
    b = ord(lead)
    return 1 if b < 0xE0 else 2 if b < 0xF0 else 3


def _plausible(decoded: str, nbytes: int) -> bool:
    """Say whether a repaired 2-byte sequence is a letter a writer would use."""
    if nbytes > 2:
        return True  # three cp1252 characters in a row like "á»™" are never meant
    cp = ord(decoded)
    return 0xA0 <= cp <= 0x24F or 0x300 <= cp <= 0x36F


def find_mojibake(line: str) -> list[tuple[int, str, str]]:
    """Return (column, garbled, repaired) for each mojibake sequence in a line."""
    out = []
    for m in MOJIBAKE_RE.finditer(line):
        n = _continuations(m.group(0)[0])
        garbled = m.group(0)[: n + 1]
        if len(garbled) != n + 1:
            continue
        try:
            repaired = bytes(_TO_BYTE[c] for c in garbled).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            continue
        if _plausible(repaired, n + 1):
            out.append((m.start() + 1, garbled, repaired))
    return out


# --- tone placement on oa / oe / uy --------------------------------------------
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
ONSETS = "ngh ng nh ch gh gi kh ph th tr b c d đ g h k l m n p r s t v x".split()
AMBIGUOUS_RE = re.compile(r"^(?:" + "|".join(ONSETS) + r")?(?:oa|oe|uy)$")
WORD_RE = re.compile(r"[^\W\d_]+")
# Only a word ending in o/u + a/e/y with a tone mark on one of the two can
# differ between old and new placement; find those pairs first (fast), then
# take the word around them.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "o": "òóỏõọ", "u": "ùúủũụ", "y": "ỳýỷỹỵ"}
# Vowel pairs that may carry the tone on either vowel: o+a, o+e, u+y. One
# character class per side is the fastest pattern for the regex engine; the
# exact pair and the presence of a tone mark are checked afterwards.
_PLAIN = {c: base for base, toned in _TONED.items() for c in toned + base}
PAIR_RE = re.compile(f"[{_TONED['o']}o{_TONED['u']}u][{_TONED['a']}a{_TONED['e']}e{_TONED['y']}y]")
_VALID_PAIRS = frozenset({"oa", "oe", "uy"})
# Only the pairs `candidates` keeps: o+a, o+e, u+y with a tone mark on either
# vowel. The two vowel sets do not overlap, so this finds exactly the pairs of
# PAIR_RE that pass its checks, without a Python step for every "oa" of "Hoa".
TONED_PAIR_RE = re.compile(
    f"[{_TONED['o']}][a{_TONED['a']}e{_TONED['e']}]|o[{_TONED['a']}{_TONED['e']}]"
    f"|[{_TONED['u']}][y{_TONED['y']}]|u[{_TONED['y']}]"
)


def candidates(line: str) -> list[tuple[int, str]]:
    """Return (start, word) for words whose tone placement may be old or new style."""
    low = line.lower()
    if len(low) != len(line):
        return []  # a letter whose lower case is longer (İ): not Vietnamese text
    return _candidates(line, low)


def _candidates(line: str, low: str) -> list[tuple[int, str]]:
    """Return `candidates` of a line whose lower case `low` is as long as the line."""
    out = []
    for m in TONED_PAIR_RE.finditer(low):
        first, second = m.group(0)
        if _PLAIN[first] + _PLAIN[second] not in _VALID_PAIRS or (first in "ou" and second in "aey"):
            continue  # another pair, or no tone mark on either vowel
        i, end = m.start(), m.end()
        if end < len(line) and line[end].isalpha():
            continue  # a final consonant or vowel follows: placement is fixed
        start = i
        while start > 0 and line[start - 1].isalpha() and i - start < 4:
            start -= 1
        if not (start > 0 and line[start - 1].isalpha()):
            out.append((start, line[start:end]))
    return out


def _candidates_by_line(lines: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Return `candidates` of the lines that have some, by line index, the whole text searched once."""
    whole = "\n".join(lines)
    low = whole.lower()
    if len(low) != len(whole) or whole.count("\n") != len(lines) - 1:
        # A line `candidates` skips (İ), or a line holding a newline: ask line by line.
        return {i: found for i, line in enumerate(lines) if (found := candidates(line))}
    # The newline is no letter and no vowel, so a word never spans it: each
    # candidate of the whole text is one line's, found as the line would find it.
    out: dict[int, list[tuple[int, str]]] = {}
    index = last = 0
    for start, word in _candidates(whole, low):  # in order: count the newlines since the last one
        index += whole.count("\n", last, start)
        last = start
        out.setdefault(index, []).append((start - whole.rfind("\n", 0, start) - 1, word))
    return out


@lru_cache(maxsize=8192)
def tone_style(word: str) -> tuple[str, str] | None:
    """Return ("old"|"new", the word spelt the other way) when the style is ambiguous."""
    if word.isascii() or len(word) > 5:
        return None
    clusters: list[str] = []
    tone_at = -1
    tone = ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONES:
            tone_at, tone = len(clusters) - 1, ch
        elif unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    if tone_at < 0:
        return None
    plain = unicodedata.normalize("NFC", "".join(clusters)).lower()
    if not AMBIGUOUS_RE.match(plain):
        return None
    first, second = len(clusters) - 2, len(clusters) - 1
    if tone_at not in (first, second):
        return None
    style = "old" if tone_at == first else "new"
    moved = first if tone_at == second else second
    respelled = [c + tone if i == moved else c for i, c in enumerate(clusters)]
    return style, unicodedata.normalize("NFC", "".join(respelled))


def _glossary_keys(glossary: tuple[str, ...]) -> dict[str, str]:
    """Map each protected spelling, with tone placement made uniform, to the spelling."""
    return {_uniform(entry): entry for entry in glossary}


def _uniform(text: str) -> str:
    words = []
    for w in text.split():
        st = tone_style(w)
        words.append((st[1] if st and st[0] == "new" else w).casefold())
    return " ".join(words)


def _glossary_findings(
    doc: Document, lineno: int, line: str, glossary: dict[str, str], sizes: list[int]
) -> Generator[Finding, None, set[int]]:
    """Report protected names spelt another way in one line; return where the line's protected words start."""
    words = list(WORD_RE.finditer(line))
    protected: set[int] = set()
    for size in sizes:
        for i in range(len(words) - size + 1):
            span = words[i : i + size]
            text = " ".join(w.group(0) for w in span)
            entry = glossary.get(_uniform(text))
            if entry is None:
                continue
            protected.update(range(i, i + size))
            if text.casefold() != entry.casefold():
                yield make(
                    "encoding.tone-placement",
                    doc.path,
                    lineno,
                    f"“{text}” is a protected name, spelt “{entry}”",
                    hint=f"Write “{entry}” (CHECKER_TONE_GLOSSARY).",
                    column=span[0].start() + 1,
                )
    return {words[i].start() for i in protected}


def _tone_findings(doc: Document, ctx: Context) -> Iterator[Finding]:
    house = ctx.config.tone_style
    glossary = _glossary_keys(ctx.config.tone_glossary)
    sizes = sorted({len(k.split()) for k in glossary}, reverse=True)
    hits: list[tuple[int, int, str, str, str]] = []  # line, col, word, style, other
    lines = [(f.line, f.value) for k, f in doc.fields.items() if k in ("title", "summary", "cover_alt")]
    lines += doc.prose_lines
    found = _candidates_by_line([line for _, line in lines])
    for index, (lineno, line) in enumerate(lines):
        starts: set[int] = set()
        if glossary:
            starts = yield from _glossary_findings(doc, lineno, line, glossary, sizes)
        for start, word in found.get(index, ()):
            if start in starts:
                continue
            st = tone_style(word)
            if st is not None:
                hits.append((lineno, start + 1, word, st[0], st[1]))
    if not hits:
        return
    if house is None:
        olds = sum(1 for h in hits if h[3] == "old")
        news = len(hits) - olds
        if not olds or not news:
            return
        wanted = "old" if olds >= news else "new"
    else:
        wanted = house
    for lineno, col, word, style, other in hits:
        if style != wanted:
            reason = (
                f"house style is {wanted} tone placement"
                if house
                else "this document mostly uses the other placement"
            )
            yield make(
                "encoding.tone-placement",
                doc.path,
                lineno,
                f"“{word}” has {style}-style tone placement; {reason}: write “{other}”",
                column=col,
            )


def check_doc(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Run the encoding rules on one document."""
    if doc.decode_error is not None:
        return  # model.validate reports it; the other rules would describe a wrong decoding
    if doc.has_bom:
        yield make("encoding.bom", doc.path, 1, "the file starts with a UTF-8 byte-order mark")
    if _may_be_garbled("\n".join(doc.lines)):
        yield from _line_findings(doc)
    if doc.lang in ctx.config.tone_langs:
        yield from _tone_findings(doc, ctx)


def _may_be_garbled(text: str) -> bool:
    """Say whether a text may hold a line `_line_findings` reports (the newline joins lines safely).

    A newline never composes nor reorders with its neighbours and no pattern
    spans it, so the whole text is NFC, free of Ð, of deprecated tone marks
    and of mojibake exactly when each of its lines is.
    """
    if text.isascii():
        return False
    return (
        not unicodedata.is_normalized("NFC", text)
        or LOOKALIKE in text
        or any(bad in text for bad in DEPRECATED_TONES)
        or MOJIBAKE_RE.search(text) is not None
    )


def _line_findings(doc: Document) -> Iterator[Finding]:
    """Report lines not in NFC, with a look-alike Đ, a deprecated tone mark or mojibake."""
    for lineno, line in enumerate(doc.lines, 1):
        if line.isascii():
            continue
        if not unicodedata.is_normalized("NFC", line):
            nfc = unicodedata.normalize("NFC", line)
            col = next((i for i, (a, b) in enumerate(zip(line, nfc, strict=False)) if a != b), 0)
            yield make(
                "encoding.not-nfc",
                doc.path,
                lineno,
                "text is not NFC (accents typed as separate combining characters)",
                column=col + 1,
            )
        col = line.find(LOOKALIKE)
        if col >= 0:
            yield make(
                "encoding.lookalike",
                doc.path,
                lineno,
                "“Ð” (U+00D0, Icelandic eth) is not the Vietnamese “Đ” (U+0110)",
                column=col + 1,
            )
        for bad, good in DEPRECATED_TONES.items():
            col = line.find(bad)
            if col >= 0:
                yield make(
                    "encoding.deprecated-tone-mark",
                    doc.path,
                    lineno,
                    f"deprecated tone mark U+{ord(bad):04X}; use U+{ord(good):04X}",
                    column=col + 1,
                )
        for col, garbled, repaired in find_mojibake(line):
            yield make(
                "encoding.mojibake",
                doc.path,
                lineno,
                f"“{garbled}” is “{repaired}” garbled by a wrong encoding (UTF-8 read as Windows-1252)",
                hint=f"Replace “{garbled}” with “{repaired}”, or copy the text again from the original.",
                column=col,
            )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the encoding rules on every version of a bundle."""
    for doc in bundle.docs():
        yield from check_doc(doc, ctx)
