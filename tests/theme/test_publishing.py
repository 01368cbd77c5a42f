"""Publishing: a failed build leaves the live site alone; text assets are precompressed."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

import brotli
import pytest

from tests.conftest import run_pelican
from tools import precompress

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, str]:
    """Return every file under folder with the hash of its content."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_build_leaves_the_previous_output_untouched(theme_site: Path, tmp_path: Path) -> None:
    """A story with an invalid date fails the build, names the file, and output/ stays as it was."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    shutil.copytree(theme_site, output)  # the previous good build, live
    (output / "marker.txt").write_text("live site\n", encoding="utf-8")
    before = snapshot(output)
    broken = content / "news" / "broken-date"
    broken.mkdir(parents=True)
    (broken / "index.vi.md").write_text("Title: Hỏng\nDate: 2024-13-45\n\nNội dung.\n", encoding="utf-8")

    build = run_pelican(content, output, cache=tmp_path / "cache")

    assert build.returncode != 0, "a build with an invalid date succeeded"
    assert "broken-date" in build.log, f"the error does not name the file:\n{build.log}"
    assert snapshot(output) == before, "the failed build changed the live output"


def test_precompress_writes_gzip_and_brotli_of_text_files_only(tmp_path: Path) -> None:
    """Text files get .gz and .br copies that decompress to the original; others are left alone."""
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    page = ("<!doctype html><title>Hòa Bình</title>" + "<p>Thông tin đối ngoại</p>" * 200).encode()
    (site / "en" / "index.html").write_bytes(page)
    (site / "main.css").write_bytes(b"body { color: #1d2125; }\n" * 50)
    (site / "tiny.js").write_bytes(b"1;")
    (site / "photo.jpg").write_bytes(os.urandom(4096))

    stats = precompress.precompress(str(site), str(tmp_path / "cache"), workers=1)

    assert gzip.decompress((site / "en" / "index.html.gz").read_bytes()) == page
    assert brotli.decompress((site / "en" / "index.html.br").read_bytes()) == page
    assert (site / "main.css.br").stat().st_size < (site / "main.css").stat().st_size
    assert not (site / "tiny.js.gz").exists(), "files under the minimum size are left alone"
    assert not (site / "photo.jpg.gz").exists() and not (site / "photo.jpg.br").exists()
    assert (stats.files, stats.compressed, stats.reused) == (3, 4, 0)


def test_precompress_reuses_its_cache_and_is_reproducible(tmp_path: Path) -> None:
    """A second run over a fresh copy of the site compresses nothing and writes identical bytes."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    (first / "index.html").write_text("<p>Mường</p>" * 300, encoding="utf-8")
    shutil.copytree(first, second)
    cache = str(tmp_path / "cache")

    precompress.precompress(str(first), cache, workers=1)
    stats = precompress.precompress(str(second), cache, workers=1)

    assert (stats.compressed, stats.reused) == (0, 2)
    for suffix in (".gz", ".br"):
        assert (first / f"index.html{suffix}").read_bytes() == (second / f"index.html{suffix}").read_bytes()
    # gzip without a name or a time stamp: the same input always gives the same file.
    assert precompress.encode(b"x" * 1000, "gz") == precompress.encode(b"x" * 1000, "gz")


def test_precompress_command_fails_clearly_without_a_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pointed at a missing folder, the command exits non-zero and says to build first."""
    assert precompress.main([str(tmp_path / "nothing"), "--cache", ""]) == 1
    assert "build the site first" in caplog.text
