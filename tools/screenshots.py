"""Screenshot the key pages of a built site in a few languages and widths (`make screenshots`).

    python -m tools.screenshots output                  # vi, en, ja at 390 and 1366 px
    python -m tools.screenshots output --langs en --widths 390 --pages home,story

Serves the built folder on loopback, opens each page in Debian's Chromium
through Playwright (no browser download), and writes full-page PNGs and an
index page with thumbnails into <output>/_screens/, so that a reviewer sees
the site at a glance. Pages a site does not have (no map yet) are skipped.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from PIL import Image

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve

logger = logging.getLogger(__name__)

SCREENS = "_screens"
LANGS = ("vi", "en", "ja")
WIDTHS = (390, 1366)
HEIGHT = {390: 844, 1366: 900}
THUMB_WIDTH = 240
# A search each language's demo content answers.
QUERIES = {"vi": "Mường", "en": "Mường", "ja": "ホアビン", "ko": "호아빈", "zh": "和平", "fr": "Mường"}


# Turn lazy images eager and wait until every image has arrived (or failed), at most 10 s.
LOAD_LAZY_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  const done = Promise.all(images.map(img => img.complete ? null
    : new Promise(ok => { img.addEventListener("load", ok); img.addEventListener("error", ok); })));
  await Promise.race([done, new Promise(ok => setTimeout(ok, 10000))]);
}"""


@dataclass(frozen=True)
class Shot:
    """One page to capture: its name, its path in the site, what to wait for."""

    name: str
    path: str
    wait_for: str = ""


def _home_links(output: Path, prefix: str) -> dict[str, str]:
    """Read the home page's first section, lead story and calls to action (site-absolute paths)."""
    text = (output / prefix / "index.html").read_text(encoding="utf-8")
    found = {}
    patterns = {
        "section": r'class="section-title"><a href="([^"]+)"',
        "story": r'class="lead-title"><a href="([^"]+)"',
        "destinations": r'class="cta cta-visit" href="([^"]+)"',
        "invest": r'class="cta cta-invest" href="([^"]+)"',
    }
    for name, pattern in patterns.items():
        match = re.search(pattern, text)
        if match:
            found[name] = re.sub(r"^https?://[^/]+", "", match.group(1))
    return found


def _first_item(output: Path, list_path: str) -> str | None:
    """Return the path of the first item page under a collection list."""
    folder = output / list_path.strip("/")
    items = sorted(p.parent for p in folder.glob("*/index.html") if (p.parent / "index.html").is_file())
    items = [
        p for p in items if not re.search(r"/(page|category|location|sector|status|event-status)", str(p))
    ]
    return "/" + str(items[0].relative_to(output)) + "/" if items else None


def shots(output: Path, lang: str, default_lang: str = "vi") -> list[Shot]:
    """Return the key pages of one language that this build has."""
    prefix = "" if lang == default_lang else f"{lang}/"
    links = _home_links(output, prefix)
    out = [Shot("home", f"/{prefix}")]
    if "section" in links:
        out.append(Shot("section", links["section"]))
    if "story" in links:
        out.append(Shot("story", links["story"]))
    if (output / prefix / "search" / "index.html").is_file():
        query = quote(QUERIES.get(lang, "Hòa Bình"))
        out.append(Shot("search", f"/{prefix}search/?q={query}", "[data-search-results] li"))
    if (output / prefix / "embed" / "index.html").is_file():
        out.append(Shot("embed", f"/{prefix}embed/"))
    if "invest" in links:
        out.append(Shot("invest", links["invest"]))
        item = _first_item(output, links["invest"])
        if item:
            out.append(Shot("invest-item", item))
    if "destinations" in links:
        out.append(Shot("destinations", links["destinations"]))
    for name in ("events", "map"):
        if (output / prefix / name / "index.html").is_file():
            out.append(Shot(name, f"/{prefix}{name}/"))
    if (output / prefix / "galleries" / "index.html").is_file():
        out.append(Shot("galleries", f"/{prefix}galleries/"))
        gallery = _first_item(output, f"/{prefix}galleries/")
        if gallery:
            out.append(Shot("gallery", gallery))
    return out


