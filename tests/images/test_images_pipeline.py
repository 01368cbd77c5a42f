"""The derivatives: sizes, formats, colours, orientation, no metadata, and the cache."""

from __future__ import annotations

import os

import pytest
from image_fixtures import metadata_found, open_image
from images import encode
from images.errors import Referrer
from images.pipeline import CARD_SIZE, Pipeline, card_box, srcset_widths
from PIL import Image, JpegImagePlugin

SMALL = [160, 320, 640]  # small widths keep the tests fast


def run(settings, content_dir, paths, cards=()):
    """Run a fresh pipeline over paths; return it."""
    pipeline = Pipeline(settings, str(content_dir))
    for path in paths:
        pipeline.use(
            str(path),
            Referrer(str(path.parent / "index.vi.md"), ref=path.name),
            card=(0.5, 0.5) if path in cards else None,
        )
    pipeline.run()
    return pipeline


def all_files(pipeline):
    return list(pipeline.outputs().values())


def test_every_derivative_of_every_kind_of_source_is_free_of_metadata(images, content_dir, make_settings):
    sources = [
        images.jpeg_gps_rotated(),
        images.cmyk_jpeg(),
        images.alpha_png(),
        images.gray16_png(),
        images.rgb48_png(),
        images.icc_jpeg(),
    ]
    # The sources do carry what must not leak, so the check below can fail.
    assert metadata_found(sources[0])
    assert metadata_found(sources[-1])
    pipeline = run(make_settings(widths=SMALL), content_dir, sources, cards=sources)
    files = all_files(pipeline)
    formats = {open_image(f).format for f in files}
    assert formats == {"AVIF", "WEBP", "JPEG", "PNG"}
    for path in files:
        assert metadata_found(path) == [], path


def test_exif_orientation_is_applied(images, content_dir, make_settings):
    source = images.jpeg_gps_rotated(size=(1200, 800))  # stored landscape, shown portrait
    pipeline = run(make_settings(widths=SMALL), content_dir, [source])
    result = pipeline.result(str(source))
    assert (result.width, result.height) == (800, 1200)
    for group in result.renditions.values():
        for rendition in group:
            image = open_image(pipeline.cache_file(rendition.name)).convert("RGB")
            assert image.size == (rendition.width, rendition.height)
            assert image.height > image.width
            # The red top-left corner of the stored picture is at the top right once turned.
            red, green, blue = image.getpixel((int(image.width * 0.9), int(image.height * 0.1)))
            assert red > 180 and green < 90 and blue < 90, rendition
            red, green, blue = image.getpixel((int(image.width * 0.1), int(image.height * 0.1)))
            assert blue > 150 and red < 90, rendition


@pytest.mark.parametrize(
    ("width", "expected"),
    [(2000, [480, 960, 1600]), (1600, [480, 960, 1600]), (1000, [480, 960, 1000]), (300, [300])],
)
def test_srcset_widths_are_never_upscaled(width, expected):
    assert srcset_widths(width, (480, 960, 1600)) == expected


def test_default_widths_and_formats(images, content_dir, make_settings):
    source = images.plain_jpeg(size=(2000, 1500))
    pipeline = run(make_settings(), content_dir, [source])
    result = pipeline.result(str(source))
    assert list(result.renditions) == ["avif", "webp", "jpeg"]
    for fmt, group in result.renditions.items():
        assert [(r.width, r.height) for r in group] == [(480, 360), (960, 720), (1600, 1200)]
        for rendition in group:
            image = open_image(pipeline.cache_file(rendition.name))
            assert image.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[fmt]
            assert image.size == (rendition.width, rendition.height)
            assert rendition.name.endswith(f"-{rendition.width}.{'jpg' if fmt == 'jpeg' else fmt}")


def test_a_small_image_is_not_enlarged(images, content_dir, make_settings):
    source = images.plain_jpeg(size=(300, 200))
    result = run(make_settings(), content_dir, [source]).result(str(source))
    assert [r.width for r in result.renditions["jpeg"]] == [300]


