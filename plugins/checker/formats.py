"""Write findings for people (human), for tools (json) and for code hosts (SARIF 2.1.0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from model.catalog import RULES, Level
from model.findings import describe

from .engine import Result
from .settings import CheckerConfig

TOOL_NAME = "quangba-checker"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def relpath(path: Path, config: CheckerConfig) -> str:
    """Return a path relative to the project root (POSIX), or as given when outside it."""
    # The folder is resolved, not the file: a symbolic link is named where it is, not by its target.
    absolute = path.absolute()
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(config.base_dir).as_posix()
    except ValueError:
        return path.as_posix()


def human(result: Result, config: CheckerConfig) -> str:
    """Return one block per finding and a closing count."""
    out = [describe(f, lambda path: relpath(path, config)) for f in result.findings]
    errors, warnings = len(result.errors), len(result.warnings)
    checked = f"{result.files} file{'s' * (result.files != 1)} checked"
    if errors or warnings:
        out.append(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} ({checked})"
        )
    else:
        out.append(f"No problems ({checked}).")
    return "\n".join(out) + "\n"


def as_json(result: Result, config: CheckerConfig) -> str:
    """Return the findings as a JSON document (format version 1)."""
    doc = {
        "tool": TOOL_NAME,
        "format_version": 1,
        "summary": {
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "files": result.files,
        },
        "findings": [
            {
                "rule": f.rule,
                "level": str(f.level),
                "file": relpath(f.path, config),
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "hint": f.hint,
            }
            for f in result.findings
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_sarif(result: Result, config: CheckerConfig) -> str:
    """Return a SARIF 2.1.0 log with one run, every rule described."""
    rule_ids = list(RULES)
    rules = []
    for rule_id in rule_ids:
        rule = RULES[rule_id]
        level = config.levels.get(rule_id, rule.level)
        rules.append(
            {
                "id": rule_id,
                "shortDescription": {"text": rule.title},
                "help": {"text": rule.hint},
                "defaultConfiguration": {
                    "level": "none" if level is Level.OFF else str(level),
                    "enabled": level is not Level.OFF,
                },
            }
        )
    results: list[dict[str, Any]] = []
    for f in result.findings:
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": quote(relpath(f.path, config)), "uriBaseId": "SRCROOT"}
        }
        if f.line is not None:
            region: dict[str, int] = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
            physical["region"] = region
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": str(f.level),
                "message": {"text": f"{f.message}. {f.hint}"},
                "locations": [{"physicalLocation": physical}],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": TOOL_NAME, "rules": rules}},
                "originalUriBaseIds": {"SRCROOT": {"uri": config.base_dir.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"human": human, "json": as_json, "sarif": as_sarif}
