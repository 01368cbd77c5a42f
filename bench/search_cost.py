"""Measure what the search index adds to quangba's cold build.

The same cold build of the generated corpus (bench/corpus.py), every plugin
configured in pelicanconf.py, with and without the search plugin; the two
alternate within each round (A B, then B A) so that a machine getting busier
or quieter during the run weighs on both alike. The verdict uses the median
of the rounds' ratios (each round's two builds ran minutes apart), and the
ratio of the two medians is printed beside it:

    .venv/bin/python bench/search_cost.py --stories 2000 --repeat 3

Prints both builds, what search adds to the wall time (target: under 30%)
and the CPU time Pagefind itself used, and writes
bench/.work/search-cost-<N>.json. Exits non-zero when a build fails or writes
an unexpected number of story pages; a missed target is reported, not an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  - bench/corpus.py
import run  # noqa: E402  - bench/run.py: the corpus, the command and the measuring

PLUGIN = "search"
TARGET_SHARE = 0.30  # the search issue: the index adds under 30% to the cold build
PAGEFIND_CPU = re.compile(r"Pagefind: ([0-9.]+) s CPU")


def pagefind_cpu(log: Path) -> float | None:
    """Return the CPU seconds Pagefind used, from the build's search log line."""
    # The line is wrapped by the console handler: join it before matching.
    text = " ".join(log.read_text(encoding="utf-8", errors="replace").split())
    found = PAGEFIND_CPU.search(text)
    return float(found.group(1)) if found else None


def cold_build(plan: run.Plan, plugins: list[str], label: str, round_no: int, logs: Path) -> run.Build:
    """Build the corpus from scratch with the given plugins; return the measured build."""
    base = plan.run_dir / label
    if base.exists():
        shutil.rmtree(base)
    out, cache, images = base / "output", base / "cache", base / "images-cache"
    plan.plugins = plugins
    # -v for the search log line with Pagefind's CPU time, in both builds alike
    # (a few dozen lines); -e takes every argument after it, so -v goes first.
    cmd = run.quangba_cmd(plan, plan.corpus_dir / "content", out, cache, images)
    cmd.insert(1, "-v")
    log = logs / f"{label}-{round_no}.log"
    print(f"  [{round_no}] {label:<14}", end=" ", flush=True)
    since = time.time() - 1
    build = run.measure(cmd, run.REPO, log, tool="quangba", kind="cold", round_no=round_no)
    expected = run.expected_quangba(plan.info["index"], plan.policies)
    run.finish(build, out, log, since=since, keys=plan.keys, expected=expected)
    print(build.summary())
    shutil.rmtree(base, ignore_errors=True)
    return build


def main(argv: list[str] | None = None) -> int:
    """Run both builds in alternation, print the comparison and save it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000, help="corpus size N (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both builds (default 3)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.stories < 1 or args.repeat < 1:
        parser.error("--stories and --repeat must be at least 1")

    policies, configured = run.quangba_settings()
    if PLUGIN not in configured:
        parser.error(f'PLUGINS in pelicanconf.py does not list "{PLUGIN}": nothing to measure')
    without = [name for name in configured if name != PLUGIN]
    corpus_dir, info = run.ensure_corpus(args.stories, args.seed, False)
    run_dir = run.WORK / f"search-cost-{args.stories}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    logs = run_dir / "logs"
    logs.mkdir(parents=True)
    plan = run.Plan(
        corpus_dir,
        info,
        run_dir,
        configured,
        policies,
        plugins_in_use=configured,
        keys={key for _, key, _ in info["index"]},
    )
    print(
        f"N={args.stories}: cold builds with every plugin ({', '.join(configured)}) and without "
        f'"{PLUGIN}"; {args.repeat} round(s), alternating'
    )
    load_before = os.getloadavg()[0]
    builds: dict[str, list[run.Build]] = {"with": [], "without": []}
    cpu_pagefind: list[float] = []
    for round_no in range(1, args.repeat + 1):
        order = ("with", "without") if round_no % 2 else ("without", "with")
        for which in order:
            plugins = configured if which == "with" else without
            build = cold_build(plan, plugins, f"{which}-{PLUGIN}", round_no, logs)
            builds[which].append(build)
            if which == "with" and build.returncode == 0:
                used = pagefind_cpu(run.REPO / build.log)
                if used is not None:
                    cpu_pagefind.append(used)

    problems = [
        f"{which} {PLUGIN}, round {b.round}: {problem}"
        for which, group in builds.items()
        for b in group
        for problem in b.problems
    ]
    ok = {which: [b for b in group if b.returncode == 0] for which, group in builds.items()}
    figures: dict[str, object] = {}
    if ok["with"] and ok["without"]:
        wall = {which: statistics.median(b.seconds for b in group) for which, group in ok.items()}
        cpu = {which: statistics.median(b.cpu_seconds for b in group) for which, group in ok.items()}
        # Pair each round's builds: a machine whose speed drifts (other work
        # on the host) moves both alike, and the ratio cancels it.
        pairs = [
            w.seconds / wo.seconds - 1
            for w, wo in zip(builds["with"], builds["without"], strict=True)
            if w.returncode == 0 and wo.returncode == 0
        ]
        share = statistics.median(pairs)
        of_medians = wall["with"] / wall["without"] - 1
        figures = {
            "wall_seconds": wall,
            "cpu_seconds": cpu,
            "added_share": share,
            "added_share_per_round": pairs,
            "added_share_of_medians": of_medians,
            "target": TARGET_SHARE,
            "met": share < TARGET_SHARE,
            "pagefind_cpu_seconds": statistics.median(cpu_pagefind) if cpu_pagefind else None,
        }
        print()
        print(f"without {PLUGIN}: {wall['without']:.1f} s (cpu {cpu['without']:.1f} s)  [median]")
        print(f"with {PLUGIN}:    {wall['with']:.1f} s (cpu {cpu['with']:.1f} s)  [median]")
        if cpu_pagefind:
            print(f"Pagefind itself: {statistics.median(cpu_pagefind):.1f} s CPU (median)")
        print(
            f"{PLUGIN} adds {share:.0%} to the cold build, median of the rounds "
            f"({', '.join(f'{p:.0%}' for p in pairs)}); {of_medians:.0%} between the medians  "
            f"(target < {TARGET_SHARE:.0%}: {run.verdict(share < TARGET_SHARE)})"
        )
    for problem in problems:
        print(f"PROBLEM: {problem}")

    results = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stories": args.stories,
        "repeat": args.repeat,
        "plugins": configured,
        "load_average": {"before": load_before, "after": os.getloadavg()[0]},
        "machine": {"cpus": os.cpu_count()},
        "figures": figures,
        "builds": {which: [asdict(b) for b in group] for which, group in builds.items()},
        "problems": problems,
    }
    path = run.WORK / f"search-cost-{args.stories}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nresults: {path.relative_to(run.REPO)}; logs: {logs.relative_to(run.REPO)}")
    return 1 if problems or not figures else 0


if __name__ == "__main__":
    sys.exit(main())
