"""Find every image the site's stories use, process them, and attach the markup."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import galleries
from .errors import Referrer
from .markup import Markup
from .pipeline import CENTRE, ImageResult, Pipeline
from .probe import ProbeError
from .references import resolve
from .settings import ImagesSettings


@dataclass
class _BodyPlan:
    """The local images one body refers to, by the reference as written."""

    item: Any
    images: dict[str, str] = field(default_factory=dict)  # src -> path
    links: dict[str, str] = field(default_factory=dict)  # href -> path


def _with_covers(site: Any) -> list[Any]:
    """Return every item that may have a Cover: stories, pages, collection items (events, destinations)."""
    collections = getattr(site, "collections", {}) or {}
    return [*site.stories, *getattr(site, "pages", []), *(i for items in collections.values() for i in items)]


def _published(stories: list[Any]) -> Iterator[Any]:
    """Yield the stories that are written to the output."""
    for story in stories:
        if getattr(story, "status", "published") in ("published", "hidden"):
            yield story


def _items(site: Any) -> Iterator[Any]:
    """Yield every body the site publishes: translations and fallback renditions."""
    for story in _published([*site.stories, *getattr(site, "pages", [])]):
        for version in story.versions.values():
            if getattr(version, "status", "published") != "draft":
                yield version
    for items in getattr(site, "fallbacks", {}).values():
        yield from items


def _html_lang(site: Any, code: str) -> str:
    """Return the BCP 47 tag of a language code (zh -> zh-Hans)."""
    for language in getattr(site, "languages", []):
        if language.code == code:
            return language.html_lang
    return code


class SiteImages:
    """Process the images of one site model and attach what templates need."""

    def __init__(
        self, site: Any, settings: ImagesSettings, content_dir: str, siteurl: str, credit: Any = None
    ):
        self.site = site
        self.settings = settings
        self.pipeline = Pipeline(settings, content_dir)
        self.markup = Markup(settings, getattr(site, "siteurl", siteurl), credit)
        self.content_dir = content_dir
        self.bodies: list[_BodyPlan] = []
        self.covers: dict[int, str] = {}  # id(story) -> cover path

    def run(self) -> Pipeline:
        """Collect the references, make the derivatives (or raise ImagesError), rewrite."""
        self._collect_bodies()
        self._collect_covers()
        hero = self._collect_hero()
        photos = galleries.collect(self.site, self.pipeline, self.content_dir)
        self.pipeline.run()
        for plan in self.bodies:
            results = {src: self.pipeline.result(path) for src, path in plan.images.items()}
            links = {href: self.pipeline.result(path) for href, path in plan.links.items()}
            # Credit labels in the language of the text (a fallback's is its source's).
            lang = getattr(plan.item, "lang", None)
            plan.item._content = self.markup.rewrite_body(plan.item._content, results, links, lang)
        self._attach_covers()
        if hero is not None:
            self._attach_hero(hero)
        galleries.attach(self.site, self.pipeline, self.markup, photos)
        return self.pipeline

    def _collect_hero(self) -> str | None:
        """Register the home page's hero image (data/keyfacts.yml, content-relative); return its path."""
        keyfacts = getattr(self.site, "keyfacts", None)
        hero = getattr(keyfacts, "hero", None)
        if hero is None:
            return None
        referrer = Referrer(keyfacts.path, ref=hero.image)
        try:
            path = resolve(hero.image, self.content_dir, self.content_dir)
        except ProbeError as exc:
            self.pipeline.fail(hero.image, f"(the home page's hero) {exc.reason}", exc.hint, [referrer])
            return None
        self.pipeline.use(path, referrer, ref=hero.image)
        return path

    def _attach_hero(self, path: str) -> None:
        """Give the hero its <figure> in every language: alt text and credit in that language."""
        hero = self.site.keyfacts.hero
        image = self.pipeline.result(path)
        default = getattr(self.site, "default_lang", "vi")
        for language in getattr(self.site, "languages", []):
            alt, alt_lang = hero.alt.get(language.code, default)
            credit, _ = hero.credit.get(language.code, default)
            shown = None if alt_lang == language.code else _html_lang(self.site, alt_lang)
            hero.html[language.code] = self.markup.cover_html(image, alt=alt, alt_lang=shown, credit=credit)

    def _collect_bodies(self) -> None:
        """Register every local <img> and image link of every published body."""
        for item in _items(self.site):
            found = self.markup.scan(item._content or "")
            if not found.images and not found.links:
                continue
            base_dir = getattr(item.story, "bundle_dir", None) or os.path.dirname(item.source_path)
            plan = _BodyPlan(item)
            for src in found.images:
                referrer = Referrer(item.source_path, ref=src)
                try:
                    path = resolve(src, base_dir, self.content_dir)
                except ProbeError as exc:
                    self.pipeline.fail(src, exc.reason, exc.hint, [referrer])
                    continue
                self.pipeline.use(path, referrer, ref=src)
                plan.images[src] = path
            for href in found.links:
                try:
                    path = resolve(href, base_dir, self.content_dir)
                except ProbeError:
                    continue  # a broken link is the link checker's to report
                self.pipeline.use(path, Referrer(item.source_path, ref=href), ref=href)
                plan.links[href] = path
            if plan.images or plan.links:
                self.bodies.append(plan)

    def _collect_covers(self) -> None:
        """Register each story's Cover, with a social card around its focus."""
        for story in _published(_with_covers(self.site)):
            cover = getattr(story, "cover", None)
            if not cover or not story.versions:
                continue
            source = story.versions.get(story.source_lang) or next(iter(story.versions.values()))
            referrer = Referrer(source.source_path, ref=cover)
            try:
                path = resolve(cover, story.bundle_dir, self.content_dir)
            except ProbeError as exc:
                self.pipeline.fail(cover, f"(the Cover) {exc.reason}", exc.hint, [referrer])
                continue
            self.pipeline.use(path, referrer, ref=cover, card=story.cover_focus or CENTRE)
            self.covers[id(story)] = path

    def _attach_covers(self) -> None:
        """Give stories their feed and social images and every rendition its cover markup."""
        fallbacks: dict[int, list[Any]] = {}
        for items in getattr(self.site, "fallbacks", {}).values():
            for item in items:
                fallbacks.setdefault(id(item.story), []).append(item)
        for story in _with_covers(self.site):
            renditions = [*story.versions.values(), *fallbacks.get(id(story), [])]
            path = self.covers.get(id(story))
            if path is None:
                story.cover_image = None
                story.social_image = None
                for item in renditions:
                    item.cover_html = ""
                    item.thumb_html = ""
                continue
            image = self.pipeline.result(path)
            story.cover_image = self.feed_image(image)
            story.social_image = self.social_image(image, story.cover_focus)
            thumb_html = self.markup.thumb_html(image)
            for item in renditions:
                item.thumb_html = thumb_html
                alt, alt_lang = self._cover_alt(story, item)
                item.cover_html = self.markup.cover_html(
                    image,
                    alt=alt,
                    alt_lang=alt_lang,
                    credit=str(getattr(story, "cover_credit", "") or ""),
                    lang=getattr(item, "lang", None),
                )

    def _cover_alt(self, story: Any, item: Any) -> tuple[str, str | None]:
        """Return the cover's alt text for item, and its language when not the page's."""
        page_lang = getattr(item, "view_lang", None) or item.lang
        alt, text_lang = item.metadata.get("cover_alt"), item.lang
        if not alt:
            # An untranslated alt is better than none; lang= tells screen readers.
            source = story.versions.get(story.source_lang)
            if source is not None:
                alt, text_lang = source.metadata.get("cover_alt"), source.lang
        if not alt:
            return "", None
        return str(alt), (_html_lang(self.site, text_lang) if text_lang != page_lang else None)

    def feed_image(self, image: ImageResult) -> dict[str, Any]:
        """Return the feeds' enclosure image: JPEG, or WebP when the image has alpha."""
        fmt = image.fallback
        if fmt == "png" and "webp" in image.renditions:
            fmt = "webp"
        rendition = image.at_most(self.settings.default_width, fmt)
        return {
            "url": self.markup.url(rendition),
            "width": rendition.width,
            "height": rendition.height,
            "type": rendition.mime,
            "length": self.pipeline.size_of(rendition),
        }

    def social_image(self, image: ImageResult, focus: tuple[float, float] | None) -> dict[str, Any]:
        """Return the 1200×630 social card for og:image, twitter:image and JSON-LD."""
        card = self.pipeline.card(image.source, focus)
        return {"url": self.markup.url(card), "width": card.width, "height": card.height, "type": card.mime}
