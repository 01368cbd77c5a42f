"""Scan Markdown text: links and images with their lines; slug words of names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import SplitResult, urlsplit

from model.sources import Document

from .fold import lines_matching, slug_tokens
from .markings import MarkingMatcher

__all__ = ["MarkingMatcher", "slug_tokens"]  # re-exported for the rules

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
# What a line needs for `links` or `images` to look at it; most lines have none.
LINK_LINE_RE = re.compile(r"\]\(|\]:|<")
IMAGE_LINE_RE = re.compile(r"!\[|<")


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

    def _lines(self, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
        """Return the prose lines a pattern (matching no newline) finds something in."""
        lines = self.doc.prose_lines
        return [lines[i] for i in lines_matching(pattern, [text for _, text in lines])]

    @cached_property
    def links(self) -> list[Link]:
        """Return every link and image target in the body, outside code."""
        out: list[Link] = []
        for lineno, line in self._lines(LINK_LINE_RE):
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
        for lineno, line in self._lines(IMAGE_LINE_RE):
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
