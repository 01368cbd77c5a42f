"""What templates see: per-language helpers and the head/switcher data of a page."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from model.site import LAST_RESORT, Language, Site, Story, pick

from . import events, urls
from .l10n import Formatter

# CJK text has no spaces between words: count its characters instead.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_TAG = re.compile(r"<[^>]+>")
WORDS_PER_MINUTE = 220
CJK_CHARS_PER_MINUTE = 400


@dataclass(frozen=True)
class Link:
    """A named link in a language (section, tag, agency, page)."""

    name: str
    url: str | None
    id: str = ""
    lang: str = ""  # the language code of name (and of the page url leads to, for pages)


@dataclass(frozen=True)
class Alternate:
    """One language version of a page, for the switcher and hreflang."""

    language: Language
    url: str
    exists: bool  # False: the switcher links to that language's home instead
    current: bool


class LangView:
    """Helpers bound to one UI language: formatting and localised lookups."""

    def __init__(
        self,
        site: Site,
        language: Language,
        timezone: str,
        tag_langs: dict[str, set[str]],
        site_name: str,
        *,
        empty_sections: frozenset[str] = frozenset(),
    ):
        self.site = site
        self.site_name = site_name
        self.language = language
        self.code = language.code
        self.fmt = Formatter(language, timezone)
        self._tag_langs = tag_langs
        self._empty_sections = empty_sections
        self.home_url = site.url(urls.home(language))

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def language_name(self, code: str) -> str:
        """Return a language's name in this language ("anglais" in French)."""
        locale = self.site.language(code).babel
        name = self.language.babel.languages.get(locale.language, code)
        return name if self.code != code else self.language.name

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def date(self, value: dt.date | dt.datetime | None, format: str = "long") -> str:
        """Format a date for this language."""
        return self.fmt.date(value, format)

    def datetime(self, value: dt.datetime, format: str = "medium") -> str:
        """Format a date and time for this language, in the site's time zone (with its name when full)."""
        return self.fmt.datetime(value, format)

    def iso(self, value: dt.datetime | None) -> str:
        """Return an ISO 8601 timestamp with offset."""
        return value.isoformat() if value else ""

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def month(self, value: dt.date) -> str:
        """Format a month for this language."""
        return self.fmt.month(value)

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def number(self, value: float, compact: bool = False) -> str:
        """Format a number for this language."""
        return self.fmt.number(value, compact)

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def money(self, value: float, currency: str = "VND") -> str:
        """Format money for this language."""
        return self.fmt.money(value, currency)

    def measure(self, value: float | None, unit: str) -> str:
        """Format a declared field's number in its unit: hectares, km, %, money, USD/m²."""
        return self.fmt.measure(value, unit)

    def size(self, size: int) -> str:
        """Format a file size: 240 kB, 2,4 MB."""
        return self.fmt.size(size)

    def vocab(self, name: str, term_id: str) -> str:
        """Return a vocabulary term's name in this language (data/vocabularies.yml)."""
        vocabulary = self.site.vocabularies.get(name)
        return vocabulary.label(term_id, self.code) if vocabulary else term_id

    def body(self, body_id: str | None) -> Link | None:
        """Return an agency's or the owner's link (its page), or an outside body's name (no page)."""
        if body_id in self.site.bodies:
            return Link(self.site.bodies[body_id].name(self.code), None, body_id)
        return self.agency(body_id)

    def when(self, data: dict[str, Any]) -> events.When | None:
        """Return an event's time in this language, in its own zone (named) or as days (events.py)."""
        return events.when(data, self.fmt.locale)

    def when_in_vietnam(self, data: dict[str, Any]) -> events.When | None:
        """Return an event's time in Vietnam time when its own zone is another one."""
        return events.in_vietnam(data, self.fmt.locale)

    def collection(self, type_name: str) -> str:
        """Return the URL of a collection's list in this language: /en/projects/."""
        return self.site.url(urls.collection(self.language, type_name))

    def reading_minutes(self, html: str) -> int:
        """Return the minutes to read a body: CJK characters and other words at their own pace."""
        text = _TAG.sub(" ", html or "")
        cjk = len(_CJK.findall(text))
        words = len(_WORD.findall(_CJK.sub(" ", text)))
        return max(1, math.ceil(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE))

    def url(self, path: str) -> str:
        """Return the URL of a path under this language's prefix."""
        return self.site.url(self.language.prefix + path)

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def section(self, section_id: str) -> Link:
        """Return a section's localised name and list URL."""
        section = self.site.sections[section_id]
        return Link(
            section.names[self.code],
            self.site.url(urls.section(self.language, self.site, section_id)),
            section_id,
        )

    @functools.cached_property
    def sections(self) -> list[Link]:
        """Return the menu's section links in configured order: those with something in this language."""
        return [self.section(s) for s in self.site.sections if s not in self._empty_sections]

    def text_lang(self, values: dict[str, Any] | None) -> str:
        """Return the language of the text a registry's per-language values show here (its chain)."""
        return pick(values or {}, (*self.site.chain(self.code), *LAST_RESORT)) or self.code

    def html_lang(self, code: str) -> str:
        """Return the BCP 47 tag of a configured language (zh-Hans), for lang and hreflang."""
        return self.site.language(code).html_lang

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def term(self, term_id: str) -> Link:
        """Return a tag's localised name and its page URL (None if no page here)."""
        term = self.site.terms[term_id]
        has_page = self.code in self._tag_langs.get(term_id, ())
        url = self.site.url(urls.tag(self.language, self.site, term_id)) if has_page else None
        return Link(term.name(self.code), url, term_id, term.name_lang(self.code))

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def agency(self, agency_id: str | None) -> Link | None:
        """Return an agency's localised name and page URL."""
        bodies = self.site.with_pages()  # the owners have an agency page too
        if not agency_id or agency_id not in bodies:
            return None
        agency = bodies[agency_id]
        url = self.site.url(urls.agency(self.language, agency_id))
        return Link(agency.name(self.code), url, agency_id, agency.name_lang(self.code))

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def owner(self, day: dt.date | dt.datetime | None = None) -> str:
        """Return the site owner's name in this language on a day (today by default)."""
        if isinstance(day, dt.datetime):
            day = day.date()
        owner = self.site.owner_on(day)
        return owner.name(self.code) if owner else ""

    @functools.cache  # noqa: B019 (one LangView per build; memoising saves Babel calls per page)
    def page(self, key: str) -> Link | None:
        """Return a static page's link: its translation, else the best version along the language's chain."""
        for story in self.site.pages:
            if story.key == key and story.published:
                version = self.site.best_version(story, self.code)
                return Link(version.title, version.url, key, version.lang)
        return None


