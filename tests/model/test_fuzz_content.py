"""Fuzzing: whatever an editor writes, reading and checking end in findings or a named error, never a crash.

Random headers (declared and unknown keys, repeated keys, any value), dates of
any shape, and bodies mixing Markdown, raw HTML, links, images and Unicode
(control characters included) go through the engine's reading (the checker
reads the content as the build does: model.validate, the Markdown reader,
addresses, links) and every checker rule. The only exceptions allowed are the
project's: ContentError, BuildError, ConfigError. `make test` runs a bounded
search; `make fuzz` a long one (FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model.errors import BuildError, ConfigError, ContentError
from model.types import STORY

from tests.checker.conftest import FIXTURES, Project

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
NAMED = (ContentError, BuildError, ConfigError)

KEYS = [spec.name for spec in STORY.fields] + ["Tag", "Author", "Category", "title", "DATE", "X-y", "Lang"]
# Letters, Vietnamese, CJK, combining marks, controls, noncharacters, bidi and zero-width.
ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_characters="\n\r"),
    st.sampled_from(
        list("aăâđêôơưÁẠẶỆỘ漢字한국 \t\u0300\u0301\u0340\u200b\u202e\ufeff\x00\x1b\x0b\x85\ufffe:,#|")
    ),
)
TEXT = st.text(ALPHABET, max_size=40)
DATES = st.one_of(
    st.builds(
        "{:04d}-{:02d}-{:02d}{}".format,
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(
            [
                "",
                " 08:00",
                "T23:59",
                "T00:00+07:00",
                "T10:00-12:00",
                "T10:00+14:00",
                "T10:00+25:00",
                "T10:00+23:59",
                "T10:00:00.123456Z",
                "T24:00",
                " 9h",
            ]
        ),
    ),
    st.sampled_from(["05/12/2026", "hôm qua", "", "2024", "2024-W05", "99999-01-01"]),
)
VALUES = {
    "Date": DATES,
    "Modified": DATES,
    "Tags": st.lists(
        st.one_of(TEXT, st.sampled_from(["le-hoi", "Lễ hội", "Le-hoi!", "祭り", ""])), max_size=15
    ).map(", ".join),
    "Status": st.sampled_from(["published", "draft", "hidden", "Draft", "x", ""]),
    "Agency": st.sampled_from(["so-vhttdl", "ubnd-hoa-binh", "nope", ""]),
    "Cover": st.sampled_from(["cover.jpg", "../x.jpg", "/etc/passwd", "", "anh.png"]),
    "Cover_focus": st.sampled_from(["0.5,0.5", "2,2", "x", "", "0.1"]),
    "Slug": st.sampled_from(["le-hoi", "Lễ Hội", "", "a--b", "tag"]),
    "Lang": st.sampled_from(["vi", "en", "vn", "xx", ""]),
    "Source_hash": st.sampled_from(["deadbeef", "zz", ""]),
}
FRAGMENTS = st.sampled_from(
    [
        "# Tiêu đề",
        "## Secret",
        "```",
        "~~~",
        "    mã lệnh",
        "- mục\n\n    <a href='javascript:alert(1)'>x</a>",
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        "<img src=x onerror=alert(1)>",
        '<iframe src="https://evil.example/"></iframe>',
        "[liên kết](javascript:alert(1))",
        "[tệp](ke-hoach.pdf)",
        "[câu chuyện](../../news/khong-co/index.vi.md)",
        "[gốc](/en/tag/)",
        "[lạ](http://[::1)",
        "![ảnh](anh.png)",
        "![](missing.jpg)",
        "![x]({static}/x.png)",
        "<!--",
        "-->",
        "&#0; &#x1b; &#xD800; &amp;",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "TUYỆT MẬT",
        "Gọi 0912 345 678",
        "CCCD 001203004567",
        "1.5 tỷ đồng",
        "\\`",
        "*" * 30,
        "[" * 20,
        "Title: không phải header",
        "",
    ]
)
BODY = st.lists(st.one_of(FRAGMENTS, TEXT), max_size=12).map("\n".join)


@st.composite
def source_file(draw: st.DrawFn) -> str:
    """Return a story file: a header of random fields (some repeated), a blank line or not, a body."""
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=10))
    if draw(st.booleans()):
        # A header the engine accepts, so that the body reaches the Markdown reader too.
        lines = ["Title: Lễ hội Khai hạ", "Date: 2024-02-14 08:00", "Agency: so-vhttdl"]
        keys = [k for k in keys if k.lower() not in ("title", "date", "agency")]
    else:
        lines = [f"Title: {draw(TEXT)}"] if draw(st.booleans()) else []
    for key in keys:
        value = draw(VALUES.get(key.capitalize(), TEXT))
        lines.append(f"{key}: {value}")
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n---\n"]))
    return "\n".join(lines) + separator + draw(BODY)


def check(files: dict[str, str]) -> None:
    """Write the files into a fresh project and check it; only named errors may escape."""
    with tempfile.TemporaryDirectory(prefix="quangba-fuzz-") as root:
        shutil.copytree(FIXTURES / "data", Path(root) / "data")
        project = Project(Path(root), settings={"MULTILANG_WORKERS": 1})
        for rel, text in files.items():
            project.write(rel, text.encode("utf-8", errors="surrogatepass"))
        (project.content / "culture/khai-ha/anh.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
        try:
            result = project.check()
        except NAMED:
            return
        for finding in result.findings:
            assert finding.rule and finding.message and finding.hint


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 40,  # `make test` is repeatable; `make fuzz` explores
)
@given(vi=source_file(), en=st.one_of(st.none(), source_file()))
def test_reading_and_checking_never_crash(vi: str, en: str | None) -> None:
    files = {"culture/khai-ha/index.vi.md": vi}
    if en is not None:
        files["culture/khai-ha/index.en.md"] = en
    check(files)
