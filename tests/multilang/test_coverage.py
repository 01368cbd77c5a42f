"""Every language complete (issue 15): fallback chains, empty sections, "not available" pages, credits.

On the demo (development settings: MULTILANG_FALLBACK ja/ko/zh/fr -> en -> vi)
and on the engine's fixture site built with other settings, to show that the
behaviour follows the configuration.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, Build, fixture_site
from tests.multilang.conftest import FIXTURE

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from model.config import build_site
from model.errors import ConfigError
from multilang.l10n import CreditLabels, load_translations

PREFIX = {"vi": "", "en": "en/", "ja": "ja/", "ko": "ko/", "zh": "zh/", "fr": "fr/"}


def soup(build: Build, path: str) -> BeautifulSoup:
    """Parse one page of a build."""
    return BeautifulSoup(build.page(path).read_text(encoding="utf-8"), "html.parser")


def footer_links(page: BeautifulSoup) -> dict[str, Any]:
    """Return the footer's links by their address."""
    nav = page.find("nav", class_="footer-nav")
    return {a["href"]: a for a in nav.find_all("a")}


# --- 1. Fallback chain: static pages and registry names ------------------------------------


def test_japanese_footer_leads_to_the_english_pages_marked_as_english(demo_build: Build) -> None:
    """About, Organisation and Contact have no Japanese version: the English ones, lang="en"."""
    links = footer_links(soup(demo_build, "ja/"))
    for path, title in [
        ("/en/about/", "About this site"),
        ("/en/agencies/", "Organisation"),
        ("/en/contact/", "Contact"),
    ]:
        link = links[path]
        assert link.get_text() == title
        assert link["lang"] == "en" and link["hreflang"] == "en", link
    assert not any(href.startswith(("/gioi-thieu", "/lien-he")) for href in links)
    # The header's help links follow the same chain.
    help_nav = soup(demo_build, "ja/").find("nav", class_="help-nav")
    assert {a["href"]: a["lang"] for a in help_nav.find_all("a")} == {
        "/en/about/": "en",
        "/en/contact/": "en",
    }


def test_a_page_in_the_readers_language_carries_no_lang(demo_build: Build) -> None:
    """French has About and Contact: those links are French, unmarked; the others English."""
    links = footer_links(soup(demo_build, "fr/"))
    about = next(a for href, a in links.items() if href.startswith("/fr/") and "propos" in a.get_text())
    assert "lang" not in about.attrs and "hreflang" not in about.attrs
    assert links["/en/agencies/"]["lang"] == "en"
    vi = footer_links(soup(demo_build, ""))
    assert all("lang" not in a.attrs for a in vi.values())


def test_registry_text_without_japanese_is_the_english_one_marked(demo_build: Build) -> None:
    """An agency's functions exist in vi and en: a Japanese page shows the English, lang="en"."""
    page = soup(demo_build, "ja/agency/so-vhttdl/")
    assert page.h1.get_text() == "ホアビン省文化・スポーツ・観光局" and "lang" not in page.h1.attrs
    functions = page.find("p", lang="en")
    assert functions is not None and functions.get_text().startswith("Advises on the state management")


