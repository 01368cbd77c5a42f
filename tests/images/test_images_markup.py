"""What readers get: <figure>/<picture> markup, covers, feed and social images, output files."""

from __future__ import annotations

import copy
import os
from types import SimpleNamespace

import images as images_plugin
import pytest
from blinker import signal
from bs4 import BeautifulSoup
from image_fixtures import metadata_found, open_image, story_site
from images.generator import CONTEXT_KEY, ImagesGenerator
from images.receivers import add_generator, on_stories_ready
from images.settings import load_settings
from pelican import signals
from pelican.settings import DEFAULT_CONFIG

SIZES = load_settings({}).sizes


def sender_for(content_dir, tmp_path, **settings):
    return SimpleNamespace(
        settings={
            "PATH": str(content_dir),
            "SITEURL": "",
            "IMAGES_CACHE_PATH": str(tmp_path / "cache"),
            "IMAGES_WORKERS": 1,
            **settings,
        },
        context={},
    )


def build(content_dir, tmp_path, bodies, **kwargs):
    """Run the receiver over a one-story site; return (site, sender)."""
    settings = kwargs.pop("settings", {})
    site = story_site(content_dir, bodies, **kwargs)
    sender = sender_for(content_dir, tmp_path, **settings)
    on_stories_ready(sender, site=site)
    return site, sender


def write_output(sender, tmp_path):
    """Run the generator's output step; return the output folder."""
    output = tmp_path / "output"
    settings = {**copy.deepcopy(DEFAULT_CONFIG), **sender.settings}
    generator = ImagesGenerator(
        context=sender.context,
        settings=settings,
        path=str(tmp_path / "content"),
        theme=DEFAULT_CONFIG["THEME"],
        output_path=str(output),
    )
    generator.generate_output(writer=None)
    return output


def local(url, output):
    """Return the output file a root-relative URL names."""
    return output / url.lstrip("/")


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_a_markdown_image_becomes_a_figure_with_picture(images, content_dir, tmp_path):
    images.plain_jpeg(size=(2000, 1500))
    images.plain_jpeg("cover.jpg", size=(1600, 1000))
    body = (
        '<p>Lễ hội.</p>\n<p><img alt="Người dân đánh chiêng" src="photo.jpg" '
        'title="Đánh chiêng | Ảnh: Nguyễn Văn A"></p>'
    )
    site, sender = build(content_dir, tmp_path, {"vi": body})
    html = site.stories[0].versions["vi"]._content
    doc = soup(html)
    assert doc.p.get_text() == "Lễ hội." and len(doc.find_all("p")) == 1  # the image's <p> became the figure
    figure = doc.find("figure")
    assert figure["class"] == ["image"]
    picture = figure.find("picture")
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    for source, ext in zip(sources, ("avif", "webp"), strict=True):
        entries = [entry.split() for entry in source["srcset"].split(", ")]
        assert [width for _, width in entries] == ["480w", "960w", "1600w"]
        assert all(url.startswith("/media/") and url.endswith(f".{ext}") for url, _ in entries)
        assert source["sizes"] == SIZES
    img = picture.find("img")
    assert img["alt"] == "Người dân đánh chiêng"
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert img["src"].endswith("-960.jpg") and img["srcset"].count("w,") == 2
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert not img.has_attr("title") and not img.has_attr("fetchpriority")
    caption = figure.find("figcaption")
    assert caption.get_text() == "Đánh chiêng Ảnh: Nguyễn Văn A"
    assert caption.find("small", class_="credit").get_text() == "Ảnh: Nguyễn Văn A"
    # Text stays readable: no entities for Vietnamese, void elements without "/>".
    assert "chiêng" in html and "/>" not in html

    output = write_output(sender, tmp_path)
    urls = [img["src"]] + [u.split()[0] for s in [*sources, img] for u in s["srcset"].split(", ")]
    for url in urls:
        path = local(url, output)
        assert path.is_file(), url
        assert metadata_found(path) == []
    assert open_image(local(img["src"], output)).size == (960, 720)
    assert not list(output.rglob("photo.jpg"))  # the original (which may carry GPS) is not published


