"""Fixtures of the feeds tests: a small three-language site, built once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, Build, fixture_site, serve

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMAS = Path(__file__).parent / "schemas"
SITE = FIXTURES / "site"
FEEDS_SITEURL = "https://quangba.test"
PARTNER = "https://partner.example"

# The plugins are imported by the unit tests as top-level packages, as Pelican does.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

LANGUAGES = {
    "vi": {"name": "Tiếng Việt", "locale": "vi", "og_locale": "vi_VN", "untranslated": "hide"},
    "en": {"name": "English", "locale": "en", "og_locale": "en_US", "untranslated": "fallback"},
    "ja": {"name": "日本語", "locale": "ja", "og_locale": "ja_JP", "untranslated": "hide"},
}
OVERRIDES: dict[str, object] = {
    "MULTILANG_LANGUAGES": LANGUAGES,
    "MULTILANG_SITE_NAME": {
        "vi": "Thông tin đối ngoại Hòa Bình",
        "en": "Hòa Bình Foreign Information",
        "ja": "ホアビン対外情報",
    },
    "MULTILANG_WORKERS": 1,
    # The images plugin's interface (story.cover_image, story.social_image) comes
    # from a test double, so these tests need no image files.
    "PLUGIN_PATHS": [str(ROOT / "plugins"), str(FIXTURES / "plugins")],
    "PLUGINS": ["multilang", "fake_covers", "feeds"],
    "FEEDS_SITEURL": FEEDS_SITEURL,
    "FEEDS_TAG_AUTHORITY": "quangba.test",  # pelicanconf pins the demo's; the fixture uses its own
    "FEEDS_PARTNER_ORIGINS": [PARTNER],
    "FEEDS_MAX_ITEMS": 20,
    "FEEDS_WIDGET_ITEMS": 5,
}


def build_feeds_site(tmp: Path, **overrides: object) -> Build:
    """Build the feeds fixture site into tmp/output with the project's settings."""
    settings = dict(OVERRIDES)
    settings.update(overrides)
    build = fixture_site(tmp, "output", SITE, **settings)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def feeds_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the feeds fixture site once."""
    return build_feeds_site(tmp_path_factory.mktemp("feeds"))


@pytest.fixture(scope="session")
def feeds_output(feeds_build: Build) -> Path:
    """Return the fixture site's output folder."""
    return feeds_build.output


@pytest.fixture(scope="session")
def feeds_url(feeds_output: Path) -> Iterator[str]:
    """Serve the fixture site on loopback (without CORS headers)."""
    yield from serve(feeds_output)
