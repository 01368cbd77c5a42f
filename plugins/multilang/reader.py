"""A Markdown reader that normalises text to NFC, sanitises what it renders and reuses its parsers."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from typing import Any

from markdown import Markdown
from model import sanitise
from model.text import nfc
from pelican.readers import (
    DUPLICATES_DEFINITIONS_ALLOWED,
    MarkdownReader,
    Readers,
    _filter_discardable_metadata,
)
from pelican.utils import file_suffix

# The metadata key the reader leaves what the sanitiser removed under (a tuple
# of model.sanitise.Removal): cached with the body, moved to `version.sanitised`.
SANITISED = "sanitised"
# The reader cache entry that names the sanitiser policy its bodies were cleaned with.
_POLICY_KEY = "\0sanitiser-policy"


class BundleMarkdownReader(MarkdownReader):
    """Read Markdown as Pelican does, after NFC normalisation, with reused parsers; sanitise the HTML."""

    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Building a Markdown instance per file (as Pelican does) costs more
        # than converting a short story; reset() gives the same clean state.
        # Formatted fields (Summary) get their own parser without the meta
        # extension, so the body parser keeps reading headers.
        self._body_md: Markdown | None = None
        self._field_md: Markdown | None = None
        # The source files as model.sources read them ({absolute path: Document}):
        # the text is taken from there, so no file is opened twice in a build.
        self.sources: dict[str, Any] = {}
        self.policy = sanitise.policy(self.settings)
        self._removed: list[sanitise.Removal] = []

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Parse one file into sanitised HTML and processed metadata (what was removed under SANITISED)."""
        self._source_path = source_path
        doc = self.sources.get(os.path.abspath(source_path))
        if doc is not None:
            text = nfc(doc.text)
        else:  # a file outside the validated sources (Pelican's own readers' callers)
            with open(source_path, encoding="utf-8-sig") as handle:
                text = nfc(handle.read())
        content, meta = self.render(text)
        metadata = self._parse_metadata(meta)
        metadata[SANITISED] = tuple(self._removed)
        return content, metadata

    def render(self, text: str) -> tuple[str, dict[str, list[str]]]:
        """Return the sanitised body of a Markdown text and its raw header (removals in `_removed`)."""
        if self._body_md is None:
            self._body_md = Markdown(**self.settings["MARKDOWN"])
        self._body_md.reset()
        content, self._removed = sanitise.sanitise(self._body_md.convert(text), self.policy)
        return content, getattr(self._body_md, "Meta", None) or {}

    def removals(self, text: str) -> tuple[sanitise.Removal, ...]:
        """Return what sanitising a text's body and formatted fields removes (files the engine left out)."""
        _content, meta = self.render(text)
        for name, values in meta.items():
            if name.lower() in self.settings["FORMATTED_FIELDS"]:
                self._format(name.lower(), [nfc(value) for value in values])
        return tuple(self._removed)

    def _format(self, name: str, values: list[str]) -> str:
        """Render and sanitise a formatted field (Summary), recording what was removed."""
        if self._field_md is None:
            # A one-line summary needs no extensions: plain Markdown is
            # several times faster than the body's pipeline.
            self._field_md = Markdown(output_format=self.settings["MARKDOWN"].get("output_format", "html5"))
        self._field_md.reset()
        html, removed = sanitise.sanitise(self._field_md.convert("\n".join(values)), self.policy, name)
        self._removed.extend(removed)
        return html

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        """Process header values as Pelican does, formatting (and sanitising) fields with the field parser."""
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        output: dict[str, Any] = {}
        for name, values in meta.items():
            name = name.lower()
            values = [nfc(value) for value in values]
            if name in formatted_fields:
                output[name] = self.process_metadata(name, self._format(name, values))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                output[name] = self.process_metadata(name, values[0])
            else:
                output[name] = self.process_metadata(name, values)
        return output


def use_bundle_reader(readers: Any) -> None:
    """Replace Pelican's Markdown reader with the NFC, sanitising one (readers_init receiver, or after)."""
    for ext in BundleMarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is not None:
            readers.reader_classes[ext] = BundleMarkdownReader
            # Called after Readers() (a standalone check), the instances exist already.
            current = getattr(readers, "readers", {}).get(ext)
            if current is not None and not isinstance(current, BundleMarkdownReader):
                readers.readers[ext] = BundleMarkdownReader(readers.settings)


class PrefetchingReaders(Readers):
    """Pelican's Readers, able to parse many uncached files in parallel first."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._prefetched: dict[str, tuple[str, dict[str, Any]]] = {}
        self._changed = False  # saving rewrites the whole cache (30 MB at 2,000 stories): only when needed
        # Bodies are cached sanitised: another policy (settings, code) reads every file again.
        digest = sanitise.policy(self.settings).digest() + _code_digest()
        if self._cache.get(_POLICY_KEY) != digest:
            self._cache = {_POLICY_KEY: digest}
            self._changed = True

    def cache_data(self, filename: str, data: Any) -> None:
        """Cache a file's parse (Pelican's), and remember that the cache must be saved."""
        super().cache_data(filename, data)
        self._changed = True

    def save_cache(self) -> None:
        """Save the cache when a file was parsed again; a run that parsed none leaves it as it is."""
        if self._changed:
            super().save_cache()
            self._changed = False

    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        """Return prefetched data first, then Pelican's file-stamp cache."""
        if filename in self._prefetched:
            return self._prefetched.pop(filename)
        return super().get_cached_data(filename, default)

    def use_sources(self, docs: dict[str, Any]) -> None:
        """Give the Markdown readers the already-read source files by absolute path."""
        for reader in self.readers.values():
            if isinstance(reader, BundleMarkdownReader):
                reader.sources = docs

    def prefetch(self, paths: list[str], workers: int) -> int:
        """Parse the files not in the cache with forked workers; return how many."""
        cached = super().get_cached_data
        self._prefetched.clear()  # what an earlier call left unread may be stale now
        todo = []
        for path in paths:
            found = cached(path, None)
            if found is None:
                todo.append(path)
            else:  # read_file asks next: answered without checking the file's stamp again
                self._prefetched[path] = found
        if workers <= 1 or len(todo) < PREFETCH_MIN or "fork" not in multiprocessing.get_all_start_methods():
            return 0
        global _WORKER_READERS  # noqa: PLW0603 (handed to forked workers, read-only there)
        _WORKER_READERS = self
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for path, result in zip(todo, pool.imap(_parse, todo, chunksize=64), strict=True):
                    if isinstance(result, BaseException):
                        continue  # read_file parses it again and reports the error with the file name
                    self.cache_data(path, result)
                    self._prefetched[path] = result
        finally:
            _WORKER_READERS = None
        return len(todo)


def _code_digest() -> str:
    """Return a hash of this reader's code (what it renders is cached)."""
    with open(__file__, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:16]


# Below this many uncached files, forking costs more than it saves.
PREFETCH_MIN = 300
_WORKER_READERS: PrefetchingReaders | None = None


def _parse(path: str) -> Any:
    """Parse one file in a worker as read_file would (reader + discardable filter)."""
    readers = _WORKER_READERS
    assert readers is not None
    try:
        reader = readers.readers[file_suffix(path)]
        content, metadata = reader.read(path)
        return content, _filter_discardable_metadata(metadata)
    except Exception as exc:  # returned, so the parent reports it in order with the file name
        return exc
