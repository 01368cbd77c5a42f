"""A finding: one rule broken at one place."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from .catalog import RULES, Level

logger = logging.getLogger(__name__)


def display_path(path: str) -> str:
    """Return path relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass(frozen=True)
class Finding:
    """What a rule found: where, what, and how to fix it."""

    rule: str
    level: Level
    path: Path
    line: int | None
    message: str
    hint: str
    column: int | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, rule."""
        return (str(self.path), self.line or 0, self.column or 0, self.rule)

    def with_level(self, level: Level) -> Finding:
        """Return a copy at another level."""
        return replace(self, level=level)


def to_json(finding: Finding) -> dict[str, Any]:
    """Return a finding as plain JSON values (for the build's and the checker's caches)."""
    data = asdict(finding)
    data["path"] = str(finding.path)
    data["level"] = str(finding.level)
    return data


def from_json(data: dict[str, Any]) -> Finding:
    """Return the finding to_json() wrote."""
    return Finding(**{**data, "path": Path(data["path"]), "level": Level(data["level"])})


def make(
    rule_id: str,
    path: Path,
    line: int | None,
    message: str,
    *,
    hint: str | None = None,
    column: int | None = None,
    level: Level | None = None,
) -> Finding:
    """Build a finding with the rule's default level and hint."""
    rule = RULES[rule_id]
    return Finding(
        rule=rule_id,
        level=level or rule.level,
        path=path,
        line=line,
        message=message,
        hint=hint or rule.hint,
        column=column,
    )


def apply_levels(findings: Iterable[Finding], levels: Mapping[str, Level]) -> list[Finding]:
    """Give each finding its configured level, drop silenced and repeated ones, sort by place."""
    out: list[Finding] = []
    seen: set[tuple[str, str, int | None, int | None, str]] = set()
    for f in findings:
        level = levels.get(f.rule, f.level)
        key = (f.rule, str(f.path), f.line, f.column, f.message)
        if level is Level.OFF or key in seen:
            continue
        seen.add(key)
        out.append(f if level is f.level else f.with_level(level))
    return sorted(out, key=Finding.sort_key)


def describe(f: Finding, rel: Callable[[Path], str] | None = None) -> str:
    """Return `file:line[:col]: level: message [rule] — hint: fix`, the one way a finding is printed."""
    where = rel(f.path) if rel else display_path(str(f.path))
    if f.line is not None:
        where += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
    return f"{where}: {f.level}: {f.message} [{f.rule}] — hint: {f.hint}"


def draw_verdict(findings: Iterable[Finding], levels: Mapping[str, Level]) -> None:
    """Log the warnings, then stop the build with every error in one message (printed once)."""
    applied = apply_levels(findings, levels)
    for f in applied:
        if f.level is Level.WARNING:
            logger.warning("%s", describe(f))
    errors = [f for f in applied if f.level is Level.ERROR]
    if errors:
        from .errors import BuildError

        lines = "\n".join(f"  {describe(f)}" for f in errors)
        raise BuildError(
            f"{len(errors)} error(s) in the content; nothing was published and output/ is as it was:\n"
            f"{lines}\n`make check` lists the same findings."
        )
