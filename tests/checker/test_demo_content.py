"""The demo site's content, with the project's own settings, passes with no errors and no warnings."""

from __future__ import annotations

import dataclasses

import pytest
from checker import engine
from checker.formats import human
from checker.settings import load_config

from .conftest import ROOT


def test_demo_content_is_clean() -> None:
    if not any((ROOT / "content").glob("*/*/index.*.md")):
        pytest.fail("content/ has no stories: the demo content is part of the project")
    # No findings cache: the test must not write into the working tree's .cache/.
    config = dataclasses.replace(load_config(ROOT / "pelicanconf.py"), cache_dir=None)
    result = engine.run(config)
    assert result.findings == [], human(result, config)