def test_one_derivative_set_serves_every_language(images, content_dir, tmp_path):
    images.plain_jpeg(size=(900, 600))
    images.plain_jpeg("cover.jpg", size=(800, 600))
    body = '<p><img alt="{}" src="photo.jpg"></p>'
    site, sender = build(
        content_dir,
        tmp_path,
        {"vi": body.format("ảnh"), "en": body.format("photo"), "ja": body.format("写真")},
        fallback_langs=("fr",),
    )
    story = site.stories[0]
    pictures = {lang: soup(v._content).find("picture") for lang, v in story.versions.items()}
    pictures["fr"] = soup(site.fallbacks["fr"][0]._content).find("picture")
    srcsets = {str([s["srcset"] for s in p.find_all(["source", "img"])]) for p in pictures.values()}
    assert len(srcsets) == 1
    assert pictures["ja"].img["alt"] == "写真"
    media = [k for k in sender.context[CONTEXT_KEY] if "media/" in k]
    assert len(media) == 6 + 6 + 1  # photo and cover at two widths in 3 formats, the social card
    assert len(set(media)) == len(media)


def test_cover_markup_feed_and_social_images(images, content_dir, tmp_path):
    images.plain_jpeg("cover.jpg", size=(2400, 1600))
    site, sender = build(
        content_dir,
        tmp_path,
        {"vi": "<p>a</p>", "en": "<p>b</p>", "ja": "<p>c</p>"},
        cover_alt={"vi": "Người dân đánh chiêng", "en": "Villagers beating gongs"},
        credit="Ảnh: Sở VHTTDL Hòa Bình",
        fallback_langs=("fr",),
        siteurl="https://x.vn",
    )
    story = site.stories[0]
    vi = soup(story.versions["vi"].cover_html)
    figure = vi.find("figure")
    assert figure["class"] == ["cover"]
    img = figure.find("img")
    assert img["alt"] == "Người dân đánh chiêng" and not img.has_attr("lang")
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading") and not img.has_attr("decoding")  # the cover loads at once
    assert img["src"].startswith("https://x.vn/media/")
    assert [s["type"] for s in figure.find_all("source")] == ["image/avif", "image/webp"]
    assert figure.find("figcaption").find("small", class_="credit").get_text() == "Ảnh: Sở VHTTDL Hòa Bình"
    assert soup(story.versions["en"].cover_html).img["alt"] == "Villagers beating gongs"
    # No Japanese alt text: the Vietnamese one, marked as Vietnamese.
    ja = soup(story.versions["ja"].cover_html).img
    assert (ja["alt"], ja["lang"]) == ("Người dân đánh chiêng", "vi")
    fr = soup(site.fallbacks["fr"][0].cover_html).img
    assert (fr["alt"], fr["lang"]) == ("Người dân đánh chiêng", "vi")

    output = write_output(sender, tmp_path)

    def file_of(url):
        assert url.startswith("https://x.vn/")
        return output / url.removeprefix("https://x.vn/")

    feed = story.cover_image
    assert feed["type"] == "image/jpeg" and (feed["width"], feed["height"]) == (960, 640)
    assert feed["length"] == os.path.getsize(file_of(feed["url"]))
    social = story.social_image
    assert {k: social[k] for k in ("width", "height", "type")} == {
        "width": 1200,
        "height": 630,
        "type": "image/jpeg",
    }
    card = open_image(file_of(social["url"]))
    assert (card.format, card.size) == ("JPEG", (1200, 630))
    assert metadata_found(file_of(social["url"])) == []


def test_a_story_without_cover_gets_empty_values(images, content_dir, tmp_path):
    site, _ = build(content_dir, tmp_path, {"vi": "<p>a</p>"}, cover=None)
    story = site.stories[0]
    assert story.cover_image is None and story.social_image is None
    assert story.versions["vi"].cover_html == ""


def test_inline_linked_external_and_figure_images(images, content_dir, tmp_path):
    images.plain_jpeg(size=(700, 500))
    body = (
        '<p>Text <img alt="icon" src="photo.jpg" title="tip"> more text.</p>\n'
        '<p><a href="https://example.org"><img alt="linked" src="photo.jpg"></a></p>\n'
        '<p><img alt="far" src="https://example.org/x.jpg"></p>\n'
        '<figure><img alt="own" src="photo.jpg"><figcaption>Mine</figcaption></figure>\n'
        '<ul><li><img alt="item" src="photo.jpg"></li></ul>'
    )
    site, _ = build(content_dir, tmp_path, {"vi": body}, cover=None)
    doc = soup(site.stories[0].versions["vi"]._content)
    paragraphs = doc.find_all("p", recursive=False)
    inline = paragraphs[0].find("picture")  # inside text: a picture, no figure (not allowed in <p>)
    assert inline is not None and inline.img["title"] == "tip" and not paragraphs[0].find("figure")
    linked = doc.find("a", href="https://example.org")
    assert linked.parent.name == "figure" and linked.find("picture")
    assert doc.find("img", src="https://example.org/x.jpg").parent.name == "p"  # left alone
    own = doc.find("figcaption", string="Mine").parent
    assert own.name == "figure" and own.picture and not own.find("figure")
    assert doc.li.figure.picture


