"""The home page's hero and key facts (data/keyfacts.yml): declared shape, validated once.

Every figure names its public source and the date it describes; the file is
read once per build (and by `make check`), and a bad entry is a finding at its
line with the fix, never an exception. Editors' guide: docs/keyfacts.md.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, make
from .text import is_slug, nfc

RULE = "data.keyfacts"
# Units a figure may carry: what the site formats by CLDR in every language
# (multilang/l10n.py measure). None: a plain count (population).
UNITS = ("km²", "km", "ha", "m²", "%")
# The calls to action of the hero: each names a collection (its list) or a section.
ACTIONS = ("visit", "invest")
HERO_TEXTS = ("headline", "lede", "alt", "credit")
HERO_KEYS = frozenset({"image", *HERO_TEXTS, *ACTIONS})
FACT_KEYS = frozenset({"id", "label", "value", "unit", "as_of", "source"})
SOURCE_KEYS = frozenset({"name", "url"})
TOP_KEYS = frozenset({"hero", "facts", "note"})


@dataclass(frozen=True)
class Text:
    """A text per language; shown in the page's language, else English, else the default."""

    values: tuple[tuple[str, str], ...]

    def get(self, code: str, default: str = "vi") -> tuple[str, str]:
        """Return (text, its language) for a page in code."""
        found = dict(self.values)
        for lang in (code, "en", default, *found):
            if found.get(lang):
                return found[lang], lang
        return "", code


@dataclass(frozen=True)
class Fact:
    """One figure: what it measures, its value and unit, the date it describes, its source."""

    id: str
    label: Text
    value: float
    unit: str | None
    as_of: str  # "2021" or "2021-12-31": the period the figure describes
    source_name: Text
    source_url: str

    @property
    def as_of_date(self) -> dt.date | None:
        """Return the day the figure describes, or None when it describes a year."""
        return dt.date.fromisoformat(self.as_of) if len(self.as_of) > 4 else None


@dataclass
class Hero:
    """The home page's hero: an image from the image pipeline, a headline, two calls to action."""

    image: str  # the image file, content-relative: pages/about/hoa-binh.jpg
    headline: Text
    lede: Text
    alt: Text
    credit: Text
    actions: tuple[tuple[str, str], ...]  # (visit|invest, collection type or section id)
    line: int | None = None
    # lang -> the <figure> markup; the images plugin fills it during stories_ready
    html: dict[str, str] = field(default_factory=dict)


@dataclass
class KeyFacts:
    """What data/keyfacts.yml declares: the hero, the figures and a note on them."""

    path: str
    hero: Hero | None = None
    facts: list[Fact] = field(default_factory=list)
    note: Text | None = None


