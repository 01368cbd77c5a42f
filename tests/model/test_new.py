"""`make new`: a new story or page lists its type's declared fields with their placeholders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from model.sources import Document
from model.types import NEUTRAL, PAGE, STORY, ContentType, FieldSpec

from tests.conftest import ROOT
from tools import fields, new_story

GENERATED = {"title", "date", "status"}  # written by make new, not placeholders
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # pelicanconf.py's TIMEZONE


def run_new(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run tools.new_story as `make new` does, into a temporary content folder."""
    cmd = [sys.executable, "-m", "tools.new_story", *args, "--content", str(content)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def assert_scaffold(path: Path, ctype: ContentType, title: str) -> Document:
    """Check a scaffolded file field by field against its type's declaration."""
    doc = Document(path, "vi", None)
    scaffolded = [spec for spec in ctype.fields if spec.scaffold]
    assert [f.name for f in doc.fields.values()] == [spec.name for spec in scaffolded]
    assert doc.get("title") == title
    assert doc.get("status") == "draft"
    for spec in scaffolded:
        if spec.key not in GENERATED:
            # Verbatim, so that the engine's placeholder check matches it once published.
            assert doc.fields[spec.key].value == spec.placeholder, spec.name
    assert doc.body.strip() == ctype.body_placeholder
    return doc


def test_new_story_lists_every_scaffold_field_in_declaration_order(tmp_path: Path) -> None:
    done = run_new(tmp_path, "--section", "culture", "--story", "xoe-thai")
    assert done.returncode == 0, done.stderr
    path = tmp_path / "culture/xoe-thai/index.vi.md"
    assert f"created {path}" in done.stdout
    assert "with Title, Summary, Cover_alt and the body" in done.stdout
    doc = assert_scaffold(path, STORY, "Xoe thai")
    written = dt.datetime.strptime(doc.get("date") or "", "%Y-%m-%d %H:%M").replace(tzinfo=TIMEZONE)
    assert abs(dt.datetime.now(TIMEZONE) - written) < dt.timedelta(minutes=5)


def test_new_page_uses_the_page_declaration_and_ignores_the_section(tmp_path: Path) -> None:
    done = run_new(tmp_path, "--type", "page", "--section", "news", "--story", "about-x")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "news").exists()
    doc = assert_scaffold(tmp_path / "pages/about-x/index.vi.md", PAGE, "About x")
    assert doc.get("date") is None  # optional on pages: not scaffolded


def test_new_keeps_its_error_messages(tmp_path: Path) -> None:
    unknown = run_new(tmp_path, "--section", "sport", "--story", "x")
    assert unknown.returncode == 2 and "unknown section 'sport': use one of culture" in unknown.stderr
    bad = run_new(tmp_path, "--section", "culture", "--story", "Xòe Thái")
    assert bad.returncode == 2 and "story name 'Xòe Thái' is not a valid slug: try 'xoe-thai'" in bad.stderr
    bad_page = run_new(tmp_path, "--type", "page", "--story", "Về chúng tôi")
    assert "page name 'Về chúng tôi' is not a valid slug: try 've-chung-toi'" in bad_page.stderr
    assert run_new(tmp_path, "--section", "culture", "--story", "x").returncode == 0
    again = run_new(tmp_path, "--section", "culture", "--story", "x")
    assert again.returncode == 2 and "index.vi.md already exists" in again.stderr
    assert not (tmp_path / "pages").exists()


def test_published_scaffold_still_holds_every_placeholder(tmp_path: Path) -> None:
    # The engine rejects a non-draft file whose field equals its declared
    # placeholder: publishing a scaffold untouched must leave every one in place.
    assert run_new(tmp_path, "--section", "news", "--story", "untouched").returncode == 0
    path = tmp_path / "news/untouched/index.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft", "Status: published"))
    doc = Document(path, "vi", None)
    assert doc.get("status") == "published"
    left = {key for key, f in doc.fields.items() if (s := STORY.field(key)) and f.value == s.placeholder}
    assert left == {s.key for s in STORY.fields if s.scaffold and s.key not in GENERATED}
    assert STORY.body_placeholder in doc.body


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("variables", "made"),
    [
        (["SECTION=culture", "STORY=my-story"], "culture/my-story/index.vi.md"),
        (["TYPE=page", "STORY=about-x"], "pages/about-x/index.vi.md"),
    ],
)
def test_make_new(tmp_path: Path, variables: list[str], made: str) -> None:
    # A fresh stamp and this interpreter: make must not reinstall the venv.
    stamp = tmp_path / "installed"
    stamp.touch()
    content = tmp_path / "content"
    cmd = ["make", "-s", "new", *variables, f"CONTENT={content}", f"STAMP={stamp}", f"PY={sys.executable}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (content / made).is_file()


def test_a_field_added_to_story_appears_in_the_scaffold_and_the_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = FieldSpec(
        "District",
        "text",
        "the district the story is about",
        i18n=NEUTRAL,
        placeholder="(the district, or delete this line)",
    )
    story = dataclasses.replace(STORY, fields=(*STORY.fields[:3], added, *STORY.fields[3:]))
    monkeypatch.setitem(new_story.TYPES, "story", story)
    monkeypatch.setattr(fields, "STORY", story)
    monkeypatch.chdir(ROOT)  # --settings defaults to pelicanconf.py
    assert new_story.main(["--section", "culture", "--story", "new-field", "--content", str(tmp_path)]) == 0
    doc = assert_scaffold(tmp_path / "culture/new-field/index.vi.md", story, "New field")
    assert list(doc.fields)[2] == "district"  # after Date: Modified is not scaffolded
    doc_text = fields.render_doc(fields.DOC.read_text(encoding="utf-8"))
    assert "| `District` | source | the district the story is about |" in doc_text
    assert "`District`" in fields.neutral_paragraph(story)
    # The page lacks it: its section says so rather than listing it as a page field.
    assert "A page has no `District`." in fields.differences(story, PAGE)
    assert "| `District` |" not in fields.differences(story, PAGE)
