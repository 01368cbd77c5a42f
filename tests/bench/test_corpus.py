"""The benchmark corpus is deterministic, valid for the engine and the checker."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.conftest import ROOT, run_pelican


def generate(out: Path, stories: int = 20, *more: str) -> dict[str, str]:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "corpus.py"),
            "--stories",
            str(stories),
            "--out",
            str(out),
            *more,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*.md"))
    }


def test_corpus_is_deterministic_and_nfc(tmp_path: Path) -> None:
    first = generate(tmp_path / "a")
    assert first == generate(tmp_path / "b")
    stories = {Path(p).parent for p in first if not p.startswith("content/pages")}
    assert len(stories) == 20
    langs = [Path(p).name.split(".")[1] for p in first]
    assert langs.count("vi") >= 20 and langs.count("en") == 16 + 3  # 80% of stories, plus 3 pages
    for path in (tmp_path / "a").rglob("*.md"):
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8")), path


def test_corpus_builds_and_passes_the_checker(tmp_path: Path) -> None:
    generate(tmp_path / "corpus", stories=30)
    build = run_pelican(tmp_path / "corpus" / "content", tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log and "ERROR" not in build.log, build.log


def test_projects_and_documents_are_valid_by_their_declarations(tmp_path: Path) -> None:
    """--projects and --documents add items the engine and the checker accept, listed and linked."""
    files = generate(tmp_path / "corpus", 10, "--projects", "12", "--documents", "8")
    projects = {Path(p).parent.name for p in files if p.startswith("content/projects/")}
    documents = {Path(p).parent.name for p in files if p.startswith("content/documents/")}
    assert len(projects) == 12 and len(documents) == 8
    build = run_pelican(tmp_path / "corpus" / "content", tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log and "ERROR" not in build.log, build.log
    listed = (tmp_path / "out" / "en" / "projects" / "index.html").read_text(encoding="utf-8")
    english = [p for p in files if p.startswith("content/projects/") and p.endswith("index.en.md")]
    assert len(english) == round(0.8 * 12)
    assert listed.count('<th scope="row"') == 12  # English lists the untranslated ones too (fallback)
    assert (tmp_path / "out" / "documents" / "bench-document-00000" / "index.html").is_file()
