"""The IMAGES_* settings: defaults, validation and what each one changes."""

from __future__ import annotations

import pytest
from images.errors import ImagesSettingsError
from images.settings import DEFAULTS, load_settings


def test_defaults_match_the_issue():
    settings = load_settings({})
    assert settings.widths == (480, 960, 1600)
    assert settings.formats == ("avif", "webp")
    assert settings.cache_path == ".cache/images"
    assert settings.output_dir == "media"
    assert settings.publish_originals == ()
    assert settings.thumb_width == 480
    assert settings.worker_count() >= 1


def test_widths_are_sorted_and_deduplicated():
    assert load_settings({"IMAGES_WIDTHS": [960, 480, 960]}).widths == (480, 960)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("IMAGES_WIDTHS", [], "list of widths"),
        ("IMAGES_WIDTHS", [480, "960"], "whole number"),
        ("IMAGES_FORMATS", ["jxl"], "not offered"),
        ("IMAGES_FORMATS", ["webp", "webp"], "twice"),
        ("IMAGES_AVIF_SPEED", 11, "out of range"),
        ("IMAGES_JPEG_QUALITY", 100, "out of range"),
        ("IMAGES_WEBP_QUALITY", True, "whole number"),
        ("IMAGES_OUTPUT_DIR", "../outside", "plain folder"),
        ("IMAGES_MAX_PIXELS", 10**10, "out of range"),
        ("IMAGES_PUBLISH_ORIGINALS", [1], "list of texts"),
        ("IMAGES_SIZES", "", "non-empty"),
        ("IMAGES_THUMB_WIDTH", 8, "out of range"),
        ("IMAGES_THUMB_SIZES", "", "non-empty"),
    ],
)
def test_bad_values_name_the_setting(name, value, words):
    with pytest.raises(ImagesSettingsError) as caught:
        load_settings({name: value})
    assert name in str(caught.value)
    assert "pelicanconf.py" in str(caught.value)
    assert words in str(caught.value)


def test_a_misspelt_setting_is_caught_with_a_suggestion():
    with pytest.raises(ImagesSettingsError, match="did you mean IMAGES_JPEG_QUALITY"):
        load_settings({"IMAGES_JPG_QUALITY": 70})


def test_other_plugins_settings_are_ignored():
    load_settings({"MULTILANG_WORKERS": 3, "SITEURL": ""})


def test_every_default_is_valid():
    load_settings(dict(DEFAULTS))


def test_encoder_params_carry_quality_and_speed():
    settings = load_settings({"IMAGES_AVIF_QUALITY": 40, "IMAGES_AVIF_SPEED": 6, "IMAGES_JPEG_QUALITY": 70})
    assert settings.encoder_params("avif") == {"quality": 40, "speed": 6}
    assert settings.encoder_params("jpeg")["quality"] == 70
