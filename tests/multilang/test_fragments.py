"""Parts shared by a language's pages (masthead, menus, footer, teasers) and the pager's window."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from tests.conftest import ROOT, Build, fixture_site
from tests.multilang.conftest import FIXTURE, soup

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from multilang.fragments import once_renderer
from multilang.jobs import Pagination


def pages(build: Build) -> list[Path]:
    """Return every HTML page of the engine (not the theme's or search's own files)."""
    return [p for p in build.output.rglob("index.html") if "pagefind" not in p.parts]


def test_each_page_has_the_menu_of_its_own_language_and_section(site: Build) -> None:
    # The menus are rendered once per language, template and section: a page
    # must never get another language's menu or another section's mark.
    checked = 0
    for path in pages(site):
        page = soup(path)
        lang = page.html["lang"]
        nav = page.select_one("nav.main-nav")
        if nav is None:
            continue
        home = nav.select_one("li a")["href"]
        prefix = "/" if lang == "vi" else f"/{lang.split('-')[0].lower()}/"
        assert home.endswith(prefix) or home == prefix, (path, lang, home)
        here = page.select_one('link[rel="canonical"]')["href"]
        marked = [a["href"] for a in nav.select('a[aria-current="page"]')]
        assert all(here.endswith(href) for href in marked), (path, marked)
        template = next(c for c in page.body["class"] if c.startswith("t-"))
        listed = [a["href"] for a in nav.select("a") if here.endswith(a["href"]) and a["href"] != "/"]
        if template in ("t-section", "t-agencies", "t-archives") and listed:
            assert marked == listed, (path, marked)
        if template == "t-index":
            assert marked == [home], path
        checked += 1
    assert checked > 20


def test_footer_is_in_the_pages_language(site: Build) -> None:
    vi = soup(site.output / "index.html").select_one("footer").get_text(" ", strip=True)
    en = soup(site.output / "en" / "index.html").select_one("footer").get_text(" ", strip=True)
    assert vi != en
    for path in pages(site):
        page = soup(path)
        footer = page.select_one("footer.site-footer")
        if footer is None:
            continue
        lang = page.html["lang"]
        expected = vi if lang == "vi" else en if lang == "en" else None
        if expected is not None:
            assert footer.get_text(" ", strip=True) == expected, path


def test_a_teaser_is_rendered_once_per_item_and_arguments() -> None:
    # The memo's key: the same item with other arguments is another teaser.
    rendered: list[bool] = []

    def render(variables: dict) -> str:
        rendered.append(variables["summary"])
        return f"<p>{variables['summary']}</p>"

    template = SimpleNamespace(render=render)
    environment = SimpleNamespace(get_template=lambda name: template)
    context = SimpleNamespace(
        environment=environment,
        get=lambda key, default=None: SimpleNamespace(code="en") if key == "lang" else default,
        get_all=dict,
    )
    teaser = once_renderer()
    item = object()
    first = teaser(context, "_teaser.html", item, summary=True)
    again = teaser(context, "_teaser.html", item, summary=True)
    other = teaser(context, "_teaser.html", item, summary=False)
    assert first == again == Markup("<p>True</p>") and other == Markup("<p>False</p>")
    assert rendered == [True, False]


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, None, 5]),
        (3, 5, [1, 2, 3, 4, 5]),
        (10, 200, [1, None, 8, 9, 10, 11, 12, None, 200]),
        (200, 200, [1, None, 198, 199, 200]),
    ],
)
def test_pager_shows_the_first_last_and_nearby_pages(
    number: int, count: int, shown: list[int | None]
) -> None:
    urls = [f"/p/{n}/" for n in range(1, count + 1)]
    links = Pagination(number, count, [], urls).links
    assert [link.number if link else None for link in links] == shown
    assert [link.url for link in links if link and link.current] == [f"/p/{number}/"]


def test_a_long_list_has_a_short_pager_whose_links_resolve(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    for number in range(1, 8):
        story = site / "content" / "news" / f"tin-so-{number}"
        story.mkdir()
        (story / "index.vi.md").write_text(
            f"Title: Tin số {number}\nDate: 2024-01-{number:02d}T08:00:00+07:00\nSummary: Tin thử số {number}.\n"
            f"Agency: so-vhttdl\n\nNội dung tin số {number}.\n",
            encoding="utf-8",
        )
    build = fixture_site(tmp_path, "output", site, DEFAULT_PAGINATION=1)
    assert build.returncode == 0, build.log
    first = soup(build.output / "tin-tuc" / "index.html").select_one("nav.pager")
    count = len(list((build.output / "tin-tuc" / "page").iterdir())) + 1
    assert count >= 8
    numbers = [a.get_text() for a in first.select("a:not([rel])")]
    assert numbers == ["1", "2", "3", str(count)], numbers
    assert [g["aria-hidden"] for g in first.select("li.gap")] == ["true"]
    for a in first.select("a"):
        assert (build.output / a["href"].lstrip("/") / "index.html").is_file(), a["href"]
