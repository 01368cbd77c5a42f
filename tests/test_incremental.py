"""Incremental equals cold: after any editors' edit, a rebuild writes what a first build would.

A copy of the demo project's sources (content, registries, catalogs, theme)
is built once. Hypothesis then applies sequences of edits an editor,
translator or maintainer makes, runs an incremental build in the same output
and cache folders after each edit and, beside it, a cold build of a copy of
the same sources into fresh folders, and requires the two outputs to be equal
file for file and byte for byte (Pagefind's hash-ordered files by content:
tests/tree_diff.py says which and why, docs/architecture.md too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

from tests.conftest import IN_CI, ROOT, Build, run_pelican
from tests.tree_diff import compare, snapshot

try:
    from hypothesis import HealthCheck, Phase, example, given, settings
    from hypothesis import strategies as st
except ImportError:
    if IN_CI:  # the suite must not pass in CI without this test
        raise
    pytest.skip("hypothesis is not installed: pip install -r requirements.txt", allow_module_level=True)

T = TypeVar("T")
SOURCES = ("content", "data", "translations", "themes")
LANGS = ("vi", "en", "ja", "ko", "zh", "fr")  # pelicanconf.py's MULTILANG_LANGUAGES, in order
SECTIONS = ("culture", "tourism", "investment", "news")
# The declared collections (model/visit.py, model/invest.py): items, not stories.
COLLECTIONS = ("events", "destinations", "galleries", "projects", "documents")
# Agencies in office since the province merged: new stories are dated after it.
AGENCIES = ("so-vhttdl-phu-tho", "so-tai-chinh-phu-tho", "so-khcn-phu-tho", "van-phong-ubnd-phu-tho")
MERGED = dt.date(2025, 7, 1)
# What a new paragraph, title or translation says, per language (house style:
# old Vietnamese tone placement, so no "hoà").
WORDS = {
    "vi": ("Tin cập nhật", "Bài viết được bổ sung thêm thông tin, lần thứ"),
    "en": ("Update", "More information was added to this story in edit"),
    "ja": ("更新", "記事に情報を追加しました。回数"),
    "ko": ("업데이트", "기사에 정보를 추가했습니다. 횟수"),
    "zh": ("更新", "文章补充了更多信息，次数"),
    "fr": ("Mise à jour", "Des informations ont été ajoutées à cet article, modification"),
}
# The demo's settings, but images in one width instead of three: each edit
# costs two builds, and what can differ is how an image is encoded, not in
# how many sizes.
# The build date is pinned (an explicit input, as in the daily Pages build):
# what an event page and the events lists show depends on it, and the two
# builds of one step must not fall on either side of midnight.
BUILD_DATE = dt.date.today()
TEST_SETTINGS = {"IMAGES_WIDTHS": [480], "MULTILANG_BUILD_DATE": BUILD_DATE.isoformat()}


def copy_sources(source: Path, target: Path) -> Path:
    """Copy a project's sources (not compiled catalogs, which are build products) to target."""
    target.mkdir(parents=True)
    for name in SOURCES:
        shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    return target


