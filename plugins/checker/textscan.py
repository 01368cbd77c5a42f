"""Scan Markdown text: links and images with their lines, and marking phrases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import SplitResult, urlsplit

from model.sources import Document
from unidecode import unidecode

INLINE_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|[^\s)]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]]+)\]:\s*(?P<target><[^>]*>|\S+)")
REF_USE_RE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\[(?P<label>[^\]]*)\]")
AUTOLINK_RE = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
HTML_URL_RE = re.compile(
    r"\b(?P<attr>href|src|poster|action|formaction|data|cite)\s*=\s*"
    r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))",
    re.IGNORECASE,
)
HTML_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT_RE = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.IGNORECASE)
HTML_SRC_RE = re.compile(r"\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.IGNORECASE)
# Pelican's intra-site link prefixes; editors may still use them.
PELICAN_PREFIX_RE = re.compile(r"^(?:\{(?:filename|static|attach)\}|\|(?:filename|static|attach)\|)")
SCHEME_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Link:
    """A link or image target found in a document."""

    line: int
    column: int
    target: str
    kind: str  # "link", "image", "ref", "autolink", "html"
    text: str = ""

    @property
    def scheme(self) -> str | None:
        """Return the URL scheme in lower case, or None for a relative link."""
        m = SCHEME_RE.match(self.target)
        return m.group("scheme").lower() if m else None


@dataclass(frozen=True)
class Image:
    """An image reference and its alt text (None when the syntax has none)."""

    line: int
    column: int
    target: str
    alt: str | None


def split_url(url: str) -> SplitResult | None:
    """Split a URL, or return None when it is malformed (urlsplit raises on "http://[bad")."""
    try:
        parts = urlsplit(url.strip())
        parts.hostname  # noqa: B018 (also raises on a malformed host)
    except ValueError:
        return None
    return parts


def url_scheme(url: str) -> str | None:
    """Return a URL's scheme in lower case, or None for a relative URL."""
    m = SCHEME_RE.match(url.strip())
    return m.group("scheme").lower() if m else None


def clean_target(target: str) -> str:
    """Strip <>, Pelican prefixes and surrounding space from a link target."""
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    return PELICAN_PREFIX_RE.sub("", target)


