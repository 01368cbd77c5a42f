"""A Markdown reader that normalises text to NFC and reuses its parsers."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader

from .text import nfc


class BundleMarkdownReader(MarkdownReader):
    """Read Markdown as Pelican does, after NFC normalisation, with reused parsers."""

    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Building a Markdown instance per file (as Pelican does) costs more
        # than converting a short story; reset() gives the same clean state.
        # Formatted fields (Summary) get their own parser without the meta
        # extension, so the body parser keeps reading headers.
        self._body_md: Markdown | None = None
        self._field_md: Markdown | None = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Parse one file into HTML and processed metadata."""
        self._source_path = source_path
        if self._body_md is None:
            self._body_md = Markdown(**self.settings["MARKDOWN"])
        self._body_md.reset()
        with open(source_path, encoding="utf-8-sig") as handle:
            text = nfc(handle.read())
        content = self._body_md.convert(text)
        meta = getattr(self._body_md, "Meta", None) or {}
        return content, self._parse_metadata(meta)

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        """Process header values as Pelican does, formatting fields with the field parser."""
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        output: dict[str, Any] = {}
        for name, values in meta.items():
            name = name.lower()
            values = [nfc(value) for value in values]
            if name in formatted_fields:
                if self._field_md is None:
                    options = dict(self.settings["MARKDOWN"])
                    options["extensions"] = [
                        e for e in options.get("extensions", []) if e != "markdown.extensions.meta"
                    ]
                    self._field_md = Markdown(**options)
                self._field_md.reset()
                output[name] = self.process_metadata(name, self._field_md.convert("\n".join(values)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                output[name] = self.process_metadata(name, values[0])
            else:
                output[name] = self.process_metadata(name, values)
        return output


def use_bundle_reader(readers: Any) -> None:
    """Replace Pelican's Markdown reader with the NFC one (readers_init receiver)."""
    for ext in BundleMarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is not None:
            readers.reader_classes[ext] = BundleMarkdownReader
