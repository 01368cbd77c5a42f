"""Reviewed exceptions: a story's `.checker-exceptions.yml` accepts named false positives, logged.

Each entry names the file (relative to the story folder), the rule, the phrase
the finding is in, why it is not what the rule looks for, who reviewed it and
when. A finding is accepted when its rule and file are the entry's and its
line holds the phrase, which holds the flagged text. Only the markings and
personal-data rules can be excepted, and a classification marking only in its
ambiguous form (one upper-case word in a sentence, markings.ACCEPTABLE_FORMS):
a stamp line, a label, a marking of several words, after a cue or in
brackets, in an alt text, a file name or an attachment never is.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from model.findings import Finding, make
from model.sources import Bundle

from .engine import Context
from .markings import ACCEPTABLE_FORMS

logger = logging.getLogger(__name__)

FILE_NAME = ".checker-exceptions.yml"
RULES = frozenset(
    {
        "confidential.classified-marking",
        "confidential.internal-marking",
        "pii.citizen-id",
        "pii.phone",
        "pii.email",
        "pii.passport",
    }
)
FIELDS = ("file", "rule", "phrase", "reason", "reviewed_by", "date")
QUOTED_RE = re.compile(r"“([^”]*)”")


@dataclass
class Entry:
    """One reviewed exception, as written."""

    path: Path  # the file it applies to
    rule: str
    phrase: str
    reason: str
    reviewed_by: str
    date: str
    line: int  # in the exceptions file
    used: bool = False


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _entries(bundle: Bundle, ctx: Context) -> tuple[list[Entry], list[Finding]]:
    """Read and validate a bundle's exceptions file."""
    source = bundle.dir / FILE_NAME
    if not source.is_file() or source.is_symlink():
        return [], []
    try:
        text = source.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return [], [make("exceptions.invalid", source, None, f"{FILE_NAME} cannot be read: {exc}")]
    items = data.get("exceptions") if isinstance(data, dict) else data
    nodes = _sequence_nodes(root)
    if not isinstance(items, list):
        return [], [make("exceptions.invalid", source, 1, f"{FILE_NAME} must be a list of exceptions")]
    out: list[Entry] = []
    problems: list[Finding] = []
    for index, item in enumerate(items):
        line = nodes[index] if index < len(nodes) else 1
        problem = _problem(item, bundle, ctx)
        if problem:
            problems.append(make("exceptions.invalid", source, line, problem))
            continue
        out.append(
            Entry(
                path=(bundle.dir / item["file"]).resolve(),
                rule=item["rule"],
                phrase=str(item["phrase"]),
                reason=str(item["reason"]),
                reviewed_by=str(item["reviewed_by"]),
                date=str(item["date"]),
                line=line,
            )
        )
    return out, problems


def _sequence_nodes(root: Any) -> list[int]:
    """Return the line of each entry of the list (under `exceptions:` or at the top)."""
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if getattr(k, "value", None) == "exceptions"), None)
    if isinstance(root, yaml.SequenceNode):
        return [node.start_mark.line + 1 for node in root.value]
    return []


def _problem(item: Any, bundle: Bundle, ctx: Context) -> str | None:
    """Say what is wrong with one entry, or None."""
    if not isinstance(item, dict):
        return "an exception must be a mapping with " + ", ".join(FIELDS)
    missing = [f for f in FIELDS if not str(item.get(f) or "").strip()]
    if missing:
        return f"the exception lacks {', '.join(missing)}"
    if item["rule"] not in RULES:
        return f"rule {item['rule']!r} cannot be excepted; only {', '.join(sorted(RULES))} can"
    try:
        dt.date.fromisoformat(str(item["date"]))
    except ValueError:
        return f"date {item['date']!r} is not YYYY-MM-DD"
    target = (bundle.dir / str(item["file"])).resolve()
    if not target.is_relative_to(bundle.dir.resolve()) or not target.is_file():
        return f"file {item['file']!r} is not a file of this story"
    if item["rule"] == "confidential.classified-marking":
        for hit in ctx.classified.find(str(item["phrase"]), heading=False):
            if hit.form not in ACCEPTABLE_FORMS:
                marking = f"a classification marking ({hit.entry})"
                return f"“{item['phrase']}” is {marking}: it can never be excepted"
    return None


def _lines(finding: Finding, bundle: Bundle, ctx: Context) -> list[str]:
    """Return the text a finding is about: its Markdown line, or every line of its attachment."""
    from .attachments import read_attachment
    from .rules.confidentiality import limits

    for lang, path in bundle.versions.items():
        if path.resolve() == finding.path.resolve():
            lines = bundle.doc(lang).lines
            return [lines[finding.line - 1]] if finding.line and finding.line <= len(lines) else []
    extract = read_attachment(finding.path, limits(ctx))
    return [line for _, line in extract.lines()] if extract is not None else []


def _accepts(entry: Entry, finding: Finding, bundle: Bundle, ctx: Context) -> bool:
    if finding.rule != entry.rule or finding.path.resolve() != entry.path:
        return False
    quoted = QUOTED_RE.search(finding.message)
    phrase = _norm(entry.phrase)
    if quoted is None or _norm(quoted.group(1)) not in phrase:
        return False
    lines = [line for line in _lines(finding, bundle, ctx) if phrase in _norm(line)]
    if not lines:
        return False
    if finding.rule != "confidential.classified-marking":
        return True
    # A classification marking only in its ambiguous form, on a Markdown line.
    if finding.line is None or finding.column is None:
        return False
    hits = [h for h in ctx.classified.find(lines[0]) if h.start + 1 == finding.column]
    return bool(hits) and all(h.form in ACCEPTABLE_FORMS for h in hits)


def apply(ctx: Context, bundles: Iterable[Bundle], findings: list[Finding]) -> list[Finding]:
    """Drop the findings a reviewed exception accepts (logging each), add the exceptions' own findings."""
    out = list(findings)
    for bundle in bundles:
        entries, problems = _entries(bundle, ctx)
        out += problems
        if not entries:
            continue
        kept = []
        for finding in out:
            entry = next((e for e in entries if _accepts(e, finding, bundle, ctx)), None)
            if entry is None:
                kept.append(finding)
                continue
            entry.used = True
            logger.warning(
                "%s:%s: accepted exception for [%s] “%s”: %s (reviewed by %s on %s, %s:%d)",
                ctx.rel(finding.path),
                finding.line if finding.line is not None else "-",
                finding.rule,
                entry.phrase,
                entry.reason,
                entry.reviewed_by,
                entry.date,
                ctx.rel(bundle.dir / FILE_NAME),
                entry.line,
            )
        out = kept
        for entry in entries:
            if not entry.used:
                out.append(
                    make(
                        "exceptions.unused",
                        bundle.dir / FILE_NAME,
                        entry.line,
                        f"the exception for [{entry.rule}] “{entry.phrase}” accepts nothing",
                    )
                )
    return out