class _Reader:
    """Walk the YAML node tree, keeping each value's line for findings."""

    def __init__(self, path: str, codes: list[str], targets: set[str]):
        self.path, self.codes, self.targets = path, codes, targets
        self.findings: list[Finding] = []

    def fail(self, node: yaml.Node | None, message: str, hint: str) -> None:
        """Record a problem at node's line."""
        line = node.start_mark.line + 1 if node is not None else None
        self.findings.append(make(RULE, Path(self.path), line, message, hint=hint))

    def mapping(self, node: yaml.Node, what: str, allowed: Iterable[str]) -> dict[str, yaml.Node] | None:
        """Return a mapping's nodes by key, reporting unknown keys; None when node is no mapping."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of key: value", f"write {what} as `key: value` lines")
            return None
        out: dict[str, yaml.Node] = {}
        allowed = sorted(allowed)
        for key, value in node.value:
            name = str(key.value)
            if name not in allowed:
                self.fail(key, f"{what}: unknown key {name!r}", f"use one of: {', '.join(allowed)}")
            else:
                out[name] = value
        return out

    def text(self, node: yaml.Node | None, what: str, parent: yaml.Node) -> Text | None:
        """Read a text per language: {vi: …, en: …}; vi (the default) or en is required."""
        if node is None:
            self.fail(parent, f"{what} is missing", f"add `{what}: {{vi: …, en: …}}`")
            return None
        items = self.mapping(node, what, self.codes)
        if items is None:
            return None
        values = tuple(
            (code, nfc(str(n.value)).strip()) for code, n in items.items() if isinstance(n, yaml.ScalarNode)
        )
        if not any(code in (self.codes[0], "en") and text for code, text in values):
            self.fail(node, f"{what} has no text in {self.codes[0]} or en", f"add `{self.codes[0]}: …`")
            return None
        return Text(values)

    def hero(self, node: yaml.Node) -> Hero | None:
        """Read the hero: image, texts and the two calls to action."""
        items = self.mapping(node, "hero", HERO_KEYS)
        if items is None:
            return None
        image = items.get("image")
        path = str(image.value).strip() if isinstance(image, yaml.ScalarNode) else ""
        if not path:
            self.fail(
                image or node,
                "hero: image is missing",
                "name an image file in content/: `image: pages/about/x.jpg`",
            )
        texts = {name: self.text(items.get(name), f"hero: {name}", node) for name in HERO_TEXTS}
        actions = []
        for action in ACTIONS:
            target = items.get(action)
            value = str(target.value) if isinstance(target, yaml.ScalarNode) else ""
            if value not in self.targets:
                self.fail(
                    target or node,
                    f"hero: {action} must name a collection or a section, not {value!r}",
                    f"use one of: {', '.join(sorted(self.targets))}",
                )
            actions.append((action, value))
        if any(t is None for t in texts.values()) or not path:
            return None
        return Hero(image=path, actions=tuple(actions), line=node.start_mark.line + 1, **texts)

    def fact(self, node: yaml.Node, seen: set[str]) -> Fact | None:
        """Read one figure; its value, date and source are all required."""
        items = self.mapping(node, "fact", FACT_KEYS)
        if items is None:
            return None
        fact_id = str(getattr(items.get("id"), "value", ""))
        what = f"fact {fact_id or '(no id)'}"
        if not is_slug(fact_id) or fact_id in seen:
            self.fail(
                items.get("id") or node,
                f"{what}: the id is missing, repeated or not [a-z0-9-]+",
                "give each figure its own id: `id: area`",
            )
        seen.add(fact_id)
        value = self._number(items.get("value"), what, node)
        unit = items.get("unit")
        unit_text = str(unit.value) if isinstance(unit, yaml.ScalarNode) else None
        if unit is not None and unit_text not in UNITS:
            self.fail(
                unit,
                f"{what}: unit {unit_text!r} is not one the site formats",
                f"use one of {', '.join(UNITS)}, or leave `unit` out for a count",
            )
        as_of = self._as_of(items.get("as_of"), what, node)
        label = self.text(items.get("label"), f"{what}: label", node)
        source = items.get("source")
        src = self.mapping(source, f"{what}: source", SOURCE_KEYS) if source is not None else None
        if source is None:
            self.fail(
                node,
                f"{what} names no source",
                "add `source: {name: {vi: …, en: …}, url: https://…}`; "
                "a figure without a public source stays out",
            )
        name = self.text(src.get("name"), f"{what}: source name", source) if src is not None else None
        url = str(getattr(src.get("url") if src else None, "value", "") or "")
        if src is not None and not url.startswith(("https://", "http://")):
            url = ""
            self.fail(
                src.get("url") or source,
                f"{what}: the source has no web address",
                "add `url: https://…`, the page that gives the figure",
            )
        if None in (value, as_of, label, name) or not url or unit_text not in (*UNITS, None):
            return None
        return Fact(fact_id, label, value, unit_text, as_of, name, url)

    def _number(self, node: yaml.Node | None, what: str, parent: yaml.Node) -> float | None:
        """Read a plain number (4608.7, 871724); a text with separators is a mistake."""
        raw = str(getattr(node, "value", ""))
        try:
            if node is None or not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":str"):
                raise ValueError(raw)
            return float(raw.replace("_", ""))
        except ValueError:
            self.fail(
                node or parent,
                f"{what}: value {raw!r} is not a plain number",
                "write the figure with a dot for decimals and no separators: 4608.7, 871724",
            )
            return None

    def _as_of(self, node: yaml.Node | None, what: str, parent: yaml.Node) -> str | None:
        """Read the date the figure describes: a year or a day (YYYY or YYYY-MM-DD)."""
        raw = str(getattr(node, "value", "")).strip()
        try:
            if len(raw) == 4 and raw.isdigit():
                return raw
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            self.fail(
                node or parent,
                f"{what}: as_of {raw!r} is not a year or a date",
                "write the year or day the figure describes: `as_of: 2021` or `as_of: 2021-12-31`",
            )
            return None


def targets(site: Any) -> set[str]:
    """Return what a call to action may name: a collection type (its list) or a section."""
    from .types import TYPES  # types imports much of the model; only this needs it

    return {name for name, ctype in TYPES.items() if ctype.collection} | set(site.sections)


def load(path: str, codes: list[str], targets: set[str]) -> tuple[KeyFacts | None, list[Finding]]:
    """Read and validate the key facts file; (None, []) when it does not exist."""
    if not path or not os.path.exists(path):
        return None, []
    reader = _Reader(path, codes, targets)
    try:
        with open(path, encoding="utf-8") as handle:
            root = yaml.compose(handle, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [
            make(
                RULE,
                Path(path),
                line,
                f"invalid YAML: {problem}",
                hint="fix the indentation or quoting at that line",
            )
        ]
    keyfacts = KeyFacts(path)
    top = reader.mapping(root, path, TOP_KEYS) if root is not None else {}
    if top:
        if "hero" in top:
            keyfacts.hero = reader.hero(top["hero"])
        if "note" in top:
            keyfacts.note = reader.text(top["note"], "note", root)
        facts = top.get("facts")
        if facts is not None and not isinstance(facts, yaml.SequenceNode):
            reader.fail(facts, "facts must be a list of figures", "start each figure with `- id: …`")
        seen: set[str] = set()
        for node in facts.value if isinstance(facts, yaml.SequenceNode) else []:
            fact = reader.fact(node, seen)
            if fact is not None:
                keyfacts.facts.append(fact)
    return keyfacts, reader.findings
