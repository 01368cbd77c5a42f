"""An event's or destination's bad input stops `make html` and `make check` alike (file:line, fix, output/ kept)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_COPY_SETTINGS, ROOT
from tests.model.test_verdict import Project, assert_both_fail, flat

FAIR = "content/events/hoa-binh-spring-fair-2023/index.vi.md"
MAI_CHAU = "content/destinations/mai-chau/index.vi.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the demo's events, destinations and galleries alone once: the last good output."""
    root = tmp_path_factory.mktemp("visit")
    for name in ("events", "destinations", "galleries"):
        shutil.copytree(ROOT / "content" / name, root / "content" / name)
    for text in (root / "content").rglob("index.*.md"):  # without the links to other sections' stories
        kept = [line for line in text.read_text(encoding="utf-8").split("\n") if "](../../" not in line]
        text.write_text("\n".join(kept), encoding="utf-8")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data/keyfacts.yml").unlink(missing_ok=True)  # its hero image is a page's, not copied here
    settings = DEMO_COPY_SETTINGS + "CHECKER_REQUIRED_PAGES = {}  # the visit collections alone\n"
    (root / "settings.py").write_text(settings, encoding="utf-8")
    good = Project(root).build()
    assert good.returncode == 0, flat(good)
    assert (root / "output/en/events/hoa-binh-spring-fair-2023/index.html").is_file()
    assert (root / "output/en/destinations/mai-chau/index.html").is_file()
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Project:
    """Return a copy of the built project (sources, output and caches) a test may break."""
    shutil.copytree(built, tmp_path / "p", symlinks=True)
    return Project(tmp_path / "p")


def line_of(project: Project, rel: str, start: str) -> int:
    """Return the 1-based line of a source file that starts with a text."""
    lines = (project.root / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def test_an_event_that_ends_before_it_starts_stops_both(project: Project) -> None:
    project.edit(FAIR, "End: 2023-12-11", "End: 2023-12-01")
    assert_both_fail(
        project,
        f"{FAIR}:{line_of(project, FAIR, 'End:')}",
        "End 2023-12-01 is before Start 2023-12-08",
        "metadata.date-order",
        "Correct either date",
    )


def test_an_unknown_organiser_stops_both_with_the_nearest_id(project: Project) -> None:
    project.edit(FAIR, "Organiser: ttxt-hoa-binh", "Organiser: ttxt-hoa-bin")
    assert_both_fail(
        project,
        f"{FAIR}:{line_of(project, FAIR, 'Organiser:')}",
        "ttxt-hoa-bin",
        "metadata.unknown-agency",
        "ttxt-hoa-binh",
    )


def test_coordinates_outside_the_province_stop_both(project: Project) -> None:
    text = (project.root / MAI_CHAU).read_text(encoding="utf-8")
    old = next(line for line in text.split("\n") if line.startswith("Coordinates:"))
    project.edit(MAI_CHAU, old, "Coordinates: 10.78, 106.70")  # Hồ Chí Minh City
    assert_both_fail(
        project,
        f"{MAI_CHAU}:{line_of(project, MAI_CHAU, 'Coordinates:')}",
        "outside the province",
        "metadata.out-of-area",
        "MULTILANG_BOUNDING_BOX",
        "Check the point on a map",
    )
