"""Rebuilds re-render only what an edit touches, and still publish the change."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

from tests.conftest import fixture_site
from tests.multilang.conftest import FIXTURE

COUNTS = re.compile(r"multilang: (\d+) pages in \d+ languages \((\d+) rendered, (\d+) unchanged\)")


def counts(log: str) -> tuple[int, int, int]:
    match = COUNTS.search(" ".join(log.split()))
    assert match, log
    return int(match[1]), int(match[2]), int(match[3])


def test_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    first = fixture_site(tmp_path, "output", base)
    assert first.returncode == 0, first.log

    story = base / "content/tourism/mai-chau/index.vi.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    second = fixture_site(tmp_path, "output", base, verbose=True)
    assert second.returncode == 0, second.log

    total, rendered, unchanged = counts(second.log)
    assert rendered + unchanged == total
    # The story, its fallbacks in en/fr and the few lists that show its body.
    assert 0 < rendered < total / 5, (rendered, total)
    assert "Một câu mới." in second.page("du-lich/mai-chau/").read_text(encoding="utf-8")
    assert "Một câu mới." in second.page("en/tourism/mai-chau/").read_text(encoding="utf-8")

    third = fixture_site(tmp_path, "output", base, verbose=True)
    assert counts(third.log)[1] == 0, "a build with no change rendered pages"


def test_theme_change_renders_everything(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "themes" / "quangba", theme)
    first = fixture_site(tmp_path, "output", base, THEME=str(theme))
    assert first.returncode == 0, first.log
    footer = theme / "templates" / "404.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = fixture_site(tmp_path, "output", base, verbose=True, THEME=str(theme))
    total, rendered, _ = counts(second.log)
    assert rendered == total


def test_rebuild_removes_pages_of_deleted_stories_and_keeps_the_rest(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    # Every footer shows the newest content date (imprint plugin): the kept story
    # is made the newest, so deleting the other one changes nothing it shows.
    source = base / "content/culture/le-hoi-khai-ha/index.vi.md"
    text = source.read_text(encoding="utf-8")
    assert "Modified: 2023-10-01 10:00" in text
    source.write_text(
        text.replace("Modified: 2023-10-01 10:00", "Modified: 2025-01-01 08:00"), encoding="utf-8"
    )
    # Mai Châu is the fixture's only tourism story: with empty sections hidden,
    # deleting it would rightly take Tourism out of every page's menu.
    keep_menu = {"MULTILANG_HIDE_EMPTY_SECTIONS": False}
    first = fixture_site(tmp_path, "output", base, **keep_menu)
    assert first.returncode == 0, first.log
    kept = first.page("van-hoa/le-hoi-khai-ha/")
    inode = kept.stat().st_ino
    assert first.page("du-lich/mai-chau/").is_file()

    shutil.rmtree(base / "content/tourism/mai-chau")
    second = fixture_site(tmp_path, "output", base, **keep_menu)
    assert second.returncode == 0, second.log

    assert not second.page("du-lich/mai-chau/").exists()
    assert not second.page("en/tourism/mai-chau/").exists()
    assert not (second.output / "du-lich" / "mai-chau").exists(), "empty folder left behind"
    assert kept.stat().st_ino == inode, "an unchanged page was rewritten"
    assert not (tmp_path / "output.partial").exists()


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    # Compiled templates are kept in the cache folder between builds (jinja's
    # bytecode cache), keyed by each template's source: an edit is never missed.
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "themes" / "quangba", theme)
    first = fixture_site(tmp_path, "output", base, THEME=str(theme))
    assert first.returncode == 0, first.log
    assert any((tmp_path / "output-cache" / "jinja").iterdir()), "no compiled template was kept"
    template = theme / "templates" / "404.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('class="wrap narrow not-found"', 'class="wrap narrow not-found edited"'))
    second = fixture_site(tmp_path, "output", base, THEME=str(theme))
    assert second.returncode == 0, second.log
    assert "not-found edited" in second.page("404.html").read_text(encoding="utf-8")


def test_the_reader_cache_is_rewritten_only_when_a_file_was_parsed(tmp_path: Path) -> None:
    """A rebuild with no change leaves Pelican's reader cache as it is; an edit saves the new parse."""
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    assert fixture_site(tmp_path, "output", base).returncode == 0
    [cache] = (tmp_path / "output-cache").rglob("multilang-readers")
    written = cache.stat().st_mtime_ns
    assert fixture_site(tmp_path, "output", base).returncode == 0
    assert cache.stat().st_mtime_ns == written, "a build that parsed nothing rewrote the reader cache"

    story = base / "content/tourism/mai-chau/index.vi.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    assert fixture_site(tmp_path, "output", base).returncode == 0
    assert cache.stat().st_mtime_ns != written
    _stamp, (body, _metadata) = pickle.loads(cache.read_bytes())[str(story)]
    assert "Một câu mới." in body
