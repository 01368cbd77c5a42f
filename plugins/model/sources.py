"""Find stories and pages in the content folder and read their files, keeping line numbers."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .types import COLLECTIONS, PLACEHOLDERS

PAGES_DIR = "pages"
INDEX_RE = re.compile(r"^index\.(?P<lang>[^.]+)\.(?:md|markdown)$")
# Python-Markdown's meta extension syntax (which Pelican's Markdown reader
# uses); parsed here because the extension does not keep line numbers.
KEY_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION_RE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FENCE_RE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")


@dataclass
class Field:
    """One metadata field as written: its name, value and line number."""

    name: str
    value: str
    line: int
    # (line, text) of each entry of a list written one per indented line (a
    # gallery's Photos): the value, if any, then every continuation line.
    entries: list[tuple[int, str]] = field(default_factory=list)


class Document:
    """One Markdown file: raw bytes, decoded text, header fields and body lines."""

    def __init__(self, path: Path, lang: str, bundle: Bundle | None) -> None:
        self.path = path
        self.lang = lang
        self.bundle = bundle
        raw = path.read_bytes()  # not kept: a build holds every source, keep it small
        # What the file holds, for caches keyed by content (model/validation_cache.py).
        self.digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        self.has_bom = raw.startswith(b"\xef\xbb\xbf")
        data = raw[3:] if self.has_bom else raw
        self.decode_error: tuple[int, int] | None = None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data.decode("utf-8", errors="replace")
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            column = exc.start - (before.rfind(b"\n") + 1) + 1
            self.decode_error = (line, column)
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.repeated: dict[str, list[Field]] = {}  # keys written more than once
        self.fields, self.body_index = _parse_header(self.lines, self.repeated)

    @property
    def text(self) -> str:
        """Return the decoded text, line endings as \\n (what the Markdown reader parses)."""
        return "\n".join(self.lines)

    def get(self, key: str) -> str | None:
        """Return a field's value by lower-case name, or None (also for `make new`'s placeholder)."""
        f = self.fields.get(key)
        return f.value if f is not None and f.value != PLACEHOLDERS.get(key) else None

    def entries(self, key: str) -> list[tuple[int, str]]:
        """Return a list field's entries, one per line as written: (line number, text)."""
        f = self.fields.get(key)
        return list(f.entries) if f is not None else []

    def field_line(self, key: str) -> int:
        """Return a field's line, or the first line when the field is absent."""
        f = self.fields.get(key)
        return f.line if f is not None else 1

    @property
    def body_line(self) -> int:
        """Return the 1-based line number of the body's first line."""
        return self.body_index + 1

    @property
    def body(self) -> str:
        """Return the Markdown body (after the header)."""
        return "\n".join(self.lines[self.body_index :])

    @cached_property
    def prose_lines(self) -> list[tuple[int, str]]:
        """Return (line number, text) of body lines outside code blocks and code spans."""
        out: list[tuple[int, str]] = []
        fence: str | None = None
        for index in range(self.body_index, len(self.lines)):
            line = self.lines[index]
            # Most lines have no backtick or tilde: skip both patterns for them.
            ticked = "`" in line
            m = FENCE_RE.match(line) if ticked or "~" in line else None
            if fence is not None:
                if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                    fence = None
                continue
            if m:
                fence = m.group("fence")
                continue
            if line.startswith(("    ", "\t")) and (not out or not out[-1][1].strip()):
                # An indented code block starts after a blank line.
                out.append((index + 1, ""))
                continue
            out.append((index + 1, CODE_SPAN_RE.sub(_blank, line) if ticked else line))
        return out

    @cached_property
    def text_lines(self) -> list[tuple[int, str]]:
        """Return (line, text) for header values and every body line, code included."""
        out = [(f.line, f.value) for f in self.fields.values()]
        out.extend((i + 1, self.lines[i]) for i in range(self.body_index, len(self.lines)))
        return out


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _parse_header(lines: list[str], repeated: dict[str, list[Field]]) -> tuple[dict[str, Field], int]:
    fields: dict[str, Field] = {}
    index = 0
    fenced = bool(lines) and lines[0].strip() == "---"
    if fenced:
        index = 1
    last: str | None = None
    while index < len(lines):
        line = lines[index]
        if fenced and line.strip() in ("---", "..."):
            return fields, index + 1
        if not line.strip():
            return fields, index + 1
        m = KEY_RE.match(line)
        if m:
            last = m.group("key").lower()
            found = Field(m.group("key"), m.group("value").strip(), index + 1)
            if found.value:
                found.entries.append((index + 1, found.value))
            if last in fields:
                repeated.setdefault(last, [fields[last]]).append(found)
            fields[last] = found
        elif last is not None and (c := CONTINUATION_RE.match(line)):
            fields[last].value = f"{fields[last].value} {c.group('value').strip()}".strip()
            if c.group("value").strip():
                fields[last].entries.append((index + 1, c.group("value").strip()))
        else:
            # Not a header line: Markdown's meta extension stops here too.
            return fields, index
        index += 1
    return fields, index


