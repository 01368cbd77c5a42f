"""Time the content checker: the whole content folder, and one story as the pre-commit hook runs it.

Usage: .venv/bin/python bench/check_bench.py CONTENT_DIR [--settings pelicanconf.py] [--repeat 3]

Each run is `python -m checker` in a child process (interpreter start-up
included, as an editor or the pre-commit hook sees it), with the settings'
registries and `--content CONTENT_DIR`: the whole folder without the findings
cache, again with a warm cache, and one story without the cache. Prints medians; exits 1 when the
checker fails to run (exit status 2) or the one-story check misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_STORY_TARGET_S = 1.0


def run_checker(content: Path, settings: Path, paths: list[Path], cache: bool) -> tuple[float, dict]:
    """Run the checker once; return (wall seconds, JSON summary)."""
    args = [sys.executable, "-m", "checker", "--settings", str(settings), "--content", str(content)]
    args += [] if cache else ["--no-cache"]
    args += ["--format", "json", *map(str, paths)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode == 2:
        sys.exit(f"checker failed:\n{proc.stderr}")
    return elapsed, json.loads(proc.stdout)["summary"]


def middle_story(content: Path) -> Path:
    """Return the source file of the middle story of the corpus (sorted by path)."""
    stories = sorted(p for p in content.glob("*/*/index.vi.md") if p.parts[-3] != "pages")
    if not stories:
        sys.exit(f"{content}: no stories (content/<section>/<story>/index.vi.md)")
    return stories[len(stories) // 2]


def main() -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="content folder (e.g. bench/.work/corpus-2000/content)")
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    content = args.content.resolve()
    stories = sum(1 for p in content.glob("*/*") if p.is_dir() and p.parent.name != "pages")
    story = middle_story(content)

    cold, warm, one = [], [], []
    summary: dict = {}
    for _ in range(args.repeat):
        seconds, summary = run_checker(content, args.settings, [], cache=False)
        cold.append(seconds)
        run_checker(content, args.settings, [], cache=True)  # fill the cache
        seconds, _ = run_checker(content, args.settings, [], cache=True)
        warm.append(seconds)
        seconds, _ = run_checker(content, args.settings, [story], cache=False)
        one.append(seconds)
    one_s = statistics.median(one)
    print(f"checker, {stories} stories, {summary['files']} files, median of {args.repeat}:")
    print(
        f"  whole content   {statistics.median(cold):6.2f} s   "
        f"({summary['errors']} errors, {summary['warnings']} warnings)"
    )
    print(f"  whole, cached   {statistics.median(warm):6.2f} s   (no story changed since the last run)")
    met = "met" if one_s < ONE_STORY_TARGET_S else "MISSED"
    print(
        f"  one story       {one_s:6.2f} s   (target < {ONE_STORY_TARGET_S:.0f} s: {met}; "
        f"{story.relative_to(content)})"
    )
    return 0 if one_s < ONE_STORY_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
