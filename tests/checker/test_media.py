"""Media rules: GPS EXIF, alt text, cover alt per language, sizes, attachment properties."""

from __future__ import annotations

import pytest

from .conftest import SOURCE, TRANSLATION, Project
from .files import make_docx, make_jpeg, make_pdf

VI = "culture/khai-ha/index.vi.md"
EN = "culture/khai-ha/index.en.md"
WITH_COVER = SOURCE.replace("Agency:", "Cover: cover.jpg\nCover_alt: Người dân đánh chiêng\nAgency:")


def test_image_with_gps_position(project: Project) -> None:
    folder = project.story()
    make_jpeg(folder / "photo.jpg", gps=True)
    make_jpeg(folder / "clean.jpg", gps=False)
    result = project.check()
    found = [(project.rel(f), f.line, f.level) for f in result.findings if f.rule == "media.gps-exif"]
    assert found == [("culture/khai-ha/photo.jpg", None, "error")]


@pytest.mark.parametrize(
    "markdown",
    [
        "![](photo.jpg)",
        "![photo.jpg](photo.jpg)",
        "![photo](photo.jpg)",
        "![IMG_2041](IMG_2041.jpg)",
        "![DSC 0042](photo.jpg)",
        '<img src="photo.jpg">',
        '<img src="photo.jpg" alt="">',
        "![][pic]\n\n[pic]: photo.jpg",
    ],
)
def test_missing_or_file_name_alt(project: Project, markdown: str) -> None:
    folder = project.story(vi=SOURCE + "\n" + markdown + "\n")
    make_jpeg(folder / "photo.jpg")
    make_jpeg(folder / "IMG_2041.jpg")
    assert project.hits("media.missing-alt") == [(VI, 9)]


@pytest.mark.parametrize(
    "markdown",
    [
        '![Người dân đánh chiêng trong lễ hội](photo.jpg "Lễ hội Khai hạ")',
        '<img src="photo.jpg" alt="Ruộng bậc thang">',
        "![Ruộng bậc thang][pic]\n\n[pic]: photo.jpg",
        "`![](photo.jpg)` is how not to write it",
    ],
)
def test_described_images_pass(project: Project, markdown: str) -> None:
    folder = project.story(vi=SOURCE + "\n" + markdown + "\n")
    make_jpeg(folder / "photo.jpg")
    assert project.hits("media.missing-alt") == []


def test_cover_without_alt_in_source(project: Project) -> None:
    folder = project.story(vi=SOURCE.replace("Agency:", "Cover: cover.jpg\nAgency:"), en=None)
    make_jpeg(folder / "cover.jpg")
    assert project.hits("media.missing-alt") == [(VI, 5)]


def test_cover_alt_that_is_the_file_name(project: Project) -> None:
    folder = project.story(vi=WITH_COVER.replace("Người dân đánh chiêng", "cover.jpg"), en=None)
    make_jpeg(folder / "cover.jpg")
    assert project.hits("media.missing-alt") == [(VI, 6)]


def test_translation_without_its_own_cover_alt(project: Project) -> None:
    folder = project.story(vi=WITH_COVER)
    make_jpeg(folder / "cover.jpg")
    assert project.hits("media.cover-alt-untranslated") == [(EN, 1)]
    project.story(
        vi=WITH_COVER, en=TRANSLATION.replace("Summary:", "Cover_alt: Villagers beat gongs\nSummary:")
    )
    assert project.hits("media.cover-alt-untranslated") == []
    assert project.hits("media.missing-alt") == []


def test_oversized_files(project: Project) -> None:
    folder = project.story()
    make_jpeg(folder / "big.jpg", size=(400, 300))
    make_pdf(folder / "plan.pdf", ["Plan"])
    hits = project.hits("media.oversized", CHECKER_MAX_IMAGE_BYTES=500, CHECKER_MAX_ATTACHMENT_BYTES=10_000)
    assert hits == [("culture/khai-ha/big.jpg", None)]
    assert project.hits("media.oversized") == []


def test_pdf_author_and_docx_company(project: Project) -> None:
    folder = project.story()
    make_pdf(folder / "plan.pdf", ["Plan"], author="Nguyen Van A")
    make_docx(folder / "report.docx", ["Báo cáo"], author="Trần B", company="Sở Ngoại vụ")
    result = project.check()
    found = sorted(
        (project.rel(f), f.message.split(": ", 1)[1])
        for f in result.findings
        if f.rule == "media.attachment-metadata"
    )
    assert found == [
        ("culture/khai-ha/plan.pdf", "document property Author is “Nguyen Van A”"),
        ("culture/khai-ha/report.docx", "document property Author is “Trần B”"),
        ("culture/khai-ha/report.docx", "document property Company is “Sở Ngoại vụ”"),
    ]


def test_attachments_without_personal_properties_pass(project: Project) -> None:
    folder = project.story()
    make_pdf(folder / "plan.pdf", ["Plan"])
    make_docx(folder / "report.docx", ["Báo cáo"])
    assert project.hits("media.attachment-metadata") == []


def test_unreadable_attachment(project: Project) -> None:
    folder = project.story()
    (folder / "plan.pdf").write_bytes(b"not a pdf")
    (folder / "photo.jpg").write_bytes(b"not a jpeg")
    assert sorted(project.hits("media.unreadable")) == [
        ("culture/khai-ha/photo.jpg", None),
        ("culture/khai-ha/plan.pdf", None),
    ]


@pytest.mark.parametrize("shown", ["![Bản đồ lễ hội](map.png)", "![Bản đồ lễ hội](./map.png)", "cover"])
def test_a_broken_image_a_story_shows_is_an_error_as_in_the_build(project: Project, shown: str) -> None:
    text = WITH_COVER.replace("cover.jpg", "map.png") if shown == "cover" else SOURCE + f"\n{shown}\n"
    folder = project.story(vi=text)
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    found = [(f.rule, f.level) for f in project.check().findings if f.rule.startswith("media.")]
    assert ("media.broken-image", "error") in found
    assert ("media.unreadable", "warning") not in found


def test_a_broken_image_no_story_shows_is_a_warning(project: Project) -> None:
    folder = project.story()
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    found = [(f.rule, f.level) for f in project.check().findings if f.rule.startswith("media.")]
    assert found == [("media.unreadable", "warning")]
