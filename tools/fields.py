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

from model.types import PAGE, STORY, ContentType, FieldSpec  # noqa: E402

DOC = ROOT / "docs" / "editing.md"
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


def render_doc(text: str) -> str:
    """Return the doc's text with every generated block replaced by what the declarations say."""
    for name, render in BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- fields:{re.escape(name)} -->\n)(?:.*?\n)?(<!-- /fields:{re.escape(name)} -->)", re.S
        )
        if not pattern.search(text):
            raise ValueError(f"{DOC.name} lacks the markers <!-- fields:{name} --> … <!-- /fields:{name} -->")
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
    current = DOC.read_text(encoding="utf-8")
    try:
        wanted = render_doc(current)
    except ValueError as exc:
        parser.error(str(exc))
    doc = DOC.relative_to(ROOT)
    if wanted == current:
        return 0
    if args.check:
        print(f"{doc} is out of date: run `{WRITE_COMMAND}` (make docs)")
        return 1
    DOC.write_text(wanted, encoding="utf-8")
    print(f"updated {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
