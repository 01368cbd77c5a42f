"""Fixtures for the images plugin tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE.parents[1] / "plugins", HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from image_fixtures import Images  # noqa: E402
from images.settings import load_settings  # noqa: E402


@pytest.fixture
def images(tmp_path: Path) -> Images:
    """Return a factory writing images into a story folder of a temporary content folder."""
    return Images(tmp_path / "content" / "culture" / "khai-ha")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    return tmp_path / "content"


@pytest.fixture
def make_settings(tmp_path: Path):
    """Return a function making validated settings with a temporary cache."""

    def make(**overrides: Any):
        values = {"IMAGES_CACHE_PATH": str(tmp_path / "cache"), "IMAGES_WORKERS": 1}
        values.update({f"IMAGES_{k.upper()}": v for k, v in overrides.items()})
        return load_settings(values)

    return make