def test_colours_end_up_in_srgb(images, content_dir, make_settings):
    cmyk, gray16, rgb48, icc = (
        images.cmyk_jpeg(),
        images.gray16_png(),
        images.rgb48_png(),
        images.icc_jpeg(),
    )
    pipeline = run(make_settings(widths=[160]), content_dir, [cmyk, gray16, rgb48, icc])

    def centre(path, fmt):
        rendition = pipeline.result(str(path)).renditions[fmt][0]
        image = open_image(pipeline.cache_file(rendition.name))
        assert image.mode in ("RGB", "RGBA")
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))

    for fmt in ("jpeg", "webp", "avif"):
        red, green, blue = centre(cmyk, fmt)  # pure cyan ink
        assert red < 40 and green > 215 and blue > 215, fmt
        assert all(abs(value - 128) < 8 for value in centre(gray16, fmt)), fmt  # scaled, not clipped
        red, green, blue = centre(rgb48, fmt)  # orange
        assert red > 240 and 110 < green < 145 and blue < 30, fmt
        red, green, blue = centre(icc, fmt)  # red pixels whose profile says green
        assert green > 200 and red < 60, fmt


def test_transparency_keeps_alpha_and_falls_back_to_png(images, content_dir, make_settings):
    source = images.alpha_png(size=(700, 500))
    result = run(make_settings(widths=SMALL), content_dir, [source]).result(str(source))
    assert result.fallback == "png"
    assert list(result.renditions) == ["avif", "webp", "png"]


def test_transparent_images_are_flattened_on_white_for_the_jpeg_social_card(
    images, content_dir, make_settings
):
    source = images.alpha_png(size=(700, 500))
    pipeline = run(make_settings(widths=SMALL), content_dir, [source], cards=[source])
    card = pipeline.card(str(source), None)
    image = open_image(pipeline.cache_file(card.name))
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", CARD_SIZE)
    assert min(image.getpixel((5, 5))) > 245  # white, not black


