"""Bodies are sanitised as the engine reads them: no build publishes a script, a handler or a javascript: URL."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from tests.conftest import Build, fixture_site
from tests.multilang.conftest import FIXTURE, soup

STORY = "content/culture/thu-nghiem"
HEADER = "Title: Thử nghiệm\nDate: 2024-03-01 08:00\nSummary: <b onclick=alert(9)>Tóm tắt</b>\nAgency: so-vhttdl\n\n"
# (line in the file, Markdown): every form the issue names, one per paragraph.
VECTORS = [
    "Mở đầu.",
    "<script>alert(1)</script>",
    '<a href="#" onclick="alert(2)">Xem</a>',
    "[Xem](javascript:alert(3))",
    '<a href="&#106;avascript:alert(4)">Xem</a>',
    '<a href="java&#9;script:alert(5)">Xem</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="x">',
    "[Xem](vbscript:msgbox(6))",
    'Đoạn văn.\n{: onmouseover="alert(7)" }',
    "<style>body { display: none }</style>",
    '- Mục\n\n    <a href="javascript:alert(8)">Xem</a>',
    "```\nmã chưa đóng\n\n<script>alert(10)</script>",
]


def _write(base: Path) -> dict[int, str]:
    """Write the story; return {line: text} of the lines the findings must name."""
    text = HEADER + "\n\n".join(VECTORS) + "\n"
    lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if number > 5 and re.search(r"alert|msgbox|base64|display", line):
            lines[number] = line
    folder = base / STORY
    folder.mkdir(parents=True)
    (folder / "index.vi.md").write_text(text, encoding="utf-8")
    return lines


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, str]]:
    """Return a copy of the fixture site with the hostile story, and the lines to name."""
    base = tmp_path_factory.mktemp("sanitise") / "site"
    shutil.copytree(FIXTURE, base)
    # The fixture's attachment is a stand-in; a real (blank) PDF keeps the attachment checks quiet.
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(base / "content" / "culture" / "le-hoi-khai-ha" / "ke-hoach.pdf")
    return base, _write(base)


def test_the_build_names_every_removal_with_file_and_line(project: tuple[Path, dict[int, str]]) -> None:
    base, lines = project
    build = fixture_site(base.parent, "refused", base)
    assert build.returncode != 0
    assert "Traceback" not in build.log and "panicked" not in build.log
    named = {int(m) for m in re.findall(rf"{STORY}/index\.vi\.md:(\d+): error: unsafe HTML", build.log)}
    assert set(lines) | {3} <= named, (sorted(named), sorted(lines))
    assert "<style> is not allowed" in build.log
    assert not (base.parent / "refused").exists() or not any((base.parent / "refused").iterdir())


@pytest.fixture(scope="module")
def published(project: tuple[Path, dict[int, str]]) -> Build:
    """Build the hostile story with html.unsafe lowered to a warning: what would a page hold?"""
    base, _ = project
    levels = json.loads((base / "settings.json").read_text(encoding="utf-8")).get("CHECKER_LEVELS", {})
    build = fixture_site(base.parent, "published", base, CHECKER_LEVELS={**levels, "html.unsafe": "warning"})
    assert build.returncode == 0, build.log
    return build


def test_no_build_emits_script_handler_or_dangerous_url(published: Build) -> None:
    page = soup(published.page("van-hoa/thu-nghiem/"))
    main = page.find("main")
    assert main is not None and "Mở đầu." in main.get_text()
    assert main.find_all(["script", "style", "svg"]) == []
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.name, name)
            text = " ".join(value) if isinstance(value, list) else value
            squeezed = re.sub(r"[\x00-\x20]", "", text).lower()
            assert not squeezed.startswith(("javascript:", "vbscript:", "data:")), (element.name, name, text)
    assert "alert(" not in str(main)
    assert "display: none" not in str(main)


def test_feeds_carry_the_sanitised_body(published: Build) -> None:
    feeds = [p for p in (published.output / "feeds").rglob("*") if p.is_file()]
    assert feeds
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert "alert(" not in text, feed.name
        assert "<script" not in text and "&lt;script" not in text, feed.name


def test_the_cached_body_follows_the_allow_list(tmp_path: Path) -> None:
    """Pelican caches what the reader returns: another list must clean the cached body again."""
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(base / "content" / "culture" / "le-hoi-khai-ha" / "ke-hoach.pdf")
    folder = base / STORY
    folder.mkdir(parents=True)
    frame = '<iframe src="https://maps.example.org/embed?q=1" title="Bản đồ"></iframe>'
    (folder / "index.vi.md").write_text(
        HEADER.replace(HEADER.split("\n")[2], "Summary: Bản đồ.") + frame + "\n"
    )
    levels = json.loads((base / "settings.json").read_text(encoding="utf-8")).get("CHECKER_LEVELS", {})
    first = fixture_site(tmp_path, "out", base, CHECKER_LEVELS={**levels, "html.unsafe": "warning"})
    assert first.returncode == 0, first.log
    assert "maps.example.org" in first.log  # the warning
    assert soup(first.page("van-hoa/thu-nghiem/")).find("iframe", src=True) is None
    second = fixture_site(tmp_path, "out", base, CHECKER_IFRAME_HOSTS=["maps.example.org/embed"])
    assert second.returncode == 0, second.log
    frame_out = soup(second.page("van-hoa/thu-nghiem/")).find("iframe")
    assert frame_out is not None and frame_out["src"].startswith("https://maps.example.org/embed")
