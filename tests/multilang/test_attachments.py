"""Attachments are published only when a story links to them (or a setting lists them), by type."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf

from tests.conftest import ROOT, fixture_site
from tests.multilang.conftest import FIXTURE

STORY = "content/culture/le-hoi-khai-ha"
FILES = "files/culture/le-hoi-khai-ha"
SETTINGS = f"""exec(open({str(ROOT / "pelicanconf.py")!r}, encoding="utf-8").read())
THEME = {str(ROOT / "themes" / "quangba")!r}
MULTILANG_TRANSLATIONS_DIR = {str(ROOT / "translations")!r}
PLUGINS = [p for p in PLUGINS if p != "search"]
PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
CHECKER_LEVELS = {{"encoding.not-nfc": "warning"}}
CHECKER_REQUIRED_PAGES = {{}}
MULTILANG_PUBLISH_ATTACHMENTS = ["culture/le-hoi-khai-ha/danh-sach.csv"]
"""


def site(tmp_path: Path) -> Path:
    """Return a copy of the fixture: a linked PDF, a TXT linked from another story, two CSV files not linked."""
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    writer = pypdf.PdfWriter()  # the fixture's PDF is a stand-in; the checker reads real ones
    writer.add_blank_page(width=200, height=200)
    writer.write(base / STORY / "ke-hoach.pdf")  # linked from the story's vi text
    (base / STORY / "lich.txt").write_text("Lịch lễ hội Khai hạ 2024.\n", encoding="utf-8")
    (base / STORY / "bang-gia.csv").write_text("mục,giá\nvé,0\n", encoding="utf-8")
    (base / STORY / "danh-sach.csv").write_text("đoàn,số người\nMường,40\n", encoding="utf-8")
    other = base / "content/tourism/mai-chau/index.vi.md"
    other.write_text(
        other.read_text(encoding="utf-8") + "\n[Lịch lễ hội](../../culture/le-hoi-khai-ha/lich.txt)\n",
        encoding="utf-8",
    )
    (base / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    return base


def build(tmp_path: Path, base: Path):
    return fixture_site(
        tmp_path,
        "output",
        base,
        MULTILANG_PUBLISH_ATTACHMENTS=["culture/le-hoi-khai-ha/danh-sach.csv"],
    )


def check(base: Path) -> subprocess.CompletedProcess[str]:
    """Run `make check`'s command in the site's folder."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "checker"], cwd=base, env=env, capture_output=True, text=True, check=False
    )


def test_only_linked_and_listed_attachments_are_published(tmp_path: Path) -> None:
    base = site(tmp_path)
    result = build(tmp_path, base)
    assert result.returncode == 0, result.log
    published = sorted(p.name for p in (result.output / FILES).iterdir())
    assert published == ["danh-sach.csv", "ke-hoach.pdf", "lich.txt"]
    page = result.page("du-lich/mai-chau/").read_text(encoding="utf-8")
    assert f'href="/{FILES}/lich.txt"' in page
    log = " ".join(result.log.split())
    assert "le-hoi-khai-ha/bang-gia.csv: warning: bang-gia.csv is not linked from any" in log, log
    assert "[media.unlinked-attachment] — hint: Link it from the story ([bang-gia.csv](bang-gia.csv))" in log
    checked = check(base)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "bang-gia.csv: warning: bang-gia.csv is not linked" in " ".join(checked.stdout.split())
    assert (
        "danh-sach.csv is not linked" not in checked.stdout and "lich.txt is not linked" not in checked.stdout
    )


def test_an_attachment_no_longer_linked_leaves_the_site(tmp_path: Path) -> None:
    base = site(tmp_path)
    assert build(tmp_path, base).returncode == 0
    other = base / "content/tourism/mai-chau/index.vi.md"
    other.write_text(other.read_text(encoding="utf-8").replace("[Lịch lễ hội]", "Lịch: "), encoding="utf-8")
    other.write_text(
        other.read_text(encoding="utf-8").replace("(../../culture/le-hoi-khai-ha/lich.txt)", ""),
        encoding="utf-8",
    )
    again = build(tmp_path, base)
    assert again.returncode == 0, again.log
    assert not (again.output / FILES / "lich.txt").exists()


def test_a_file_of_another_type_is_an_error_in_the_build_and_in_check(tmp_path: Path) -> None:
    base = site(tmp_path)
    (base / STORY / "cai-dat.exe").write_bytes(b"MZ\x90\x00")
    result = build(tmp_path, base)
    assert result.returncode != 0
    log = " ".join(result.log.split())
    assert "le-hoi-khai-ha/cai-dat.exe: error: cai-dat.exe: a .exe file is never published" in log, log
    assert "[media.attachment-type]" in log and "Traceback" not in log
    assert not (tmp_path / "output").exists()
    checked = check(base)
    assert checked.returncode == 1
    assert "cai-dat.exe: error: cai-dat.exe: a .exe file is never published" in " ".join(
        checked.stdout.split()
    )
