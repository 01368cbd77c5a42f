"""The multilingual build: every language, head tags, switcher, policies, l10n."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import Build
from tests.multilang.conftest import soup

LANGS = {"": "vi", "en/": "en", "ja/": "ja", "ko/": "ko", "zh/": "zh-Hans", "fr/": "fr"}


def resolve(build: Build, href: str) -> Path:
    """Return the output file a root-relative link points to."""
    path = urlsplit(href).path
    assert path.startswith("/"), f"not root-relative: {href}"
    return build.page(path)


def all_pages(build: Build) -> list[Path]:
    return sorted(p for p in build.output.rglob("*.html"))


@pytest.mark.parametrize(("prefix", "html_lang"), LANGS.items())
def test_each_language_home_has_its_lang(site: Build, prefix: str, html_lang: str) -> None:
    page = soup(site.page(prefix))
    assert page.html["lang"] == html_lang
    assert page.find("link", rel="canonical")["href"] == f"/{prefix}"


def test_every_switcher_and_hreflang_link_resolves(site: Build) -> None:
    checked = 0
    for path in all_pages(site):
        page = soup(path)
        switcher = page.select("nav.languages a")
        # Widget pages (embed/<kind>/<id>/) live in partners' iframes: no site chrome.
        widget = "embed" in path.relative_to(site.output).parts[-4:-2]
        assert len(switcher) == (0 if widget else len(LANGS)), path
        for link in switcher + page.find_all("link", rel="alternate", hreflang=True):
            assert resolve(site, link["href"]).is_file(), f"{path}: {link['href']}"
            checked += 1
    assert checked > 500


def test_switcher_links_carry_lang_and_hreflang(site: Build) -> None:
    page = soup(site.page("en/culture/khai-ha-festival/"))
    links = {a["hreflang"]: a for a in page.select("nav.languages a")}
    assert set(links) == set(LANGS.values())
    assert links["ja"]["href"] == "/ja/culture/le-hoi-khai-ha/"
    assert links["ja"]["lang"] == "ja" and links["ja"].get_text() == "日本語"
    # No Korean version: the Korean page that says so, never the Korean home.
    assert links["ko"]["href"] == "/ko/unavailable/culture/le-hoi-khai-ha/"


def hreflang_set(build: Build, path: Path) -> dict[str, str]:
    page = soup(path)
    return {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}


def test_hreflang_sets_are_reciprocal_with_x_default(site: Build) -> None:
    seen = 0
    for path in all_pages(site):
        links = hreflang_set(site, path)
        if not links:
            continue
        seen += 1
        assert "x-default" in links, path
        canonical = soup(path).find("link", rel="canonical")["href"]
        assert canonical in links.values(), f"{path} does not list itself"
        for code, href in links.items():
            if code == "x-default":
                continue
            assert hreflang_set(site, resolve(site, href)) == links, f"{path} -> {href}"
    assert seen > 50


def test_story_head_lists_only_real_translations(site: Build) -> None:
    links = hreflang_set(site, site.page("van-hoa/le-hoi-khai-ha/"))
    assert links == {
        "vi": "/van-hoa/le-hoi-khai-ha/",
        "en": "/en/culture/khai-ha-festival/",
        "ja": "/ja/culture/le-hoi-khai-ha/",
        "x-default": "/van-hoa/le-hoi-khai-ha/",
    }
    page = soup(site.page("ja/culture/le-hoi-khai-ha/"))
    assert page.find("meta", property="og:locale")["content"] == "ja_JP"
    alternates = {m["content"] for m in page.find_all("meta", property="og:locale:alternate")}
    assert alternates == {"vi_VN", "en_US"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("van-hoa/le-hoi-khai-ha/", "25 tháng 9, 2023"),
        ("en/culture/khai-ha-festival/", "September 25, 2023"),
        ("ja/culture/le-hoi-khai-ha/", "2023年9月25日"),
    ],
)
def test_dates_are_localised(site: Build, path: str, expected: str) -> None:
    time = soup(site.page(path)).find("article").find("time")
    assert time.get_text() == expected
    assert time["datetime"] == "2023-09-25T09:00:00+07:00"


def test_fallback_policy_renders_source_with_notice(site: Build) -> None:
    page = soup(site.page("en/tourism/mai-chau/"))
    assert page.html["lang"] == "en"
    assert page.find("article")["lang"] == "vi"
    notice = page.find(attrs={"role": "note"})
    assert "not yet available in English" in notice.get_text()
    assert notice["lang"] == "en"
    assert page.find("link", rel="canonical")["href"] == "/du-lich/mai-chau/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not page.find_all("link", rel="alternate", hreflang=True)
    # The source does not list the fallback as a translation.
    assert "en" not in hreflang_set(site, site.page("du-lich/mai-chau/"))
    # It is listed in English with a language marker.
    section = site.page("en/tourism/").read_text(encoding="utf-8")
    assert "/en/tourism/mai-chau/" in section


def test_hide_policy_leaves_untranslated_out(site: Build) -> None:
    assert not site.page("ja/tourism/mai-chau/").exists()
    assert "mai-chau" not in site.page("ja/tourism/").read_text(encoding="utf-8")
    assert "mai-chau" not in site.page("ja/").read_text(encoding="utf-8")


def test_translations_inherit_language_neutral_fields(site: Build) -> None:
    page = soup(site.page("en/culture/khai-ha-festival/"))
    agency = page.find("article").find("a", href="/en/agency/so-vhttdl/")
    assert agency.get_text(strip=True) == "Department of Culture, Sports and Tourism"
    tags = {a.get_text(strip=True): a["href"] for a in page.select("article a[rel~=tag]")}
    assert tags == {"Festivals": "/en/tag/festivals/", "Đà Bắc": "/en/tag/da-bac/"}
    ja = soup(site.page("ja/culture/le-hoi-khai-ha/"))
    ja_tags = {a.get_text(strip=True): a["href"] for a in ja.select("article a[rel~=tag]")}
    assert ja_tags["祭り"] == "/ja/tag/matsuri/"


def test_nfd_input_comes_out_nfc(site: Build) -> None:
    html = site.page("tin-tuc/ke-hoach-186/").read_text(encoding="utf-8")
    assert "Kế hoạch 186 về thông tin đối ngoại" in html
    assert unicodedata.is_normalized("NFC", html)
    for path in all_pages(site):
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8")), path


def test_vietnamese_tag_slug_transliterates_d_stroke(site: Build) -> None:
    assert site.page("tag/da-bac/").is_file()
    assert soup(site.page("tag/da-bac/")).h1.get_text().endswith("Đà Bắc")


def test_links_to_story_files_point_to_the_readers_language(site: Build) -> None:
    en = soup(site.page("en/culture/khai-ha-festival/"))
    assert en.find("a", string="the plan")["href"] == "/en/news/ke-hoach-186/"
    vi = soup(site.page("van-hoa/le-hoi-khai-ha/"))
    assert vi.find("a", string="kế hoạch")["href"] == "/tin-tuc/ke-hoach-186/"
    pdf = vi.find("a", string="văn bản")["href"]
    assert resolve(site, pdf).read_bytes().startswith(b"%PDF")


def test_drafts_are_not_published(site: Build) -> None:
    assert not site.page("van-hoa/ban-nhap/").exists()
    assert "ban-nhap" not in site.page("van-hoa/").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", LANGS)
def test_every_page_type_exists_in_every_language(site: Build, prefix: str) -> None:
    for path in ["", "tag/", "agency/", "agency/so-vhttdl/", "archive/", "404.html"]:
        assert site.page(prefix + path).is_file(), prefix + path
    section = {"": "van-hoa/", "fr/": "culture/"}.get(prefix, "culture/")
    assert site.page(prefix + section).is_file()
    about = {"": "gioi-thieu/", "en/": "about/"}.get(prefix)
    if about:
        assert site.page(prefix + about).is_file()


def test_static_page_fallback_and_footer_link(site: Build) -> None:
    # No French about page: the footer links the best version along French's
    # chain (MULTILANG_FALLBACK: en, then vi), the English one, marked as English.
    footer = soup(site.page("fr/")).find("footer", class_=lambda c: c != "story-foot")
    link = footer.find("a", href="/en/about/")
    assert link and link["lang"] == "en" and link["hreflang"] == "en", footer
    # The French fallback rendition of the source still exists, out of search engines.
    assert soup(site.page("fr/gioi-thieu/")).find("meta", attrs={"name": "robots"})


def test_one_h1_per_page(site: Build) -> None:
    for path in all_pages(site):
        assert len(soup(path).find_all("h1")) == 1, path


def test_owner_is_the_one_valid_today(site: Build) -> None:
    assert "Phú Thọ" in soup(site.page("en/")).find_all("footer")[-1].get_text()


def test_draft_translation_is_left_out_of_its_language(site: Build) -> None:
    assert not site.page("ko/culture/le-hoi-khai-ha/").exists()
    assert "le-hoi-khai-ha" not in site.page("ko/culture/").read_text(encoding="utf-8")
    assert "ko" not in hreflang_set(site, site.page("van-hoa/le-hoi-khai-ha/"))


def test_stale_translation_shows_a_localised_notice(site: Build) -> None:
    # The Vietnamese source was modified after its translations were written.
    ja = soup(site.page("ja/culture/le-hoi-khai-ha/")).find(class_="notice-stale")
    assert "古くなっている" in ja.get_text()
    assert ja.find("a")["href"] == "/van-hoa/le-hoi-khai-ha/"
    assert soup(site.page("en/news/ke-hoach-186/")).find(class_="notice-stale") is None