def test_links_to_images_go_to_a_derivative_or_the_allowed_original(images, content_dir, tmp_path):
    images.jpeg_gps_rotated("photo.jpg")
    images.jpeg_gps_rotated("map.jpg", size=(900, 700))
    body = '<p><a href="photo.jpg">photo</a> <a href="map.jpg">map</a> <a href="plan.pdf">plan</a></p>'
    site, sender = build(
        content_dir,
        tmp_path,
        {"vi": body},
        cover=None,
        settings={"IMAGES_PUBLISH_ORIGINALS": ["content/culture/khai-ha/map.jpg"]},
    )
    doc = soup(site.stories[0].versions["vi"]._content)
    photo_url = doc.find("a", string="photo")["href"]
    map_url = doc.find("a", string="map")["href"]
    assert doc.find("a", string="plan")["href"] == "plan.pdf"  # attachments are the engine's
    output = write_output(sender, tmp_path)
    assert photo_url.endswith("-800.jpg") and metadata_found(local(photo_url, output)) == []
    assert map_url.endswith("/map.jpg")
    assert local(map_url, output).read_bytes() == images.path("map.jpg").read_bytes()


def test_published_original_wraps_the_picture_in_a_link(images, content_dir, tmp_path):
    images.plain_jpeg("map.png", size=(800, 600))
    site, _ = build(
        content_dir,
        tmp_path,
        {"vi": '<p><img alt="Map" src="map.png"></p>'},
        cover=None,
        settings={"IMAGES_PUBLISH_ORIGINALS": ["*/map.png"]},
    )
    figure = soup(site.stories[0].versions["vi"]._content).figure
    assert figure.a["href"].endswith("/map.png") and figure.a.picture


def test_svg_is_an_img_with_its_size(images, content_dir, tmp_path):
    images.svg("chart.svg")
    site, _ = build(content_dir, tmp_path, {"vi": '<p><img alt="Chart" src="chart.svg"></p>'}, cover=None)
    img = soup(site.stories[0].versions["vi"]._content).figure.img
    assert img["src"].endswith(".svg") and (img["width"], img["height"]) == ("200", "100")
    assert img.parent.name == "figure"


def test_rewriting_twice_changes_nothing(images, content_dir, tmp_path):
    images.plain_jpeg(size=(700, 500))
    site, sender = build(content_dir, tmp_path, {"vi": '<p><img alt="x" src="photo.jpg"></p>'}, cover=None)
    once = site.stories[0].versions["vi"]._content
    on_stories_ready(sender, site=site)  # e.g. a second receiver run during `make serve`
    assert site.stories[0].versions["vi"]._content == once


def test_generator_places_files_once(images, content_dir, tmp_path):
    images.plain_jpeg(size=(700, 500))
    _, sender = build(content_dir, tmp_path, {"vi": '<p><img alt="x" src="photo.jpg"></p>'}, cover=None)
    output = write_output(sender, tmp_path)
    placed = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    assert placed == sorted(sender.context[CONTEXT_KEY])
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    write_output(sender, tmp_path)
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before


@pytest.fixture
def registered():
    images_plugin.register()
    yield
    signals.get_generators.disconnect(add_generator)
    signal("multilang_stories_ready").disconnect(on_stories_ready)


def test_register_connects_the_generator_and_the_engine_signal(registered, images, content_dir, tmp_path):
    assert add_generator in [r() for r in signals.get_generators.receivers.values()]
    assert add_generator(object()) is ImagesGenerator
    images.plain_jpeg(size=(700, 500))
    site = story_site(content_dir, {"vi": '<p><img alt="x" src="photo.jpg"></p>'}, cover=None)
    sender = sender_for(content_dir, tmp_path)
    signal("multilang_stories_ready").send(sender, site=site)
    assert "<picture>" in site.stories[0].versions["vi"]._content
