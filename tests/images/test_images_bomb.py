"""A decompression bomb no story shows is never decoded; one a story shows is a named error."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from image_fixtures import png_bomb_header
from PIL import ImageFile

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.conftest import fixture_site  # noqa: E402

FIXTURE = ROOT / "tests" / "multilang" / "fixtures" / "site"
STORY = "content/culture/le-hoi-khai-ha"
# Pillow refuses to open more than 2 × MAX_IMAGE_PIXELS (179 M) pixels and only
# warns between 89 M and 179 M: the second kind still opens, and PNG's EXIF
# reader would decode every pixel to look for an eXIf chunk after the image data.
BOMBS = {"refused": (100_000, 100_000), "warned": (10_000, 10_000)}


@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_the_checker_never_decodes_a_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    from checker.attachments import image_has_gps

    bomb = tmp_path / f"{kind}.png"
    bomb.write_bytes(png_bomb_header(*BOMBS[kind]))

    def decoded(self: ImageFile.ImageFile) -> None:
        raise AssertionError(f"{bomb.name} was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)
    assert image_has_gps(bomb) is None  # unreadable: not checked, not decoded


def site_with_bomb(tmp_path: Path, referenced: bool) -> Path:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    (base / STORY / "bom.png").write_bytes(png_bomb_header(*BOMBS["refused"]))
    if referenced:
        source = base / STORY / "index.vi.md"
        source.write_text(
            source.read_text(encoding="utf-8") + "\n![Bản đồ lễ hội](bom.png)\n", encoding="utf-8"
        )
    return base


def test_a_bomb_no_story_shows_does_not_stop_the_build(tmp_path: Path) -> None:
    build = fixture_site(tmp_path, "output", site_with_bomb(tmp_path, referenced=False))
    assert build.returncode == 0, build.log
    assert "DecompressionBomb" not in build.log
    assert not [p for p in build.output.rglob("bom*")]


def test_a_bomb_a_story_shows_is_named_with_its_file_line_and_fix(tmp_path: Path) -> None:
    build = fixture_site(tmp_path, "output", site_with_bomb(tmp_path, referenced=True))
    assert build.returncode != 0
    log = "".join(build.log.split())  # Rich wraps long paths anywhere: compare without spaces
    assert f"{STORY}/index.vi.md:" in log and "image'bom.png':isadecompressionbomb" in log, build.log
    assert "replaceitwithanormal-sizedimage" in log
    assert "Traceback" not in log and "DecompressionBombError" not in log, build.log
    assert not (tmp_path / "output").exists()
