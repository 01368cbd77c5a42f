"""Read the validated sources into stories: each file read once, by the declared types."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from model import config as cfg
from model import keyfacts, validate, validation_cache
from model.errors import ContentError
from model.site import Site, Story, Term, declare_extensions
from model.sources import Bundle, ContentTree, Document
from model.text import slugify
from pelican.contents import Article, Page
from pelican.readers import Readers

from . import collections, urls
from .attachments import publish_linked, type_findings
from .links import LinkRewriter
from .reader import SANITISED, PrefetchingReaders, use_bundle_reader

logger = logging.getLogger(__name__)


def read_site(
    settings: dict[str, Any],
    readers: PrefetchingReaders,
    context: dict[str, Any],
    workers: int,
    only: set[str] | None = None,
    *,
    site: Site | None = None,
    tree: ContentTree | None = None,
) -> Site:
    """Validate settings, sources and headers once, then read every valid bundle into the Site.

    Problems become findings on `site.findings` (model.validate: the same rules
    `make check` reports); a bundle with an error is left out, the rest is read.
    `only` (content-relative bundle folders) reads just those: `make check PATHS=…`.
    A caller that loaded the registries (`site`, from cfg.build_site) or parsed
    the sources (`tree`) already hands them in, so nothing is read twice.
    """
    site = cfg.build_site(settings) if site is None else site
    options = cfg.validation_options(settings)
    levels = cfg.levels(settings)
    content_dir = Path(settings["PATH"])
    if not content_dir.is_dir():
        raise ContentError(str(content_dir), "content folder not found", "create it or set PATH")
    tree = ContentTree(content_dir) if tree is None else tree
    site.sources = tree
    if only is None:
        site.findings.extend(validate.stray_findings(tree.stray_md))
        site.findings.extend(validate.link_findings(tree.symlinks))
        site.keyfacts, found = keyfacts.load(
            cfg.get(settings, "MULTILANG_KEYFACTS_FILE"), site.codes, keyfacts.targets(site)
        )
        site.findings.extend(found)
    good: list[Bundle] = []
    bundles = tree.bundles.values() if only is None else [tree.bundle(rel) for rel in sorted(only)]
    for bundle in validated(bundles, site, settings, options, whole=only is None):
        if bundle.versions and not validate.blocks(bundle.validated or [], levels):
            good.append(bundle)
    docs = {os.path.abspath(doc.path): doc for bundle in good for doc in bundle.docs()}
    readers.use_sources(docs)
    readers.prefetch(list(docs), workers)
    reader = BundleReader(readers, settings["PATH"], site, settings, context)
    for bundle in good:
        try:
            story = reader.read_bundle(bundle, options)
        except ContentError as exc:
            site.findings.append(exc.finding())
            continue
        if story.kind == "page":
            site.pages.append(story)
        elif story.kind == "story":
            site.stories.append(story)
        else:
            site.collections.setdefault(story.kind, []).append(story)
    readers.save_cache()
    readers.use_sources({})  # the tree holds them; the readers need them no longer
    site.findings.extend(publish_linked(site, settings, str(content_dir), whole=only is None))
    site.stories.sort(key=lambda s: (s.date, s.key), reverse=True)
    collections.order(site)
    return site


def validated(
    bundles: Iterable[Bundle], site: Site, settings: dict[str, Any], options: validate.Options, whole: bool
) -> Iterator[Bundle]:
    """Validate each bundle into `bundle.validated` and site.findings, reusing the last build's findings.

    A bundle whose files and inputs did not change keeps its findings
    (model/validation_cache.py): a rebuild after one edit validates one bundle.
    """
    tree = site.sources
    registries = [str(cfg.get(settings, name)) for name in validation_cache.REGISTRIES]
    cache = validation_cache.ValidationCache(
        settings["CACHE_PATH"],
        validation_cache.fingerprint(settings, registries, tree.root),
        load=bool(settings.get("LOAD_CONTENT_CACHE", True)),
    )
    recording = tree.recording
    try:
        for bundle in bundles:
            current = validation_cache.stamp(bundle)
            found = cache.get(bundle, tree, current)
            if found is not None:
                bundle.validated = found
            else:
                tree.recording = []  # lookups into other bundles, replayed by the next build
                found = validate.bundle_findings(bundle, site, options)
                cache.put(bundle, current, found, tree.recording)
                tree.recording = recording
            site.findings.extend(found)
            yield bundle
    finally:
        tree.recording = recording
    cache.save(whole)


def make_readers(settings: dict[str, Any]) -> PrefetchingReaders:
    """Return Pelican's readers set up for bundles (the NFC Markdown reader included)."""
    # The file name, not a header, says the language; Pelican needs it
    # before building the content object (in_default_lang, signals).
    # The folder is the default slug: given as path metadata, Pelican does
    # not slugify every title only for the engine to replace the result.
    reader_settings = dict(
        settings,
        FILENAME_METADATA=r"index\.(?P<lang>[^.]+)",
        PATH_METADATA=r"(?:.*/)?(?P<slug>[^/]+)/index\.[^/]+$",
    )
    readers = PrefetchingReaders(reader_settings, "multilang-readers")
    use_bundle_reader(readers)  # readers_init did it already in a build; a standalone reader needs it
    return readers