def capture(
    output: Path,
    langs: list[str],
    widths: list[int],
    only: set[str] | None = None,
    *,
    target: Path | None = None,
    browser: Any = None,
) -> list[dict]:
    """Screenshot every key page into target (<output>/_screens/); return what was written.

    `browser`: a Playwright browser already launched (the tests' own); else one is launched here.
    """
    target = target or output / SCREENS
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    server = serve(output)
    base = next(server)
    try:
        if browser is not None:
            return _capture_all(
                browser, base, output=output, langs=langs, widths=widths, only=only, target=target
            )
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _capture_all(
                    launched, base, output=output, langs=langs, widths=widths, only=only, target=target
                )
            finally:
                launched.close()
    finally:
        server.close()  # runs serve()'s finally: the server stops


def _capture_all(
    browser: Any,
    base: str,
    *,
    output: Path,
    langs: list[str],
    widths: list[int],
    only: set[str] | None,
    target: Path,
) -> list[dict]:
    """Open every key page of every language at every width in browser."""
    written: list[dict] = []
    for width in widths:
        context = browser.new_context(
            viewport={"width": width, "height": HEIGHT.get(width, 900)},
            device_scale_factor=1,
            is_mobile=width < 600,
            has_touch=width < 600,
        )
        page = context.new_page()
        for lang in langs:
            for shot in shots(output, lang):
                if not only or shot.name in only:
                    written.append(_shoot(page, base, shot, lang, width=width, target=target))
        context.close()
    return written


def _shoot(page: Any, base: str, shot: Shot, lang: str, *, width: int, target: Path) -> dict:
    """Open one page, wait until it settled, write its full-page PNG and a thumbnail."""
    page.goto(base + shot.path, wait_until="networkidle")
    if shot.wait_for:
        try:
            page.wait_for_selector(shot.wait_for, timeout=10_000)
        except Exception:  # no result is worth a screenshot too: the reviewer sees it
            logger.warning("%s: %s did not appear", shot.path, shot.wait_for)
    # A full-page picture shows what a reader scrolling down would see: load the lazy images too.
    page.evaluate(LOAD_LAZY_IMAGES)
    name = f"{lang}-{shot.name}-{width}"
    full = target / f"{name}.png"
    page.screenshot(path=str(full), full_page=True)
    with Image.open(full) as image:
        top = image.crop((0, 0, image.width, min(image.height, HEIGHT.get(width, 900))))
        top.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 3))
        top.save(target / f"{name}-thumb.png", optimize=True)  # the viewport's top, for the index
        size = image.size
    logger.info("%s  %s", full, shot.path)
    return {
        "lang": lang,
        "page": shot.name,
        "width": width,
        "file": full.name,
        "thumb": f"{name}-thumb.png",
        "path": shot.path,
        "size": size,
    }


def write_index(target: Path, written: list[dict]) -> Path:
    """Write _screens/index.html: per language and page, a thumbnail per width linking to the PNG."""
    widths = sorted({s["width"] for s in written})
    by_key = {(s["lang"], s["page"], s["width"]): s for s in written}
    rows = []
    for lang in dict.fromkeys(s["lang"] for s in written):
        for name in dict.fromkeys(s["page"] for s in written if s["lang"] == lang):
            cells = [by_key.get((lang, name, width)) for width in widths]
            path = next(c["path"] for c in cells if c)
            rows.append({"lang": lang, "page": name, "path": path, "cells": cells})
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
    )
    page = env.get_template("screenshots.html").render(
        rows=rows, widths=widths, count=len(written), thumb_width=THUMB_WIDTH
    )
    index = target / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    """Capture the screenshots of a built site and write their index."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="output", type=Path, help="the built site (output/)")
    parser.add_argument("--langs", default=",".join(LANGS), help="comma-separated language codes")
    parser.add_argument(
        "--widths", default=",".join(map(str, WIDTHS)), help="comma-separated viewport widths"
    )
    parser.add_argument("--pages", default="", help="only these pages (home,section,story,search,…)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.output / "index.html").is_file():
        logger.error("%s/index.html not found: build the site first (make html)", args.output)
        return 2
    if not os.path.exists(CHROMIUM):
        logger.error("%s not found: apt-get install chromium", CHROMIUM)
        return 2
    langs = [code for code in args.langs.split(",") if code]
    widths = [int(w) for w in args.widths.split(",") if w]
    only = {p for p in args.pages.split(",") if p} or None
    written = capture(args.output, langs, widths, only)
    index = write_index(args.output / SCREENS, written)
    logger.info("%d screenshots; open %s", len(written), index)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
