"""Render the content types' declarations for editors: the scaffold and the docs' field tables.

plugins/model/types.py declares every field once; `make new` writes a new file
from it (scaffold) and docs/editing.md's field tables are generated from it
between `<!-- fields:NAME -->` and `<!-- /fields:NAME -->` markers.

    python -m tools.fields           # print the generated blocks
    python -m tools.fields --check   # exit 1 when docs/editing.md is out of date
    python -m tools.fields --write   # update docs/editing.md (make docs)
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The model is a library beside the plugins, imported as `model` (as the build does).
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

import yaml  # noqa: E402
from model.types import COLLECTIONS, PAGE, STORY, ContentType, FieldSpec  # noqa: E402

DOC = ROOT / "docs" / "editing.md"
TYPES_DOC = ROOT / "docs" / "content-types.md"  # the collections: projects, parks, documents
WRITE_COMMAND = "python -m tools.fields --write"  # or `make docs`
# Kinds of a field a translator writes in words, in that file's language.
TEXT_KINDS = ("text", "markdown")


def where(spec: FieldSpec) -> str:
    """Return the docs' "where" column: the declared one, else from the field's i18n."""
    if spec.where:
        return spec.where
    return "source" if spec.neutral else "any"


def meaning(spec: FieldSpec) -> str:
    """Return the docs' "meaning" column: the help, with when the field is required."""
    text = spec.help
    if spec.required:
        text += " (required)"
    elif spec.required_if:
        text += f" (required when `{spec.required_if}` is set)"
    # A pipe would end the Markdown table cell.
    return text.replace("|", "\\|")


def field_table(specs: Iterable[FieldSpec]) -> str:
    """Render fields as a Markdown table: field, where, meaning."""
    rows = ["| field | where | meaning |", "|---|---|---|"]
    rows += [f"| `{spec.name}` | {where(spec)} | {meaning(spec)} |" for spec in specs]
    return "\n".join(rows)


def names(specs: Iterable[FieldSpec], *more: str) -> str:
    """Return field names (then `more` words) as an English list: `A`, `B` and `C`."""
    quoted = [f"`{spec.name}`" for spec in specs] + list(more)
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def translated_text(ctype: ContentType) -> tuple[FieldSpec, ...]:
    """Return the fields a translation writes in its own words (Title, Summary, …)."""
    return tuple(s for s in ctype.fields if not s.neutral and s.scaffold and s.kind in TEXT_KINDS)


def neutral_paragraph(ctype: ContentType) -> str:
    """Render the paragraph on language-neutral fields of a type."""
    neutral = [spec for spec in ctype.fields if spec.neutral]
    own = translated_text(ctype)
    others = [s for s in ctype.fields if not s.neutral and s not in own]
    text = (
        f"**Language-neutral fields** ({names(neutral)}) are written once, in the "
        "source file, and every translation inherits them. A translation sets only "
        f"what differs: {names(own, 'its body')}. A translation may also set "
        f"{names(others)}."
    )
    # Wrapped like the hand-written prose around it; code spans never break.
    return textwrap.fill(text, width=78, break_long_words=False, break_on_hyphens=False)


def folder(ctype: ContentType) -> str:
    """Return a type's file pattern as the docs write it: content/pages/<key>/index.<lang>.md."""
    return ctype.folder.replace("{", "<").replace("}", ">")


def differences(base: ContentType, other: ContentType) -> str:
    """Render how another type's fields differ from a base type's: a table and what it lacks."""
    changed = [spec for spec in other.fields if base.field(spec.key) != spec]
    missing = [spec for spec in base.fields if other.field(spec.key) is None]
    intro = f"A {other.name} (`{folder(other)}`) has the same fields as a {base.name}"
    if not changed and not missing:
        return intro + "."
    parts = [intro + ", except:"]
    if changed:
        parts.append(field_table(changed))
    if missing:
        parts.append(f"A {other.name} has no {names(missing)}.")
    return "\n\n".join(parts)


# Each generated block of docs/editing.md: marker name -> what goes between its markers.
BLOCKS: dict[str, Callable[[], str]] = {
    "story": lambda: field_table(STORY.fields),
    "story-neutral": lambda: neutral_paragraph(STORY),
    "page": lambda: differences(STORY, PAGE),
}


