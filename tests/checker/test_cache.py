"""The findings cache: unchanged stories are not re-checked, changes are always seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from checker.rules import encoding

from .conftest import ROOT, SOURCE, Project


@pytest.fixture
def cached(project: Project) -> Project:
    project.settings["CACHE_PATH"] = ".cache"
    return project


def touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_unchanged_story_comes_from_the_cache(cached: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    cached.story(vi=SOURCE + "\nMẬT [x](http://hoabinh.gov.vn)\n")
    first = cached.check().findings
    assert {f.rule for f in first} == {"confidential.classified-marking", "links.insecure-http"}
    [cache_file] = (cached.root / ".cache").glob("checker-*.json")
    assert json.loads(cache_file.read_text(encoding="utf-8"))["bundles"]
    # A second run must not call the local rules again.
    monkeypatch.setattr(encoding, "check_bundle", lambda *a: pytest.fail("re-checked an unchanged story"))
    assert cached.check().findings == first


def test_edited_story_is_checked_again(cached: Project) -> None:
    folder = cached.story(vi=SOURCE + "\nMẬT\n")
    assert [f.rule for f in cached.check().findings] == ["confidential.classified-marking"]
    (folder / "index.vi.md").write_text(SOURCE + "\nmật ong\n", encoding="utf-8")
    touch(folder / "index.vi.md")
    assert cached.check().findings == []


def test_link_findings_follow_their_targets(cached: Project) -> None:
    cover = "Cover: ../other/cover.jpg\nCover_alt: Chiêng\nAgency:"
    cached.story(vi=SOURCE.replace("Agency:", cover), en=None)
    assert [f.rule for f in cached.check().findings] == ["links.broken"]
    folder = cached.story("culture/other", en=None)
    (folder / "cover.jpg").write_bytes(b"")  # the target appears; the linking story is unchanged
    assert cached.hits("links.broken") == []


def test_levels_and_strictness_do_not_invalidate_the_cache(cached: Project) -> None:
    cached.story(vi=SOURCE + "\n[x](http://hoabinh.gov.vn)\n")
    cached.check()
    [cache_file] = (cached.root / ".cache").glob("checker-*.json")
    written = cache_file.stat().st_mtime_ns
    result = cached.check(CHECKER_STRICT=True, CHECKER_LEVELS={"links.insecure-http": "error"})
    assert [f.level for f in result.findings] == ["error"]
    assert cache_file.stat().st_mtime_ns == written


def test_settings_change_invalidates_the_cache(cached: Project) -> None:
    cached.story(vi=SOURCE + "\n[x](http://hoabinh.gov.vn)\n")
    assert [f.level for f in cached.check().findings] == ["warning"]
    assert [f.level for f in cached.check(CHECKER_LEVELS={"links.insecure-http": "error"}).findings] == [
        "error"
    ]
    assert cached.hits("numbers.decimal-separator") == []
    cached.story(vi=SOURCE + "\n1.5 đơn vị\n")
    assert cached.hits("numbers.decimal-separator", CHECKER_DECIMAL_COMMA_UNITS={"vi": ["đơn vị"]}) == [
        ("culture/khai-ha/index.vi.md", 9)
    ]


def test_registry_change_invalidates_the_cache(cached: Project) -> None:
    cached.story(vi=SOURCE.replace("so-vhttdl", "so-moi"))
    assert cached.hits("metadata.unknown-agency") == [("culture/khai-ha/index.vi.md", 5)]
    agencies = cached.root / "data" / "agencies.yml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8") + "  - id: so-moi\n    name: {vi: Sở mới}\n", encoding="utf-8"
    )
    touch(agencies)
    assert cached.hits("metadata.unknown-agency") == []


def test_corrupt_cache_is_ignored(cached: Project) -> None:
    cached.story(vi=SOURCE + "\nMẬT\n")
    cached.check()
    [cache_file] = (cached.root / ".cache").glob("checker-*.json")
    cache_file.write_text("{not json", encoding="utf-8")
    assert [f.rule for f in cached.check().findings] == ["confidential.classified-marking"]


def test_cache_survives_a_new_process(cached: Project) -> None:
    # Sets in the settings must not make the fingerprint differ between processes.
    cached.story(vi=SOURCE + "\nMẬT\n")
    cached.write_settings('CACHE_PATH = ".cache"\n')
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))

    def run() -> None:
        args = [sys.executable, "-m", "checker"]
        assert (
            subprocess.run(args, cwd=cached.root, env=env, capture_output=True, check=False).returncode == 1
        )

    run()
    [cache_file] = (cached.root / ".cache").glob("checker-*.json")
    written = cache_file.stat().st_mtime_ns
    run()
    assert cache_file.stat().st_mtime_ns == written, (
        "the second run rewrote the cache: its entries did not match"
    )


def test_unchanged_folder_is_not_read_again(cached: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import engine

    cached.story(vi=SOURCE + "\nMẬT\n")
    first = cached.check().findings
    assert [f.rule for f in first] == ["confidential.classified-marking"]
    real = engine.read_site
    monkeypatch.setattr(engine, "read_site", lambda *a, **k: pytest.fail("read an unchanged folder"))
    assert cached.check().findings == first
    # Any new file under content/ (here one no story links to) means reading again.
    monkeypatch.setattr(engine, "read_site", real)
    folder = cached.story("culture/other", en=None)
    (folder / "index.vi.md").write_text(SOURCE.replace("Title:", "Title: Khác\nX:"), encoding="utf-8")
    assert "metadata.unknown-field" in {f.rule for f in cached.check().findings}


def test_whole_result_is_not_reused_for_paths(cached: Project) -> None:
    folder = cached.story(vi=SOURCE + "\nMẬT\n")
    cached.story("culture/clean", en=None)
    assert [f.rule for f in cached.check().findings] == ["confidential.classified-marking"]
    assert cached.check([cached.content / "culture/clean"]).findings == []
    assert [f.rule for f in cached.check([folder]).findings] == ["confidential.classified-marking"]


def test_the_engine_caches_stay_in_the_project(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Settings without CACHE_PATH: the engine's caches go to the project's cache/, not the working folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    project.story()
    project.check()
    assert list(elsewhere.iterdir()) == []
    assert (project.root / "cache" / "multilang-validation.json").is_file()


def test_a_one_story_check_keeps_the_others_validation(project: Project) -> None:
    """The pre-commit hook checks one story: the next build still reuses every other story's validation."""
    one = project.story()
    project.story("news/other")
    project.check()
    cache = project.root / "cache" / "multilang-validation.json"
    assert set(json.loads(cache.read_text(encoding="utf-8"))["bundles"]) == {"culture/khai-ha", "news/other"}
    project.check([one])
    assert set(json.loads(cache.read_text(encoding="utf-8"))["bundles"]) == {"culture/khai-ha", "news/other"}
