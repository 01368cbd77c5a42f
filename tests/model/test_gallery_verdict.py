"""A gallery's bad input stops `make html` and `make check` alike (file:line, fix, output/ kept); incremental = cold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import DEMO_COPY_SETTINGS, ROOT
from tests.model.test_verdict import Project, assert_both_fail, flat
from tests.tree_diff import compare

GALLERY = "content/galleries/muong-patterns"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the demo's galleries alone once: the last good output the failing builds must keep."""
    root = tmp_path_factory.mktemp("galleries")
    shutil.copytree(ROOT / "content/galleries", root / "content/galleries")
    for text in (root / "content/galleries").rglob("index.*.md"):  # without the links to other stories
        kept = [line for line in text.read_text(encoding="utf-8").split("\n") if "](../../" not in line]
        text.write_text("\n".join(kept), encoding="utf-8")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data/keyfacts.yml").unlink(missing_ok=True)  # its hero image is a page's, not copied here
    settings = DEMO_COPY_SETTINGS + "CHECKER_REQUIRED_PAGES = {}  # the galleries alone\n"
    (root / "settings.py").write_text(settings, encoding="utf-8")
    good = Project(root).build()
    assert good.returncode == 0, flat(good)
    assert (root / "output/en/galleries/muong-patterns/index.html").is_file()
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Project:
    """Return a copy of the built project (sources, output and caches) a test may break."""
    shutil.copytree(built, tmp_path / "p", symlinks=True)
    return Project(tmp_path / "p")


def test_a_photo_without_alt_text_in_a_published_language_stops_both(project: Project) -> None:
    project.edit(
        f"{GALLERY}/index.ja.md",
        "    diamond-band.jpg: イラストの部分：黒地に黄色ののこぎり歯、入れ子になった赤い菱形の列、緑の階段文様の帯\n",
        "",
    )
    assert_both_fail(
        project, f"{GALLERY}/index.ja.md:3", "diamond-band.jpg has no alt text", "gallery.missing-alt"
    )


def test_a_missing_photo_file_stops_both_with_the_nearest_name(project: Project) -> None:
    (project.root / GALLERY / "stepped-band.jpg").rename(project.root / GALLERY / "steped-band.jpg")
    assert_both_fail(
        project,
        f"{GALLERY}/index.vi.md:7",
        "stepped-band.jpg is not a file in this gallery's folder",
        "gallery.missing-photo",
        "steped-band.jpg",
    )


def test_an_incremental_build_after_gallery_edits_equals_a_cold_one(project: Project, tmp_path: Path) -> None:
    page = project.root / "output/en/galleries/muong-patterns/index.html"
    project.edit(f"{GALLERY}/index.en.md", "Detail: top left corner", "Detail: the top left corner")
    project.edit(  # the second and third photos change places
        f"{GALLERY}/index.vi.md",
        "    diamond-band.jpg | quangba | illustration\n    stepped-band.jpg | quangba | illustration",
        "    stepped-band.jpg | quangba | illustration\n    diamond-band.jpg | quangba | illustration",
    )
    incremental = project.build()
    assert incremental.returncode == 0, flat(incremental)
    second = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "#photo-2 .photo-caption"
    )
    assert second.get_text() == "Detail: bottom right corner"
    cold = tmp_path / "cold"
    shutil.copytree(project.root / "content", cold / "content")
    shutil.copytree(project.root / "data", cold / "data")
    shutil.copyfile(project.root / "settings.py", cold / "settings.py")
    assert Project(cold).build().returncode == 0
    assert (
        "Detail: the top left corner" in (cold / "output/en/galleries/muong-patterns/index.html").read_text()
    )
    assert compare(cold / "output", project.root / "output") is None