@dataclass
class Bundle:
    """A story or page folder: its Markdown versions and its other files."""

    dir: Path
    rel: str
    kind: str  # "story", "page", or a collection type's name ("project")
    section: str | None  # None for pages and collection items
    key: str
    versions: dict[str, Path] = field(default_factory=dict)  # lang code as written → file
    stray_md: list[Path] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)  # a second file for one language
    symlinks: list[Path] = field(default_factory=list)  # never followed, never published
    files: list[Path] = field(default_factory=list)  # everything that is not Markdown
    _docs: dict[str, Document] = field(default_factory=dict, repr=False)
    # model.validate's findings for this bundle, computed once per build
    validated: list[Any] | None = field(default=None, repr=False)

    def doc(self, lang: str) -> Document:
        """Return the parsed Document of one language (parsed once)."""
        if lang not in self._docs:
            self._docs[lang] = Document(self.versions[lang], lang, self)
        return self._docs[lang]

    def docs(self) -> list[Document]:
        """Return every version's Document, in file-name order."""
        return [self.doc(lang) for lang in sorted(self.versions)]

    def source_lang(self, languages: tuple[str, ...]) -> str | None:
        """Return the source language: the default language's, else the first configured."""
        for lang in languages:
            if lang in self.versions:
                return lang
        return None


