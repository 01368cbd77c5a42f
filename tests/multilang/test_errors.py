"""Bad input fails the build with the file named and the fix, and leaves output alone."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import fixture_site
from tests.multilang.conftest import FIXTURE

STORY = "content/culture/le-hoi-khai-ha"


def write(base: Path, rel: str, text: str) -> None:
    path = base / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def replace(base: Path, rel: str, old: str, new: str) -> None:
    path = base / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "unknown section": (
        lambda b: write(b, "content/sport/bong-da/index.vi.md", "Title: Bóng đá\nDate: 2024-01-01\n\nx\n"),
        ["content/sport", "unknown section 'sport'", "MULTILANG_SECTIONS"],
    ),
    "unknown language": (
        lambda b: write(b, f"{STORY}/index.vn.md", "Title: x\n\nx\n"),
        ["index.vn.md", "unknown language 'vn'", "index.vi.md"],
    ),
    "invalid date": (
        lambda b: replace(b, f"{STORY}/index.vi.md", "Date: 2023-09-25 09:00", "Date: 2023-13-45"),
        [f"{STORY}/index.vi.md:2", "invalid metadata", "ISO 8601"],
    ),
    "missing title": (
        lambda b: replace(b, f"{STORY}/index.en.md", "Title: The Khai Ha festival of the Muong\n", ""),
        [f"{STORY}/index.en.md", "missing Title"],
    ),
    "two files for one language": (
        lambda b: write(b, f"{STORY}/index.vi.markdown", "Title: x\n\nx\n"),
        ["index.vi.markdown", "two files claim language 'vi'"],
    ),
    "folder name not a slug": (
        lambda b: shutil.move(b / STORY, b / "content/culture/Le_Hoi"),
        ["content/culture/Le_Hoi", "not a valid slug", "le-hoi"],
    ),
    "unknown agency": (
        lambda b: replace(b, f"{STORY}/index.vi.md", "Agency: so-vhttdl", "Agency: so-khong-co"),
        [f"{STORY}/index.vi.md:6", "unknown Agency 'so-khong-co'", "agencies.yml"],
    ),
    "translation overrides a neutral field": (
        lambda b: replace(b, f"{STORY}/index.en.md", "Slug:", "Date: 2020-01-01\nSlug:"),
        [f"{STORY}/index.en.md:3", "Date is language-neutral", "inherit"],
    ),
    "loose file in a section": (
        lambda b: write(b, "content/culture/loose.md", "Title: x\n\nx\n"),
        ["content/culture/loose.md", "stories are folders"],
    ),
    "two stories on one address": (
        lambda b: (
            replace(b, "content/news/ke-hoach-186/index.en.md", "Title:", "Slug: khai-ha-festival\nTitle:")
            or shutil.move(b / "content/news/ke-hoach-186", b / "content/culture/ke-hoach-186")
        ),
        ["address /en/culture/khai-ha-festival/ is also claimed"],
    ),
}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A previous good build that failed builds must leave untouched."""
    build = fixture_site(tmp_path_factory.mktemp("good"), "output", FIXTURE)
    assert build.returncode == 0, build.log
    return build.output


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_naming_file_and_fix(case: str, tmp_path: Path, good_output: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    mutate, expected = CASES[case]
    mutate(base)
    output = tmp_path / "output"
    shutil.copytree(good_output, output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    build = fixture_site(tmp_path, "output", base)

    assert build.returncode != 0, build.log
    flat = " ".join(build.log.split())
    for text in expected:
        assert text in flat, f"{text!r} not in:\n{build.log}"
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed the previous output"