@pytest.fixture(scope="module")
def vi_first(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with Japanese falling back to Vietnamese and empty sections kept."""
    build = fixture_site(
        tmp_path_factory.mktemp("coverage"),
        "output",
        FIXTURE,
        MULTILANG_FALLBACK={"ja": ["vi", "en"], "fr": ["en"]},
        MULTILANG_HIDE_EMPTY_SECTIONS=False,
    )
    assert build.returncode == 0, build.log
    return build


def test_the_chain_is_configuration(vi_first: Build) -> None:
    """With ja -> vi first, the Japanese footer leads to the Vietnamese about page, lang="vi"."""
    link = footer_links(soup(vi_first, "ja/"))["/gioi-thieu/"]
    assert link["lang"] == "vi" and link["hreflang"] == "vi"
    assert footer_links(soup(vi_first, "fr/"))["/en/about/"]["lang"] == "en"


def test_agency_names_follow_the_chain(vi_first: Build, site: Build) -> None:
    """A registry name missing in Japanese is the Vietnamese one with ja -> vi, the English one by default."""
    chained = soup(vi_first, "ja/agency/").find("a", href="/ja/agency/so-vhttdl/")
    default = soup(site, "ja/agency/").find("a", href="/ja/agency/so-vhttdl/")
    assert chained["lang"] == "vi" and default["lang"] == "en", (chained, default)


# --- 2. Empty sections leave the menu and the home page ---------------------------------------


def menu_sections(build: Build, page: BeautifulSoup) -> dict[str, str]:
    """Return the main menu's links to section pages (name -> address)."""
    nav = page.find("nav", class_="main-nav")
    links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
    return {name: href for name, href in links.items() if soup(build, href).find("body", class_="t-section")}


@pytest.mark.parametrize("code", list(PREFIX))
def test_no_empty_section_in_any_languages_menu(demo_build: Build, code: str) -> None:
    """Every section in a language's menu and on its home page lists a story or a catalogue."""
    home = soup(demo_build, PREFIX[code])
    sections = set(menu_sections(demo_build, home).values())
    assert sections, f"{code}: no section in the menu"
    for href in sections:
        page = soup(demo_build, href)
        shown = page.select("main article.teaser") or page.select("main .catalogue-links a")
        assert shown, f"{code}: {href} is in the menu but empty"
    on_home = {h2.find("a")["href"] for h2 in home.select("main .home-section h2") if h2.find("a")}
    assert {href for href in on_home if soup(demo_build, href).find("body", class_="t-section")} == sections


def test_japanese_news_is_left_out_but_its_page_offers_other_languages(demo_build: Build) -> None:
    """The demo has no Japanese news: not in the menu or the home page; its page says so."""
    home = soup(demo_build, "ja/")
    assert "/ja/news/" not in menu_sections(demo_build, home).values()
    assert not home.find("a", href="/ja/news/")
    page = soup(demo_build, "ja/news/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not page.find_all("link", rel="alternate", hreflang=True)
    empty = page.find(class_="empty-section")
    assert "このセクションにはまだ日本語の記事がありません" in empty.get_text()
    offered = [(a["href"], a["lang"], a.get_text()) for a in empty.find_all("a")]
    assert offered[0] == ("/en/news/", "en", "English")  # the chain first
    assert ("/tin-tuc/", "vi", "Tiếng Việt") in offered
    # The English news page still lists Japanese in its switcher, leading to that page.
    switcher = soup(demo_build, "en/news/").select_one('nav.languages a[hreflang="ja"]')
    assert switcher["href"] == "/ja/news/"
    assert "ja" not in {
        link["hreflang"] for link in soup(demo_build, "en/news/").find_all("link", hreflang=True)
    }


def test_a_section_with_only_catalogues_offers_them_without_an_empty_list(demo_build: Build) -> None:
    """Japanese tourism has destinations but no story: its home block links them, no "no stories yet"."""
    block = soup(demo_build, "ja/").find("section", attrs={"aria-labelledby": "s-tourism"})
    assert block.select(".catalogue-links a")
    assert not block.find(class_="empty") and not block.find(class_="more")


def test_empty_sections_can_stay(vi_first: Build, site: Build) -> None:
    """MULTILANG_HIDE_EMPTY_SECTIONS = False keeps every section in every menu."""
    kept = menu_sections(vi_first, soup(vi_first, "ko/"))
    hidden = menu_sections(site, soup(site, "ko/"))
    assert len(kept) > len(hidden), (kept, hidden)


# --- 3. A language a page lacks ----------------------------------------------------------------


def test_switcher_on_a_story_without_japanese_leads_to_the_unavailable_page(demo_build: Build) -> None:
    """Never the Japanese home: the page that says the story is not in Japanese."""
    for path in ("van-hoa/mo-muong/", "en/culture/mo-muong/"):
        link = soup(demo_build, path).select_one('nav.languages a[hreflang="ja"]')
        assert link["href"] == "/ja/unavailable/culture/mo-muong/", path


def test_unavailable_page_says_so_in_japanese_and_offers_what_exists(demo_build: Build) -> None:
    """A localised heading, the versions natively named with lang, the Japanese home; noindex."""
    page = soup(demo_build, "ja/unavailable/culture/mo-muong/")
    assert page.html["lang"] == "ja"
    assert page.h1.get_text() == "このページは日本語ではご覧いただけません"
    versions = [
        (a["href"], a["lang"], a["hreflang"], a.find(class_="version-lang").get_text())
        for a in page.select(".versions a")
    ]
    assert versions == [
        ("/en/culture/mo-muong/", "en", "en", "English"),
        ("/van-hoa/mo-muong/", "vi", "vi", "Tiếng Việt"),
    ]
    assert page.select_one(".versions a[lang=en] .version-title").get_text().startswith("Mo Mường")
    assert page.find("main").find("a", href="/ja/").get_text() == "日本語のホームページへ"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical")["href"] == "/en/culture/mo-muong/"
    assert not page.find_all("link", rel="alternate", hreflang=True)
    switcher = page.select_one('nav.languages a[aria-current="true"]')
    assert switcher["hreflang"] == "ja"


def test_unavailable_pages_stay_out_of_the_sitemap(demo_build: Build) -> None:
    """Not indexed: no "unavailable" address in the sitemap."""
    sitemap = (demo_build.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/culture/mo-muong/" in sitemap and "unavailable" not in sitemap


def test_fallback_languages_keep_their_rendition(demo_build: Build) -> None:
    """French shows untranslated stories as fallbacks: its switcher entry is that page, not a home."""
    link = soup(demo_build, "van-hoa/mo-muong/").select_one('nav.languages a[hreflang="fr"]')
    assert link["href"] == "/fr/culture/mo-muong/"
    assert not demo_build.page("fr/unavailable/culture/mo-muong/").exists()


def test_a_translation_removes_its_unavailable_page(demo_build: Build) -> None:
    """Khai hạ exists in Japanese: no such page for it, the switcher leads to the translation."""
    assert not demo_build.page("ja/unavailable/culture/khai-ha-festival/").exists()
    assert demo_build.page("ja/unavailable/pages/about/").exists()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("unavailable/culture/mo-muong/", None),
        ("en/unavailable/culture/mo-muong/", None),
        ("ko/unavailable/culture/mo-muong/", "이 페이지는 한국어로 제공되지 않습니다"),
        ("zh/unavailable/culture/mo-muong/", "本页面暂无简体中文版本"),
    ],
)
def test_unavailable_heading_per_language(demo_build: Build, path: str, heading: str | None) -> None:
    """Only languages without the story (and without a fallback policy) get the page, in their words."""
    if heading is None:
        assert not demo_build.page(path).exists()
    else:
        assert soup(demo_build, path).h1.get_text() == heading


# --- 4. Credit labels from the catalogs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "credit"),
    [
        ("van-hoa/khai-ha-festival/", "Minh họa: quangba"),
        ("en/culture/khai-ha-festival/", "Illustration: quangba"),
        ("ja/culture/khai-ha-festival/", "イラスト：quangba"),
        ("fr/culture/khai-ha-festival/", "Illustration\u00a0: quangba"),
    ],
)
def test_cover_credit_label_is_in_the_page_language(demo_build: Build, path: str, credit: str) -> None:
    """The source's "Minh họa:" is written in each version's language, the name kept."""
    credits = [c.get_text() for c in soup(demo_build, path).select(".story-cover .credit")]
    # French puts a space before the colon (a no-break one or not, as the catalogs say).
    assert [" ".join(text.split()) for text in credits] == [" ".join(credit.split())]


