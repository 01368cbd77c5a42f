"""The site model every plugin and template sees: languages, registries, stories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from babel import Locale

from .text import fold

# Where a registry has no chain for a language (an entry made outside build_site).
LAST_RESORT = ("en", "vi")


def pick(values: dict[str, Any], order: tuple[str, ...]) -> str | None:
    """Return the first language of order that values gives a text in, else the first given."""
    for code in order:
        if values.get(code):
            return code
    return next((code for code, value in values.items() if value), None)


@dataclass(frozen=True)
class Language:
    """A configured language of the site."""

    code: str  # the code in file names and URLs: vi, en, zh…
    name: str  # its native name, for the switcher
    html_lang: str  # BCP 47 for <html lang> and hreflang: zh-Hans
    locale: str  # Babel/CLDR locale: zh_Hans_CN
    og_locale: str  # Open Graph locale: zh_CN
    prefix: str  # URL prefix: "" for the default language, else "en/"
    untranslated: str  # "hide" or "fallback"

    @property
    def babel(self) -> Locale:
        """Return the Babel locale."""
        return Locale.parse(self.locale)

    @cached_property
    def direction(self) -> str:
        """Return the script's direction, "rtl" or "ltr"."""
        # Lazy: CLDR loads a locale's whole data for it, which a one-story check never needs.
        return "rtl" if self.babel.character_order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class Section:
    """A content section with a name and URL slug per language."""

    id: str
    names: dict[str, str]
    slugs: dict[str, str]


@dataclass
class Term:
    """A tag: one term with a name and slug per language."""

    id: str
    names: dict[str, str]
    slugs: dict[str, str]
    adhoc: bool = False  # made from a tag not in the term table
    # each language's fallback chain (MULTILANG_FALLBACK), shared by the registry
    fallback: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def name_lang(self, lang: str) -> str:
        """Return the language of the name shown in lang: lang, its chain, en, vi, the first given."""
        return pick(self.names, (lang, *self.fallback.get(lang, ()), *LAST_RESORT)) or lang

    def name(self, lang: str) -> str:
        """Return the name in lang, else in the first language of its chain that has one."""
        return self.names[self.name_lang(lang)]


