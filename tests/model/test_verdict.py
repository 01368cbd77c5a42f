"""One verdict: `make html` and `make check` give a finding the same level, named at file:line with its fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DEMO_COPY_SETTINGS, ROOT

STORY = "content/tourism/mai-chau-valley"
SETTINGS = DEMO_COPY_SETTINGS


@dataclass
class Project:
    """A copy of the demo's content and registries, built and checked like the real one."""

    root: Path

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace text in a content file (the old text must be there)."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self) -> subprocess.CompletedProcess[str]:
        """Run `make html`'s command on the copy."""
        args = [sys.executable, "-m", "pelican", "content", "-s", "settings.py", "-o", "output"]
        return self._run(args)

    def check(self) -> subprocess.CompletedProcess[str]:
        """Run `make check`'s command on the copy."""
        return self._run([sys.executable, "-m", "checker", "--settings", "settings.py", "--no-cache"])

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, COLUMNS="300", PYTHONPATH=str(ROOT / "plugins"))
        return subprocess.run(args, cwd=self.root, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Return a fresh copy of the demo project."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    return Project(tmp_path)


def flat(proc: subprocess.CompletedProcess[str]) -> str:
    """Return what a command printed, on one line."""
    return " ".join((proc.stdout + proc.stderr).split())


def assert_both_fail(project: Project, *expected: str) -> None:
    """Assert the build and the checker both stop, each naming the same place and problem."""
    output = project.root / "output"
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    build, check = project.build(), project.check()
    assert build.returncode == 1, flat(build)
    assert check.returncode == 1, flat(check)
    for text in expected:
        assert text in flat(build), f"{text!r} not in the build's output:\n{flat(build)}"
        assert text in flat(check), f"{text!r} not in make check's output:\n{flat(check)}"
    assert "Traceback" not in build.stderr + build.stdout
    assert flat(build).count(expected[0]) == 1, "an error is printed once"
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before, "a failed build left the last good output/ as it was"


def test_the_demo_passes_both(project: Project) -> None:
    build, check = project.build(), project.check()
    assert build.returncode == 0, flat(build)
    assert check.returncode == 0 and "No problems" in check.stdout, flat(check)
    assert "WARNING" not in build.stdout + build.stderr, flat(build)


def test_a_day_first_date_is_an_error_that_says_how_it_would_be_read(project: Project) -> None:
    project.edit(f"{STORY}/index.vi.md", "Date: 2024-03-20 09:00", "Date: 05/12/2026")
    assert_both_fail(
        project,
        f"{STORY}/index.vi.md:2: error: invalid metadata: `Date: 05/12/2026` is not an ISO 8601 date",
        "it would have been read as 12 May 2026",
    )


def test_an_agency_that_no_longer_existed_is_an_error_in_both(project: Project) -> None:
    # so-vhttdl (Hòa Bình's culture department) ended on 2025-06-30.
    project.edit(f"{STORY}/index.vi.md", "Date: 2024-03-20 09:00", "Date: 2025-12-01 09:00")
    assert_both_fail(
        project,
        f"{STORY}/index.vi.md:5: error: agency “so-vhttdl” existed",
        "Use its successor “so-vhttdl-phu-tho”",
    )


@pytest.mark.parametrize(("typo", "meant"), [("Tag", "Tags"), ("Agncy", "Agency")])
def test_a_misspelled_key_is_an_error_with_the_nearest_field(project: Project, typo: str, meant: str) -> None:
    project.edit(f"{STORY}/index.vi.md", "Summary:", f"{typo}: le-hoi\nSummary:")
    assert_both_fail(project, f"unknown field `{typo}:`", f"Did you mean `{meant}:`?")


def test_a_published_scaffold_is_an_error(project: Project) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    made = subprocess.run(
        [sys.executable, "-m", "tools.new_story", "--section", "culture", "--story", "ban-moi"]
        + ["--settings", "settings.py"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    draft = project.build()
    assert draft.returncode == 0, flat(draft)  # a draft may hold placeholders
    project.edit("content/culture/ban-moi/index.vi.md", "Status: draft", "Status: published")
    assert_both_fail(
        project,
        "content/culture/ban-moi/index.vi.md:3: error: `Summary:` still holds the scaffold's placeholder",
    )


def test_a_pinned_translation_turns_stale_in_an_incremental_build(project: Project) -> None:
    """Editing the source's body marks the pinned translation stale without a clean build."""
    from model.sources import Document
    from model.validate import source_hash

    digest = source_hash(Document(project.root / STORY / "index.vi.md", "vi", None))
    project.edit(f"{STORY}/index.en.md", "Summary:", f"Source_hash: {digest[:12]}\nSummary:")
    first = project.build()
    assert first.returncode == 0, flat(first)
    page = project.root / "output" / "en" / "tourism" / "mai-chau-valley" / "index.html"
    assert "notice-stale" not in page.read_text(encoding="utf-8")
    project.edit(f"{STORY}/index.vi.md", "Mai Châu", "Mai Châu (Hòa Bình)")
    second = project.build()
    assert second.returncode == 0, flat(second)
    assert "notice-stale" in page.read_text(encoding="utf-8")


def test_production_settings_never_lower_a_level() -> None:
    """publishconf.py may raise a rule to error, never lower one below pelicanconf.py's."""
    script = (
        "import json, sys; sys.path.insert(0, 'plugins'); from pelican.settings import read_settings; "
        "from model.config import levels; from model.catalog import RULES; "
        "out = {}\n"
        "for name in ('pelicanconf.py', 'publishconf.py'):\n"
        "    s = read_settings(name); lv = levels(s)\n"
        "    out[name] = {r: str(lv.get(r, RULES[r].level)) for r in RULES}\n"
        "print(json.dumps(out))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(proc.stdout)
    rank = {"off": 0, "warning": 1, "error": 2}
    lowered = [
        rule
        for rule, level in found["publishconf.py"].items()
        if rank[level] < rank[found["pelicanconf.py"][rule]]
    ]
    assert lowered == []


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("{filename}/tourism/khong-ton-tai/index.vi.md", "there is no story tourism/khong-ton-tai"),
        ("/tourism/khong-co/", "the site has no page /tourism/khong-co/"),
        ("../hang-kia-pa-co/index.ja.md", "has no index.ja.md"),
    ],
)
def test_a_link_that_leads_nowhere_stops_both(project: Project, link: str, reason: str) -> None:
    project.edit(f"{STORY}/index.en.md", "\n\n", f"\n\nSee [this]({link}).\n\n")
    assert_both_fail(project, f"{STORY}/index.en.md:", f"link {link} leads nowhere", reason)


@pytest.mark.parametrize(
    ("link", "target"),
    [
        (f"{STORY}/users.csv", "/etc/passwd"),
        ("content/tourism/linked-story", str(ROOT / "content" / "culture" / "khai-ha-festival")),
        (f"{STORY}/index.ja.md", str(ROOT / "content" / "culture" / "khai-ha-festival" / "index.ja.md")),
    ],
)
def test_a_symlink_is_never_followed_nor_published(project: Project, link: str, target: str) -> None:
    (project.root / link).symlink_to(target)
    name = link.rsplit("/", 1)[1]
    # Both stop before writing anything: the target's content is never published.
    assert_both_fail(project, f"{link}: error: {name} is a symbolic link (to {target})")


def test_an_ad_hoc_tag_never_replaces_a_registry_term(project: Project) -> None:
    """`Tags: Le-hoi!` slugs to the term id le-hoi: it names that term, whose pages stay."""
    project.edit(f"{STORY}/index.vi.md", "Tags: mai-chau,", "Tags: Le-hoi!, mai-chau,")
    build = project.build()
    assert build.returncode == 0, flat(build)
    japanese = project.root / "output" / "ja" / "tag" / "matsuri" / "index.html"
    assert japanese.is_file(), "the registry term's Japanese page is gone"
    assert "祭り" in japanese.read_text(encoding="utf-8")
