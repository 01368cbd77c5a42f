"""Benchmark quangba's build against stock Pelican + pelican-i18n-subsites.

On one generated corpus (bench/corpus.py) and in one run, alternating the two
tools, this measures: quangba's cold build, the baseline's cold build (stock
Pelican 4.12.0 + pelican-i18n-subsites 1.0.0, default theme, in its own
virtualenv bench/.venv-baseline/), and quangba's rebuild after one story is
edited (warm content cache, previous output). Each build runs as a child
process: wall time from the parent, peak memory from the child's own rusage
(os.wait4: the largest single process) and from sampling the PSS of its
whole process tree (the sum, forked workers included).

    .venv/bin/python bench/run.py --stories 2000

Prints a table and the targets (baseline/quangba >= 5x, quangba peak < 1 GiB,
rebuild < 25% of cold) and writes bench/.work/results-<N>.json. Exits non-zero
when a build fails or writes an unexpected number of story pages; missing a
target is reported, not an error (it is a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import runpy
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  - bench/corpus.py, beside this file

QUANGBA_PELICAN = REPO / ".venv" / "bin" / "pelican"
QUANGBA_SETTINGS = REPO / "pelicanconf.py"
BASELINE_VENV = BENCH / ".venv-baseline"
BASELINE_PELICAN = BASELINE_VENV / "bin" / "pelican"
BASELINE_SETTINGS = BENCH / "baseline" / "pelicanconf.py"
BASELINE_PINS = ("pelican[markdown]==4.12.0", "pelican-i18n-subsites==1.0.0")
# Folders of the real site a benchmark must never write to.
GUARDED = (REPO / "output", REPO / ".cache")
# What quangba's pages are made of besides content and the plugins in use:
# others edit them in the same tree, and a change between a cold build and its
# rebuild re-renders every page.
SITE_CODE = (REPO / "themes", REPO / "translations", REPO / "data", QUANGBA_SETTINGS)
TARGET_RATIO = 5.0
TARGET_PEAK_MIB = 1024.0
TARGET_REBUILD_SHARE = 0.25
SAMPLE_EVERY = 0.05  # seconds between process-tree memory samples
EDIT_SENTENCE = "Câu này được thêm vào để đo thời gian dựng lại sau một lần sửa bài."


# --------------------------------------------------------------------------
# Measuring one child process
# --------------------------------------------------------------------------


def tree_pss(pid: int) -> int:
    """Return the summed proportional set size (bytes) of ``pid`` and its descendants.

    PSS splits pages shared between processes (forked workers share most of
    their parent's memory), so the sum is the tree's real footprint; summing
    RSS would count every shared page once per process.
    """
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError, IndexError):
            continue  # the process ended between two reads
    return total


class TreeSampler(threading.Thread):
    """Sample the process tree's PSS until stopped; keep the maximum."""

    def __init__(self, pid: int) -> None:
        """Watch the tree rooted at ``pid``."""
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Sample until ``stop()``."""
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_pss(self.pid))
            self._stop_event.wait(SAMPLE_EVERY)

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop_event.set()
        self.join()


@dataclass
class Build:
    """One measured build."""

    tool: str  # "quangba" or "baseline"
    kind: str  # "cold" or "rebuild"
    round: int
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the build and its workers
    peak_mib: float  # largest single process (ru_maxrss from wait4)
    tree_mib: float  # sampled PSS summed over the process tree (forked workers)
    returncode: int
    html_pages: int = 0  # .html files in the output after the build
    html_written: int = 0  # .html files written or rewritten by this build
    html_changed: int | None = None  # rebuild: .html files whose content changed
    story_pages: int = 0
    expected_story_pages: int = 0
    warnings: int = 0
    errors: int = 0
    log: str = ""
    problems: list[str] = field(default_factory=list)
    site_changed: bool = False  # theme/plugins/catalogs/settings changed meanwhile

    def summary(self) -> str:
        """Return a one-line progress report."""
        memory = max(self.peak_mib, self.tree_mib)
        line = f"{self.seconds:.1f} s (cpu {self.cpu_seconds:.1f} s), {memory:.0f} MiB"
        if self.kind == "rebuild":
            line += f", {self.html_written} pages written, {self.html_changed} with new content"
        if self.site_changed:
            line += "  (site code changed meanwhile: left out of the medians)"
        return line + (f"  FAILED: {'; '.join(self.problems)}" if self.problems else "")


def measure(cmd: list[str], cwd: Path, log: Path, *, tool: str, kind: str, round_no: int) -> Build:
    """Run ``cmd`` as a child process and return its time, memory and exit code."""
    env = dict(os.environ, COLUMNS="160")
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        # wait4 returns the child's own rusage, unaffected by earlier children.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits again
    return Build(
        tool,
        kind,
        round_no,
        seconds=seconds,
        # Includes the workers the build waited for (forked renderers).
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        tree_mib=sampler.peak / 2**20,
        returncode=proc.returncode,
    )


def count_log(log: Path) -> tuple[int, int]:
    """Return the numbers of WARNING and ERROR/CRITICAL records in a Pelican log."""
    warnings = errors = 0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split()[:3]
        warnings += "WARNING" in words
        errors += "ERROR" in words or "CRITICAL" in words
    return warnings, errors


def digests(out: Path) -> dict[Path, str]:
    """Return a content digest of every .html file under ``out``."""
    return {p: hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest() for p in html_files(out)}


def html_files(out: Path, since: float | None = None) -> list[Path]:
    """Return the .html files under ``out`` (modified at or after ``since``)."""
    if not out.is_dir():
        return []
    files = list(out.rglob("*.html"))
    if since is not None:
        files = [f for f in files if f.stat().st_mtime >= since]
    return files


# --------------------------------------------------------------------------
# Corpus, baseline environment, guard
# --------------------------------------------------------------------------


def corpus_name(stories: int, projects: int = 0, documents: int = 0) -> str:
    """Return a corpus's name: "2000", or "2000-p500-d500" with projects and documents."""
    return f"{stories}-p{projects}-d{documents}" if projects or documents else str(stories)


def ensure_corpus(
    stories: int, seed: int, builtin: bool, *, projects: int = 0, documents: int = 0
) -> tuple[Path, dict]:
    """Return the cached corpus for ``stories`` (and items), (re)generating it when stale."""
    registries = corpus.load_registries(REPO / "data", builtin=builtin)
    folder = WORK / f"corpus-{corpus_name(stories, projects, documents)}"
    stamp = folder / corpus.STAMP
    if stamp.is_file():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if (
            info.get("generator_version") == corpus.GENERATOR_VERSION
            and info.get("stories") == stories
            and info.get("seed") == seed
            and info.get("registries") == registries.source
            and info.get("projects", 0) == projects
            and info.get("documents", 0) == documents
        ):
            print(f"corpus: {folder} (cached)")
            return folder, info
    print(
        f"corpus: generating {stories} stories, {projects} projects, {documents} documents in {folder} ...",
        flush=True,
    )
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    info = corpus.write_corpus(folder, stories, seed, registries, projects=projects, documents=documents)
    print(f"corpus: done in {time.perf_counter() - start:.1f} s")
    return folder, info


def ensure_baseline_venv() -> None:
    """Create bench/.venv-baseline with the pinned baseline, once."""
    stamp = BASELINE_VENV / "bench-pins.txt"
    wanted = "\n".join(BASELINE_PINS) + "\n"
    if BASELINE_PELICAN.exists() and stamp.is_file() and stamp.read_text() == wanted:
        return
    print(f"baseline: creating {BASELINE_VENV} with {' '.join(BASELINE_PINS)} ...", flush=True)
    if BASELINE_VENV.exists():
        shutil.rmtree(BASELINE_VENV)
    subprocess.run([sys.executable, "-m", "venv", str(BASELINE_VENV)], check=True)
    pip = [str(BASELINE_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *BASELINE_PINS], check=True)
    stamp.write_text(wanted)


def tool_versions(python: Path, packages: tuple[str, ...]) -> dict[str, str]:
    """Return the installed versions of ``packages`` in one environment."""
    code = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({p: m.version(p) for p in sys.argv[1:]}))"
    )
    done = subprocess.run([str(python), "-c", code, *packages], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def guard_signature() -> dict[str, tuple[int, float]]:
    """Return (entries, newest mtime) of each guarded folder of the real site."""
    signature: dict[str, tuple[int, float]] = {}
    for folder in GUARDED:
        entries, newest = 0, 0.0
        if folder.exists():
            for path in folder.rglob("*"):
                entries += 1
                newest = max(newest, path.lstat().st_mtime)
            newest = max(newest, folder.stat().st_mtime)
        signature[str(folder)] = (entries, newest)
    return signature


def site_code_signature(plugins: list[str]) -> str:
    """Hash the names, sizes and times of quangba's theme, plugins, catalogs and settings."""
    hasher = hashlib.blake2b(digest_size=16)
    for root in (*SITE_CODE, *(REPO / "plugins" / name for name in plugins)):
        if not root.exists():
            continue
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            stat = path.stat()
            hasher.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


def leaked_pages(keys: set[str]) -> list[str]:
    """Return paths in the real output/ named after a corpus story (a leak of ours)."""
    output = REPO / "output"
    if not output.is_dir():
        return []
    return [str(p) for p in output.rglob("*") if p.name in keys or p.stem in keys]


# --------------------------------------------------------------------------
# Expected pages
# --------------------------------------------------------------------------


def quangba_settings() -> tuple[dict[str, str], list[str]]:
    """Return each language's untranslated policy and PLUGINS from pelicanconf.py."""
    sys.path.insert(0, str(REPO))  # the settings may import modules that sit beside them
    try:
        settings = runpy.run_path(str(QUANGBA_SETTINGS))
    finally:
        sys.path.remove(str(REPO))
    policies = {
        code: spec.get("untranslated", "hide") for code, spec in settings["MULTILANG_LANGUAGES"].items()
    }
    return policies, list(settings.get("PLUGINS", []))


def expected_quangba(index: list, policies: dict[str, str]) -> int:
    """Count story pages quangba must write: real versions plus fallbacks."""
    total = 0
    for lang, policy in policies.items():
        with_lang = sum(1 for _, _, langs in index if lang in langs)
        total += len(index) if policy == "fallback" else with_lang
    return total


def quangba_story_pages(out: Path, keys: set[str]) -> int:
    """Count ``<key>/index.html`` files (a story page in any language).

    The pages saying a story is not available in a language
    (``<lang>/unavailable/<section>/<key>/``) are not story pages.
    """
    return sum(
        1 for page in out.rglob("index.html") if page.parent.name in keys and "unavailable" not in page.parts
    )


def expected_baseline(index: list, langs: tuple[str, ...]) -> int:
    """Count story pages i18n-subsites must write, drafts included."""
    main, subsites = langs[0], langs[1:]
    total = sum(1 for _, _, versions in index if main in versions)
    for lang in subsites:
        for _, _, versions in index:
            # A story without this language: every version becomes a draft.
            total += 1 if lang in versions else len(versions)
    return total


def baseline_story_pages(out: Path, keys: set[str]) -> int:
    """Count article and draft pages named after a story key."""
    count = 0
    for page in out.rglob("*.html"):
        stem = page.stem
        if page.parent.name == "drafts":
            stem = stem.rsplit("-", 1)[0]  # drafts/<slug>-<lang>.html
        count += stem in keys
    return count


# --------------------------------------------------------------------------
# The builds
# --------------------------------------------------------------------------


@dataclass
class Plan:
    """Paths and options shared by every build of one run."""

    corpus_dir: Path
    info: dict
    run_dir: Path
    plugins: list[str] | None
    policies: dict[str, str]
    plugins_in_use: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def quangba_cmd(plan: Plan, content: Path, out: Path, cache: Path, images: Path) -> list[str]:
    """Return the quangba build command with every cache/output outside the repo."""
    overrides = {
        "IMAGES_CACHE_PATH": str(images),
        "MULTILANG_AGENCIES_FILE": str(REPO / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(REPO / "data" / "terms.yml"),
        # The demo's home key facts name a hero image in the demo's content,
        # not in the corpus: the corpus has none (a plain home page).
        "MULTILANG_KEYFACTS_FILE": str(content.parent / "keyfacts.yml"),
    }
    if plan.plugins is not None:
        overrides["PLUGINS"] = plan.plugins
    # The content path goes first: -e takes every argument after it.
    cmd = [
        str(QUANGBA_PELICAN),
        str(content),
        "-s",
        str(QUANGBA_SETTINGS),
        "-o",
        str(out),
        "--cache-path",
        str(cache),
        "-e",
    ]
    return cmd + [f"{key}={json.dumps(value)}" for key, value in overrides.items()]


def finish(build: Build, out: Path, log: Path, *, since: float, keys: set[str], expected: int) -> Build:
    """Fill in page counts and log figures; note what went wrong."""
    build.expected_story_pages = expected
    build.log = str(log.relative_to(REPO))
    build.warnings, build.errors = count_log(log)
    build.html_pages = len(html_files(out))
    build.html_written = len(html_files(out, since))
    if build.tool == "quangba":
        build.story_pages = quangba_story_pages(out, keys) if out.is_dir() else 0
    else:
        build.story_pages = baseline_story_pages(out, keys) if out.is_dir() else 0
    if build.returncode != 0:
        build.problems.append(f"exit code {build.returncode}; see {build.log}")
    if build.kind == "cold" and build.story_pages != build.expected_story_pages:
        build.problems.append(
            f"{build.story_pages} story pages written, {build.expected_story_pages} expected"
        )
    return build


def run_quangba(plan: Plan, round_no: int, logs: Path) -> list[Build]:
    """Cold-build quangba on a fresh copy of the corpus, edit one story, rebuild."""
    base = plan.run_dir / "quangba"
    if base.exists():
        shutil.rmtree(base)
    content = base / "content"
    shutil.copytree(plan.corpus_dir / "content", content)  # keeps mtimes
    out, cache, images = base / "output", base / "cache", base / "images-cache"
    cmd = quangba_cmd(plan, content, out, cache, images)
    expected = expected_quangba(plan.info["index"], plan.policies)
    print(f"  [{round_no}] quangba cold ...", end=" ", flush=True)
    log = logs / f"quangba-cold-{round_no}.log"
    code_before = site_code_signature(plan.plugins_in_use)
    since = time.time() - 1
    cold = measure(cmd, REPO, log, tool="quangba", kind="cold", round_no=round_no)
    finish(cold, out, log, since=since, keys=plan.keys, expected=expected)
    cold.site_changed = site_code_signature(plan.plugins_in_use) != code_before
    print(cold.summary())
    if cold.returncode != 0:
        return [cold]

    section, key, _ = plan.info["index"][len(plan.info["index"]) // 2]
    edited = content / section / key / "index.vi.md"
    with edited.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{EDIT_SENTENCE}\n")
    bump = max(time.time(), edited.stat().st_mtime) + 1
    os.utime(edited, (bump, bump))

    print(f"  [{round_no}] quangba rebuild (edited {section}/{key}) ...", end=" ", flush=True)
    log = logs / f"quangba-rebuild-{round_no}.log"
    before = digests(out)
    time.sleep(0.2)  # file times use a coarse clock: keep the cold build's writes apart
    since = time.time() - 0.05
    rebuild = measure(cmd, REPO, log, tool="quangba", kind="rebuild", round_no=round_no)
    finish(rebuild, out, log, since=since, keys=plan.keys, expected=expected)
    rebuild.site_changed = site_code_signature(plan.plugins_in_use) != code_before
    after = digests(out)
    rebuild.html_changed = sum(1 for p, d in after.items() if before.get(p) != d)
    print(rebuild.summary())
    return [cold, rebuild]


def run_baseline(plan: Plan, round_no: int, logs: Path) -> Build:
    """Cold-build the baseline on the pristine corpus."""
    base = plan.run_dir / "baseline"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    out, cache = base / "output", base / "cache"
    cmd = [
        str(BASELINE_PELICAN),
        str(plan.corpus_dir / "content"),
        "-s",
        str(BASELINE_SETTINGS),
        "-o",
        str(out),
        "--cache-path",
        str(cache),
    ]
    expected = expected_baseline(plan.info["index"], corpus.LANGS)
    print(f"  [{round_no}] baseline cold ...", end=" ", flush=True)
    log = logs / f"baseline-cold-{round_no}.log"
    since = time.time() - 1
    build = measure(cmd, base, log, tool="baseline", kind="cold", round_no=round_no)
    finish(build, out, log, since=since, keys=plan.keys, expected=expected)
    print(build.summary())
    return build


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def median_of(builds: list[Build], tool: str, kind: str) -> dict | None:
    """Return the medians of the successful builds of one tool and kind.

    Builds during which the site's code changed count only when no other does.
    """
    chosen = [b for b in builds if b.tool == tool and b.kind == kind and b.returncode == 0]
    if not chosen:
        return None
    chosen = [b for b in chosen if not b.site_changed] or chosen

    def med(name: str) -> float:
        return statistics.median(getattr(b, name) for b in chosen)

    changed = [b.html_changed for b in chosen if b.html_changed is not None]

    return {
        "runs": len(chosen),
        "site_changed": any(b.site_changed for b in chosen),
        "seconds": med("seconds"),
        "cpu_seconds": med("cpu_seconds"),
        "peak_mib": med("peak_mib"),
        "tree_mib": med("tree_mib"),
        "html_pages": int(med("html_pages")),
        "html_written": int(med("html_written")),
        "html_changed": int(statistics.median(changed)) if changed else None,
        "story_pages": int(med("story_pages")),
        "warnings": int(med("warnings")),
    }


def verdict(ok: bool) -> str:
    """Return a target verdict word."""
    return "met" if ok else "MISSED"


def report(stories: int, files: int, medians: dict[str, dict | None]) -> dict:
    """Print the table and the targets; return the figures for the JSON file."""
    rows = [("quangba", medians["quangba"]), ("baseline", medians["baseline"])]
    print()
    print(
        f"{'tool':<10}{'N':>6}{'files':>7}{'pages':>8}{'cold s':>9}{'cpu s':>8}{'peak MiB':>10}"
        f"{'tree MiB':>10}{'pages/s':>9}"
    )
    for name, m in rows:
        if m is None:
            print(f"{name:<10}{stories:>6}{files:>7}{'-':>8}{'-':>9}{'-':>8}{'-':>10}{'-':>10}{'-':>9}")
            continue
        rate = m["html_pages"] / m["seconds"] if m["seconds"] else 0
        print(
            f"{name:<10}{stories:>6}{files:>7}{m['html_pages']:>8}{m['seconds']:>9.1f}"
            f"{m['cpu_seconds']:>8.1f}{m['peak_mib']:>10.0f}{m['tree_mib']:>10.0f}{rate:>9.0f}"
        )
    targets: dict[str, object] = {}
    q, b, r = medians["quangba"], medians["baseline"], medians["rebuild"]
    print()
    if any(m and m["site_changed"] for m in (q, r)):
        print(
            "note: quangba's theme, plugins, catalogs or settings changed during every round; "
            "its figures mix versions (the rebuild may have re-rendered every page)"
        )
    if q and b:
        ratio = b["seconds"] / q["seconds"]
        targets["ratio"] = {"value": ratio, "target": TARGET_RATIO, "met": ratio >= TARGET_RATIO}
        cpu_ratio = b["cpu_seconds"] / q["cpu_seconds"] if q["cpu_seconds"] else 0.0
        targets["cpu_ratio"] = {"value": cpu_ratio, "target": None, "met": None}
        print(
            f"baseline/quangba cold: {ratio:.1f}x  (target >= {TARGET_RATIO:.0f}x: "
            f"{verdict(ratio >= TARGET_RATIO)}); in CPU time {cpu_ratio:.1f}x"
        )
    else:
        print("baseline/quangba cold: n/a (both builds are needed, from this run)")
    if q:
        peak = max(q["peak_mib"], q["tree_mib"])
        targets["peak_mib"] = {"value": peak, "target": TARGET_PEAK_MIB, "met": peak < TARGET_PEAK_MIB}
        print(
            f"quangba peak memory: {peak:.0f} MiB  (target < {TARGET_PEAK_MIB:.0f} MiB: "
            f"{verdict(peak < TARGET_PEAK_MIB)})"
        )
    if q and r:
        share = r["seconds"] / q["seconds"]
        targets["rebuild_share"] = {
            "value": share,
            "target": TARGET_REBUILD_SHARE,
            "met": share < TARGET_REBUILD_SHARE,
        }
        print(
            f"quangba rebuild after one edit: {r['seconds']:.1f} s = {share:.0%} of cold  "
            f"(target < {TARGET_REBUILD_SHARE:.0%}: {verdict(share < TARGET_REBUILD_SHARE)}); "
            f"{r['html_written']} pages written, {r['html_changed']} with new content"
        )
    return targets


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the builds, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000, help="corpus size N (default 2000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="rounds; medians are reported (default 3 if N <= 500, else 1)",
    )
    parser.add_argument("--only", choices=("quangba", "baseline"), help="run one tool only")
    parser.add_argument("--skip-baseline", action="store_true", help="same as --only quangba")
    parser.add_argument(
        "--plugins", help="comma-separated PLUGINS for quangba (default: as configured in pelicanconf.py)"
    )
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--projects", type=int, default=0, help="investment projects in the corpus")
    parser.add_argument("--documents", type=int, default=0, help="official documents in the corpus")
    parser.add_argument(
        "--keep", action="store_true", help="keep the last round's outputs under bench/.work/run-<N>/"
    )
    parser.add_argument(
        "--builtin-registries",
        action="store_true",
        help="corpus with built-in terms/agencies: smoke tests only",
    )
    args = parser.parse_args(argv)
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    repeat = args.repeat or (3 if args.stories <= 500 else 1)
    if args.skip_baseline and args.only == "baseline":
        parser.error("--skip-baseline and --only baseline exclude each other")
    only = "quangba" if args.skip_baseline else args.only
    tools = ("quangba", "baseline") if only is None else (only,)

    corpus_dir, info = ensure_corpus(
        args.stories, args.seed, args.builtin_registries, projects=args.projects, documents=args.documents
    )
    name = corpus_name(args.stories, args.projects, args.documents)
    files = info["story_files"] + info["page_files"] + info.get("item_files", 0)
    if "baseline" in tools:
        ensure_baseline_venv()
    run_dir = WORK / f"run-{name}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    logs = run_dir / "logs"
    logs.mkdir(parents=True)
    plugins = [p.strip() for p in args.plugins.split(",") if p.strip()] if args.plugins else None
    policies, configured_plugins = quangba_settings()
    plan = Plan(
        corpus_dir,
        info,
        run_dir,
        plugins,
        policies,
        plugins_in_use=plugins if plugins is not None else configured_plugins,
        keys={key for _, key, _ in info["index"]},
    )
    versions = {"quangba": tool_versions(QUANGBA_PELICAN.with_name("python"), ("pelican", "markdown"))}
    if "baseline" in tools:
        versions["baseline"] = tool_versions(
            BASELINE_PELICAN.with_name("python"), ("pelican", "pelican-i18n-subsites", "markdown")
        )

    print(
        f"N={args.stories}: {info['story_files']} story files "
        f"({info['files_per_story']} per story) + {info['page_files']} page files"
        f" + {info.get('projects', 0)} projects and {info.get('documents', 0)} documents"
        f" in {info.get('item_files', 0)} files; "
        f"{repeat} round(s), tools alternate"
    )
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        print(
            f"note: load average {load_before:.1f} on {os.cpu_count()} CPUs before the run: "
            "other work competes with the builds, wall times will be inflated"
        )
    before = guard_signature()
    builds: list[Build] = []
    for round_no in range(1, repeat + 1):
        order = tools if round_no % 2 else tools[::-1]
        for tool in order:
            if tool == "quangba":
                builds.extend(run_quangba(plan, round_no, logs))
            else:
                builds.append(run_baseline(plan, round_no, logs))
    # Other people may build the real site meanwhile: a change is only a hint,
    # a corpus story in the real output/ is proof of a leak.
    touched = guard_signature() != before
    load_after = os.getloadavg()[0]
    leaks = leaked_pages(plan.keys)

    medians = {
        "quangba": median_of(builds, "quangba", "cold"),
        "baseline": median_of(builds, "baseline", "cold"),
        "rebuild": median_of(builds, "quangba", "rebuild"),
    }
    targets = report(args.stories, files, medians)
    problems = [f"{b.tool} {b.kind} round {b.round}: {p}" for b in builds for p in b.problems]
    if leaks:
        problems.append(f"corpus pages were written to the real output/: {leaks[:3]}")
    if touched:
        print(
            f"note: {', '.join(map(str, GUARDED))} changed during the run; no corpus page "
            "is in output/, so probably another process built the real site meanwhile"
        )
    for problem in problems:
        print(f"PROBLEM: {problem}")

    results = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stories": args.stories,
        "repeat": repeat,
        "corpus": {k: v for k, v in info.items() if k not in ("index", "items")} | {"path": str(corpus_dir)},
        "quangba_plugins": plugins if plugins is not None else configured_plugins,
        "load_average": {"before": load_before, "after": load_after},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": versions,
        "medians": medians,
        "targets": targets,
        "builds": [asdict(b) for b in builds],
        "problems": problems,
        "real_site_changed_during_run": touched,
    }
    results_path = WORK / f"results-{name}.json"
    results_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nresults: {results_path.relative_to(REPO)}; logs: {logs.relative_to(REPO)}")
    if not args.keep:
        for sub in ("quangba", "baseline"):
            shutil.rmtree(run_dir / sub, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
