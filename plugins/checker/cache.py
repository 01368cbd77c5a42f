"""Remember each story's findings between runs, so a rebuild re-checks only what changed.

A story's entry is reused when none of its files changed (name, size, mtime)
and the settings, registries and checker code are the same (the fingerprint).
Findings of rules that look at other stories (links) are reused only while the
targets they looked up still exist or not as before. A whole-folder run also
remembers its complete result, reused while no file under content/ changed
(name, size, mtime of every entry) and the settings and code are the same:
`make check` twice in a row reads nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from model.findings import Finding, from_json, to_json
from model.sources import Bundle, ContentTree

from .settings import CheckerConfig

logger = logging.getLogger(__name__)
FORMAT = 1


# Settings that do not change what the rules find (levels are applied after the cache).
NEUTRAL = frozenset(
    {"raw", "strict", "levels", "output_dir", "report_recipient", "report_path", "report_period", "cache_dir"}
)

# The same, as settings (the engine reads the raw settings, so they count too).
NEUTRAL_SETTINGS = frozenset(
    {"CHECKER_STRICT", "CHECKER_LEVELS", "CHECKER_CACHE", "CACHE_PATH", "OUTPUT_PATH"}
    | {"CHECKER_REPORT_RECIPIENT", "CHECKER_REPORT_PATH", "CHECKER_REPORT_IN_BUILD", "CHECKER_REPORT_PERIOD"}
)


def cache_path(cache_dir: Path, content_dir: Path) -> Path:
    """Return the cache file of a content folder (one per folder: the benchmark corpus has its own)."""
    digest = hashlib.sha256(str(content_dir).encode()).hexdigest()[:12]
    return cache_dir / f"checker-{digest}.json"


def fingerprint(config: CheckerConfig) -> str:
    """Hash everything a story's findings depend on besides its own files."""
    # JSON with sorted sets: repr() of a frozenset changes between processes.
    fields = {k: v for k, v in vars(config).items() if k not in NEUTRAL}
    fields["settings"] = {k: v for k, v in config.raw.items() if k not in NEUTRAL_SETTINGS and _settled(v)}
    h = hashlib.sha256(json.dumps(fields, sort_keys=True, default=_plain).encode())
    # The engine reads for the checker (model, multilang): its code counts too.
    plugins = Path(__file__).resolve().parent.parent
    code = sorted(p for name in ("checker", "model", "multilang") for p in (plugins / name).rglob("*.py"))
    for path in (config.agencies_file, config.terms_file, *code):
        try:
            st = path.stat()
            h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"{path}:missing".encode())
    return h.hexdigest()


def _settled(value: Any) -> bool:
    """Say whether a setting's value is plain data (functions and objects print their address)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_settled(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _settled(v) for k, v in value.items())
    return False


def tree_stamp(folder: Path) -> str:
    """Hash the name, kind, size and mtime of every entry under a folder (links not followed)."""
    lines: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # removed while walking: the next run sees the change
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            lines.append(f"{entry.path}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}")
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def stamp(bundle: Bundle) -> list[list[Any]]:
    """Return the names, sizes and modification times of a bundle's files."""
    out = []
    for path in sorted([*bundle.versions.values(), *bundle.files, *bundle.stray_md]):
        st = path.stat()
        out.append([path.name if path.parent == bundle.dir else str(path), st.st_size, st.st_mtime_ns])
    return out


class FindingsCache:
    """A JSON file of per-story findings, valid for one fingerprint."""

    def __init__(self, config: CheckerConfig, cache_dir: Path) -> None:
        self.path = cache_path(cache_dir, config.content_dir)
        self.print = fingerprint(config)
        self.entries: dict[str, dict[str, Any]] = {}
        self.whole: dict[str, Any] = {}
        self.dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("fingerprint") == self.print:
                self.entries = data["bundles"]
                self.whole = data.get("whole") or {}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no cache, or an unusable one: check everything

    def get_whole(self, tree: str) -> tuple[list[Finding], int] | None:
        """Return the last whole-folder run's raw findings and file count, if the tree is unchanged."""
        if self.whole.get("tree") != tree:
            return None
        return [from_json(d) for d in self.whole["findings"]], int(self.whole["files"])

    def put_whole(self, tree: str, findings: list[Finding], files: int) -> None:
        """Remember a whole-folder run's raw findings (before levels) for an unchanged tree."""
        self.whole = {"tree": tree, "findings": [to_json(f) for f in findings], "files": files}
        self.dirty = True

    def get(
        self, bundle: Bundle, tree: ContentTree, current: list[list[Any]]
    ) -> tuple[list[Finding], list[Finding] | None] | None:
        """Return (local findings, cross-file findings or None if stale) when the story did not change."""
        entry = self.entries.get(bundle.rel)
        if entry is None or entry["stamp"] != current:
            return None
        local = [from_json(d) for d in entry["local"]]
        deps_hold = all(getattr(tree, method)(rel) == result for method, rel, result in entry["deps"])
        cross = [from_json(d) for d in entry["cross"]] if deps_hold else None
        return local, cross

    def put(
        self,
        bundle: Bundle,
        current: list[list[Any]],
        local: list[Finding],
        cross: list[Finding],
        deps: list[tuple[str, str, bool]],
    ) -> None:
        """Remember a story's findings."""
        self.entries[bundle.rel] = {
            "stamp": current,
            "local": [to_json(f) for f in local],
            "cross": [to_json(f) for f in cross],
            "deps": [list(d) for d in deps],
        }
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically (another run may be reading it)."""
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = {"format": FORMAT, "fingerprint": self.print, "bundles": self.entries, "whole": self.whole}
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".checker-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False))  # one shot: the C encoder
            os.replace(tmp, self.path)
        except OSError as exc:
            logger.warning(
                "%s: cannot write the checker cache (%s); the next run checks everything", self.path, exc
            )