def kind_text(spec: FieldSpec) -> str:
    """Return the docs' "value" column: the kind with its unit, range and vocabulary."""
    parts = [spec.kind]
    if spec.unit:
        parts.append(spec.unit)
    if spec.above is not None:
        parts.append(f"> {spec.above:g}")
    if spec.minimum is not None or spec.maximum is not None:
        low = f"{spec.minimum:g}" if spec.minimum is not None else "…"
        high = f"{spec.maximum:g}" if spec.maximum is not None else "…"
        parts.append(f"{low}–{high}")
    if spec.vocab:
        parts.append(f"`{spec.vocab}`")
    if spec.target:
        parts.append(f"a {spec.target}")
    if spec.external:
        parts.append("or an outside body")
    if spec.not_before:
        parts.append(f"not before `{spec.not_before}`")
    if spec.multiple:
        parts.append("comma-separated")
    if spec.facet:
        parts.append("filter" + (" × ranges" if spec.crossed else ""))
    if spec.bands:
        limits = (
            f"{limit:,.0f}" if float(limit).is_integer() else f"{limit:g}" for limit in sorted(spec.bands)
        )
        parts.append("ranges split at " + " / ".join(limit.replace(",", " ") for limit in limits))
    return ", ".join(parts)


def typed_table(ctype: ContentType) -> str:
    """Render a collection's fields as a Markdown table: field, where, value, meaning."""
    rows = ["| field | where | value | meaning |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | {where(s)} | {kind_text(s)} | {meaning(s)} |" for s in ctype.fields]
    return "\n".join(rows)


def example(ctype: ContentType) -> str:
    """Render a type's demo file whole, as a fenced block."""
    path = ROOT / ctype.example
    text = path.read_text(encoding="utf-8").rstrip("\n")
    return f"`{ctype.example}`:\n\n````markdown\n{text}\n````"


def vocabularies() -> str:
    """Render data/vocabularies.yml as lists of ids with their English names."""
    data = yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8")) or {}
    out = []
    for name, terms in data.items():
        items = ", ".join(f"`{term_id}` ({names.get('en', term_id)})" for term_id, names in terms.items())
        out.append(f"- **{name}**: {items}")
    return "\n".join(out)


TYPE_BLOCKS: dict[str, Callable[[], str]] = {
    **{f"{t.name}": (lambda t=t: typed_table(t)) for t in COLLECTIONS.values()},
    **{f"{t.name}-example": (lambda t=t: example(t)) for t in COLLECTIONS.values()},
    "vocabularies": vocabularies,
}


def render_doc(text: str, blocks: dict[str, Callable[[], str]] | None = None, name: str = "") -> str:
    """Return the doc's text with every generated block replaced by what the declarations say."""
    blocks = BLOCKS if blocks is None else blocks
    name = name or DOC.name
    for block, render in blocks.items():
        pattern = re.compile(
            rf"(<!-- fields:{re.escape(block)} -->\n)(?:.*?\n)?(<!-- /fields:{re.escape(block)} -->)", re.S
        )
        if not pattern.search(text):
            raise ValueError(f"{name} lacks the markers <!-- fields:{block} --> … <!-- /fields:{block} -->")
        body = render()
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def scaffold(ctype: ContentType, values: dict[str, str]) -> str:
    """Return a new file of a type: every scaffold field, in order, then its body placeholder.

    `values` (by lower-case key) gives what is known (title, date, status); every
    other field gets its declared placeholder verbatim, which the engine rejects
    in a published file.
    """
    lines = []
    for spec in ctype.fields:
        if spec.scaffold:
            value = values.get(spec.key, spec.placeholder)
            lines.append(f"{spec.name}: {value}".rstrip())
    return "\n".join(lines) + "\n\n" + (ctype.body_placeholder + "\n" if ctype.body_placeholder else "")


def main(argv: list[str] | None = None) -> int:
    """Print, check or write docs/editing.md's generated field tables."""
    parser = argparse.ArgumentParser(description="Generate docs/editing.md's field tables.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="update docs/editing.md")
    mode.add_argument("--check", action="store_true", help="exit 1 when docs/editing.md is out of date")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        for name, render in BLOCKS.items():
            print(f"<!-- fields:{name} -->\n{render()}\n<!-- /fields:{name} -->\n")
        return 0
    stale = 0
    for path, blocks in ((DOC, BLOCKS), (TYPES_DOC, TYPE_BLOCKS)):
        current = path.read_text(encoding="utf-8")
        try:
            wanted = render_doc(current, blocks, path.name)
        except ValueError as exc:
            parser.error(str(exc))
        doc = path.relative_to(ROOT)
        if wanted == current:
            continue
        if args.check:
            print(f"{doc} is out of date: run `{WRITE_COMMAND}` (make docs)")
            stale = 1
            continue
        path.write_text(wanted, encoding="utf-8")
        print(f"updated {doc}")
    return stale


if __name__ == "__main__":
    sys.exit(main())
