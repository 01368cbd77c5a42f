"""The feeds generator: every language's feeds, the sitemap, robots.txt and _headers."""

from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Any

from model import config as multilang_settings
from multilang import urls
from multilang.l10n import compile_catalogs, load_translations
from multilang.planning import Planner
from multilang.views import plain
from pelican.generators import Generator

from . import sitemap
from .catalog import Feed
from .content import cover, entry_id, published, sanitise, updated
from .embeds import feed_title
from .formats import WRITERS, Category, Document, Entry, Person
from .headers import headers_file
from .state import State, of

logger = logging.getLogger(__name__)

# The texts of the feeds (descriptions, the widget's "more" link) are macros
# of this template, so they are translated with the theme's gettext catalogs.
TEXT_TEMPLATE = "feeds_text"
# An empty feed is as old as its language's newest story, else this date,
# so that an unchanged site writes byte-identical feeds.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# The collections' names (the titles of their feeds) are macros of the theme's list pages.
COLLECTION_NAMES = "invest_macros"


class FeedsGenerator(Generator):
    """Write Atom, RSS and JSON feeds per language and scope, and the files crawlers read."""

    def generate_context(self) -> None:
        """Do nothing: the feeds are planned when the site model is ready."""

    def generate_output(self, writer: Any) -> None:
        """Write every feed, the sitemap, robots.txt and _headers."""
        site = self.context.get("multilang")
        state = of(site)
        if state is None:
            logger.warning(
                "feeds: no multilang site model in this build; list 'multilang' before 'feeds' in PLUGINS"
            )
            return
        translations_dir = multilang_settings.get(self.settings, "MULTILANG_TRANSLATIONS_DIR")
        compile_catalogs(translations_dir, site.codes)
        written = 0
        bodies: dict[int, tuple[str, str, str]] = {}  # id(item) -> summary, text, content
        for language in site.languages:
            self.env.install_gettext_translations(
                load_translations(translations_dir, language.code), newstyle=True
            )
            texts = self.get_template(TEXT_TEMPLATE).make_module({})
            for feed in state.catalog.by_lang[language.code]:
                document = self._document(state, feed, texts, bodies)
                for fmt in state.settings.formats:
                    self._write(feed.path(fmt), WRITERS[fmt](document))
                    written += 1
            written += self._write_collections(state, language.code, bodies)
        # multilang's generate_output (which runs before this one) leaves its plan
        # on the site; planning again only when it is missing costs seconds at scale.
        jobs = site.jobs or Planner(site, self.settings).plan()
        entries = sitemap.urls_of(jobs, state.settings)
        for name, body in sitemap.sitemaps(entries, state.settings, site.codes).items():
            self._write(name, body)
        self._write("robots.txt", sitemap.robots(state.settings).encode("utf-8"))
        if state.settings.headers:
            self._write("_headers", headers_file(site, state.settings).encode("utf-8"))
        logger.info("feeds: %d feed files, %d URLs in the sitemap", written, len(entries))

    def _write_collections(self, state: State, code: str, bodies: dict[int, tuple[str, str, str]]) -> int:
        """Write a language's feeds (all formats) of its collections' new and changed items; count them."""
        feeds = [feed for feed in state.catalog.collections if feed.lang == code]
        if not feeds:
            return 0
        # Atom always (the list pages link it), and the site's other formats.
        formats = ("atom", *(fmt for fmt in state.settings.formats if fmt != "atom"))
        names = self.get_template(COLLECTION_NAMES).make_module({})
        texts = self.get_template(TEXT_TEMPLATE).make_module({})
        for feed in feeds:
            document = self._document(state, feed, texts, bodies)
            document.title = f"{str(names.collection_name(feed.scope)).strip()} – {state.site_name(code)}"
            document.description = ""
            absolute = state.settings.absolute
            document.self_urls = {fmt: absolute(feed.path(fmt)) for fmt in formats}
            document.alternates = {
                fmt: [
                    (other.language.html_lang, absolute(other.path(fmt)))
                    for other in state.catalog.translations(feed)
                    if other is not feed
                ]
                for fmt in formats
            }
            for fmt in formats:
                self._write(feed.path(fmt), WRITERS[fmt](document))
        return len(feeds) * len(formats)

    def _write(self, path: str, body: bytes) -> None:
        """Write one file under the output folder."""
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target) or self.output_path, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(body)

    def _document(
        self, state: State, feed: Feed, texts: Any, bodies: dict[int, tuple[str, str, str]]
    ) -> Document:
        """Describe one feed and its newest entries, format-neutrally."""
        site = state.catalog.site
        absolute = state.settings.absolute
        entries = [self._entry(state, item, bodies) for item in feed.items[: state.settings.max_items]]
        newest = [entry.updated for entry in entries]
        language_items = state.catalog.get(feed.lang, "all").items
        owner = site.owner_on()
        scope_name = feed.scope_name(site)
        site_name = state.site_name(feed.lang)
        return Document(
            id=absolute(feed.path("atom")),
            title=feed_title(state, feed),
            description=str(texts.description(feed.kind, scope_name, site_name)).strip(),
            lang=feed.language.html_lang,
            home_url=absolute(feed.page_path(site)),
            self_urls={fmt: absolute(feed.path(fmt)) for fmt in state.settings.formats},
            alternates={
                fmt: [
                    (other.language.html_lang, absolute(other.path(fmt)))
                    for other in state.catalog.translations(feed)
                    if other is not feed
                ]
                for fmt in state.settings.formats
            },
            updated=max(newest) if newest else (updated(language_items[0]) if language_items else EPOCH),
            author=Person(owner.name(feed.lang), owner.url) if owner else None,
            entries=entries,
            more_label=str(texts.more()).strip(),
            about_url=absolute(feed.language.prefix + "embed/"),
            icon="",
        )

    def _entry(self, state: State, item: Any, bodies: dict[int, tuple[str, str, str]]) -> Entry:
        """Describe one story version as an entry (its HTML cleaned once per build)."""
        site = state.catalog.site
        story = item.story
        language = site.language(item.lang)
        url = state.settings.absolute(item.page_path)
        if id(item) not in bodies:
            summary = sanitise(getattr(item, "summary", "") or "", url)
            text = _plain(summary)
            bodies[id(item)] = (summary, text, sanitise(item.content or "", url))
        summary, text, content = bodies[id(item)]
        agency = site.agencies.get(story.agency or "")
        author = None
        if agency is not None:
            author = Person(agency.name(item.lang), state.settings.absolute(urls.agency(language, agency.id)))
        categories = []
        if story.section:
            categories.append(
                Category(
                    f"section:{story.section}",
                    site.sections[story.section].names[item.lang],
                    state.settings.absolute(urls.section(language, site, story.section)),
                )
            )
        for term_id in story.tags:
            term = site.terms.get(term_id)
            if term is not None:
                categories.append(
                    Category(
                        term_id,
                        term.name(item.lang),
                        state.settings.absolute(urls.tag(language, site, term_id)),
                    )
                )
        return Entry(
            id=entry_id(item, state.settings),
            title=item.title,
            url=url,
            lang=language.html_lang,
            published=published(item),
            updated=updated(item),
            summary_html=summary,
            summary_text=text,
            content_html=content,
            author=author,
            categories=categories,
            image=cover(story, state.settings),
        )


def _plain(html: str) -> str:
    """Return the text of an HTML fragment, whitespace collapsed."""
    return " ".join(plain(html).split())


def get_generators(pelican: Any) -> type[FeedsGenerator]:
    """Contribute the feeds generator (get_generators receiver)."""
    return FeedsGenerator
