"""Metadata rules: the declared types' rules (model.validate) plus the checker's advice.

What decides whether a file can be read at all — required and unknown fields,
dates, language codes, registry references, placeholders — is the content
model's (model/validate.py), shared with the build so both give one verdict.
This module adds what only advises: summary length, Modified before Date and
tags that are not registry terms.
"""

from __future__ import annotations

from collections.abc import Iterator

from model import validate
from model.findings import Finding, make
from model.sources import Bundle, Document

from ..engine import Context


def _advice(bundle: Bundle, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Yield the checker's own metadata warnings for one file."""
    cfg = ctx.config
    summary = doc.get("summary")
    if summary and len(summary) > cfg.summary_limit(doc.lang):
        yield make(
            "metadata.summary-too-long",
            doc.path,
            doc.field_line("summary"),
            f"Summary has {len(summary)} characters; the limit is {cfg.summary_limit(doc.lang)}",
        )
    date = validate.doc_date(doc, "date", cfg.timezone)
    modified = validate.doc_date(doc, "modified", cfg.timezone)
    if date is not None and modified is not None and modified < date:
        yield make(
            "metadata.modified-before-date",
            doc.path,
            doc.field_line("modified"),
            f"Modified ({doc.get('modified')}) is earlier than Date ({doc.get('date')})",
        )
    if validate.role(bundle, doc, ctx.site) == "translation":
        return
    tags = [t.strip() for t in (doc.get("tags") or "").split(",")]
    if len(tags) > ctx.options.max_tags:
        return  # metadata.too-many-tags is the finding, not one warning per tag
    for tag in tags:
        if tag and ctx.registries.find_term(tag) is None:
            yield make(
                "metadata.unknown-tag",
                doc.path,
                doc.field_line("tags"),
                f"tag “{tag}” is not in {ctx.rel(ctx.config.terms_file)}",
            )


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Run the declared types' rules (once per build) and the advice on every version."""
    yield from validate.bundle_findings(bundle, ctx.site, ctx.options)
    for doc in bundle.docs():
        yield from _advice(bundle, doc, ctx)