def address(site: Site, settings: dict[str, Any]) -> None:
    """Give every version and fallback its URL, then resolve relative links in bodies."""
    for story in site.every_item():
        for lang, version in story.versions.items():
            version.view_lang = lang
    urls.assign(site)
    for items in site.fallbacks.values():
        for item in items:
            declare_extensions(item)
    rewriter = LinkRewriter(site, settings)
    for story in site.every_item():
        for version in story.versions.values():
            rewriter.rewrite(version)
    for items in site.fallbacks.values():
        for item in items:
            rewriter.rewrite(item)


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

    def read_version(self, path: str, lang: str, kind: str) -> Any:
        """Read one validated file into an Article/Page."""
        klass = Article if kind == "story" else Page
        # Absolute: Pelican joins it to base_path (a no-op) and works out the relative path itself.
        try:
            version = self.readers.read_file(
                base_path=self.base_path,
                path=os.path.abspath(path),
                content_class=klass,
                context=self.context,
            )
        except ValueError as exc:  # validated already; what Pelican still refuses
            raise ContentError(path, f"invalid metadata: {exc}", "see docs/editing.md", line=1) from exc
        version.lang = lang
        version.in_default_lang = lang == self.site.default_lang
        version.status = (getattr(version, "status", "published") or "published").lower()
        version.is_fallback = False
        # The body as Markdown made it and the sanitiser left it, before plugins
        # rewrite links and images; what the sanitiser removed (the html rule reports it).
        version.read_html = version._content
        version.sanitised = version.metadata.pop(SANITISED, ())
        declare_extensions(version)
        return version

    def read_bundle(self, bundle: Bundle, options: validate.Options) -> Story:
        """Read every language file of a validated bundle and assemble the Story."""
        story = Story(key=bundle.key, kind=bundle.kind, section=bundle.section, bundle_dir=str(bundle.dir))
        for lang in sorted(bundle.versions):
            version = self.read_version(str(bundle.versions[lang]), lang, bundle.kind)
            _drop_placeholders(version, bundle.doc(lang))
            version.story = story
            story.versions[lang] = version
        story.source_lang = bundle.source_lang(tuple(self.site.codes)) or next(iter(story.versions))
        # A translation still in draft is not published in its language; the
        # story goes on without it (the checker and report still see it).
        for lang, version in list(story.versions.items()):
            if lang != story.source_lang and version.status == "draft":
                story.draft_versions[lang] = story.versions.pop(lang)
        self._inherit(story)
        if story.kind not in ("story", "page"):
            collections.attach(story, bundle, self.site, options)
        for lang, version in story.versions.items():
            reason = validate.stale_reason(bundle, bundle.doc(lang), self.site, options.timezone)
            version.is_stale, version.stale_reason = reason is not None, reason
        # Sub-folders are not part of the bundle. Attachments are published only
        # when linked (attachments.publish_linked, once every story is read).
        story.attachments = [
            p.name
            for p in bundle.files
            if p.parent == bundle.dir and p.suffix.lower() in self.attachment_exts
        ]
        self.site.findings.extend(type_findings(bundle.dir, bundle.files, self.settings))
        return story

    def _inherit(self, story: Story) -> None:
        """Copy language-neutral fields from the source to every translation."""
        source = story.source
        story.date = getattr(source, "date", None)
        story.modified = getattr(source, "modified", None)
        story.agency = source.metadata.get("agency") or None
        story.tags = [self._term(tag) for tag in _tag_names(source.metadata.get("tags"))]
        story.cover = source.metadata.get("cover") or None
        story.cover_credit = source.metadata.get("cover_credit", "")
        story.cover_focus = _focus(source.metadata.get("cover_focus"))
        story.status = source.status
        for version in story.versions.values():
            if story.date is not None:
                version.date = story.date
                version.metadata["date"] = story.date
            for name in ("agency", "cover", "cover_credit", "cover_focus"):
                if name in source.metadata:
                    version.metadata[name] = source.metadata[name]
                    setattr(version, name, source.metadata[name])

    def _term(self, name: str) -> str:
        """Resolve a tag to a term id, creating an ad-hoc term when it is new (validated: it has a slug)."""
        found = self.site.find_term(name)
        if found is not None:
            return found
        slug = slugify(name)
        if slug in self.site.terms:
            # "Le-hoi!" is the term le-hoi: an ad-hoc tag never replaces a
            # registry term (its names and slugs in every language).
            return slug
        codes = self.site.codes
        self.site.terms[slug] = Term(slug, dict.fromkeys(codes, name), dict.fromkeys(codes, slug), adhoc=True)
        return slug


def _drop_placeholders(version: Any, doc: Document) -> None:
    """Leave out fields a draft still holds `make new`'s placeholder in (validation allows only drafts)."""
    for key, f in doc.fields.items():
        if key in version.metadata and doc.get(key) is None and f.value:
            del version.metadata[key]
            vars(version).pop(key, None)
            if key == "summary":
                version._summary = None  # Pelican keeps it behind a property


def _tag_names(value: Any) -> list[str]:
    """Return tag names from Pelican's processed `tags` metadata."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [getattr(v, "name", v).strip() for v in value if getattr(v, "name", v).strip()]


def _focus(value: Any) -> tuple[float, float] | None:
    """Parse Cover_focus, validated already as 'x,y' with both in [0, 1]."""
    if not value:
        return None
    x, y = (float(part) for part in str(value).split(","))
    return x, y
