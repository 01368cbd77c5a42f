"""A gallery's photos through the pipeline: each rendition of a gallery gets its photos' markup and texts.

model/photos.py reads the list (file, credit, rank…) and the texts per
language; here each photo becomes a lazy grid thumbnail, a full-size
<picture> for its no-JavaScript view (gallery_item.html) and the URL of its
largest derivative, with the alt text and caption of the page's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup

from .errors import Referrer
from .markup import FORMATTER, Markup
from .pipeline import ImageResult, Pipeline
from .probe import ProbeError
from .references import resolve

PHOTOS_KEY = "photos"  # the gallery type's photo list (model/visit.py GALLERY)


def galleries(site: Any) -> Iterator[Any]:
    """Yield the published collection items that have photos."""
    for items in getattr(site, "collections", {}).values():
        for story in items:
            if story.published and (story.data or {}).get(PHOTOS_KEY):
                yield story


def collect(site: Any, pipeline: Pipeline, content_dir: str) -> dict[tuple[int, str], str]:
    """Ask the pipeline for every gallery photo; return {(id(story), file name): path}."""
    paths: dict[tuple[int, str], str] = {}
    for story in galleries(site):
        source = story.versions.get(story.source_lang) or next(iter(story.versions.values()))
        for photo in story.data[PHOTOS_KEY]:
            referrer = Referrer(source.source_path, ref=photo.name)
            try:
                path = resolve(photo.name, story.bundle_dir, content_dir)
            except ProbeError as exc:
                pipeline.fail(photo.name, f"(a gallery photo) {exc.reason}", exc.hint, [referrer])
                continue
            pipeline.use(path, referrer, ref=photo.name)
            paths[(id(story), photo.name)] = path
    return paths


def attach(site: Any, pipeline: Pipeline, markup: Markup, paths: dict[tuple[int, str], str]) -> None:
    """Give every rendition of a gallery (translations and fallbacks) its photos."""
    fallbacks: dict[int, list[Any]] = {}
    for items in getattr(site, "fallbacks", {}).values():
        for item in items:
            fallbacks.setdefault(id(item.story), []).append(item)
    for story in galleries(site):
        results = {name: pipeline.result(path) for (sid, name), path in paths.items() if sid == id(story)}
        source = story.versions.get(story.source_lang)
        first = results.get(story.data[PHOTOS_KEY][0].name)
        for item in [*story.versions.values(), *fallbacks.get(id(story), [])]:
            item.photos = tuple(_photos(site, markup, story, item, source=source, results=results))
            item.thumb_html = markup.thumb_html(first) if first is not None else ""  # the list card's


def _photos(
    site: Any, markup: Markup, story: Any, item: Any, *, source: Any, results: dict[str, ImageResult]
) -> Iterator[dict[str, Any]]:
    """Yield one rendition's photos in order, as the templates show them."""
    page_lang = getattr(item, "view_lang", None) or item.lang
    for number, photo in enumerate(story.data[PHOTOS_KEY], start=1):
        image = results.get(photo.name)
        if image is None:
            continue
        alt, alt_lang = _text(site, item, source, "photo_alt", name=photo.name, page_lang=page_lang)
        caption, caption_lang = _text(
            site, item, source, "photo_captions", name=photo.name, page_lang=page_lang
        )
        largest = image.largest()
        soup = BeautifulSoup("", "html.parser")
        yield {
            "number": number,
            "id": f"photo-{number}",
            "view": f"view-{number}",
            "name": photo.name,
            "thumb_html": markup.picture(
                soup, image, alt=alt, alt_lang=alt_lang, cover=False, thumb=True
            ).decode(formatter=FORMATTER),
            "full_html": markup.picture(soup, image, alt=alt, alt_lang=alt_lang, cover=False).decode(
                formatter=FORMATTER
            ),
            "full_url": markup.url(largest),
            "width": largest.width,
            "height": largest.height,
            "type": largest.mime,
            "alt": alt,
            "alt_lang": alt_lang,
            "caption": caption,
            "caption_lang": caption_lang,
            "credit": photo.credit,
            "rank": photo.rank,
            "author": photo.author,
            "work": photo.work,
            "illustration": photo.illustration,
        }


def _text(
    site: Any, item: Any, source: Any, key: str, *, name: str, page_lang: str
) -> tuple[str, str | None]:
    """Return a photo's text in the rendition's language, else the source's; its lang if not the page's."""
    for version in (item, source):
        texts = ((getattr(version, "data", None) or {}).get(key)) or {}
        if texts.get(name):
            text_lang = version.lang
            return texts[name], (_html_lang(site, text_lang) if text_lang != page_lang else None)
    return "", None


def _html_lang(site: Any, code: str) -> str:
    """Return the BCP 47 tag of a language code (zh -> zh-Hans)."""
    for language in getattr(site, "languages", []):
        if language.code == code:
            return language.html_lang
    return code
