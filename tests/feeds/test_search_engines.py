"""What search engines and sharing read: sitemap, robots.txt, head links, JSON-LD, Open Graph."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from lxml import etree

from tests.conftest import ROOT
from tests.feeds.conftest import FEEDS_SITEURL, SCHEMAS
from tests.feeds.helpers import absolute, json_ld, local, soup

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def sitemap(feeds_output: Path) -> dict[str, dict[str, str]]:
    """Return {loc: {hreflang: href}} of the fixture's sitemap."""
    root = etree.parse(str(feeds_output / "sitemap.xml")).getroot()
    assert root.tag == f"{SM}urlset"
    return {
        url.findtext(f"{SM}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SM}url")
    }


def test_sitemap_is_valid_against_the_sitemaps_org_schema(feeds_output: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-xhtml.xsd")))
    document = etree.parse(str(feeds_output / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    link = document.getroot().find(f".//{XHTML}link")
    link.set("ref", link.attrib.pop("href"))  # what pelican-sitemap 1.2.2 writes
    assert not schema.validate(document)


def test_sitemap_lists_real_pages_only(feeds_output: Path, sitemap: dict[str, dict[str, str]]) -> None:
    assert FEEDS_SITEURL + "/en/culture/khai-ha-festival/" in sitemap
    assert FEEDS_SITEURL + "/du-lich/thung-nai/" in sitemap
    assert FEEDS_SITEURL + "/en/tourism/thung-nai/" not in sitemap  # fallback
    assert not any("an-bai" in loc for loc in sitemap)  # hidden
    assert not any("ban-nhap" in loc for loc in sitemap)  # draft
    assert not any("/embed/all/" in loc for loc in sitemap)  # widget pages are noindex
    assert FEEDS_SITEURL + "/en/embed/" in sitemap
    for loc in sitemap:
        page = local(feeds_output, loc)
        assert page.is_file(), loc
        assert not soup(page).find("meta", attrs={"name": "robots", "content": re.compile("noindex")}), loc


def test_every_indexable_page_is_in_the_sitemap(
    feeds_output: Path, sitemap: dict[str, dict[str, str]]
) -> None:
    for path in feeds_output.rglob("*.html"):
        page = soup(path)
        if page.find("meta", attrs={"name": "robots", "content": re.compile("noindex")}):
            continue
        canonical = page.find("link", rel="canonical")
        assert canonical, path
        assert absolute(canonical["href"]) in sitemap, path


def test_sitemap_and_head_hreflang_agree_and_are_reciprocal(
    feeds_output: Path, sitemap: dict[str, dict[str, str]]
) -> None:
    with_translations = 0
    for loc, alternates in sitemap.items():
        head = {
            link["hreflang"]: absolute(link["href"])
            for link in soup(local(feeds_output, loc)).find_all("link", rel="alternate", hreflang=True)
        }
        assert head == alternates, loc
        assert "x-default" in alternates
        assert loc in alternates.values(), f"{loc} does not list itself"
        for code, href in alternates.items():
            if code != "x-default":
                assert sitemap[href].get(code) == href and loc in sitemap[href].values(), f"{loc} -> {href}"
        with_translations += len(alternates) > 2
    assert with_translations > 10
    khai_ha = sitemap[FEEDS_SITEURL + "/en/culture/khai-ha-festival/"]
    assert khai_ha == {
        "vi": FEEDS_SITEURL + "/van-hoa/khai-ha/",
        "en": FEEDS_SITEURL + "/en/culture/khai-ha-festival/",
        "ja": FEEDS_SITEURL + "/ja/culture/khai-ha/",
        "x-default": FEEDS_SITEURL + "/van-hoa/khai-ha/",
    }


def test_sitemap_lastmod_is_the_last_change(feeds_output: Path) -> None:
    root = etree.parse(str(feeds_output / "sitemap.xml")).getroot()
    lastmod = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root.iter(f"{SM}url")}
    assert lastmod[FEEDS_SITEURL + "/en/culture/khai-ha-festival/"] == "2024-03-01T10:30:00+07:00"
    assert lastmod[FEEDS_SITEURL + "/du-lich/"] == "2025-08-01T10:00:00+07:00"


def test_large_sites_get_a_sitemap_index_with_a_file_per_language() -> None:
    from feeds import settings
    from feeds.sitemap import Url, sitemaps

    config = settings.load({"SITEURL": "https://example.gov.vn", "FEEDS_SITEMAP_MAX_URLS": 2})
    day = dt.datetime(2024, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    entries = [
        Url(f"https://example.gov.vn/{p}", "en" if p.startswith("en/") else "vi", [], day)
        for p in ("", "a/", "b/", "en/", "en/a/")
    ]
    files = sitemaps(entries, config, ["vi", "en"])
    assert sorted(files) == ["sitemap-en.xml", "sitemap-vi-1.xml", "sitemap-vi-2.xml", "sitemap.xml"]
    index_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd")))
    urlset_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-xhtml.xsd")))
    index = etree.fromstring(files["sitemap.xml"])
    assert index_schema.validate(index), index_schema.error_log
    assert [n.text for n in index.iter(f"{SM}loc")] == [
        "https://example.gov.vn/sitemap-vi-1.xml",
        "https://example.gov.vn/sitemap-vi-2.xml",
        "https://example.gov.vn/sitemap-en.xml",
    ]
    for name in ("sitemap-vi-1.xml", "sitemap-vi-2.xml", "sitemap-en.xml"):
        assert urlset_schema.validate(etree.fromstring(files[name])), name
    assert sitemaps(entries, settings.load({"SITEURL": "https://example.gov.vn"}), ["vi", "en"]).keys() == {
        "sitemap.xml"
    }


def test_robots_txt_points_to_the_sitemap(feeds_output: Path) -> None:
    text = (feeds_output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text
    assert f"Sitemap: {FEEDS_SITEURL}/sitemap.xml" in text.splitlines()
    assert "Disallow: /" not in text  # noindex pages must stay crawlable to be seen as noindex


def feed_links(path: Path) -> dict[str, str]:
    page = soup(path)
    types = ("application/atom+xml", "application/rss+xml", "application/feed+json")
    return {link["href"]: link["title"] for link in page.find_all("link", rel="alternate", type=types)}


@pytest.mark.parametrize(
    ("page", "feeds"),
    [
        ("", {"/feeds/all"}),
        ("en/", {"/en/feeds/all"}),
        ("en/culture/", {"/en/feeds/all", "/en/feeds/section/culture"}),
        ("en/culture/khai-ha-festival/", {"/en/feeds/all", "/en/feeds/section/culture"}),
        ("ja/tag/taigai/", {"/ja/feeds/all", "/ja/feeds/tag/doi-ngoai"}),
        ("agency/so-vhttdl/", {"/feeds/all", "/feeds/agency/so-vhttdl"}),
        ("en/tourism/thung-nai/", {"/en/feeds/all", "/en/feeds/section/tourism"}),  # a fallback: UI language
    ],
)
def test_pages_announce_their_feeds(feeds_output: Path, page: str, feeds: set[str]) -> None:
    links = feed_links(feeds_output / page / "index.html")
    assert {re.sub(r"\.(atom\.xml|rss\.xml|json)$", "", href) for href in links} == feeds
    assert len(links) == 3 * len(feeds)
    for href in links:
        assert local(feeds_output, href).is_file(), href


def test_feed_link_titles_are_in_the_page_language(feeds_output: Path) -> None:
    titles = set(feed_links(feeds_output / "van-hoa" / "index.html").values())
    assert "Văn hóa – Thông tin đối ngoại Hòa Bình (Atom)" in titles


def graph(path: Path, kind: str) -> list[dict]:
    return [node for node in json_ld(path) if node["@type"] == kind]


def test_story_json_ld_is_a_news_article_by_government_organizations(feeds_output: Path) -> None:
    (article,) = graph(feeds_output / "en/culture/khai-ha-festival/index.html", "NewsArticle")
    for prop in ("headline", "image", "datePublished", "dateModified", "author", "publisher", "inLanguage"):
        assert article.get(prop), prop
    assert article["headline"] == "The Khai Ha festival of the Muong"
    assert article["inLanguage"] == "en"
    assert article["datePublished"] == "2024-02-14T08:00:00+07:00"
    assert article["dateModified"] == "2024-03-01T10:30:00+07:00"
    assert article["image"][0]["url"] == FEEDS_SITEURL + "/media/khai-ha-social.jpg"
    assert article["image"][0]["width"] == 1200
    assert article["author"]["@type"] == "GovernmentOrganization"
    assert article["author"]["name"] == "Hòa Bình Department of Culture, Sports and Tourism"
    # The publisher is the site owner on the story's date (the province before the merger).
    assert article["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Hòa Bình Provincial People's Committee",
        "url": "https://hoabinh.gov.vn",
    }
    assert article["translationOfWork"]["url"] == FEEDS_SITEURL + "/van-hoa/khai-ha/"
    assert "workTranslation" not in article

    (source,) = graph(feeds_output / "van-hoa/khai-ha/index.html", "NewsArticle")
    assert source["inLanguage"] == "vi"
    assert {w["inLanguage"]: w["url"] for w in source["workTranslation"]} == {
        "en": FEEDS_SITEURL + "/en/culture/khai-ha-festival/",
        "ja": FEEDS_SITEURL + "/ja/culture/khai-ha/",
    }
    (after_merger,) = graph(feeds_output / "en/tourism/mai-chau/index.html", "NewsArticle")
    assert after_merger["publisher"]["name"] == "Phú Thọ Provincial People's Committee"
    assert after_merger["author"]["name"] == "Phú Thọ Department of Culture, Sports and Tourism"
    assert "image" not in after_merger  # no cover, no image
    assert not graph(feeds_output / "en/tourism/thung-nai/index.html", "NewsArticle")  # fallback


def test_breadcrumbs(feeds_output: Path) -> None:
    (crumbs,) = graph(feeds_output / "en/culture/khai-ha-festival/index.html", "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert [i["name"] for i in items] == [
        "Hòa Bình Foreign Information",
        "Culture",
        "The Khai Ha festival of the Muong",
    ]
    assert items[-1]["item"] == FEEDS_SITEURL + "/en/culture/khai-ha-festival/"
    (crumbs,) = graph(feeds_output / "ja/tag/taigai/index.html", "BreadcrumbList")
    from multilang.l10n import load_translations

    tags_in_japanese = load_translations(str(ROOT / "translations"), "ja").gettext("Tags")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["ホアビン対外情報", tags_in_japanese, "対外"]
    assert not graph(feeds_output / "en/index.html", "BreadcrumbList")


def test_agency_and_about_pages_describe_government_organizations(feeds_output: Path) -> None:
    (agency,) = graph(feeds_output / "agency/so-vhttdl/index.html", "GovernmentOrganization")
    assert agency["name"] == "Sở Văn hóa, Thể thao và Du lịch tỉnh Hòa Bình"
    assert agency["alternateName"] == "Sở VHTTDL"
    assert agency["url"] == "https://hoabinh.gov.vn/vhttdl"
    assert agency["parentOrganization"]["name"] == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert agency["address"]["streetAddress"].startswith("Số 1")
    assert agency["telephone"] == "+84 218 000 0000"
    assert agency["dissolutionDate"] == "2025-06-30"
    (owner,) = graph(feeds_output / "en/about/index.html", "GovernmentOrganization")
    assert owner["name"] in (
        "Phú Thọ Provincial People's Committee",
        "Hòa Bình Provincial People's Committee",
    )
    assert graph(feeds_output / "en/agency/index.html", "GovernmentOrganization")


def test_json_ld_cannot_close_its_script(feeds_output: Path) -> None:
    for path in feeds_output.rglob("*.html"):
        for script in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', path.read_text("utf-8"), re.S
        ):
            assert "</" not in script, path


def test_social_meta_describes_the_story_and_its_card() -> None:
    from feeds import settings, state
    from feeds.head import social_meta
    from jinja2 import Environment
    from model.site import Agency, Language, Section, Term

    en = Language("en", "English", "en", "en", "en_US", "en/", "fallback")
    site = SimpleNamespace(
        sections={"culture": Section("culture", {"en": "Culture"}, {"en": "culture"})},
        terms={"le-hoi": Term("le-hoi", {"en": "Festivals"}, {"en": "festivals"})},
        agencies={"so-vhttdl": Agency("so-vhttdl", {"en": "Department of Culture"})},
    )
    config = settings.load({"SITEURL": "https://example.gov.vn"})
    state._states[id(site)] = state.State(config, SimpleNamespace(site=site), {}, {})
    story = SimpleNamespace(
        kind="story",
        section="culture",
        tags=["le-hoi"],
        agency="so-vhttdl",
        social_image={
            "url": "/media/card.jpg",
            "width": 1200,
            "height": 630,
            "type": "image/jpeg",
            "length": 1,
        },
    )
    article = SimpleNamespace(summary="<p>A <b>festival</b>.</p>", cover_alt="Gongs", metadata={})
    env = Environment()
    env.globals["social_meta"] = social_meta
    html = env.from_string("{{ social_meta() }}").render(
        site=site,
        lang=en,
        page_template="article",
        article=article,
        story=story,
        plain=lambda text: re.sub(r"<[^>]+>", "", text),
    )
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))
    assert meta["og:image"] == "https://example.gov.vn/media/card.jpg"
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == (
        "1200",
        "630",
        "image/jpeg",
    )
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "Gongs"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["article:section"] == "Culture" and meta["article:tag"] == "Festivals"
    assert meta["article:author"] == "https://example.gov.vn/en/agency/so-vhttdl/"
    assert meta["og:description"] == "A festival."
    del state._states[id(site)]
    assert env.from_string("{{ social_meta() }}").render(site=site, lang=en) == ""


def test_absolute_urls_use_the_configured_address() -> None:
    from feeds import settings

    assert settings.load({"SITEURL": ""}).siteurl == "http://localhost:8000"
    assert settings.load({"SITEURL": "https://a.example/"}).siteurl == "https://a.example"
    config = settings.load({"SITEURL": "https://a.example", "FEEDS_SITEURL": "https://b.example/sub"})
    assert config.absolute("en/x/") == "https://b.example/sub/en/x/"
    assert config.absolute("/en/x/") == "https://b.example/sub/en/x/"
    assert config.absolute("https://c.example/y") == "https://c.example/y"
    assert urlsplit(config.absolute("")).path == "/sub/"