def story_alternates(
    site: Site, story: Story, current: str, elsewhere: dict[tuple[int, str], str] | None = None
) -> list[Alternate]:
    """Return the switcher entries of a story: its translations, else what stands in for them.

    elsewhere maps (id(story), code) to the path of a fallback rendition or of
    the page saying the story is not available in that language; without an
    entry the switcher leads to that language's home.
    """
    entries = []
    for language in site.languages:
        version = story.versions.get(language.code) if story.published else None
        exists = version is not None
        if exists:
            url = version.url
        else:
            url = site.url((elsewhere or {}).get((id(story), language.code)) or urls.home(language))
        entries.append(Alternate(language, url, exists, language.code == current))
    return entries


def list_alternates(
    site: Site, current: str, path_of: dict[str, str], stand_in: dict[str, str] | None = None
) -> list[Alternate]:
    """Return the switcher entries of a list page that exists in path_of's languages.

    Elsewhere the switcher leads to stand_in's page for that language (an
    empty section's page, which says so), else to the language's home.
    """
    entries = []
    for language in site.languages:
        exists = language.code in path_of
        path = (
            path_of[language.code] if exists else (stand_in or {}).get(language.code) or urls.home(language)
        )
        entries.append(Alternate(language, site.url(path), exists, language.code == current))
    return entries


def hreflang(site: Site, alternates: list[Alternate]) -> list[tuple[str, str]]:
    """Return (hreflang, url) pairs for real versions, plus x-default."""
    pairs = [(a.language.html_lang, a.url) for a in alternates if a.exists]
    if len(pairs) < 1:
        return []
    by_code = {a.language.code: a for a in alternates if a.exists}
    default = by_code.get(site.default_lang) or next(a for a in alternates if a.exists)
    pairs.append(("x-default", default.url))
    return pairs


def plain(html: str) -> str:
    """Return text without tags (summaries are stored as HTML)."""
    return unescape(_TAG.sub("", html or "")).strip()


def item_lang(item: Any) -> str:
    """Return the UI language of an item (a fallback's view language)."""
    return getattr(item, "view_lang", item.lang)
