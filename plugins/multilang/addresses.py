"""The site's address plan: every path a build writes, for checking links against it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from model.config import RESERVED_SLUGS
from model.site import Site

from . import urls
from .planning import Planner

# Reserved segments the engine plans page by page (planning.py); every other
# reserved segment belongs to a plugin (search, embed, feeds, media, theme,
# pagefind…) and is only known in detail when an ExtraPage claims it.
ENGINE_SEGMENTS = frozenset({"tag", "agency", "archive", "page", "404.html"})
PLUGIN_SEGMENTS = frozenset(RESERVED_SLUGS) - ENGINE_SEGMENTS
# Files plugins write at the site root outside any page plan (feeds: sitemap, robots).
PLUGIN_ROOT_FILES = frozenset({"robots.txt", "sitemap.xml"})


@dataclass(frozen=True)
class Addresses:
    """The output files of a site, and the plugin folders taken on trust."""

    files: frozenset[str]  # output paths: "", "en/culture/x/index.html", "files/news/x/plan.pdf"
    open_segments: frozenset[str]  # first path segments assumed to exist ("media", "feeds")
    prefixes: tuple[str, ...]  # language prefixes other than the root: "en/", "ja/"

    def exists(self, path: str) -> bool:
        """Say whether a site path (no leading slash, query or fragment) is written by the build."""
        path = unquote(path).lstrip("/")
        if path == "" or path.endswith("/"):
            candidates: tuple[str, ...] = (path + "index.html",)
        else:
            candidates = (path, path + "/index.html")
        if any(candidate in self.files for candidate in candidates):
            return True
        rest = next((path[len(p) :] for p in self.prefixes if path.startswith(p)), path)
        return rest.split("/", 1)[0] in self.open_segments


def site_addresses(site: Site, settings: dict[str, Any]) -> Addresses:
    """Return every address the site will have: planned pages, attachments, theme files."""
    files = {urls.save_as(path) for path in Planner(site, settings).paths()}
    files.update(PLUGIN_ROOT_FILES)
    for story in site.every_item():
        if story.published:
            files.update(urls.attachment_path(story, name) for name in story.attachments)
    claimed = {extra.path.split("/", 1)[0] for extra in site.extra_pages}
    # The images plugin's derivatives may live elsewhere than media/.
    open_segments = PLUGIN_SEGMENTS | {
        str(settings.get("IMAGES_OUTPUT_DIR", "media")).strip("/").split("/")[0]
    }
    theme_files = _theme_files(settings)
    if theme_files is not None:
        files.update(theme_files)
        claimed.add(settings.get("THEME_STATIC_DIR", "theme").split("/", 1)[0])
    prefixes = tuple(language.prefix for language in site.languages if language.prefix)
    return Addresses(frozenset(files), frozenset(open_segments - claimed), prefixes)


def _theme_files(settings: dict[str, Any]) -> set[str] | None:
    """Return the output paths of the theme's static files, or None when the theme is unknown."""
    theme = settings.get("THEME")
    if not theme or not os.path.isdir(theme):
        return None
    target = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    out: set[str] = set()
    # Pelican copies the contents of each THEME_STATIC_PATHS folder into THEME_STATIC_DIR.
    for static in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = os.path.join(theme, static)
        for folder, _, names in os.walk(root):
            rel = os.path.relpath(folder, root)
            for name in names:
                out.add(os.path.normpath(os.path.join(target, rel, name)).replace(os.sep, "/"))
    return out
