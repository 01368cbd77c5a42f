"""The URL scheme: where every page of every language is written."""

from __future__ import annotations

import copy
import logging
from typing import Any

from model.config import RESERVED_SLUGS
from model.errors import ContentError
from model.site import Language, Site, Story
from model.types import COLLECTIONS, TYPES

logger = logging.getLogger(__name__)


def home(language: Language) -> str:
    """Return the home page path of a language."""
    return language.prefix


def section(language: Language, site: Site, section_id: str, page: int = 1) -> str:
    """Return the path of a section list page."""
    return paginated(f"{language.prefix}{site.sections[section_id].slugs[language.code]}/", page)


def tag(language: Language, site: Site, term_id: str, page: int = 1) -> str:
    """Return the path of a tag page."""
    return paginated(f"{language.prefix}tag/{site.terms[term_id].slugs.get(language.code) or term_id}/", page)


def agency(language: Language, agency_id: str) -> str:
    """Return the path of an agency page."""
    return f"{language.prefix}agency/{agency_id}/"


def listing(language: Language, name: str) -> str:
    """Return the path of a language-level page: tag/, agency/, archive/."""
    return f"{language.prefix}{name}/"


def collection(language: Language, type_name: str) -> str:
    """Return the path of a collection's list page: "en/projects/"."""
    return f"{language.prefix}{TYPES[type_name].collection}/"


def facet(language: Language, type_name: str, field_key: str, value: str) -> str:
    """Return the path of a collection's list filtered to one facet value: "en/projects/sector/energy/"."""
    return f"{collection(language, type_name)}{field_key.replace('_', '-')}/{value}/"


def filtered(language: Language, type_name: str, segments: list[tuple[str, str]]) -> str:
    """Return the path of a collection's list filtered by (segment, value) pairs, in their order."""
    return collection(language, type_name) + "".join(f"{name}/{value}/" for name, value in segments)


def download(language: Language, type_name: str, fmt: str) -> str:
    """Return the path of a collection's list as a download: "en/projects/projects-en.csv"."""
    return f"{collection(language, type_name)}{TYPES[type_name].collection}-{language.code}.{fmt}"


def map_page(language: Language) -> str:
    """Return the path of a language's map: "en/map/"."""
    return f"{language.prefix}map/"


def geojson(language: Language) -> str:
    """Return the path of a language's map as GeoJSON: "en/map/map-en.geojson"."""
    return f"{map_page(language)}map-{language.code}.geojson"


def archive_year(language: Language, year: int) -> str:
    """Return the path of one year of the archive."""
    return f"{language.prefix}archive/{year}/"


def paginated(path: str, page: int) -> str:
    """Return the path of page n of a list (page 1 is the list itself)."""
    return path if page == 1 else f"{path}page/{page}/"


def save_as(path: str) -> str:
    """Return the output file of a page path ("" -> index.html)."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def attachment_path(story: Story, name: str) -> str:
    """Return the output path of a bundle attachment (one copy for all languages)."""
    group = story.section or ("pages" if story.kind == "page" else TYPES[story.kind].collection)
    return f"files/{group}/{story.key}/{name}"


def version_slug(version: Any) -> str:
    """Return the version's slug: its Slug: metadata (validated by the model), else the story key."""
    return version.metadata.get("slug") or version.story.key


def version_path(site: Site, story: Story, language: Language, slug: str) -> str:
    """Return the page path of a story or page in a language."""
    if story.kind == "page":
        return f"{language.prefix}{slug}/"
    if story.section is None:  # a collection item: /<collection>/<slug>/ in every language
        return f"{collection(language, TYPES[story.kind].name)}{slug}/"
    return f"{language.prefix}{site.sections[story.section].slugs[language.code]}/{slug}/"


def assign(site: Site) -> None:
    """Give every version and fallback its URL, and reject two pages on one path."""
    claimed: dict[str, str] = {}
    section_slugs = {s.slugs[c] for s in site.sections.values() for c in s.slugs}

    def claim(path: str, source: str) -> None:
        if path in claimed:
            raise ContentError(
                source,
                f"address /{path} is also claimed by {claimed[path]}",
                "give one of them another Slug: or folder name",
            )
        claimed[path] = source

    for story in site.every_item():
        for lang, version in story.versions.items():
            language = site.language(lang)
            slug = version_slug(version)
            version.slug = slug
            if story.kind == "page" and (
                slug in RESERVED_SLUGS or slug in section_slugs or slug in site.codes or slug in COLLECTIONS
            ):
                raise ContentError(
                    version.source_path,
                    f"page slug {slug!r} is reserved",
                    "choose another Slug: or folder name",
                )
            path = version_path(site, story, language, slug)
            set_url(version, site, path)
            if story.published:
                claim(path, version.source_path)

    for language in site.languages:
        site.fallbacks[language.code] = []
        if language.untranslated != "fallback":
            continue
        for story in site.every_item():
            if language.code in story.versions or not story.published:
                continue
            source = story.source
            rendition = copy.copy(source)
            rendition.metadata = dict(source.metadata)
            rendition.is_fallback = True
            rendition.view_lang = language.code  # the UI language of the page
            path = version_path(site, story, language, source.slug)
            set_url(rendition, site, path)
            claim(path, f"{source.source_path} (fallback in {language.code})")
            site.fallbacks[language.code].append(rendition)


def set_url(item: Any, site: Site, path: str) -> None:
    """Set the override URL and output path Pelican's content objects honour."""
    item.page_path = path
    item.override_url = site.url(path)
    item.override_save_as = save_as(path)


def hero_actions(site: Site, language: Language) -> list[tuple[str, str]]:
    """Return the home hero's calls to action (data/keyfacts.yml): (visit|invest, the list's URL)."""
    hero = getattr(site.keyfacts, "hero", None)
    out = []
    for action, target in hero.actions if hero else ():
        if target in TYPES and TYPES[target].collection:
            out.append((action, site.url(collection(language, target))))
        elif target in site.sections:
            out.append((action, site.url(section(language, site, target))))
    return out


def unavailable(language: Language, story: Story) -> str:
    """Return the path of the page saying a story has no version in a language (coverage.py)."""
    group = story.section or ("pages" if story.kind == "page" else TYPES[story.kind].collection)
    return f"{language.prefix}unavailable/{group}/{story.key}/"
