"""The pages partners embed: an iframe widget per language × feed, and the /embed/ page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.site import ExtraPage, Site
from multilang import ical

from .catalog import FORMAT_NAMES, MEDIA_TYPES, Feed
from .state import State, prepare

WIDGET_JS = "theme/js/widget.js"
WIDGET_CSS = "theme/css/widget.css"
EMBED_JS = "theme/js/embed.js"  # the embed page's copy buttons
EMBED_CSS = "theme/css/embed.css"

# The iframe widget page's fixed geometry in CSS px (themes/quangba/static/css/widget.css):
# padding, title and "more" link around the list, and one item (two lines of title, the date).
FRAME_CHROME = 88
FRAME_ITEM = 85
FRAME_WIDTH = 400


def frame_height(count: int) -> int:
    """Return the iframe height, in px, that shows a widget page of count items without scrolling."""
    return FRAME_CHROME + FRAME_ITEM * max(count, 1)


@dataclass(frozen=True)
class FeedLink:
    """One format of a feed, for links and snippets."""

    format: str
    name: str  # Atom, RSS, JSON Feed
    media_type: str
    url: str  # as pages link it (site-relative in development)
    absolute: str  # as partners copy it


@dataclass(frozen=True)
class FeedView:
    """A feed as templates show it: names, addresses and the items of its widget."""

    feed: Feed
    title: str
    scope_name: str
    page_url: str
    page_absolute: str
    widget_url: str
    widget_absolute: str
    links: tuple[FeedLink, ...]
    items: tuple[Any, ...]  # the newest items, as many as the widget shows

    @property
    def kind(self) -> str:
        """Return all, section, agency or tag."""
        return self.feed.kind

    @property
    def scope(self) -> str | None:
        """Return the section, agency or term id."""
        return self.feed.scope


def feed_title(state: State, feed: Feed) -> str:
    """Return a feed's title: the site's name, after the scope's name where there is one."""
    site_name = state.site_name(feed.lang)
    scope = feed.scope_name(state.catalog.site)
    return f"{scope} – {site_name}" if scope else site_name


def view(state: State, feed: Feed) -> FeedView:
    """Return what templates need to show a feed."""
    site = state.catalog.site
    links = tuple(
        FeedLink(
            fmt,
            FORMAT_NAMES[fmt],
            MEDIA_TYPES[fmt],
            site.url(feed.path(fmt)),
            state.settings.absolute(feed.path(fmt)),
        )
        for fmt in state.settings.formats
    )
    return FeedView(
        feed=feed,
        title=feed_title(state, feed),
        scope_name=feed.scope_name(site),
        page_url=site.url(feed.page_path(site)),
        page_absolute=state.settings.absolute(feed.page_path(site)),
        widget_url=site.url(feed.widget_path),
        widget_absolute=state.settings.absolute(feed.widget_path),
        links=links,
        items=tuple(feed.items[: state.settings.widget_items]),
    )


@dataclass(frozen=True)
class CalendarLink:
    """A language's calendar feed (every event, or one category) as partners subscribe to it."""

    category: str | None  # None: every event
    name: str  # the category's name in the language ("" for every event)
    url: str  # as pages link it
    https: str  # the absolute address, to download or embed
    webcal: str  # the same address as webcal://, which calendar applications open as a subscription


def webcal(absolute: str) -> str:
    """Return an absolute http(s) address as webcal:// (the scheme calendar applications subscribe with)."""
    return "webcal://" + absolute.split("://", 1)[1]


def calendars(state: State, lang: str) -> list[CalendarLink]:
    """Return a language's calendar feeds: every event first, then one per category."""
    site = state.catalog.site
    out = []
    for category, path, _items in ical.feeds(site, lang):
        absolute = state.settings.absolute(path)
        name = ical.category_label(site, category, lang) if category else ""
        out.append(CalendarLink(category, name, site.url(path), absolute, webcal(absolute)))
    return out


class EmbedGuide:
    """What the /embed/ page of each language shows: every feed, its snippets, the script."""

    def __init__(self, state: State):
        self.state = state
        self.widget_js = state.settings.absolute(WIDGET_JS)
        self.widget_css = state.settings.absolute(WIDGET_CSS)
        site = state.catalog.site
        self.default_lang = site.default_lang
        self.preview_js = site.url(WIDGET_JS)
        self.preview_css = site.url(WIDGET_CSS)
        self.page_js = site.url(EMBED_JS)
        self.page_css = site.url(EMBED_CSS)
        self.count = state.settings.widget_items
        self.frame_width = FRAME_WIDTH
        self.frame_height = frame_height(self.count)
        self.partner_origins = list(state.settings.partner_origins)

    def feeds(self, lang: str) -> list[FeedView]:
        """Return the views of a language's feeds: all, sections, agencies, tags."""
        return [view(self.state, feed) for feed in self.state.catalog.by_lang.get(lang, [])]

    def calendars(self, lang: str) -> list[CalendarLink]:
        """Return a language's calendar feeds (every event, each category) with both addresses."""
        return calendars(self.state, lang)

    def data_attributes(self, feed_view: FeedView) -> str:
        """Return the data- attributes the JS widget needs for a feed."""
        attrs = [f'data-lang="{feed_view.feed.lang}"']
        if feed_view.kind != "all":
            attrs.append(f'data-{feed_view.kind}="{feed_view.scope}"')
        attrs.append(f'data-count="{self.count}"')
        return " ".join(attrs)


def add_pages(sender: Any, site: Site, **kwargs: Any) -> None:
    """Plan the feeds; add the widget pages and the embed page (multilang_stories_ready)."""
    state = prepare(site, sender.settings)
    # Widget pages go through the engine as ExtraPages so that they get its
    # per-language catalog, date formatting and incremental re-rendering (deps
    # are the items shown); their template (widget.html) is a document of its
    # own, not an extension of base.html, so a partner's frame shows no site
    # navigation, no language switcher and no footer.
    for feed in state.catalog.all():
        feed_view = view(state, feed)
        site.extra_pages.append(
            ExtraPage(
                template="widget",
                path=feed.widget_path[len(feed.language.prefix) :],
                indexed=False,
                context={"widget": feed_view},
                langs=[feed.lang],
                deps=list(feed_view.items),
            )
        )
    # The embed page lists every feed of its language: which agencies and tags
    # have one depends on every listed story, so all of them are its deps; which
    # calendars it offers depends on the events' categories.
    shown: dict[int, Any] = {}
    for feed in state.catalog.all():
        if feed.kind == "all":
            shown.update((id(item), item) for item in feed.items)
    for language in site.languages:
        shown.update((id(item), item) for item in ical.listed(site, ical.EVENT, language.code))
    site.extra_pages.append(
        ExtraPage(
            template="embed",
            path="embed/",
            indexed=True,
            context={"embed": EmbedGuide(state)},
            deps=list(shown.values()),
        )
    )