def test_credit_labels_are_recognised_in_any_language() -> None:
    """ "Ảnh:", "Photo:", "写真：" are one label; other text before a colon is left alone."""
    translations = ROOT / "translations"
    labels = CreditLabels({code: load_translations(str(translations), code) for code in ("vi", "en", "ja")})
    assert labels.localise("Ảnh: Sở VHTTDL", "en") == "Photo: Sở VHTTDL"
    assert labels.localise("Nguồn: Cổng TTĐT", "ja") == "出典：Cổng TTĐT"
    assert labels.localise("写真：Nguyễn Văn A", "vi") == "Ảnh: Nguyễn Văn A"
    assert labels.localise("Hà Nội: 75 km", "en") == "Hà Nội: 75 km"
    assert labels.localise("quangba", "ja") == "quangba"


# --- 5. The setting is validated once ----------------------------------------------------------------


def settings(tmp: Path, **overrides: Any) -> dict[str, Any]:
    """Return settings of a three-language site whose registries exist."""
    (tmp / "agencies.yml").write_text("agencies: []\n", encoding="utf-8")
    base = {
        "DEFAULT_LANG": "vi",
        "MULTILANG_LANGUAGES": {"vi": {}, "en": {}, "ja": {}},
        "MULTILANG_AGENCIES_FILE": str(tmp / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(tmp / "none.yml"),
        "MULTILANG_VOCABULARIES_FILE": str(tmp / "none.yml"),
    }
    return base | overrides


def test_chains_end_with_the_default_language(tmp_path: Path) -> None:
    """ja: [en] becomes en, vi; a language the site lacks (ko) is skipped; vi has no chain."""
    site = build_site(settings(tmp_path, MULTILANG_FALLBACK={"ja": ["ko", "en"], "ko": ["en"]}))
    assert site.chains == {"vi": (), "en": ("vi",), "ja": ("en", "vi")}
    assert build_site(settings(tmp_path)).chains["ja"] == ("vi",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"ja": "en"}, "must be a list of language codes"),
        ({"ja": ["jp"]}, "'jp' is not a language code"),
        ({"jp": ["en"]}, "'jp' is not a language code"),
        ({"ja": ["ja"]}, "list other languages, each once"),
        ({"ja": ["en", "en"]}, "list other languages, each once"),
        (["ja"], "must be a dict"),
    ],
)
def test_a_wrong_chain_is_a_configuration_error(tmp_path: Path, value: Any, message: str) -> None:
    """Each mistake is named once, before anything is read."""
    with pytest.raises(ConfigError, match=message):
        build_site(settings(tmp_path, MULTILANG_FALLBACK=value))
    with pytest.raises(ConfigError, match="MULTILANG_HIDE_EMPTY_SECTIONS"):
        build_site(settings(tmp_path, MULTILANG_HIDE_EMPTY_SECTIONS="yes"))


def test_vocabulary_names_follow_the_chain(tmp_path: Path) -> None:
    """A sector without a Japanese name: the French one with ja -> fr, the English one by default."""
    vocab = tmp_path / "vocabularies.yml"
    vocab.write_text("sectors:\n  energy: {vi: Năng lượng, en: Energy, fr: Énergie}\n", encoding="utf-8")
    languages = {"vi": {}, "en": {}, "ja": {}, "fr": {}}
    base = settings(tmp_path, MULTILANG_LANGUAGES=languages, MULTILANG_VOCABULARIES_FILE=str(vocab))
    chained = build_site(base | {"MULTILANG_FALLBACK": {"ja": ["fr"]}})
    assert chained.vocabularies["sectors"].label("energy", "ja") == "Énergie"
    assert (
        build_site(base | {"MULTILANG_FALLBACK": {"ja": ["en"]}})
        .vocabularies["sectors"]
        .label("energy", "ja")
        == "Energy"
    )
