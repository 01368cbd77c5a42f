"""Keep each bundle's validation findings between builds, so a rebuild validates only what changed.

A bundle's findings (model.validate.bundle_findings) are reused when its
files are the same — the Markdown files by content, the others by size and
mtime — and so is everything else validation reads: the settings, the
registries and vocabularies (by content), the model's code (by content) and
the content folder. Lookups into other bundles (a `ref` field's target) are
recorded and replayed: the entry is reused only while each still gives the
answer it gave. An entry whose findings came from a failed lookup is not kept,
as its message lists the folder's other items.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from .findings import Finding, from_json, to_json
from .sources import Bundle, ContentTree

logger = logging.getLogger(__name__)

FORMAT = 1
FILE = "multilang-validation.json"
# Settings that cannot change what validation finds (levels are applied after it).
NEUTRAL_SETTINGS = frozenset({"CACHE_PATH", "OUTPUT_PATH", "CHECKER_LEVELS", "CHECKER_STRICT"})
REGISTRIES = ("MULTILANG_AGENCIES_FILE", "MULTILANG_TERMS_FILE", "MULTILANG_VOCABULARIES_FILE")


def fingerprint(settings: dict[str, Any], registries: list[str], content_dir: Path) -> str:
    """Hash what every bundle's findings depend on beyond its own files."""
    hasher = hashlib.blake2b(f"{FORMAT}\0{os.path.abspath(content_dir)}".encode(), digest_size=16)
    plain = {k: v for k, v in settings.items() if k not in NEUTRAL_SETTINGS}
    hasher.update(json.dumps(plain, sort_keys=True, default=_plain).encode())
    model_dir = Path(__file__).resolve().parent
    for path in [*registries, *sorted(str(p) for p in model_dir.glob("*.py"))]:
        hasher.update(f"\0{path}\0".encode())
        try:
            hasher.update(Path(path).read_bytes())
        except OSError:
            hasher.update(b"missing")
    return hasher.hexdigest()


def _plain(value: Any) -> Any:
    """Serialise sets sorted and other objects by type (an address would change every run)."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return type(value).__name__


def stamp(bundle: Bundle) -> str:
    """Hash a bundle's files: Markdown by content, the rest by size and mtime, links by target."""
    parts = [bundle.rel]
    for lang, path in sorted(bundle.versions.items()):
        parts.append(f"v\0{lang}\0{path.name}\0{bundle.doc(lang).digest}")
    for kind, paths in (("f", bundle.files), ("s", bundle.stray_md), ("d", bundle.duplicates)):
        for path in sorted(paths):
            try:
                st = path.stat()
                parts.append(f"{kind}\0{path}\0{st.st_size}\0{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{kind}\0{path}\0missing")
    for path in sorted(bundle.symlinks):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        parts.append(f"l\0{path}\0{target}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class ValidationCache:
    """A JSON file of per-bundle findings in the cache folder, valid for one fingerprint."""

    def __init__(self, cache_dir: str, print_: str, load: bool = True) -> None:
        self.path = Path(cache_dir) / FILE
        self.print = print_
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.loaded = load
        if not load:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("fingerprint") == print_:
                self.entries = data["bundles"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no cache or an unusable one: validate everything

    def get(self, bundle: Bundle, tree: ContentTree, current: str) -> list[Finding] | None:
        """Return the bundle's findings of the last build, if nothing they depend on changed."""
        self.used.add(bundle.rel)
        entry = self.entries.get(bundle.rel)
        if entry is None or entry["stamp"] != current:
            return None
        if not all(getattr(tree, method)(rel) == result for method, rel, result in entry["deps"]):
            return None
        return [from_json(d) for d in entry["findings"]]

    def put(
        self, bundle: Bundle, current: str, found: list[Finding], deps: list[tuple[str, str, bool]]
    ) -> None:
        """Remember a bundle's findings and the lookups into other bundles they came from."""
        if any(not result for _method, _rel, result in deps):
            self.entries.pop(bundle.rel, None)
        else:
            self.entries[bundle.rel] = {
                "stamp": current,
                "findings": [to_json(f) for f in found],
                "deps": [list(d) for d in deps],
            }
        self.dirty = True

    def save(self, whole: bool) -> None:
        """Write the cache atomically; a whole-site run forgets bundles that are gone."""
        if not whole and not self.loaded:
            return  # a few stories read without the cache (a one-story check): keep the others' entries
        if whole and set(self.entries) - self.used:
            self.entries = {rel: e for rel, e in self.entries.items() if rel in self.used}
            self.dirty = True
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = {"format": FORMAT, "fingerprint": self.print, "bundles": self.entries}
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".validation-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, ensure_ascii=False))  # one shot: the C encoder
            os.replace(tmp, self.path)
        except OSError as exc:
            logger.warning("%s: cannot write the validation cache (%s)", self.path, exc)