def test_social_card_is_cropped_around_the_focus(images, content_dir, make_settings):
    wide = Image.new("RGB", (3000, 1000), (20, 40, 220))
    wide.paste((230, 20, 20), (0, 0, 1000, 1000))  # the left third is red
    path = images.path("wide.jpg")
    wide.save(path, quality=92)
    pipeline = Pipeline(make_settings(widths=[160]), str(content_dir))
    for focus in ((0.0, 0.5), (1.0, 0.5), (0.5, 0.5)):
        pipeline.use(str(path), Referrer("index.vi.md"), card=focus)
    pipeline.run()

    def pixel(focus, x):
        card = open_image(pipeline.cache_file(pipeline.card(str(path), focus).name))
        assert card.size == CARD_SIZE
        return card.getpixel((int(x * CARD_SIZE[0]), CARD_SIZE[1] // 2))

    assert pixel((0.0, 0.5), 0.4)[0] > 200  # focus left: the red third fills the left half
    assert pixel((1.0, 0.5), 0.1)[2] > 200  # focus right: all blue
    assert pixel((0.5, 0.5), 0.1)[0] > 200 and pixel((0.5, 0.5), 0.4)[2] > 200
    assert card_box((3000, 1000), (0.0, 0.5)) == pytest.approx((0, 0, 1000 * 1200 / 630, 1000))


def test_jpeg_sources_are_decoded_in_draft_mode_when_downscaling(
    images, content_dir, make_settings, monkeypatch
):
    requests = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        requests.append(size)
        return original(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    source = images.plain_jpeg(size=(2000, 1500))
    pipeline = run(make_settings(widths=[480]), content_dir, [source])
    assert requests == [(500, 375)]  # decoded at 1/4 scale, not 2000x1500
    rendition = pipeline.result(str(source)).renditions["jpeg"][0]
    assert open_image(pipeline.cache_file(rendition.name)).size == (480, 360)


def test_a_warm_run_encodes_nothing(images, content_dir, make_settings, monkeypatch):
    sources = [images.plain_jpeg(size=(900, 600)), images.alpha_png()]
    settings = make_settings(widths=SMALL)
    cold = run(settings, content_dir, sources, cards=sources[:1])
    assert cold.stats.encoded == 2 * 3 * 3 + 1 and cold.stats.reused == 0

    def no_encoding(job):
        raise AssertionError(f"encoded {job.source} on a warm run")

    monkeypatch.setattr("images.pipeline.run_job", no_encoding)
    monkeypatch.setattr("images.pipeline.probe_raster", no_encoding)  # probes come from the cache too
    warm = run(settings, content_dir, sources, cards=sources[:1])
    assert (warm.stats.encoded, warm.stats.reused) == (0, 19)
    assert warm.outputs() == cold.outputs()


def test_a_quality_change_re_encodes_only_that_format(images, content_dir, make_settings):
    source = images.plain_jpeg(size=(900, 600))
    before = run(make_settings(widths=SMALL), content_dir, [source])
    after = run(make_settings(widths=SMALL, jpeg_quality=60), content_dir, [source])
    assert (after.stats.encoded, after.stats.reused) == (3, 6)
    old, new = before.result(str(source)), after.result(str(source))
    assert old.renditions["avif"] == new.renditions["avif"]
    assert {r.name for r in old.renditions["jpeg"]}.isdisjoint(r.name for r in new.renditions["jpeg"])
    assert os.path.getsize(after.cache_file(new.renditions["jpeg"][-1].name)) < os.path.getsize(
        before.cache_file(old.renditions["jpeg"][-1].name)
    )


def test_an_avif_speed_change_re_encodes_avif(images, content_dir, make_settings):
    source = images.plain_jpeg(size=(900, 600))
    run(make_settings(widths=SMALL), content_dir, [source])
    after = run(make_settings(widths=SMALL, avif_speed=9), content_dir, [source])
    assert (after.stats.encoded, after.stats.reused) == (3, 6)


def test_a_new_width_encodes_only_the_new_files(images, content_dir, make_settings):
    source = images.plain_jpeg(size=(900, 600))
    run(make_settings(widths=SMALL), content_dir, [source])
    after = run(make_settings(widths=[*SMALL, 800]), content_dir, [source])
    assert (after.stats.encoded, after.stats.reused) == (3, 9)


def test_the_same_photo_under_two_names_is_encoded_once(images, content_dir, make_settings):
    first = images.plain_jpeg("a.jpg", size=(900, 600))
    second = images.path("b.jpg")
    second.write_bytes(first.read_bytes())
    pipeline = run(make_settings(widths=SMALL), content_dir, [first])
    again = run(make_settings(widths=SMALL), content_dir, [second])
    assert pipeline.result(str(first)).renditions == again.result(str(second)).renditions
    assert again.stats.encoded == 0


def test_worker_processes_make_the_same_files(images, content_dir, make_settings, tmp_path):
    sources = [images.plain_jpeg(f"p{i}.jpg", size=(800 + 50 * i, 600)) for i in range(3)]
    inline = run(make_settings(widths=SMALL), content_dir, sources)
    parallel = run(
        make_settings(widths=SMALL, workers=2, cache_path=str(tmp_path / "cache2")), content_dir, sources
    )
    assert parallel.stats.encoded == inline.stats.encoded == 27
    for source in sources:
        assert parallel.result(str(source)).renditions == inline.result(str(source)).renditions
    for path in all_files(parallel):
        assert open_image(path).size


def test_published_originals_are_byte_identical_and_opt_in(images, content_dir, make_settings):
    kept = images.jpeg_gps_rotated("map.jpg")
    hidden = images.jpeg_gps_rotated("home.jpg", size=(1000, 700))
    pipeline = run(
        make_settings(widths=SMALL, publish_originals=["content/culture/*/map.jpg"]),
        content_dir,
        [kept, hidden],
    )
    outputs = pipeline.outputs()
    originals = {k: v for k, v in outputs.items() if k.count("/") == 2}  # media/<hash>/<name>
    assert list(originals) == [pipeline.result(str(kept)).original]
    assert originals[pipeline.result(str(kept)).original] == os.path.realpath(kept)
    assert pipeline.result(str(hidden)).original is None


def test_clean_svg_is_published_without_metadata(images, content_dir, make_settings):
    source = images.svg()
    assert b"secret-camera-owner" in source.read_bytes()
    pipeline = run(make_settings(), content_dir, [source])
    result = pipeline.result(str(source))
    assert (result.kind, result.width, result.height) == ("svg", 200, 100)
    data = open(pipeline.cache_file(result.largest().name), "rb").read()
    assert b"secret-camera-owner" not in data and b"inkscape" not in data
    assert b"<circle" in data


def test_pipeline_version_is_part_of_every_name(images, content_dir, make_settings, monkeypatch):
    source = images.plain_jpeg(size=(400, 300))
    before = run(make_settings(widths=[160]), content_dir, [source]).result(str(source))
    monkeypatch.setattr("images.pipeline.PIPELINE_VERSION", encode.PIPELINE_VERSION + "-next")
    after = run(make_settings(widths=[160]), content_dir, [source]).result(str(source))
    assert before.renditions["jpeg"][0].name != after.renditions["jpeg"][0].name
