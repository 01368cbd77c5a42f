"""The feeds a subscriber or partner portal reads: valid, complete, stable, clean."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import feedparser
import jsonschema
import pytest
from lxml import etree

from tests.feeds.conftest import FEEDS_SITEURL, SCHEMAS
from tests.feeds.helpers import ATOM, feed_files, lang_of, local

HTML_LANG = {"vi": "vi", "en": "en", "ja": "ja"}
OFFSET = re.compile(r"[+-]\d\d:\d\d$|Z$")


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@pytest.fixture(scope="module")
def json_feed_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_language_has_every_kind_of_feed_in_three_formats(feeds_output: Path) -> None:
    for prefix in ("", "en/", "ja/"):
        for stem in ("all", "section/culture", "section/investment", "agency/so-vhttdl", "tag/le-hoi"):
            for ending in (".atom.xml", ".rss.xml", ".json"):
                assert (feeds_output / f"{prefix}feeds/{stem}{ending}").is_file(), (
                    f"{prefix}feeds/{stem}{ending}"
                )


# feedparser 6.0 reads Atom and RSS; JSON Feed is checked with its schema below.
@pytest.mark.parametrize("ending", [".atom.xml", ".rss.xml"])
def test_feedparser_reads_every_feed_in_its_language_with_links_that_resolve(
    feeds_output: Path, ending: str
) -> None:
    entries = 0
    for path in feed_files(feeds_output, ending):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        lang = lang_of(feeds_output, path)
        assert parsed.feed.get("language") == HTML_LANG[lang], path
        assert local(feeds_output, parsed.feed.link).is_file(), f"{path}: {parsed.feed.link}"
        for entry in parsed.entries:
            entries += 1
            target = local(feeds_output, entry.link)
            assert target.is_file(), f"{path}: {entry.link}"
            html_lang = re.search(r'<html lang="([^"]+)"', target.read_text(encoding="utf-8"))[1]
            assert html_lang == HTML_LANG[lang], f"{entry.link} is not in {lang}"
    assert entries > 10


def test_atom_feeds_are_valid_rfc_4287(feeds_output: Path, atom_schema: etree.RelaxNG) -> None:
    for path in feed_files(feeds_output, ".atom.xml"):
        document = etree.parse(str(path))
        assert atom_schema.validate(document), f"{path}: {atom_schema.error_log}"
        root = document.getroot()
        # The two Schematron rules of RFC 4287, Appendix B.
        if root.find(f"{ATOM}author") is None:
            assert all(e.find(f"{ATOM}author") is not None for e in root.iter(f"{ATOM}entry")), path
        for entry in root.iter(f"{ATOM}entry"):
            links = entry.findall(f"{ATOM}link")
            assert any(link.get("rel", "alternate") == "alternate" for link in links) or (
                entry.find(f"{ATOM}content") is not None
            ), path


def test_the_atom_schema_rejects_what_rfc_4287_forbids(
    feeds_output: Path, atom_schema: etree.RelaxNG
) -> None:
    path = feeds_output / "en/feeds/all.atom.xml"
    for change in ("drop id", "bad date", "unknown atom element"):
        root = etree.parse(str(path)).getroot()
        if change == "drop id":
            root.remove(root.find(f"{ATOM}id"))
        elif change == "bad date":
            root.find(f"{ATOM}updated").text = "14 February 2024"
        else:
            root.insert(0, etree.Element(f"{ATOM}bogus"))
        assert not atom_schema.validate(root), change


def test_json_feeds_are_valid_json_feed_1_1(feeds_output: Path, json_feed_validator) -> None:
    for path in feed_files(feeds_output, ".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(json_feed_validator.iter_errors(data), key=str)
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"
        assert data["language"] == HTML_LANG[lang_of(feeds_output, path)]
        assert data["feed_url"] == FEEDS_SITEURL + "/" + path.relative_to(feeds_output).as_posix()
        assert local(feeds_output, data["home_page_url"]).is_file()
        for item in data["items"]:
            assert local(feeds_output, item["url"]).is_file(), f"{path}: {item['url']}"
            assert item["language"] == data["language"]
    broken = json.loads((feeds_output / "en/feeds/all.json").read_text(encoding="utf-8"))
    broken["items"][0]["date_published"] = "2024-02-14"  # no time, no offset
    assert list(json_feed_validator.iter_errors(broken))


def test_feed_ids_are_unique_across_the_site(feeds_output: Path) -> None:
    ids = [etree.parse(str(p)).getroot().findtext(f"{ATOM}id") for p in feed_files(feeds_output, ".atom.xml")]
    assert len(ids) == len(set(ids)) > 30


def test_self_links_and_other_languages_with_hreflang(feeds_output: Path) -> None:
    for path in feed_files(feeds_output, ".atom.xml"):
        root = etree.parse(str(path)).getroot()
        links = root.findall(f"{ATOM}link")
        (self_link,) = [link for link in links if link.get("rel") == "self"]
        assert self_link.get("href") == FEEDS_SITEURL + "/" + path.relative_to(feeds_output).as_posix()
        assert (
            root.get("{http://www.w3.org/XML/1998/namespace}lang") == HTML_LANG[lang_of(feeds_output, path)]
        )
        others = [
            link for link in links if link.get("type") == "application/atom+xml" and link.get("hreflang")
        ]
        for other in others:
            target = local(feeds_output, other.get("href"))
            assert target.is_file(), other.get("href")
            back = etree.parse(str(target)).getroot().findall(f"{ATOM}link")
            assert self_link.get("href") in {b.get("href") for b in back}, f"{target} does not link back"
    culture = etree.parse(str(feeds_output / "en/feeds/section/culture.atom.xml")).getroot()
    assert {
        link.get("hreflang") for link in culture.findall(f"{ATOM}link[@type='application/atom+xml']")
    } == {
        None,
        "vi",
        "ja",
    }
    rss = etree.parse(str(feeds_output / "ja/feeds/all.rss.xml")).getroot()
    assert rss.findtext("channel/language") == "ja"
    hreflangs = {link.get("hreflang") for link in rss.findall(f"channel/{ATOM}link[@rel='alternate']")}
    assert hreflangs == {"vi", "en"}


def entries_by_link(feeds_output: Path, rel: str) -> dict[str, feedparser.FeedParserDict]:
    parsed = feedparser.parse((feeds_output / rel).read_bytes())
    return {entry.link.removeprefix(FEEDS_SITEURL): entry for entry in parsed.entries}


def test_feeds_carry_neither_fallbacks_drafts_nor_hidden_stories(feeds_output: Path) -> None:
    en = entries_by_link(feeds_output, "en/feeds/all.atom.xml")
    assert "/en/culture/khai-ha-festival/" in en
    assert "/en/tourism/thung-nai/" not in en  # the Vietnamese original shown in English
    assert (feeds_output / "en/tourism/thung-nai/index.html").is_file()  # ...which the site does show
    assert "/en/culture/an-bai/" not in en  # hidden
    vi = entries_by_link(feeds_output, "feeds/all.atom.xml")
    assert "/du-lich/thung-nai/" in vi
    assert not any("ban-nhap" in link or "an-bai" in link for link in vi)
    everything = "".join(p.read_text(encoding="utf-8") for p in feed_files(feeds_output, ".json"))
    assert "Bản nháp" not in everything and "ban-nhap" not in everything


def test_entries_have_content_summary_author_dates_and_cover(feeds_output: Path) -> None:
    entry = entries_by_link(feeds_output, "en/feeds/all.atom.xml")["/en/culture/khai-ha-festival/"]
    assert entry.title == "The Khai Ha festival of the Muong"
    assert "<strong>Hòa Bình</strong>" in entry.summary
    assert "opens the Muong new year" in entry.content[0].value
    assert entry.author == "Hòa Bình Department of Culture, Sports and Tourism"
    assert entry.author_detail.href == FEEDS_SITEURL + "/en/agency/so-vhttdl/"
    assert entry.published == "2024-02-14T08:00:00+07:00"
    assert entry.updated == "2024-03-01T10:30:00+07:00"
    (enclosure,) = entry.enclosures
    assert enclosure.href == FEEDS_SITEURL + "/media/khai-ha-960.jpg"
    assert enclosure.type == "image/jpeg" and enclosure.length == "54321"
    labels = {tag.get("label") for tag in entry.tags}
    assert {"Festivals", "Mường people", "Culture"} <= labels

    rss = etree.parse(str(feeds_output / "en/feeds/all.rss.xml")).getroot()
    item = next(i for i in rss.iter("item") if i.findtext("link").endswith("/khai-ha-festival/"))
    assert item.findtext("pubDate") == "Wed, 14 Feb 2024 08:00:00 +0700"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.find("enclosure").attrib == {
        "url": FEEDS_SITEURL + "/media/khai-ha-960.jpg",
        "length": "54321",
        "type": "image/jpeg",
    }
    assert "opens the Muong new year" in item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator").startswith("Hòa Bình Department")
    assert rss.findtext("channel/description")

    data = json.loads((feeds_output / "en/feeds/all.json").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["url"].endswith("/khai-ha-festival/"))
    assert item["summary"] == "Khai Ha opens the new year of the Muong people in Hòa Bình."
    assert item["image"] == FEEDS_SITEURL + "/media/khai-ha-960.jpg"
    assert item["attachments"] == [
        {"url": FEEDS_SITEURL + "/media/khai-ha-960.jpg", "mime_type": "image/jpeg", "size_in_bytes": 54321}
    ]
    assert item["authors"][0]["name"] == "Hòa Bình Department of Culture, Sports and Tourism"


def test_every_timestamp_has_an_offset(feeds_output: Path) -> None:
    for path in feed_files(feeds_output, ".atom.xml"):
        root = etree.parse(str(path)).getroot()
        for tag in ("updated", "published"):
            for node in root.iter(f"{ATOM}{tag}"):
                assert OFFSET.search(node.text), f"{path}: {node.text}"
                datetime.fromisoformat(node.text)
    for path in feed_files(feeds_output, ".json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            assert OFFSET.search(item["date_published"]) and OFFSET.search(item["date_modified"])


def test_content_is_sanitised_and_its_urls_absolute(feeds_output: Path) -> None:
    for path in feed_files(feeds_output, ".json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            html = item["content_html"]
            for bad in ("<script", "<style", "<iframe", "onclick", "onmouseover", "javascript:", "alert("):
                assert bad not in html, f"{path}: {bad}"
            for url in re.findall(r'(?:href|src)="([^"]*)"', html):
                assert re.match(r"^(https?:|mailto:|tel:)", url), f"{path}: relative URL {url}"
    mai_chau = entries_by_link(feeds_output, "en/feeds/all.atom.xml")["/en/tourism/mai-chau/"]
    html = mai_chau.content[0].value
    assert "stilt houses" in html and 'href="https://example.org/x"' in html
    khai_ha = entries_by_link(feeds_output, "en/feeds/all.atom.xml")["/en/culture/khai-ha-festival/"]
    html = khai_ha.content[0].value
    assert f'src="{FEEDS_SITEURL}/en/culture/khai-ha-festival/chieng.jpg"' in html
    assert f'href="{FEEDS_SITEURL}/en/tourism/mai-chau/"' in html  # a link to another story's file


def test_entry_ids_come_from_the_translation_key_and_language(feeds_output: Path) -> None:
    en = entries_by_link(feeds_output, "en/feeds/all.atom.xml")
    # The English version has its own slug (khai-ha-festival); its id does not.
    assert en["/en/culture/khai-ha-festival/"].id == "tag:quangba.test,2024:culture/khai-ha/en"
    ja = entries_by_link(feeds_output, "ja/feeds/all.atom.xml")
    assert ja["/ja/culture/khai-ha/"].id == "tag:quangba.test,2024:culture/khai-ha/ja"
    # One story, one id, whatever feed carries it.
    section = entries_by_link(feeds_output, "en/feeds/section/culture.atom.xml")
    tag = entries_by_link(feeds_output, "en/feeds/tag/le-hoi.atom.xml")
    assert section["/en/culture/khai-ha-festival/"].id == tag["/en/culture/khai-ha-festival/"].id


def test_entry_id_survives_a_new_slug_and_title() -> None:
    from feeds import settings
    from feeds.content import entry_id

    config = settings.load({"SITEURL": "https://example.gov.vn"})
    story = SimpleNamespace(
        key="khai-ha", section="culture", date=datetime.fromisoformat("2024-02-14T08:00+07:00")
    )
    before = SimpleNamespace(story=story, lang="en", slug="khai-ha-festival", title="The Khai Ha festival")
    after = SimpleNamespace(story=story, lang="en", slug="khai-ha-2024", title="Khai Ha, renamed")
    assert entry_id(before, config) == entry_id(after, config) == "tag:example.gov.vn,2024:culture/khai-ha/en"
    assert entry_id(SimpleNamespace(story=story, lang="ja"), config).endswith("/ja")


def test_scoped_feeds_hold_only_their_scope(feeds_output: Path) -> None:
    culture = json.loads((feeds_output / "en/feeds/section/culture.json").read_text(encoding="utf-8"))
    assert [i["url"].removeprefix(FEEDS_SITEURL) for i in culture["items"]] == [
        "/en/culture/khai-ha-festival/"
    ]
    agency = json.loads((feeds_output / "feeds/agency/so-vhttdl.json").read_text(encoding="utf-8"))
    assert {i["url"].removeprefix(FEEDS_SITEURL) for i in agency["items"]} == {
        "/van-hoa/khai-ha/",
        "/du-lich/thung-nai/",
    }
    tag = json.loads((feeds_output / "ja/feeds/tag/doi-ngoai.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in tag["items"]] == ["2024年対外情報計画"]
    empty = json.loads((feeds_output / "feeds/section/investment.json").read_text(encoding="utf-8"))
    assert empty["items"] == [] and empty["title"] == "Đầu tư – Thông tin đối ngoại Hòa Bình"
    # Agencies and tags without a story in a language have no feed there.
    assert not (feeds_output / "ja/feeds/agency/so-vhttdl-phu-tho.json").exists()
    assert not (feeds_output / "ja/feeds/tag/nguoi-thai.json").exists()


def test_feed_texts_are_in_the_feed_language(feeds_output: Path) -> None:
    vi = json.loads((feeds_output / "feeds/section/culture.json").read_text(encoding="utf-8"))
    assert vi["description"] == "Các bài mới nhất trong chuyên mục Văn hóa của Thông tin đối ngoại Hòa Bình."
    assert vi["_quangba"]["more"] == "Xem thêm bài viết"
    ja = json.loads((feeds_output / "ja/feeds/all.json").read_text(encoding="utf-8"))
    assert ja["description"] == "ホアビン対外情報の最新記事。"


def test_feeds_are_identical_when_nothing_changed(feeds_output: Path, tmp_path: Path) -> None:
    from tests.feeds.conftest import build_feeds_site

    again = build_feeds_site(tmp_path)
    for path in feed_files(feeds_output, ".atom.xml") + feed_files(feeds_output, ".json"):
        assert (again.output / path.relative_to(feeds_output)).read_bytes() == path.read_bytes(), path
