"""Pelican side: check what the multilang engine read and add the findings to the one verdict."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import engine
from .settings import CheckerConfig, config_from_settings


def _config(settings: dict[str, Any]) -> CheckerConfig:
    # Registry paths in pelicanconf.py are relative to the project folder, the
    # one `pelican` runs from (PATH is already absolute there).
    return config_from_settings(settings, Path(os.getcwd()))


def check_stories(sender: Any, site: Any = None, **_: Any) -> None:
    """Check every source the engine read and add the findings to `site.findings` (content_final receiver).

    The whole content folder, drafts and bundles the engine rejected included:
    a marking in a draft must not sit in the repository either, and a rejected
    story is when editors need the findings most. The engine draws the verdict.
    """
    config = _config(sender.settings)
    result = engine.run(config, tree=site.sources, site=site)
    site.findings.extend(result.raw)