def pelican(src: Path, output: Path, cache: Path) -> Build:
    """Build the sources in src (theme, catalogs and registries included) into output."""
    overrides = {
        "THEME": str(src / "themes" / "quangba"),
        "MULTILANG_TRANSLATIONS_DIR": str(src / "translations"),
        "MULTILANG_AGENCIES_FILE": str(src / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(src / "data" / "terms.yml"),
        "PATH": str(src / "content"),
        "CACHE_PATH": str(cache),
        "IMAGES_CACHE_PATH": str(cache / "images"),
        **TEST_SETTINGS,
    }
    return run_pelican(src / "content", output, cache=cache, overrides=overrides)


def build(src: Path, output: Path, cache: Path, why: str = "") -> Build:
    """Build the sources in src into output, and require success."""
    result = pelican(src, output, cache)
    assert result.returncode == 0, f"{why}\nthe build of {src} failed:\n{result.log[-4000:]}"
    # Pelican logs a plugin it cannot load and builds on without it.
    assert "Cannot load plugin" not in result.log, f"a plugin failed to load:\n{result.log[-4000:]}"
    assert (output / "index.html").is_file(), f"{why}\nthe build wrote no home page:\n{result.log[-4000:]}"
    return result


@dataclass
class Demo:
    """A copy of the demo's sources, built once: its sources, output and cache folders."""

    root: Path

    @property
    def src(self) -> Path:
        """Return the sources folder."""
        return self.root / "src"

    @property
    def output(self) -> Path:
        """Return the output folder."""
        return self.root / "output"

    @property
    def cache(self) -> Path:
        """Return the cache folder."""
        return self.root / "cache"

    @property
    def pristine(self) -> Path:
        """Return where the first build's sources, output and cache are kept as they were."""
        return self.root.with_name(self.root.name + "-pristine")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """Copy the demo's sources and build them cold, once."""
    site = Demo(tmp_path_factory.mktemp("incremental") / "site")
    copy_sources(ROOT, site.src)
    build(site.src, site.output, site.cache)
    # copy2 keeps modification times to the nanosecond: a copy is the demo as
    # its first build left it, which is what the caches check.
    shutil.copytree(site.root, site.pristine, symlinks=True)
    return site


def test_two_cold_builds_in_different_folders_are_identical(demo: Demo, tmp_path: Path) -> None:
    other = Demo(tmp_path / "elsewhere")
    copy_sources(ROOT, other.src)
    build(other.src, other.output, other.cache)
    report = compare(demo.pristine / "output", other.output)
    assert report is None, report


# --- editors' edits ---------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One edit: its kind, and two numbers that pick its target and its value."""

    kind: str
    pick: int = 0
    value: int = 0


def source_hash(title: str, summary: str, cover_alt: str, body: str) -> str:
    """Return a source's SHA-256 as the engine computes it (source_hash in plugins/model/validate.py)."""
    text = unicodedata.normalize("NFC", "\n".join([title, summary, cover_alt, body.strip()]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Doc:
    """A Markdown file: its `Key: value` header and its body."""

    path: Path
    fields: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    @classmethod
    def read(cls, path: Path) -> Doc:
        """Parse a file (an indented line continues the field above it: a gallery's photos)."""
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        fields: list[tuple[str, str]] = []
        for line in head.splitlines():
            if line[:1].isspace() and fields:
                key, value = fields[-1]
                fields[-1] = (key, f"{value}\n{line}")
                continue
            key, _, value = line.partition(":")
            fields.append((key.strip(), value.strip()))
        return cls(path, fields, body)

    def get(self, key: str) -> str:
        """Return a field's value, or ''."""
        return next((v for k, v in self.fields if k.lower() == key.lower()), "")

    def set(self, key: str, value: str | None) -> None:
        """Set a field (in place, else last), or remove it when value is None."""
        rest = [(k, v) for k, v in self.fields if k.lower() != key.lower()]
        if value is None:
            self.fields = rest
        elif len(rest) == len(self.fields):
            self.fields.append((key, value))
        else:
            self.fields = [(k, value if k.lower() == key.lower() else v) for k, v in self.fields]

    def write(self) -> None:
        """Write the file back."""
        head = "\n".join(f"{k}:{'' if v.startswith(chr(10)) else ' '}{v}" for k, v in self.fields)
        # NFC, as editors' tools write it (the engine rejects anything else).
        self.path.write_text(unicodedata.normalize("NFC", f"{head}\n\n{self.body}"), encoding="utf-8")


class Sources:
    """The sources being edited, and the edits editors make to them."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.count = 0  # edits so far: makes every new text and name unique
        self.today = dt.date.today() - dt.timedelta(days=2)  # "past" in every time zone
        self.undo: tuple[Path, bytes] | None = None  # a mistake's file and its text before it

    # -- what there is ------------------------------------------------------------

    def stories(self) -> list[Path]:
        """Return the story folders, sorted."""
        return sorted(p for s in SECTIONS for p in (self.content / s).glob("*/") if p.is_dir())

    def items(self, *collections: str) -> list[Path]:
        """Return the item folders of the collections (all of them when none is named), sorted."""
        names = collections or COLLECTIONS
        return sorted(p for c in names for p in (self.content / c).glob("*/") if p.is_dir())

    def bundles(self) -> list[Path]:
        """Return story and static page folders, sorted."""
        return self.stories() + sorted(p for p in (self.content / "pages").glob("*/") if p.is_dir())

    @staticmethod
    def source_lang(bundle: Path) -> str:
        """Return the language of a bundle's source file."""
        return next(lang for lang in LANGS if (bundle / f"index.{lang}.md").exists())

    def source(self, bundle: Path) -> Doc:
        """Return a bundle's source file."""
        return Doc.read(bundle / f"index.{self.source_lang(bundle)}.md")

    def files(self, bundles: list[Path]) -> list[Path]:
        """Return every language file of the bundles."""
        return [
            bundle / f"index.{lang}.md"
            for bundle in bundles
            for lang in LANGS
            if (bundle / f"index.{lang}.md").exists()
        ]

    def translations(self, bundles: list[Path]) -> list[Path]:
        """Return the files of the bundles that are not their source."""
        return [p for p in self.files(bundles) if p.name != f"index.{self.source_lang(p.parent)}.md"]

    def linked(self, path: Path) -> bool:
        """Tell whether another bundle links to a bundle folder or file."""
        rel = "/" + path.relative_to(self.content).as_posix() + ("/" if path.is_dir() else "")
        bundle = path if path.is_dir() else path.parent
        return any(
            rel in other.read_text(encoding="utf-8")
            for other in self.content.rglob("*.md")
            if other.parent != bundle
        )

    def date_after(self, start: dt.date, days: int) -> str:
        """Return a date `days` after start, in the past, as an editor writes it."""
        day = min(start + dt.timedelta(days=days), self.today)
        return f"{day.isoformat()} {8 + days % 9:02d}:{days % 60:02d}"

    @staticmethod
    def pick(items: list[T], number: int) -> T | None:
        """Return items[number] modulo their count, or None when there are none."""
        return items[number % len(items)] if items else None

    # -- the edits ----------------------------------------------------------------

    def apply(self, edit: Edit) -> str | None:
        """Make an edit; return what was done, or None when it had nothing to act on."""
        self.count += 1
        return getattr(self, f"edit_{edit.kind}")(edit.pick, edit.value)

    def edit_body(self, pick: int, value: int) -> str | None:
        """Add a paragraph to a story's or page's body (any language)."""
        path = self.pick(self.files(self.bundles()), pick)
        doc = Doc.read(path)
        lang = path.name.split(".")[1]
        doc.body = doc.body.rstrip("\n") + f"\n\n{WORDS[lang][1]} {self.count}.\n"
        doc.write()
        return f"add a paragraph to {self.rel(path)}"

    def edit_title(self, pick: int, value: int) -> str | None:
        """Change a version's title."""
        path = self.pick(self.files(self.bundles()), pick)
        doc = Doc.read(path)
        doc.set("Title", f"{doc.get('Title')} ({self.count})")
        doc.write()
        return f"retitle {self.rel(path)}"

    def edit_modified(self, pick: int, value: int) -> str | None:
        """Set (or remove) Modified on a story's source or translation."""
        path = self.pick(self.files(self.stories()), pick)
        doc = Doc.read(path)
        if value % 5 == 0:
            doc.set("Modified", None)
            what = "remove Modified from"
        else:
            date = dt.date.fromisoformat(self.source(path.parent).get("Date")[:10])
            doc.set("Modified", self.date_after(date, value % 700 + 1))
            what = f"set Modified: {doc.get('Modified')} on"
        doc.write()
        return f"{what} {self.rel(path)}"

    def edit_date(self, pick: int, value: int) -> str | None:
        """Move a story's publication date (which reorders lists, neighbours and archives)."""
        doc = self.pick([self.source(b) for b in self.stories()], pick)
        if doc is None:
            return None
        # Within its agency's time in office: an agency must exist on the date.
        start, end = dt.date(2023, 1, 1), self.today - dt.timedelta(days=1)
        for agency, valid_from, valid_to in agencies_of(self.root):
            if agency == doc.get("Agency"):
                start, end = max(start, valid_from or start), min(end, valid_to or end)
        doc.set("Date", self.date_after(start, value % ((end - start).days + 1)))
        doc.write()
        return f"set Date: {doc.get('Date')} on {self.rel(doc.path)}"

    def edit_agency(self, pick: int, value: int) -> str | None:
        """Give a story another publishing agency, one in office on its date."""
        doc = self.pick([self.source(b) for b in self.stories()], pick)
        if doc is None:
            return None
        day = dt.date.fromisoformat(doc.get("Date")[:10])
        valid = [
            agency
            for agency, valid_from, valid_to in agencies_of(self.root)
            if (valid_from or day) <= day <= (valid_to or day)
        ]
        doc.set("Agency", self.pick(valid, value))
        doc.write()
        return f"set Agency: {doc.get('Agency')} on {self.rel(doc.path)}"

    def edit_pin(self, pick: int, value: int) -> str | None:
        """Record a Source_hash in a translation: the source's (a prefix) or a stale one."""
        path = self.pick(self.translations(self.bundles()), pick)
        if path is None:
            return None
        source = self.source(path.parent)
        current = source_hash(
            source.get("Title"), source.get("Summary"), source.get("Cover_alt"), source.body
        )
        matching = value % 2 == 0
        digest = current if matching else hashlib.sha256(f"old {value}".encode()).hexdigest()
        doc = Doc.read(path)
        doc.set("Source_hash", digest[: 8 + value % 57])
        doc.write()
        return f"pin a {'current' if matching else 'stale'} Source_hash in {self.rel(path)}"

    def edit_unpin(self, pick: int, value: int) -> str | None:
        """Remove a translation's Source_hash."""
        pinned = [p for p in self.translations(self.bundles()) if Doc.read(p).get("Source_hash")]
        path = self.pick(pinned, pick)
        if path is None:
            return None
        doc = Doc.read(path)
        doc.set("Source_hash", None)
        doc.write()
        return f"unpin {self.rel(path)}"

    def edit_add_story(self, pick: int, value: int) -> str | None:
        """Write a new story: a source (Vietnamese, or English only), maybe a translation and a cover."""
        section = SECTIONS[pick % len(SECTIONS)]
        bundle = self.content / section / f"new-story-{self.count}"
        bundle.mkdir()
        terms = terms_of(self.root)
        terms = list(dict.fromkeys(terms[(pick + 5 * n) % len(terms)] for n in range(pick % 4)))
        langs = ["vi", "en"] if value % 3 == 1 else (["en"] if value % 3 == 2 else ["vi"])
        for n, lang in enumerate(langs):
            doc = Doc(bundle / f"index.{lang}.md")
            doc.set("Title", f"{WORDS[lang][0]} {self.count}")
            if n == 0:
                doc.set("Date", self.date_after(MERGED, value % 300 + 1))
                if terms:
                    doc.set("Tags", ", ".join(terms))
                doc.set("Agency", AGENCIES[value % len(AGENCIES)])
            doc.set("Summary", f"{WORDS[lang][1]} {self.count}.")
            doc.body = f"{WORDS[lang][1]} {self.count}.\n"
            doc.write()
        covers = sorted(self.content.rglob("cover.jpg"))
        if value % 4 == 0 and covers:
            shutil.copy(self.pick(covers, value), bundle / "cover.jpg")
            for n, lang in enumerate(langs):
                doc = Doc.read(bundle / f"index.{lang}.md")
                if n == 0:
                    doc.set("Cover", "cover.jpg")
                doc.set("Cover_alt", f"{WORDS[lang][0]} {self.count}")
                doc.write()
        return f"add {self.rel(bundle)} in {', '.join(langs)} tagged {terms}"

    def edit_delete_story(self, pick: int, value: int) -> str | None:
        """Delete a story no other story links to."""
        bundle = self.pick([b for b in self.stories() if not self.linked(b)], pick)
        if bundle is None:
            return None
        shutil.rmtree(bundle)
        return f"delete {self.rel(bundle)}"

    def edit_add_translation(self, pick: int, value: int) -> str | None:
        """Translate a story or page into a language it lacks."""
        missing = [
            (b, lang) for b in self.bundles() for lang in LANGS if not (b / f"index.{lang}.md").exists()
        ]
        if not missing:
            return None
        bundle, lang = self.pick(missing, pick)
        doc = Doc(bundle / f"index.{lang}.md")
        doc.set("Title", f"{WORDS[lang][0]} {self.count}")
        doc.set("Summary", f"{WORDS[lang][1]} {self.count}.")
        if self.source(bundle).get("Cover"):
            doc.set("Cover_alt", f"{WORDS[lang][0]} {self.count}")
        doc.body = f"{WORDS[lang][1]} {self.count}.\n"
        doc.write()
        return f"translate {self.rel(bundle)} into {lang}"

    def edit_delete_translation(self, pick: int, value: int) -> str | None:
        """Delete a story's translation that nothing links to."""
        path = self.pick([p for p in self.translations(self.stories()) if not self.linked(p)], pick)
        if path is None:
            return None
        path.unlink()
        return f"delete {self.rel(path)}"

    def edit_rename_story(self, pick: int, value: int) -> str | None:
        """Rename a story's folder or move it to another section, and correct the links to it."""
        bundle = self.pick(self.stories(), pick)
        if bundle is None:
            return None
        section = bundle.parent.name
        if value % 2:
            target = bundle.with_name(re.sub(r"-r\d+$", "", bundle.name) + f"-r{self.count}")
        else:
            section = self.pick([s for s in SECTIONS if s != section], value // 2)
            target = self.content / section / bundle.name
        old, new = f"/{bundle.parent.name}/{bundle.name}/", f"/{section}/{target.name}/"
        bundle.rename(target)
        for path in self.content.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new), encoding="utf-8")
        return f"move {self.rel(bundle)} to {self.rel(target)}"

    def edit_drop_source(self, pick: int, value: int) -> str | None:
        """Delete a story's source file: the next language's becomes the source, with its fields."""
        bundles = [
            b
            for b in self.stories()
            if len(self.files([b])) > 1 and not self.linked(b / f"index.{self.source_lang(b)}.md")
        ]
        bundle = self.pick(bundles, pick)
        if bundle is None:
            return None
        old = self.source(bundle)
        old.path.unlink()
        new = self.source(bundle)
        for key in ("Date", "Tags", "Agency", "Cover", "Cover_credit", "Cover_focus", "Status"):
            if old.get(key):
                new.set(key, old.get(key))
        new.set("Source_hash", None)
        new.write()
        return f"delete {self.rel(old.path)}: {new.path.name} is the source now"

    def edit_image(self, pick: int, value: int) -> str | None:
        """Put a picture in a body: an image of the story's folder, with a caption and credit."""
        path = self.pick(self.files(self.stories()), pick)
        lang = path.name.split(".")[1]
        images = sorted(path.parent.glob("*.jpg"))
        if not images or value % 3 == 0:
            name = f"anh-{self.count}.jpg"
            shutil.copy(self.pick(sorted(self.content.rglob("*.jpg")), value), path.parent / name)
        else:
            name = self.pick(images, value).name
        doc = Doc.read(path)
        doc.body = (
            doc.body.rstrip("\n")
            + f'\n\n![{WORDS[lang][0]} {self.count}]({name} "{WORDS[lang][0]} | quangba")\n'
        )
        doc.write()
        return f"show {name} in the body of {self.rel(path)}"

    def edit_tags(self, pick: int, value: int) -> str | None:
        """Change a story's tags (none to three terms of data/terms.yml)."""
        bundle = self.pick(self.stories(), pick)
        if bundle is None:
            return None
        terms = terms_of(self.root)
        chosen = [terms[(value + 7 * n) % len(terms)] for n in range(value % 4)]
        doc = self.source(bundle)
        doc.set("Tags", ", ".join(dict.fromkeys(chosen)) or None)
        doc.write()
        return f"tag {self.rel(doc.path)} with {doc.get('Tags') or 'nothing'}"

    def edit_agency_name(self, pick: int, value: int) -> str | None:
        """Rename an agency (or the site owner) in one language in data/agencies.yml."""
        path = self.root / "data" / "agencies.yml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        # A name in one language: a line "      <lang>: <name>" under "    name:".
        names, in_name = [], False
        for n, line in enumerate(lines):
            if line.startswith("    ") and not line.startswith("      "):
                in_name = line.strip() == "name:"
            elif in_name and re.match(r"^      [a-z]{2}: \S", line):
                names.append(n)
        n = self.pick(names, pick)
        lines[n] = lines[n].rstrip("\n") + f" ({self.count})\n"
        path.write_text("".join(lines), encoding="utf-8")
        return f"rename in data/agencies.yml: {lines[n].strip()}"

    def edit_cover(self, pick: int, value: int) -> str | None:
        """Repaint part of a cover image."""
        from PIL import Image, ImageDraw

        path = self.pick(sorted(self.content.rglob("cover.jpg")), pick)
        if path is None:
            return None
        with Image.open(path) as image:
            image.load()
        width, height = image.size
        colour = (value * 37 % 256, value * 91 % 256, self.count * 53 % 256)
        ImageDraw.Draw(image).rectangle((0, 0, width // 3, height // 3), fill=colour)
        image.save(path, "JPEG", quality=90)
        return f"repaint {self.rel(path)} with {colour}"

    def edit_catalog(self, pick: int, value: int) -> str | None:
        """Change one translated UI string (a one-line msgstr) in a catalog."""
        catalogs = sorted((self.root / "translations").glob("*/LC_MESSAGES/*.po"))
        path = self.pick(catalogs, pick)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        entries = [n for n, line in enumerate(lines) if re.match(r'^msgstr(\[\d\])? "[^"]', line)]
        n = self.pick(entries, value)
        lines[n] = lines[n].rstrip().removesuffix('"') + f' ({self.count})"\n'
        path.write_text("".join(lines), encoding="utf-8")
        return f"change {self.rel(path)}: {lines[n].strip()}"

    def edit_theme(self, pick: int, value: int) -> str | None:
        """Change a template (a comment in its content block) or the style sheet."""
        theme = self.root / "themes" / "quangba"
        choices = [*sorted((theme / "templates").glob("*.html")), theme / "static" / "css" / "main.css"]
        path = self.pick(choices, pick)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".css":
            text += f"/* edit {self.count} */\n"
        elif path.name == "base.html":
            text = text.replace("</body>", f"<!-- edit {self.count} -->\n</body>")
        elif "{% block content %}" in text:
            text = text.replace("{% block content %}", f"{{% block content %}}<!-- edit {self.count} -->", 1)
        else:
            return None  # macros and stand-alone pages: nothing certain to show
        path.write_text(text, encoding="utf-8")
        return f"change {self.rel(path)}"

    def edit_status(self, pick: int, value: int) -> str | None:
        """Make a version no other story links to a draft (a source: or hidden), or publish it again."""
        path = self.pick([p for p in self.files(self.bundles()) if not self.linked(p.parent)], pick)
        if path is None:
            return None
        source = path.name == f"index.{self.source_lang(path.parent)}.md"
        status = ("draft", "hidden", None)[value % 3] if source else ("draft", None)[value % 2]
        doc = Doc.read(path)
        doc.set("Status", status)
        doc.write()
        return f"set Status: {status or 'published'} on {self.rel(doc.path)}"

    def edit_slug(self, pick: int, value: int) -> str | None:
        """Give one version its own URL slug, or take it away."""
        path = self.pick(self.files(self.bundles()), pick)
        doc = Doc.read(path)
        if value % 3 == 0 and doc.get("Slug"):
            doc.set("Slug", None)
        else:
            doc.set("Slug", f"{path.parent.name}-s{self.count}")
        doc.write()
        return f"set Slug: {doc.get('Slug') or '(none)'} on {self.rel(path)}"

    def edit_mistake(self, pick: int, value: int) -> str | None:
        """Save an error the build refuses (an unknown agency, a 30 February); Run.step corrects it."""
        doc = self.pick([self.source(b) for b in self.stories()], pick)
        if doc is None:
            return None
        self.undo = (doc.path, doc.path.read_bytes())
        if value % 2:
            doc.set("Agency", "no-such-agency")
        else:
            doc.set("Date", "2024-02-30 09:00")
        doc.write()
        return f"save {self.rel(doc.path)} with a mistake, build (which fails), then correct it"

    # -- collection items (events, destinations, galleries, projects, documents) --

    def edit_item_body(self, pick: int, value: int) -> str | None:
        """Add a paragraph to a collection item's body (any language)."""
        path = self.pick(self.files(self.items()), pick)
        if path is None:
            return None
        doc = Doc.read(path)
        lang = path.name.split(".")[1]
        doc.body = doc.body.rstrip("\n") + f"\n\n{WORDS[lang][1]} {self.count}.\n"
        doc.write()
        return f"add a paragraph to {self.rel(path)}"

    def edit_event_dates(self, pick: int, value: int) -> str | None:
        """Move an event's Start and End across the build date: an upcoming one to the past, or back."""
        doc = self.pick([self.source(b) for b in self.items("events")], pick)
        if doc is None:
            return None
        start = dt.date.fromisoformat(doc.get("Start")[:10])
        days = value % 300 + 1
        target = BUILD_DATE + dt.timedelta(days=days if start < BUILD_DATE else -days)
        self.shift_event(doc, (target - start).days)
        return f"move {self.rel(doc.path)} to start {doc.get('Start')}"

    @staticmethod
    def shift_event(doc: Doc, days: int) -> None:
        """Move an event's Start and End (days or moments, times kept) by a number of days."""
        for key in ("Start", "End"):
            if written := doc.get(key):
                day = dt.date.fromisoformat(written[:10]) + dt.timedelta(days=days)
                doc.set(key, day.isoformat() + written[10:])
        doc.write()

    def edit_featured(self, pick: int, value: int) -> str | None:
        """Feature an event or destination on the home page, or stop featuring it."""
        items = [
            self.source(b)
            for b in self.items("events", "destinations")
            if self.source(b).get("Event_status") != "cancelled"  # never featured (a finding)
        ]
        doc = self.pick(items, pick)
        if doc is None:
            return None
        doc.set("Featured", None if doc.get("Featured") == "yes" else "yes")
        doc.write()
        return f"set Featured: {doc.get('Featured') or '(none)'} on {self.rel(doc.path)}"

    def edit_category(self, pick: int, value: int) -> str | None:
        """Put a destination in another category (a facet of the list, a search filter)."""
        doc = self.pick([self.source(b) for b in self.items("destinations")], pick)
        if doc is None:
            return None
        categories = [
            c for c in vocabulary_of(self.root, "destination-categories") if c != doc.get("Category")
        ]
        doc.set("Category", self.pick(categories, value))
        doc.write()
        return f"set Category: {doc.get('Category')} on {self.rel(doc.path)}"

    def edit_caption(self, pick: int, value: int) -> str | None:
        """Change one photo's caption in a gallery's file (any language)."""
        files = [p for p in self.files(self.items("galleries")) if Doc.read(p).get("Photo_captions")]
        path = self.pick(files, pick)
        if path is None:
            return None
        doc = Doc.read(path)
        first, *captions = doc.get("Photo_captions").split("\n")
        n = value % len(captions)
        captions[n] = f"{captions[n]} ({self.count})"
        doc.set("Photo_captions", "\n".join([first, *captions]))
        doc.write()
        return f"change a caption in {self.rel(path)}: {captions[n].strip()}"

    def rel(self, path: Path) -> str:
        """Return a path relative to the sources."""
        return path.relative_to(self.root).as_posix()


def agencies_of(root: Path) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """Return the agencies of data/agencies.yml: id, first and last day in office."""
    data = yaml.safe_load((root / "data" / "agencies.yml").read_text(encoding="utf-8"))
    return [(a["id"], a.get("valid_from"), a.get("valid_to")) for a in data["agencies"]]


def vocabulary_of(root: Path, name: str) -> list[str]:
    """Return the term ids of one vocabulary of data/vocabularies.yml."""
    data = yaml.safe_load((root / "data" / "vocabularies.yml").read_text(encoding="utf-8"))
    return list(data[name])


def terms_of(root: Path) -> list[str]:
    """Return the term ids of data/terms.yml."""
    text = (root / "data" / "terms.yml").read_text(encoding="utf-8")
    return re.findall(r"^([a-z0-9-]+):\s*$", text, flags=re.MULTILINE)


KINDS = tuple(name.removeprefix("edit_") for name in vars(Sources) if name.startswith("edit_"))
EDITS = st.builds(Edit, st.sampled_from(KINDS), st.integers(0, 10**6), st.integers(0, 10**6))
# Every kind of edit, each once, in an order where they meet (a static page
# retitled, another hidden; a story others link to renamed; a pinned
# translation whose source then changes): what every run checks, before the
# random sequences.
TOUR = [
    Edit("title", 45, 0),  # pages/agencies/index.en.md: in every footer
    Edit("add_story", 1, 4),  # tourism, vi + en, with a cover
    Edit("add_translation", 5, 0),
    Edit("tags", 3, 5),
    Edit("date", 4, 300),
    Edit("agency", 6, 1),
    Edit("agency_name", 30, 0),
    Edit("catalog", 4, 11),
    Edit("theme", 7, 0),  # base.html
    Edit("slug", 3, 1),
    Edit("rename_story", 2, 1),  # culture/mo-muong, which two stories link to
    Edit("delete_translation", 3, 0),
    Edit("status", 38, 1),  # pages/about hidden
    Edit("delete_story", 0, 0),
    Edit("mistake", 3, 1),
    Edit("image", 5, 1),
    Edit("drop_source", 2, 0),  # English becomes the source
    Edit("pin", 0, 0),  # khai-ha-festival/index.en.md, the source's hash…
    Edit("body", 0, 0),  # …which its source's edit makes stale
    Edit("modified", 0, 11),  # the source modified after its translations
    Edit("unpin", 0, 0),
    Edit("cover", 0, 9),
    Edit("item_body", 56, 0),  # events/khai-ha-muong-bi-2027/index.en.md, upcoming…
    Edit("event_dates", 7, 0),  # …then moved to the day before the build date: past
    Edit("featured", 11, 0),  # events/chua-tien-festival-2027 on the home page
    Edit("category", 6, 0),  # destinations/mai-chau: another facet, another search filter
    Edit("caption", 4, 1),  # galleries/muong-patterns/index.en.md
]


class Run:
    """One sequence of edits on a fresh copy of the built demo."""

    def __init__(self, demo: Demo):
        # Back to the demo as its first build left it, at the same paths:
        # Pelican's content cache is keyed by a file's absolute path.
        shutil.rmtree(demo.root)
        shutil.copytree(demo.pristine, demo.root, symlinks=True)
        self.site = demo
        self.sources = Sources(demo.src)
        self.done: list[str] = []

    def step(self, edit: Edit) -> None:
        """Make an edit, rebuild incrementally and cold, and require equal outputs."""
        what = self.sources.apply(edit)
        if what is not None:
            self.check(f"{edit} → {what}")

    def check(self, what: str) -> None:
        """Rebuild incrementally and cold after an edit (`what` says which), and require equal outputs."""
        self.done.append(what)
        history = "after these edits:\n" + "\n".join(f"  {n}. {line}" for n, line in enumerate(self.done, 1))
        if self.sources.undo is not None:
            # A build that fails must leave output/ as it was, and its caches
            # must not mislead the build after the editor's correction.
            before = snapshot(self.site.output)
            failed = pelican(self.site.src, self.site.output, self.site.cache)
            assert failed.returncode != 0, f"{history}\nthe build did not fail:\n{failed.log[-2000:]}"
            assert snapshot(self.site.output) == before, f"{history}\nthe failed build changed the output"
            path, text = self.sources.undo
            path.write_bytes(text)
            self.sources.undo = None
        cold = Demo(self.site.root.parent / f"{self.site.root.name}-cold")
        if cold.root.exists():
            shutil.rmtree(cold.root)
        copy_sources(self.site.src, cold.src)
        # Both builds at once: each spends much of its time on one core.
        with ThreadPoolExecutor(2) as pool:
            warm = pool.submit(build, self.site.src, self.site.output, self.site.cache, history)
            fresh = pool.submit(build, cold.src, cold.output, cold.cache, history)
            warm.result(), fresh.result()
        report = compare(cold.output, self.site.output)
        assert report is None, f"{history}\nthe incremental build {report}"


@settings(
    # INCREMENTAL_EXAMPLES=50 searches further (about 15 s an example on two cores).
    max_examples=int(os.environ.get("INCREMENTAL_EXAMPLES", "2")),
    deadline=None,
    derandomize=True,
    database=None,
    # A failing sequence costs two builds per step to shrink: report it as found.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=5))
@example(edits=TOUR)
def test_incremental_build_equals_cold_build(demo: Demo, edits: list[Edit]) -> None:
    run = Run(demo)
    for edit in edits:
        run.step(edit)


def test_event_edited_then_moved_across_the_build_date(demo: Demo) -> None:
    """An event's body edited, then its dates moved by 300 days past the build date (found by the test above)."""
    run = Run(demo)
    sources = run.sources
    events = [sources.source(b) for b in sources.items("events")]
    event = min(events, key=lambda d: abs(dt.date.fromisoformat(d.get("Start")[:10]) - BUILD_DATE))
    start = dt.date.fromisoformat(event.get("Start")[:10])
    days = 300 if start < BUILD_DATE else -300
    assert (start < BUILD_DATE) != (start + dt.timedelta(days=days) < BUILD_DATE), (
        f"no demo event starts within 300 days of {BUILD_DATE}: move another one"
    )
    event.body = event.body.rstrip("\n") + f"\n\n{WORDS[event.path.name.split('.')[1]][1]} 1.\n"
    event.write()
    run.check(f"add a paragraph to {sources.rel(event.path)}")
    sources.shift_event(Doc.read(event.path), days)
    run.check(f"move {sources.rel(event.path)} by {days} days, across the build date {BUILD_DATE}")
