"""Discover story bundles, read each file once and assemble the stories."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from typing import Any

from model import config as cfg
from model.errors import ContentError, header_line
from model.site import Site, Story, Term
from model.text import fold, is_slug, slugify
from pelican.contents import Article, Page
from pelican.readers import Readers

logger = logging.getLogger(__name__)

SOURCE_FILE_RE = re.compile(r"^index\.(?P<lang>[^.]+)\.(?P<ext>md|markdown)$")
# Written once in the source file, inherited by every translation.
NEUTRAL_FIELDS = ("date", "agency", "cover", "cover_credit", "cover_focus", "tags")
LANG_CODE_HINTS = {"vn": "vi", "cn": "zh", "jp": "ja", "kr": "ko", "zh-cn": "zh", "cz": "cs"}


def discover(content_dir: str, site: Site, pages_dir: str) -> Iterator[tuple[str, str | None, str]]:
    """Yield (kind, section, bundle dir) for every bundle, rejecting stray files."""
    if not os.path.isdir(content_dir):
        raise ContentError(content_dir, "content folder not found", "create it or set PATH")
    for top in sorted(os.listdir(content_dir)):
        top_path = os.path.join(content_dir, top)
        if top.startswith(".") or not os.path.isdir(top_path):
            if top.endswith((".md", ".markdown")):
                raise ContentError(
                    top_path,
                    "a story must be a folder",
                    "move it to content/<section>/<story>/index.<lang>.md",
                )
            continue
        if top == pages_dir:
            kind, section = "page", None
        elif top in site.sections:
            kind, section = "story", top
        else:
            raise ContentError(
                top_path,
                f"unknown section {top!r}",
                f"use one of {', '.join(sorted(site.sections))} or add it to MULTILANG_SECTIONS",
            )
        for name in sorted(os.listdir(top_path)):
            path = os.path.join(top_path, name)
            if name.startswith("."):
                continue
            if not os.path.isdir(path):
                raise ContentError(
                    path,
                    "stories are folders, not loose files",
                    f"move it to {top}/<story>/{name if SOURCE_FILE_RE.match(name) else 'index.vi.md'}",
                )
            if not is_slug(name):
                raise ContentError(
                    path,
                    f"story folder name {name!r} is not a valid slug",
                    "rename the folder to lowercase ASCII letters, digits and hyphens, "
                    f"e.g. {slugify(name) or 'my-story'!r}",
                )
            yield kind, section, path


class BundleReader:
    """Read bundles with Pelican's readers (and their cache) into Stories."""

    def __init__(
        self, readers: Readers, base_path: str, site: Site, settings: dict[str, Any], context: dict[str, Any]
    ):
        self.readers = readers
        self.base_path = base_path
        self.site = site
        self.settings = settings
        self.context = context
        self.image_exts = tuple(cfg.get(settings, "MULTILANG_IMAGE_EXTENSIONS"))
        self.attachment_exts = tuple(cfg.get(settings, "MULTILANG_ATTACHMENT_EXTENSIONS"))

    def text_files(self, bundles: list[tuple[str, str | None, str]]) -> list[str]:
        """Return the absolute paths of every language file of the bundles."""
        paths = []
        for _, _, bundle in bundles:
            paths += [
                os.path.abspath(os.path.join(bundle, name))
                for name in sorted(os.listdir(bundle))
                if SOURCE_FILE_RE.match(name)
            ]
        return paths

    def source_files(self, bundle: str) -> tuple[dict[str, str], list[str]]:
        """Return {lang: path} of the bundle's texts and its other file names."""
        texts: dict[str, str] = {}
        others: list[str] = []
        for name in sorted(os.listdir(bundle)):
            path = os.path.join(bundle, name)
            if name.startswith(".") or os.path.isdir(path):
                continue
            match = SOURCE_FILE_RE.match(name)
            if name.endswith((".md", ".markdown")) and not match:
                raise ContentError(
                    path,
                    "text files in a story folder are named index.<lang>.md",
                    "rename it, e.g. index.vi.md or index.en.md",
                )
            if not match:
                others.append(name)
                continue
            lang = match["lang"]
            if lang not in self.site.codes:
                hint = LANG_CODE_HINTS.get(lang.lower())
                raise ContentError(
                    path,
                    f"unknown language {lang!r}",
                    f"rename it to index.{hint}.md"
                    if hint
                    else f"use one of {', '.join(self.site.codes)} or add {lang!r} to MULTILANG_LANGUAGES",
                )
            if lang in texts:
                raise ContentError(
                    path,
                    f"two files claim language {lang!r} for this story",
                    f"keep one of {os.path.basename(texts[lang])} and {name}",
                )
            texts[lang] = path
        return texts, others

    def read_version(self, path: str, lang: str, kind: str) -> Any:
        """Read one file into an Article/Page, wrapping failures with the file name."""
        klass = Article if kind == "story" else Page
        rel = os.path.relpath(path, self.base_path)
        try:
            version = self.readers.read_file(
                base_path=self.base_path, path=rel, content_class=klass, context=self.context
            )
        except UnicodeDecodeError as exc:
            raise ContentError(
                path, f"not UTF-8 text ({exc.reason} at byte {exc.start})", "save the file as UTF-8"
            ) from exc
        except ValueError as exc:
            key = "date" if "date" in str(exc).lower() else None
            line = header_line(path, key or "modified")
            raise ContentError(
                path,
                f"invalid metadata: {exc}",
                "write dates as ISO 8601, e.g. 2024-02-15 or 2024-02-15 09:00+07:00",
                line=line,
            ) from exc
        if getattr(version, "lang", lang) != lang:
            raise ContentError(
                path,
                f"Lang: {version.lang} contradicts the file name",
                "remove the Lang: line; the file name sets the language",
                line=header_line(path, "lang"),
            )
        version.lang = lang
        version.in_default_lang = lang == self.site.default_lang
        if not getattr(version, "title", "").strip():
            raise ContentError(path, "missing Title", "add a 'Title: …' line to the header", line=1)
        status = getattr(version, "status", "published") or "published"
        if status not in ("published", "draft", "hidden"):
            raise ContentError(
                path,
                f"unknown Status {status!r}",
                "use published, draft or hidden",
                line=header_line(path, "status"),
            )
        version.status = status
        version.is_fallback = False
        return version

    def read_bundle(self, kind: str, section: str | None, bundle: str) -> Story:
        """Read every language file of a bundle and assemble the Story."""
        texts, others = self.source_files(bundle)
        if not texts:
            raise ContentError(bundle, "story folder without text", "add index.vi.md (or remove the folder)")
        story = Story(key=os.path.basename(bundle), kind=kind, section=section, bundle_dir=bundle)
        for lang, path in texts.items():
            version = self.read_version(path, lang, kind)
            version.story = story
            story.versions[lang] = version
        story.source_lang = (
            self.site.default_lang
            if self.site.default_lang in texts
            else next(c for c in self.site.codes if c in texts)
        )
        # A translation still in draft is not published in its language; the
        # story goes on without it (the checker and report still see it).
        for lang, version in list(story.versions.items()):
            if lang != story.source_lang and version.status == "draft":
                story.draft_versions[lang] = story.versions.pop(lang)
        self._inherit(story)
        for name in others:
            ext = os.path.splitext(name)[1].lower()
            if ext in self.attachment_exts:
                story.attachments.append(name)
            elif ext not in self.image_exts:
                logger.warning(
                    "%s: not published (extension %s is neither an image nor in "
                    "MULTILANG_ATTACHMENT_EXTENSIONS); add the extension or remove it",
                    os.path.join(bundle, name),
                    ext or "(none)",
                )
        return story

    def _inherit(self, story: Story) -> None:
        """Copy language-neutral fields from the source to every translation."""
        source = story.source
        path = source.source_path
        if story.kind == "story" and not hasattr(source, "date"):
            raise ContentError(path, "missing Date", "add 'Date: YYYY-MM-DD' to the source file", line=1)
        for version in story.versions.values():
            if version is source:
                continue
            for name in NEUTRAL_FIELDS:
                if name in version.metadata and _plain(version.metadata[name]) != _plain(
                    source.metadata.get(name)
                ):
                    raise ContentError(
                        version.source_path,
                        f"{name.capitalize()} is language-neutral and differs from {os.path.basename(path)}",
                        f"remove it here: translations inherit it from {os.path.basename(path)}",
                        line=header_line(version.source_path, name),
                    )
        story.date = getattr(source, "date", None)
        story.modified = getattr(source, "modified", None)
        story.agency = source.metadata.get("agency") or None
        if story.agency and story.agency not in self.site.agencies:
            raise ContentError(
                path,
                f"unknown Agency {story.agency!r}",
                f"use an id from {cfg.get(self.settings, 'MULTILANG_AGENCIES_FILE')}",
                line=header_line(path, "agency"),
            )
        story.tags = [self._term(tag, path) for tag in _tag_names(source.metadata.get("tags"))]
        story.cover = source.metadata.get("cover") or None
        story.cover_credit = source.metadata.get("cover_credit", "")
        story.cover_focus = _focus(source.metadata.get("cover_focus"), path)
        story.status = source.status
        for version in story.versions.values():
            if story.date is not None:
                version.date = story.date
                version.metadata["date"] = story.date
            for name in ("agency", "cover", "cover_credit", "cover_focus"):
                if name in source.metadata:
                    version.metadata[name] = source.metadata[name]
                    setattr(version, name, source.metadata[name])

    def _term(self, name: str, path: str) -> str:
        """Resolve a tag to a term id, creating an ad-hoc term when it is new."""
        if name in self.site.terms:
            return name
        folded = fold(name)
        for term in self.site.terms.values():
            if any(fold(n) == folded for n in term.names.values()):
                return term.id
        slug = slugify(name)
        if not slug:
            raise ContentError(
                path,
                f"tag {name!r} has no ASCII slug",
                f"add it to {cfg.get(self.settings, 'MULTILANG_TERMS_FILE')} with a slug",
                line=header_line(path, "tags"),
            )
        codes = self.site.codes
        self.site.terms[slug] = Term(slug, dict.fromkeys(codes, name), dict.fromkeys(codes, slug), adhoc=True)
        return slug


def _plain(value: Any) -> Any:
    """Return a comparable form of a metadata value (tags as names)."""
    if isinstance(value, list):
        return [getattr(v, "name", v) for v in value]
    return value


def _tag_names(value: Any) -> list[str]:
    """Return tag names from Pelican's processed `tags` metadata."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [getattr(v, "name", v).strip() for v in value if getattr(v, "name", v).strip()]


def _focus(value: Any, path: str) -> tuple[float, float] | None:
    """Parse Cover_focus: 'x,y' with both in [0, 1]."""
    if not value:
        return None
    try:
        x, y = (float(part) for part in str(value).split(","))
    except ValueError:
        x = y = -1.0
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise ContentError(
            path,
            f"Cover_focus {value!r} is not 'x,y' between 0 and 1",
            "write e.g. 'Cover_focus: 0.5,0.3'",
            line=header_line(path, "cover_focus"),
        )
    return x, y