class DocScan:
    """Links and images of one document, computed once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def links(self) -> list[Link]:
        """Return every link and image target in the body, outside code."""
        out: list[Link] = []
        for lineno, line in self.doc.prose_lines:
            if "](" in line:
                for m in INLINE_RE.finditer(line):
                    kind = "image" if m.group("bang") else "link"
                    target = clean_target(m.group("target"))
                    out.append(Link(lineno, m.start("target") + 1, target, kind, m.group("text")))
            if "]:" in line and (m := REF_DEF_RE.match(line)):
                out.append(Link(lineno, m.start("target") + 1, clean_target(m.group("target")), "ref"))
            if "<" in line:
                for m in AUTOLINK_RE.finditer(line):
                    out.append(Link(lineno, m.start("target") + 1, m.group("target"), "autolink"))
                if "=" in line:
                    for m in HTML_URL_RE.finditer(line):
                        value = m.group("dq") or m.group("sq") or m.group("bare") or ""
                        start = m.start("dq") if m.group("dq") is not None else m.start("sq")
                        start = m.start("bare") if m.group("bare") is not None else start
                        out.append(Link(lineno, max(start, 0) + 1, clean_target(value), "html"))
        return out

    @cached_property
    def ref_defs(self) -> dict[str, str]:
        """Return reference-style link definitions, label (casefolded) → target."""
        out: dict[str, str] = {}
        for _, line in self.doc.prose_lines:
            if m := REF_DEF_RE.match(line):
                out[m.group("label").casefold()] = clean_target(m.group("target"))
        return out

    @cached_property
    def images(self) -> list[Image]:
        """Return every image with its alt text."""
        out: list[Image] = []
        for lineno, line in self.doc.prose_lines:
            if "![" in line:
                for m in INLINE_RE.finditer(line):
                    if m.group("bang"):
                        out.append(
                            Image(lineno, m.start() + 1, clean_target(m.group("target")), m.group("text"))
                        )
                for m in REF_USE_RE.finditer(line):
                    if m.group("bang"):
                        label = (m.group("label") or m.group("text")).casefold()
                        target = self.ref_defs.get(label, "")
                        out.append(Image(lineno, m.start() + 1, target, m.group("text")))
            if "<img" in line.lower():
                for m in HTML_IMG_RE.finditer(line):
                    tag = m.group(0)
                    alt = HTML_ALT_RE.search(tag)
                    src = HTML_SRC_RE.search(tag)
                    out.append(
                        Image(
                            lineno,
                            m.start() + 1,
                            next((g for g in src.groups() if g is not None), "") if src else "",
                            next((g for g in alt.groups() if g is not None), "") if alt else None,
                        )
                    )
        return out


def slug_tokens(name: str) -> list[str]:
    """Fold a name to ASCII slug words (đ → d), as slugs and file names are written."""
    return [t for t in re.split(r"[^a-z0-9]+", unidecode(name).lower()) if t]


_MARKUP_RE = re.compile(r"[#*_>\[\]()|:\"'“”‘’«»`~=.!\-–—]+")


def strip_markup(line: str) -> str:
    """Reduce a line to its words, dropping Markdown decoration and punctuation."""
    return " ".join(_MARKUP_RE.sub(" ", line).split())


@dataclass(frozen=True)
class Hit:
    """A marking found in a text: where and which entry."""

    start: int
    end: int
    entry: str


class MarkingMatcher:
    """Find classification or circulation markings as they appear on documents.

    A marking is found (1) in upper case, as whole words — a single word only
    when it is not part of a longer run of upper-case words, so "BÍ MẬT" and
    "MẬT ONG" in a heading are not markings while "Tài liệu MẬT" is; or (2) in
    any case when it is the whole line (a stamp, a title, a table cell).
    """

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries: dict[str, tuple[str, bool]] = {}  # upper-case words → (entry, single word)
        self.whole: dict[str, str] = {}
        self.name_tokens: list[tuple[str, list[str]]] = []
        for entry in entries:
            words = entry.upper().split()
            self.entries[" ".join(words)] = (entry, len(words) == 1)
            self.whole[strip_markup(entry).casefold()] = entry
            tokens = slug_tokens(entry)
            # Short single words ("mat") are ordinary words in slugs (mat-ong).
            if len(tokens) >= 2 or (tokens and len(tokens[0]) >= 6):
                self.name_tokens.append((entry, tokens))
        # One alternation, longest first, so "TOP SECRET" wins over "SECRET".
        alternatives = sorted(self.entries, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(?:"
            + "|".join(r"\s+".join(map(re.escape, a.split())) for a in alternatives)
            + r")(?!\w)"
        )
        self.max_line = max((len(e) for e in entries), default=0) + 12
        # A literal search is far cheaper than the full pattern: most lines
        # contain none of the markings' first words.
        self.first_words = re.compile("|".join(sorted({re.escape(a.split()[0]) for a in alternatives})))

    def find(self, text: str) -> list[Hit]:
        """Return the markings in one line of text."""
        hits: list[Hit] = []
        if not self.first_words.search(text):
            matches: Iterator[re.Match[str]] = iter(())
        else:
            matches = self.pattern.finditer(text)
        for m in matches:
            entry, single = self.entries[" ".join(m.group(0).split())]
            if single and _in_caps_run(text, m.start(), m.end()):
                continue
            hits.append(Hit(m.start(), m.end(), entry))
        if not hits and len(text) <= self.max_line and text.strip():
            entry = self.whole.get(strip_markup(text).casefold())
            if entry is not None:
                hits.append(Hit(0, len(text), entry))
        return hits

    def find_in_name(self, name: str) -> str | None:
        """Return the marking a file or folder name spells, if any."""
        tokens = slug_tokens(name)
        for entry, wanted in self.name_tokens:
            n = len(wanted)
            if any(tokens[i : i + n] == wanted for i in range(len(tokens) - n + 1)):
                return entry
        return None


def _in_caps_run(text: str, start: int, end: int) -> bool:
    before = WORD_RE.findall(text[:start])
    after = WORD_RE.findall(text[end:])
    return bool(before and before[-1].isupper()) or bool(after and after[0].isupper())
