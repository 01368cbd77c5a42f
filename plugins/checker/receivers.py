"""Pelican side: check the stories the multilang engine read, fail the build on errors in strict mode."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from model.catalog import Level
from model.findings import Finding

from . import engine
from .formats import relpath
from .settings import CheckerConfig, config_from_settings

logger = logging.getLogger(__name__)


class ContentCheckError(Exception):
    """Raised in strict mode when the content has errors; names the files."""


def _config(settings: dict[str, Any]) -> CheckerConfig:
    # Registry paths in pelicanconf.py are relative to the project folder, the
    # one `pelican` runs from (PATH is already absolute there).
    return config_from_settings(settings, Path(os.getcwd()))


def _describe(f: Finding, config: CheckerConfig) -> str:
    where = relpath(f.path, config) + (f":{f.line}" if f.line is not None else "")
    return f"{where}: {f.message} [{f.rule}] — {f.hint}"


def mark_stale(site: Any, result: engine.Result) -> None:
    """Set `version.is_stale` and `version.stale_reason` on every version, for the template's notice."""
    reasons = {
        str(f.path.resolve()): f.message.removeprefix("stale translation: ")
        for f in result.raw
        if f.rule == "translation.stale"
    }
    for story in [*getattr(site, "stories", []), *getattr(site, "pages", [])]:
        for version in getattr(story, "versions", {}).values():
            path = getattr(version, "source_path", None)
            reason = reasons.get(str(Path(path).resolve())) if path else None
            version.is_stale = reason is not None
            version.stale_reason = reason


def check_stories(sender: Any, site: Any = None, **_: Any) -> None:
    """Check the source files of every story and page; log findings; raise on errors if strict."""
    config = _config(sender.settings)
    # The whole content folder, drafts included: the engine read every bundle
    # in it, and a marking in a draft must not sit in the repository either.
    result = engine.run(config)
    if site is not None:
        mark_stale(site, result)
    for f in result.warnings:
        logger.warning("%s", _describe(f, config))
    errors = [f for f in result.findings if f.level is Level.ERROR]
    if not errors:
        return
    if config.strict:
        # One exception carrying every error: under `pelican --fatal errors` a
        # logged error would stop the build at the first one.
        files = sorted({relpath(f.path, config) for f in errors})
        details = "\n".join(f"  {_describe(f, config)}" for f in errors)
        raise ContentCheckError(
            f"content check failed: {len(errors)} error(s) in {', '.join(files)}:\n{details}\n"
            "Fix them (`make check` lists them with hints); CHECKER_STRICT is on."
        )
    for f in errors:
        logger.warning("%s", _describe(f, config))