class ContentTree:
    """The content folder, read lazily: a one-story check never lists the whole tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._bundles: dict[str, Bundle] = {}
        # When a list, lookups into other stories are recorded here, so cached
        # findings that depend on them can be re-validated (cache.py).
        self.recording: list[tuple[str, str, bool]] | None = None

    @cached_property
    def bundles(self) -> dict[str, Bundle]:
        """Return every bundle, keyed by its content-relative folder (scans the tree once)."""
        for section in self._dirs(self.root):
            for entry in self._dirs(Path(section.path)):
                self.bundle(f"{section.name}/{entry.name}")
        return dict(sorted(self._bundles.items()))

    @cached_property
    def stray_md(self) -> list[Path]:
        """Return Markdown files directly in content/ or in a section folder."""
        out = [Path(e.path) for e in _entries(self.root) if e.is_file() and e.name.endswith(".md")]
        for section in self._dirs(self.root):
            out += self._section_strays(section.name)
        return out

    def _section_strays(self, section: str) -> list[Path]:
        folder = self.root / section
        return [Path(e.path) for e in _entries(folder) if e.is_file() and e.name.endswith(".md")]

    @staticmethod
    def _dirs(folder: Path) -> list[os.DirEntry[str]]:
        return [e for e in _entries(folder) if e.is_dir(follow_symlinks=False)] if folder.is_dir() else []

    @cached_property
    def symlinks(self) -> list[Path]:
        """Return symbolic links directly in content/ or in a section folder (bundles keep their own)."""
        out = [Path(e.path) for e in _entries(self.root, links=True) if e.is_symlink()]
        for section in self._dirs(self.root):
            out += [Path(e.path) for e in _entries(Path(section.path), links=True) if e.is_symlink()]
        return out

    def bundle(self, rel: str) -> Bundle:
        """Return the bundle in a content-relative folder `<section>/<key>` (read once)."""
        if rel not in self._bundles:
            section, key = rel.split("/")
            collection = COLLECTIONS.get(section)
            kind = "page" if section == PAGES_DIR else collection.name if collection else "story"
            bundle = Bundle(
                dir=self.root / section / key,
                rel=rel,
                kind=kind,
                section=section if kind == "story" else None,
                key=key,
            )
            if any(p.is_symlink() for p in (self.root / section, bundle.dir)):
                bundle.symlinks.append(bundle.dir)  # a linked folder is not read
            else:
                self._fill(bundle, bundle.dir, depth=0)
            self._bundles[rel] = bundle
        return self._bundles[rel]

    def _fill(self, bundle: Bundle, folder: Path, depth: int) -> None:
        for entry in _entries(folder, links=True):
            path = Path(entry.path)
            if entry.is_symlink():
                # It can point anywhere on the build machine (/etc/passwd, the
                # CI's environment): never followed, never published.
                bundle.symlinks.append(path)
            elif entry.is_dir(follow_symlinks=False):
                self._fill(bundle, path, depth + 1)
            elif entry.name.endswith((".md", ".markdown")):
                m = INDEX_RE.match(entry.name)
                if depth == 0 and m and m.group("lang") in bundle.versions:
                    bundle.duplicates.append(path)  # entries are sorted: .markdown after .md
                elif depth == 0 and m:
                    bundle.versions[m.group("lang")] = path
                else:
                    bundle.stray_md.append(path)
            else:
                bundle.files.append(path)

    def release(self) -> None:
        """Let go of every parsed file (they are read again only if asked for)."""
        for bundle in self._bundles.values():
            bundle._docs.clear()

    def rel(self, path: Path) -> str:
        """Return a path relative to the content folder, POSIX style."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def exists(self, rel: str) -> bool:
        """Say whether a content-relative file or folder exists."""
        result = (self.root / rel.strip("/")).exists()
        if self.recording is not None:
            self.recording.append(("exists", rel, result))
        return result

    def has_versions(self, rel: str) -> bool:
        """Say whether a content-relative folder is a bundle with at least one index.<lang>.md."""
        folder = self.root / rel
        result = rel.count("/") == 1 and folder.is_dir() and bool(self.bundle(rel).versions)
        if self.recording is not None:
            self.recording.append(("has_versions", rel, result))
        return result

    def select(self, paths: list[Path] | None) -> tuple[list[Bundle], list[Path], list[Path]]:
        """Return the bundles and stray files under `paths`, and the paths outside content."""
        if not paths:
            return list(self.bundles.values()), list(self.stray_md), []
        root = self.root.resolve()
        chosen: dict[str, Bundle] = {}
        strays: list[Path] = []
        outside: list[Path] = []
        for raw in paths:
            path = raw.resolve()
            if path == root or root.is_relative_to(path):
                return list(self.bundles.values()), list(self.stray_md), []
            if not path.is_relative_to(root):
                outside.append(raw)
                continue
            parts = path.relative_to(root).parts
            if len(parts) >= 2 and (root / parts[0] / parts[1]).is_dir():
                rel = f"{parts[0]}/{parts[1]}"
                chosen[rel] = self.bundle(rel)
            elif len(parts) == 1 and path.is_dir():
                for entry in self._dirs(path):
                    rel = f"{parts[0]}/{entry.name}"
                    chosen[rel] = self.bundle(rel)
                strays += self._section_strays(parts[0])
            elif path.suffix == ".md":
                strays.append(path)  # a Markdown file directly in content/ or a section
        return list(chosen.values()), sorted(set(strays)), outside


def _entries(folder: Path, links: bool = False) -> list[os.DirEntry[str]]:
    """List a folder's entries, sorted, skipping hidden ones (.git, .DS_Store) and, unless asked, symlinks."""
    with os.scandir(folder) as it:
        found = (e for e in it if not e.name.startswith(".") and (links or not e.is_symlink()))
        return sorted(found, key=lambda e: e.name)
