"""Which feeds exist: per language, all stories, each section, agency and tag."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from model.site import Language, Site
from model.types import TYPES
from multilang import urls

from .content import updated
from .settings import FeedsSettings

# Output file name endings per format, and the media type each is served as.
EXTENSIONS = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
KINDS = ("all", "section", "agency", "tag")
# A collection's feed of new and changed items (scope: the type, "project"), in every format.
COLLECTION = "collection"


@dataclass(eq=False)
class Feed:
    """One feed in one language: its scope, items (newest first) and addresses."""

    kind: str  # all, section, agency, tag
    scope: str | None  # the section, agency or term id; None for "all"
    language: Language
    items: list[Any] = field(default_factory=list)  # every listed translation, newest first

    @property
    def lang(self) -> str:
        """Return the language code."""
        return self.language.code

    @property
    def key(self) -> tuple[str, str | None]:
        """Return what identifies the feed across languages."""
        return (self.kind, self.scope)

    @property
    def stem(self) -> str:
        """Return the path of the feed without its format ending: "en/feeds/section/culture"."""
        name = "all" if self.kind == "all" else f"{self.kind}/{self.scope}"
        if self.kind == COLLECTION:
            name = TYPES[str(self.scope)].collection  # "en/feeds/projects"
        return f"{self.language.prefix}feeds/{name}"

    def path(self, fmt: str) -> str:
        """Return the output path of the feed in a format."""
        return self.stem + EXTENSIONS[fmt]

    @property
    def widget_path(self) -> str:
        """Return the page path of the iframe widget showing this feed."""
        name = "all" if self.kind == "all" else f"{self.kind}/{self.scope}"
        return f"{self.language.prefix}embed/{name}/"

    def page_path(self, site: Site) -> str:
        """Return the path of the HTML page listing the same stories."""
        if self.kind == "section":
            return urls.section(self.language, site, self.scope)
        if self.kind == "agency":
            return urls.agency(self.language, self.scope)
        if self.kind == "tag":
            return urls.tag(self.language, site, self.scope)
        if self.kind == COLLECTION:
            return urls.collection(self.language, str(self.scope))
        return urls.home(self.language)

    def scope_name(self, site: Site) -> str:
        """Return the scope's name in the feed's language ("" for all stories)."""
        if self.kind == "section":
            return site.sections[self.scope].names[self.lang]
        if self.kind == "agency":
            return site.agencies[self.scope].name(self.lang)
        if self.kind == "tag":
            return site.terms[self.scope].name(self.lang)
        return ""


def feed_items(site: Site, lang: str) -> list[Any]:
    """Return the stories a language's feeds carry: real translations, published, newest first."""
    items = [
        story.versions[lang]
        for story in site.stories
        if story.kind == "story"
        and story.listed
        and lang in story.versions
        # A translation marked draft or hidden stays out even when its story is listed.
        and getattr(story.versions[lang], "status", "published") == "published"
        and not getattr(story.versions[lang], "is_fallback", False)
    ]
    items.sort(key=lambda item: (item.story.date, item.story.key), reverse=True)
    return items


def collection_items(site: Site, type_name: str, lang: str) -> list[Any]:
    """Return a collection's items a language's feed carries: real translations, last changed first."""
    items = [
        story.versions[lang]
        for story in site.collections.get(type_name, [])
        if story.listed
        and lang in story.versions
        and getattr(story.versions[lang], "status", "published") == "published"
    ]
    items.sort(key=lambda item: (updated(item), item.story.key), reverse=True)
    return items


class Catalog:
    """Every feed of the site, looked up by language and scope."""

    def __init__(self, site: Site, settings: FeedsSettings):
        self.site = site
        self.settings = settings
        self.by_lang: dict[str, list[Feed]] = {}
        self._index: dict[tuple[str, str, str | None], Feed] = {}
        for language in site.languages:
            self.by_lang[language.code] = self._feeds_of(language)
            for feed in self.by_lang[language.code]:
                self._index[(feed.lang, feed.kind, feed.scope)] = feed
        # Collections' feeds are not story feeds: no widget, no <link> in every page's head.
        self.collections = [
            Feed(COLLECTION, name, language, collection_items(site, name, language.code))
            for language in site.languages
            for name in sorted(site.collections)
        ]
        for feed in self.collections:
            self._index[(feed.lang, feed.kind, feed.scope)] = feed

    def _feeds_of(self, language: Language) -> list[Feed]:
        """Plan a language's feeds: all, every section, and agencies and tags that have items."""
        items = feed_items(self.site, language.code)
        feeds = [Feed("all", None, language, items)]
        for section_id in self.site.sections:
            feeds.append(
                Feed("section", section_id, language, [i for i in items if i.story.section == section_id])
            )
        by_agency: dict[str, list[Any]] = defaultdict(list)
        by_term: dict[str, list[Any]] = defaultdict(list)
        for item in items:
            if item.story.agency in self.site.agencies:
                by_agency[item.story.agency].append(item)
            for term_id in item.story.tags:
                by_term[term_id].append(item)
        # Agencies and tags without a story in this language get no feed (and no widget).
        for agency_id in self.site.agencies:
            if by_agency.get(agency_id):
                feeds.append(Feed("agency", agency_id, language, by_agency[agency_id]))
        for term_id in sorted(by_term):
            feeds.append(Feed("tag", term_id, language, by_term[term_id]))
        return feeds

    def collection_paths(self) -> dict[tuple[str, str], str]:
        """Return {(type, language): Atom path} of the collections' feeds, for their list pages."""
        return {(str(feed.scope), feed.lang): feed.path("atom") for feed in self.collections}

    def all(self) -> list[Feed]:
        """Return every feed, language by language."""
        return [feed for feeds in self.by_lang.values() for feed in feeds]

    def get(self, lang: str, kind: str, scope: str | None = None) -> Feed | None:
        """Return a language's feed of a scope, or None when it has none."""
        return self._index.get((lang, kind, scope))

    def translations(self, feed: Feed) -> list[Feed]:
        """Return the same feed in every language that has it (this one included)."""
        found = (self.get(code, feed.kind, feed.scope) for code in self.site.codes)
        return [other for other in found if other is not None]

    def url(self, path: str) -> str:
        """Return the absolute URL of an output path."""
        return self.settings.absolute(path)