@dataclass
class Agency:
    """An agency (or the site owner) from the registry, valid over a period."""

    id: str
    names: dict[str, str]
    short: dict[str, str] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)
    url: str = ""
    contacts: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None
    successor: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""  # registry file, for error messages
    # The directory (Decree 42): tasks and units per language, officials whose
    # names are publicly confirmed (else a position and the institutional contact).
    tasks: dict[str, list[str]] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)
    external: bool = False  # an outside body (bodies:), issuer of documents; no page of its own
    # each language's fallback chain (MULTILANG_FALLBACK), shared by the registry
    fallback: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def order(self, lang: str) -> tuple[str, ...]:
        """Return the languages a text is looked for in: lang, its chain, then English and Vietnamese."""
        return (lang, *self.fallback.get(lang, ()), *LAST_RESORT)

    def text_lang(self, values: Any, lang: str) -> str | None:
        """Return the language of the text shown in lang from a per-language dict."""
        return pick(values, self.order(lang)) if isinstance(values, dict) else None

    def name_lang(self, lang: str) -> str:
        """Return the language of the name shown in lang."""
        return self.text_lang(self.names, lang) or lang

    def name(self, lang: str) -> str:
        """Return the name in lang, else in the first language of its chain that has one."""
        return self.names[self.name_lang(lang)]

    def short_name(self, lang: str) -> str:
        """Return the short name in lang, else the full name."""
        return self.short.get(lang) or self.name(lang)

    def text(self, attr: str, lang: str) -> str:
        """Return a per-language text field (functions, address) along the language's chain."""
        values = getattr(self, attr) if attr == "functions" else self.contacts.get(attr)
        if isinstance(values, dict):
            code = self.text_lang(values, lang)
            return values[code] if code else ""
        return values or ""

    def valid_on(self, day: dt.date) -> bool:
        """Tell whether the agency existed on day."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(eq=False)
class Story:
    """One story (or static page): its translations and language-neutral fields."""

    key: str
    kind: str  # "story" or "page"
    section: str | None
    bundle_dir: str
    source_lang: str = ""
    versions: dict[str, Any] = field(default_factory=dict)  # lang -> Article/Page
    draft_versions: dict[str, Any] = field(default_factory=dict)  # translations in draft
    date: dt.datetime | None = None
    modified: dt.datetime | None = None
    agency: str | None = None
    tags: list[str] = field(default_factory=list)
    cover: str | None = None
    cover_credit: str = ""
    cover_focus: tuple[float, float] | None = None
    status: str = "published"
    attachments: list[str] = field(default_factory=list)  # file names in the bundle
    # A collection item's language-neutral values, typed by its declaration
    # (model/values.py); each version's `data` adds its translatable ones.
    data: dict[str, Any] = field(default_factory=dict)
    # Declared extensions (STORY_EXTENSIONS): set by the images plugin.
    cover_image: Any = None  # the cover's derivatives
    social_image: Any = None  # the social card

    @property
    def source(self) -> Any:
        """Return the version in the source language."""
        return self.versions[self.source_lang]

    @property
    def listed(self) -> bool:
        """Tell whether the story appears in lists, feeds and the sitemap."""
        return self.status == "published"

    @property
    def published(self) -> bool:
        """Tell whether the story is written to the output at all."""
        return self.status in ("published", "hidden")


# What plugins add to the model, declared here so every page that shows an item
# is re-rendered when one changes (render.item_digest hashes them) and so a
# template can rely on them existing. Plugins set them during stories_ready.
STORY_EXTENSIONS = ("cover_image", "social_image")
# On every version and fallback; the engine sets these defaults before any
# plugin runs: (name, default).
VERSION_EXTENSIONS: tuple[tuple[str, Any], ...] = (
    ("cover_html", ""),  # images: the cover's <picture> markup
    ("thumb_html", ""),  # images: the cover as a list card's lazy, decorative thumbnail
    ("is_stale", False),  # engine: the source changed after this translation
    ("stale_reason", None),  # engine: why, for the checker and the notice
    ("data", None),  # engine: a collection item's typed values in this language (Story.data + its own)
    ("photos", ()),  # images: a gallery's photos in this language (markup, full-size URL, texts)
)


def declare_extensions(item: Any) -> None:
    """Give a version or fallback every declared extension field at its default."""
    for name, default in VERSION_EXTENSIONS:
        if not hasattr(item, name):
            setattr(item, name, default)


@dataclass
class ExtraPage:
    """A page plugins add in every language (search, embed): template and path."""

    template: str  # theme template name without .html
    path: str  # path under each language's prefix: "search/"
    indexed: bool = True  # False: noindex, e.g. widget pages
    context: dict[str, Any] = field(default_factory=dict)
    langs: list[str] | None = None  # the languages to write it in; None: all
    deps: list[Any] = field(default_factory=list)  # items it shows (for rebuilds)


@dataclass(frozen=True)
class MapTiles:
    """A raster tile source for the maps (MULTILANG_MAP_TILES), validated."""

    url: str  # template with {z}, {x}, {y}: https://… or a path on this host
    attribution: str  # the credit the tiles' licence asks for, plain text
    attribution_url: str | None
    max_zoom: int
    origin: str | None  # "https://tiles.example.org" for the CSP; None when on this host


@dataclass
class Site:
    """Everything the engine knows about the site, shared through the context."""

    languages: list[Language]
    default_lang: str
    sections: dict[str, Section]
    terms: dict[str, Term]
    agencies: dict[str, Agency]
    owners: list[Agency]
    siteurl: str
    agencies_file: str = ""  # the registry's path, for messages
    stories: list[Story] = field(default_factory=list)
    pages: list[Story] = field(default_factory=list)
    # lang -> fallback renditions of untranslated stories (policy "fallback")
    fallbacks: dict[str, list[Any]] = field(default_factory=dict)
    # pages plugins add in every language during multilang_stories_ready
    extra_pages: list[ExtraPage] = field(default_factory=list)
    # every page multilang writes (planning.Job), set in its generate_output for
    # generators that run after it (sitemap)
    jobs: list[Any] = field(default_factory=list)
    # the content folder as read once (model.sources.ContentTree), for every
    # plugin that needs raw files, header lines or line numbers
    sources: Any = None
    # what the engine, the checker and plugins found (model.findings.Finding);
    # one verdict is drawn from it after content_final
    findings: list[Any] = field(default_factory=list)
    _term_names: dict[str, str] | None = field(default=None, repr=False)  # folded name -> term id
    # data/vocabularies.yml (model/vocab.py): the term lists structured fields draw from
    vocabularies: dict[str, Any] = field(default_factory=dict)
    # outside bodies that issue documents (data/agencies.yml `bodies:`)
    bodies: dict[str, Agency] = field(default_factory=dict)
    # collection type name -> its items (model.types.COLLECTIONS), newest first
    collections: dict[str, list[Story]] = field(default_factory=dict)
    # (collection type name, language code) -> the path of its feed of new and
    # changed items; the feeds plugin sets it during stories_ready, list pages link it
    collection_feeds: dict[tuple[str, str], str] = field(default_factory=dict)
    # (south, west, north, east) in WGS84 degrees: coordinates outside it are an
    # error (MULTILANG_BOUNDING_BOX); None: anywhere on the globe
    bbox: tuple[float, float, float, float] | None = None
    # the day "upcoming" events are counted from (MULTILANG_BUILD_DATE, default today)
    build_date: dt.date | None = None
    # the home page's hero and key facts (model/keyfacts.py: data/keyfacts.yml), or None
    keyfacts: Any = None
    # the map's tile source (MULTILANG_MAP_TILES); None: the SVG map alone, no script
    map_tiles: MapTiles | None = None
    # lang -> the languages tried, in order, where lang has no version (MULTILANG_FALLBACK)
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # MULTILANG_HIDE_EMPTY_SECTIONS: a section with nothing in a language leaves its menu
    hide_empty_sections: bool = True

    def chain(self, lang: str) -> tuple[str, ...]:
        """Return lang and the languages it falls back to, best first."""
        return (lang, *self.chains.get(lang, (self.default_lang,) if lang != self.default_lang else ()))

    def best_version(self, story: Story, lang: str) -> Any:
        """Return the version of a story a reader of lang is best given: along the chain, else the source."""
        for code in self.chain(lang):
            if code in story.versions:
                return story.versions[code]
        return story.source

    def every_item(self) -> list[Story]:
        """Return stories, pages and every collection's items: all the engine reads and writes."""
        return self.stories + self.pages + [item for items in self.collections.values() for item in items]

    @property
    def codes(self) -> list[str]:
        """Return the configured language codes in switcher order."""
        return [language.code for language in self.languages]

    def language(self, code: str) -> Language:
        """Return the language with this code."""
        return next(language for language in self.languages if language.code == code)

    def with_pages(self) -> dict[str, Agency]:
        """Return the bodies that have an agency page: the site's owners, then the agencies."""
        return {owner.id: owner for owner in self.owners} | self.agencies

    def owner_on(self, day: dt.date | None = None) -> Agency | None:
        """Return the site owner on day (today when None)."""
        day = day or dt.date.today()
        valid = [owner for owner in self.owners if owner.valid_on(day)]
        return valid[-1] if valid else (self.owners[-1] if self.owners else None)

    def url(self, path: str) -> str:
        """Return the site URL of an output path ("" or "en/culture/")."""
        return f"{self.siteurl}/{path}"

    def find_term(self, name: str) -> str | None:
        """Return the id of the term a tag names: its id, or a registry term's name in any language."""
        if name in self.terms:
            return name
        if self._term_names is None:
            # Built on first use, from the registry: ad-hoc terms (added while
            # reading) are found by their id, which is their slug.
            self._term_names = {}
            for term in self.terms.values():
                for term_name in term.names.values():
                    self._term_names.setdefault(fold(term_name), term.id)
        return self._term_names.get(fold(name))

    def listed_versions(self, lang: str) -> list[Any]:
        """Return what lists in lang show, newest first: translations and fallbacks."""
        items = [story.versions[lang] for story in self.stories if story.listed and lang in story.versions]
        items.extend(
            item for item in self.fallbacks.get(lang, []) if item.story.listed and item.story.kind == "story"
        )
        items.sort(key=lambda item: (item.story.date, item.story.key), reverse=True)
        return items
