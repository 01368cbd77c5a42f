"""The Pelican side: the receiver of multilang_content_final, and a real build in strict mode."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import checker
import pytest
from blinker import signal
from checker.receivers import ContentCheckError, check_stories

from tests.conftest import fixture_site

from .conftest import FIXTURES, LANGUAGES, MARKDOWN, ROOT, SECTIONS, SOURCE, TRANSLATION, Project

MODIFIED_SOURCE = SOURCE.replace("Summary:", "Modified: 2024-05-02 10:00\nSummary:")


def settings(project: Project, **extra: Any) -> dict[str, Any]:
    return {
        "PATH": str(project.content),
        "OUTPUT_PATH": str(project.root / "output"),
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "DEFAULT_LANG": "vi",
        "MULTILANG_LANGUAGES": LANGUAGES,
        "MULTILANG_SECTIONS": SECTIONS,
        "MULTILANG_AGENCIES_FILE": str(project.root / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(project.root / "data" / "terms.yml"),
        "MARKDOWN": MARKDOWN,
        "CHECKER_REQUIRED_PAGES": {},
        **extra,
    }


def site_for(folder: Path) -> SimpleNamespace:
    """Return a stand-in for the engine's Site with one story and its versions."""
    versions = {
        lang: SimpleNamespace(lang=lang, source_path=str(folder / f"index.{lang}.md"))
        for lang in ("vi", "en")
    }
    story = SimpleNamespace(bundle_dir=str(folder), versions=versions)
    return SimpleNamespace(stories=[story], pages=[])


def test_register_connects_the_engine_signal() -> None:
    from checker.generator import ReportGenerator
    from pelican import signals

    checker.register()
    try:
        assert check_stories in [r() for r in signal("multilang_content_final").receivers.values()]
        assert ReportGenerator.contribute in [r() for r in signals.get_generators.receivers.values()]
    finally:
        # Signals are global: a receiver left connected runs in later tests of this process.
        signal("multilang_content_final").disconnect(check_stories)
        signals.get_generators.disconnect(ReportGenerator.contribute)


def test_errors_fail_the_build_in_strict_mode(project: Project) -> None:
    folder = project.story(vi=SOURCE + "\nTUYỆT MẬT\n")
    sender = SimpleNamespace(settings=settings(project, CHECKER_STRICT=True))
    with pytest.raises(ContentCheckError, match=r"content/culture/khai-ha/index\.vi\.md"):
        check_stories(sender, site=site_for(folder))


def test_errors_are_logged_when_not_strict(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    folder = project.story(vi=SOURCE + "\nTUYỆT MẬT\n[x](http://hoabinh.gov.vn)\n")
    sender = SimpleNamespace(settings=settings(project))
    with caplog.at_level(logging.WARNING, logger="checker.receivers"):
        check_stories(sender, site=site_for(folder))
    messages = [r.getMessage() for r in caplog.records]
    assert any("index.vi.md:9: classification marking" in m for m in messages)
    assert any("index.vi.md:10: insecure link" in m for m in messages)


def test_stale_translations_are_marked_for_the_template(project: Project) -> None:
    folder = project.story(vi=MODIFIED_SOURCE)
    site = site_for(folder)
    check_stories(SimpleNamespace(settings=settings(project)), site=site)
    versions = site.stories[0].versions
    assert (versions["vi"].is_stale, versions["en"].is_stale) == (False, True)
    assert "2024-05-02" in versions["en"].stale_reason
    project.story(vi=MODIFIED_SOURCE, en="Modified: 2024-06-01\n" + TRANSLATION)
    check_stories(SimpleNamespace(settings=settings(project)), site=site)
    assert versions["en"].is_stale is False


def plugins() -> list[str]:
    """Return the project's plugins, with the checker whether or not it is enabled yet."""
    from pelican.settings import get_settings_from_file

    names = list(get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    return names if "checker" in names else [*names, "checker"]


def test_pelican_build_fails_on_a_classified_story_in_strict_mode(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURES / "data", base / "data")
    story = base / "content" / "culture" / "khai-ha"
    story.mkdir(parents=True)
    (story / "index.vi.md").write_text(SOURCE + "\nTÀI LIỆU TỐI MẬT\n", encoding="utf-8")
    build = fixture_site(
        tmp_path, "strict", base, PLUGINS=plugins(), CHECKER_STRICT=True, CHECKER_REQUIRED_PAGES={}
    )
    assert build.returncode != 0
    assert "content check failed" in build.log
    assert "khai-ha/index.vi.md" in build.log
    lenient = fixture_site(
        tmp_path,
        "lenient",
        base,
        PLUGINS=plugins(),
        CHECKER_STRICT=False,
        CHECKER_REQUIRED_PAGES={},
        CHECKER_REPORT_IN_BUILD=True,
        CHECKER_REPORT_PERIOD=["2024-01-01", "2024-12-31"],
    )
    assert lenient.returncode == 0, lenient.log
    assert "confidential.classified-marking" in lenient.log
    report = (lenient.output / "_report" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in report
    assert "01/01/2024 – 31/12/2024" in report
    assert (lenient.output / "_report" / "so-vhttdl.csv").read_text(encoding="utf-8-sig").count("\n") == 2
