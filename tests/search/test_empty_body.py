"""A story without text never breaks the index: refused by name, or (when allowed) found by its title."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import fixture_site
from tests.search.conftest import OVERRIDES, SITE, fragments

EMPTY = "Title: Bản tin trống Lũng Vân\nDate: 2024-05-03\n"
COMMENT_ONLY = "Title: Bản tin chú thích Mường Chiềng\nDate: 2024-05-04\n\n<!-- viết sau -->\n"


def with_stories(tmp_path: Path) -> Path:
    base = tmp_path / "site"
    shutil.copytree(SITE, base)
    for key, text in (("trong", EMPTY), ("chu-thich", COMMENT_ONLY)):
        (base / "content" / "news" / key).mkdir()
        (base / "content" / "news" / key / "index.vi.md").write_text(text, encoding="utf-8")
    return base


def test_a_story_without_text_is_a_named_error(tmp_path: Path) -> None:
    build = fixture_site(tmp_path, "output", with_stories(tmp_path), **OVERRIDES)
    assert build.returncode != 0
    log = " ".join(build.log.split())
    assert "news/trong/index.vi.md:3: error: the file has a header and no text" in log, log
    assert "[structure.empty-body]" in log
    assert "Traceback" not in log and "SearchIndexError" not in log, log
    assert not (tmp_path / "output").exists()


def test_when_allowed_it_is_indexed_by_its_title(tmp_path: Path) -> None:
    levels = {"CHECKER_LEVELS": {"structure.empty-body": "off"}}
    build = fixture_site(tmp_path, "output", with_stories(tmp_path), **OVERRIDES, **levels)
    assert build.returncode == 0, build.log
    records = {record["url"]: record for record in fragments(build.output)}
    assert "Lũng Vân" in records["/tin-tuc/trong/"]["content"]
    assert "Mường Chiềng" in records["/tin-tuc/chu-thich/"]["content"]
