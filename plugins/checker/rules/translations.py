"""Translation rules: stale translations and required pages missing in a language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context, under_selection
from .metadata import doc_date

HASH_RE = re.compile(r"^[0-9a-f]{8,64}$")


def source_hash(doc: Document) -> str:
    """Return the SHA-256 (hex) of what a translator translates: Title, Summary, Cover_alt, body."""
    parts = [doc.get("title") or "", doc.get("summary") or "", doc.get("cover_alt") or "", doc.body.strip()]
    text = unicodedata.normalize("NFC", "\n".join(parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stale_reason(bundle: Bundle, doc: Document, ctx: Context) -> str | None:
    """Say why a translation is stale, or None when it is current (or is the source)."""
    source_lang = bundle.source_lang(ctx.config.languages)
    if source_lang is None or doc.lang == source_lang or doc.lang not in ctx.config.languages:
        return None
    source = bundle.doc(source_lang)
    recorded = (doc.get("source_hash") or "").strip().lower()
    if recorded:
        current = source_hash(source)
        if HASH_RE.match(recorded) and current.startswith(recorded):
            return None
        return (
            f"Source_hash {recorded[:12]} does not match the source {source.path.name} "
            f"(now {current[:12]}): the source changed after this translation"
        )
    tz = ctx.config.timezone
    source_changed = doc_date(source, "modified", tz) or doc_date(source, "date", tz)
    if source_changed is None:
        return None
    translated = doc_date(doc, "modified", tz) or doc_date(doc, "date", tz) or doc_date(source, "date", tz)
    if translated is not None and source_changed > translated:
        changed = source.get("modified") or source.get("date")
        since = doc.get("modified") or "never modified since " + (source.get("date") or "?")
        return f"the source {source.path.name} was modified {changed}, after this translation ({since})"
    return None


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Report translations older than their source."""
    for doc in bundle.docs():
        reason = stale_reason(bundle, doc, ctx)
        if reason is not None:
            line = doc.field_line("source_hash") if doc.get("source_hash") else doc.field_line("modified")
            yield make("translation.stale", doc.path, line, f"stale translation: {reason}")


def check_tree(ctx: Context, strays: list[Path], whole: bool, paths: list[Path]) -> Iterator[Finding]:
    """Report required static pages missing in a language."""
    for lang, names in ctx.config.required_pages.items():
        for name in names:
            rel = f"pages/{name}/index.{lang}.md"
            path = ctx.config.content_dir / rel
            if not ctx.tree.exists(rel) and under_selection(path, whole, paths):
                yield make(
                    "translation.missing-required-page",
                    path,
                    None,
                    f"the {lang} page “{name}” is required and missing (content/{rel})",
                )
