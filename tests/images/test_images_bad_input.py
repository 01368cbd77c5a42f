"""Bad images fail the build with a message naming the story file and the image."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from image_fixtures import story_site
from images.errors import ImagesError
from images.receivers import on_stories_ready


def build(content_dir, tmp_path, body, **settings):
    """Run the receiver on a one-story site whose vi body is body; return the site."""
    site = story_site(content_dir, {"vi": body}, cover=None, fallback_langs=())
    sender = SimpleNamespace(
        settings={
            "PATH": str(content_dir),
            "SITEURL": "",
            "IMAGES_CACHE_PATH": str(tmp_path / "cache"),
            "IMAGES_WORKERS": 1,
            "IMAGES_WIDTHS": [160],
            **settings,
        },
        context={},
    )
    on_stories_ready(sender, site=site)
    return site


def failure(content_dir, tmp_path, body, **settings) -> str:
    with pytest.raises(ImagesError) as caught:
        build(content_dir, tmp_path, body, **settings)
    return str(caught.value)


STORY = "content/culture/khai-ha/index.vi.md"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        ("corrupt", "not an image format"),
        ("truncated_jpeg", "truncated"),
        ("ppm", "PPM file"),
        ("bomb", "decompression bomb"),
        ("animated_gif", "3 frames"),
    ],
)
def test_broken_images_name_the_story_file_line_and_image(
    images, content_dir, tmp_path, make, words, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the project folder
    name = getattr(images, make)().name
    message = failure(content_dir, tmp_path, f'<p>Intro</p>\n<p><img alt="x" src="{name}"></p>')
    assert f"{STORY}:4: image '{name}'" in message  # line 4: after the header and the intro
    assert words in message


def test_heic_from_a_phone_is_refused_with_advice(images, content_dir, tmp_path):
    images.path("IMG_0001.HEIC").write_bytes(
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 200
    )
    message = failure(content_dir, tmp_path, '<p><img alt="x" src="IMG_0001.HEIC"></p>')
    assert "IMG_0001.HEIC" in message and "export it as JPEG" in message


def test_pixel_limit_is_configurable(images, content_dir, tmp_path):
    images.plain_jpeg(size=(1200, 900))
    message = failure(content_dir, tmp_path, '<img alt="x" src="photo.jpg">', IMAGES_MAX_PIXELS=1_000_000)
    assert "'photo.jpg'" in message and "1,080,000 pixels, over IMAGES_MAX_PIXELS (1,000,000)" in message


def test_a_missing_file(images, content_dir, tmp_path):
    images.plain_jpeg(size=(400, 300))
    message = failure(content_dir, tmp_path, '<img alt="x" src="Photo.jpg">')
    assert "index.vi.md" in message and "'Photo.jpg'" in message and "does not exist" in message


def test_paths_leaving_the_content_folder_are_refused(images, content_dir, tmp_path):
    outside = tmp_path / "secret.jpg"
    images.plain_jpeg(size=(400, 300)).rename(outside)
    message = failure(content_dir, tmp_path, '<img alt="x" src="../../../secret.jpg">')
    assert "'../../../secret.jpg'" in message and "outside the content folder" in message


def test_absolute_paths_are_refused_even_inside_the_content_folder(images, content_dir, tmp_path):
    inside = images.plain_jpeg(size=(400, 300))
    for src in (str(inside), "/etc/hostname"):
        message = failure(content_dir, tmp_path, f'<img alt="x" src="{src}">')
        assert f"'{src}'" in message and "absolute path" in message


def test_a_symlink_out_of_the_content_folder_is_refused(images, content_dir, tmp_path):
    outside = tmp_path / "secret.jpg"
    images.plain_jpeg(size=(400, 300)).rename(outside)
    images.path("linked.jpg").symlink_to(outside)
    assert "outside the content folder" in failure(content_dir, tmp_path, '<img alt="x" src="linked.jpg">')


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<circle r="4" onload="alert(1)"/>', "event handler"),
        ('<a href="javascript:alert(1)"><circle r="4"/></a>', "script link"),
        ("<foreignObject><div/></foreignObject>", "<foreignObject>"),
    ],
)
def test_svg_with_active_content_is_refused(images, content_dir, tmp_path, body, words):
    images.svg("chart.svg", body=body)
    message = failure(content_dir, tmp_path, '<img alt="x" src="chart.svg">')
    assert "index.vi.md" in message and "'chart.svg'" in message and words in message


def test_svg_without_a_size_is_refused(images, content_dir, tmp_path):
    images.svg("chart.svg", attrs="")
    assert "viewBox" in failure(content_dir, tmp_path, '<img alt="x" src="chart.svg">')


def test_every_problem_is_reported_at_once(images, content_dir, tmp_path):
    images.corrupt()
    message = failure(content_dir, tmp_path, '<img alt="" src="corrupt.jpg"><img alt="" src="gone.jpg">')
    assert message.startswith("2 image problems:")
    assert "'corrupt.jpg'" in message and "'gone.jpg'" in message


def test_a_broken_cover_names_the_source_file(images, content_dir, tmp_path):
    images.corrupt("cover.jpg")
    site = story_site(content_dir, {"vi": "<p>x</p>", "en": "<p>x</p>"}, fallback_langs=())
    sender = SimpleNamespace(
        settings={"PATH": str(content_dir), "IMAGES_CACHE_PATH": str(tmp_path / "c")}, context={}
    )
    with pytest.raises(ImagesError) as caught:
        on_stories_ready(sender, site=site)
    assert "index.vi.md:2: image 'cover.jpg': (the Cover) is not an image format" in str(caught.value)


def test_a_huge_original_gets_a_warning_not_an_error(images, content_dir, tmp_path, caplog):
    images.plain_jpeg(size=(400, 300))
    with caplog.at_level(logging.WARNING):
        site = build(content_dir, tmp_path, '<img alt="x" src="photo.jpg">', IMAGES_WARN_BYTES=1000)
    assert "<picture>" in site.stories[0].versions["vi"]._content
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "index.vi.md" in warnings[0] and "'photo.jpg'" in warnings[0]
    assert "IMAGES_WARN_BYTES" in warnings[0]


def test_drafts_are_not_checked(images, content_dir, tmp_path):
    site = story_site(content_dir, {"vi": '<img alt="" src="gone.jpg">'}, cover=None, fallback_langs=())
    site.stories[0].status = "draft"
    sender = SimpleNamespace(
        settings={"PATH": str(content_dir), "IMAGES_CACHE_PATH": str(tmp_path / "c")}, context={}
    )
    on_stories_ready(sender, site=site)  # no error: a draft is not published
    assert site.stories[0].versions["vi"]._content == '<img alt="" src="gone.jpg">'
