"""Rewrite relative links in story bodies to the pages and files they name."""

from __future__ import annotations

import logging
import os
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from model.site import Site, Story

from .reading import SOURCE_FILE_RE

logger = logging.getLogger(__name__)

HREF_RE = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)


def attachment_path(story: Story, name: str) -> str:
    """Return the output path of a bundle attachment (one copy for all languages)."""
    group = story.section or "pages"
    return f"files/{group}/{story.key}/{name}"


class LinkRewriter:
    """Resolve bundle-relative links once all stories have their URLs."""

    def __init__(self, site: Site):
        self.site = site
        self.by_file: dict[str, tuple[Story, str]] = {}
        for story in site.stories + site.pages:
            for lang, version in story.versions.items():
                self.by_file[os.path.realpath(version.source_path)] = (story, lang)
        self.fallbacks = {
            lang: {item.story.key + "/" + (item.story.section or ""): item for item in items}
            for lang, items in site.fallbacks.items()
        }

    def rewrite(self, item: Any) -> None:
        """Rewrite the relative hrefs in one version or fallback body."""
        content = item._content
        if not content or "href=" not in content:
            return
        lang = getattr(item, "view_lang", item.lang)

        def replace(match: re.Match[str]) -> str:
            return match[1] + self._target(item, match[2], lang) + match[3]

        item._content = HREF_RE.sub(replace, content)

    def _target(self, item: Any, href: str, lang: str) -> str:
        """Return the URL a relative href points to, or href unchanged."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("/", "#", "{")) or not parts.path:
            return href
        story = item.story
        target = os.path.realpath(os.path.join(story.bundle_dir, unquote(parts.path)))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target in self.by_file:
            linked, _ = self.by_file[target]
            return self.version_url(linked, lang) + fragment
        if os.path.isfile(target) and os.path.dirname(target) == os.path.realpath(story.bundle_dir):
            name = os.path.basename(target)
            if name in story.attachments:
                return self.site.url(attachment_path(story, name)) + fragment
        if SOURCE_FILE_RE.match(os.path.basename(target)) or os.path.isdir(target):
            logger.warning(
                "%s: link to %s, which is not a story file; check the path", item.source_path, href
            )
        return href

    def version_url(self, story: Story, lang: str) -> str:
        """Return the story's URL in lang: translation, fallback, else its source."""
        if lang in story.versions:
            return story.versions[lang].url
        fallback = self.fallbacks.get(lang, {}).get(story.key + "/" + (story.section or ""))
        return fallback.url if fallback else story.source.url
