"""A build reads each source file once and renders its Markdown once, checker included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.multilang.conftest import FIXTURE

# Runs Pelican in this process with the reads and Markdown renders counted.
COUNTING = """
import builtins, collections, json, pathlib, sys
import markdown

reads = collections.Counter()
renders = collections.Counter()
real_read_bytes = pathlib.Path.read_bytes
real_open = builtins.open
real_convert = markdown.Markdown.convert

def read_bytes(self):
    if self.suffix == ".md":
        reads[str(self)] += 1
    return real_read_bytes(self)

def counted_open(file, *args, **kwargs):
    if str(file).endswith(".md"):
        reads[str(file)] += 1
    return real_open(file, *args, **kwargs)

def convert(self, source):
    if len(source.strip().splitlines()) > 1:  # a file or a body, not a one-line Summary
        renders["bodies"] += 1
    return real_convert(self, source)

pathlib.Path.read_bytes = read_bytes
builtins.open = counted_open
markdown.Markdown.convert = convert
from pelican import main
try:
    main(sys.argv[2:])
finally:
    with real_open(sys.argv[1], "w") as out:
        json.dump({"reads": reads, "renders": renders}, out)
"""


def test_a_build_reads_and_renders_each_source_once(tmp_path: Path) -> None:
    counts = tmp_path / "counts.json"
    overrides = {
        "PATH": str(FIXTURE / "content"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "MULTILANG_AGENCIES_FILE": str(FIXTURE / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(FIXTURE / "data" / "terms.yml"),
        # The fixture's own (absent) key facts, not the demo's: its hero image is not here.
        "MULTILANG_KEYFACTS_FILE": str(FIXTURE / "data" / "keyfacts.yml"),
        "CHECKER_LEVELS": {"encoding.not-nfc": "warning"},
        "CHECKER_REQUIRED_PAGES": {},
        "CHECKER_CACHE": False,
        "MULTILANG_WORKERS": 1,
    }
    args = [str(FIXTURE / "content"), "-s", str(ROOT / "pelicanconf.py"), "-o", str(tmp_path / "out")]
    args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", COUNTING, str(counts), *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = json.loads(counts.read_text())
    sources = sorted(str(p) for p in (FIXTURE / "content").rglob("*.md"))
    assert sources, "the fixture has sources"
    assert sorted(found["reads"]) == sources, "every source is read"
    assert {path: n for path, n in found["reads"].items() if n != 1} == {}, "a source was read twice"
    assert found["renders"].get("bodies") == len(sources), "a body was rendered twice"


# Runs `python -m checker` in this process with the reads and Markdown renders counted.
CHECKING = COUNTING.replace(
    "from pelican import main\n", "sys.path.insert(0, 'plugins')\nfrom checker.cli import main\n"
)


def test_a_standalone_check_reads_and_renders_each_source_once(tmp_path: Path) -> None:
    """`make check` reads the sources once: the rules and the engine's reading share them."""
    counts = tmp_path / "counts.json"
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        + f"\nPATH = {str(FIXTURE / 'content')!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        + f"MULTILANG_AGENCIES_FILE = {str(FIXTURE / 'data' / 'agencies.yml')!r}\n"
        + f"MULTILANG_TERMS_FILE = {str(FIXTURE / 'data' / 'terms.yml')!r}\n"
        + f"MULTILANG_KEYFACTS_FILE = {str(FIXTURE / 'data' / 'keyfacts.yml')!r}\n"
        + "CHECKER_REQUIRED_PAGES = {}\nCHECKER_LEVELS = {'encoding.not-nfc': 'warning'}\n",
        encoding="utf-8",
    )
    args = ["--settings", str(settings), "--no-cache", "--format", "json"]
    proc = subprocess.run(
        [sys.executable, "-c", CHECKING, str(counts), *args],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] > 0
    found = json.loads(counts.read_text())
    sources = sorted(str(p) for p in (FIXTURE / "content").rglob("*.md"))
    assert sorted(found["reads"]) == sources, "every source is read"
    assert {path: n for path, n in found["reads"].items() if n != 1} == {}, "a source was read twice"
    assert found["renders"].get("bodies") == len(sources), "a body was rendered twice"
