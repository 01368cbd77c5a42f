"""Fixtures of the checker tests: a throw-away project with content, registries and settings."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
# The checker runs as `python -m checker` with PYTHONPATH=plugins: import it the same way.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from checker import engine  # noqa: E402
from checker.settings import CheckerConfig, config_from_settings  # noqa: E402
from model.findings import Finding  # noqa: E402

LANGUAGES = {code: {"name": code} for code in ("vi", "en", "ja", "ko", "zh", "fr")}
# Valid for the engine too: the checker loads settings through the shared model.
SECTIONS = {
    s: {code: {"name": s, "slug": s} for code in LANGUAGES}
    for s in ("culture", "tourism", "investment", "news")
}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
SETTINGS_PY = """
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
MULTILANG_LANGUAGES = {languages!r}
MULTILANG_SECTIONS = {sections!r}
MULTILANG_AGENCIES_FILE = "data/agencies.yml"
MULTILANG_TERMS_FILE = "data/terms.yml"
MARKDOWN = {markdown!r}
CHECKER_REQUIRED_PAGES = {{}}
"""

SOURCE = """Title: Lễ hội Khai hạ
Date: 2024-02-14 08:00
Summary: Lễ hội đầu năm của người Mường.
Tags: le-hoi
Agency: so-vhttdl

Khai hạ là lễ hội lớn của người Mường.
"""
TRANSLATION = """Title: The Khai hạ festival
Summary: The Mường people's new-year festival.

Khai hạ is the Mường people's great festival.
"""


@dataclass
class Project:
    """A project folder: content/, data/ and settings, checked in-process."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, rel: str, text: str | bytes) -> Path:
        """Write a file under content/ and return its path."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def story(
        self, rel: str = "culture/khai-ha", vi: str | None = SOURCE, en: str | None = TRANSLATION
    ) -> Path:
        """Write a story with a Vietnamese source and an English translation; return its folder."""
        if vi is not None:
            self.write(f"{rel}/index.vi.md", vi)
        if en is not None:
            self.write(f"{rel}/index.en.md", en)
        return self.content / rel

    def config(self, **overrides: Any) -> CheckerConfig:
        """Return the validated config with the test's overrides."""
        settings = {
            "PATH": "content",
            "OUTPUT_PATH": "output",
            "TIMEZONE": "Asia/Ho_Chi_Minh",
            "DEFAULT_LANG": "vi",
            "MULTILANG_LANGUAGES": LANGUAGES,
            "MULTILANG_SECTIONS": SECTIONS,
            "MARKDOWN": MARKDOWN,
            "CHECKER_REQUIRED_PAGES": {},
            **self.settings,
            **overrides,
        }
        return config_from_settings(settings, self.root)

    def check(self, paths: list[Path] | None = None, **overrides: Any) -> engine.Result:
        """Run the checker in-process."""
        return engine.run(self.config(**overrides), paths)

    def hits(self, rule: str, **overrides: Any) -> list[tuple[str, int | None]]:
        """Return (content-relative file, line) of one rule's findings."""
        return [(self.rel(f), f.line) for f in self.check(**overrides).findings if f.rule == rule]

    def rel(self, finding: Finding) -> str:
        return finding.path.resolve().relative_to(self.content.resolve()).as_posix()

    def write_settings(self, extra: str = "") -> Path:
        """Write a pelicanconf.py for CLI tests."""
        path = self.root / "pelicanconf.py"
        text = SETTINGS_PY.format(languages=LANGUAGES, sections=SECTIONS, markdown=MARKDOWN)
        path.write_text(text + extra, encoding="utf-8")
        return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Return an empty project with the fixture registries."""
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    (tmp_path / "content").mkdir()
    return Project(tmp_path)
