"""A finding: one rule broken at one place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .catalog import RULES, Level


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
