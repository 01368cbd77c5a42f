"""The content types' declarations and docs/editing.md's field tables generated from them."""

from __future__ import annotations

import dataclasses
import re

import pytest
from model.types import NEUTRAL, PAGE, STORY, TYPES, FieldSpec

from tools import fields

# What `make new` writes itself rather than a placeholder (tools/new_story.py).
GENERATED = {"title", "date", "status"}


def block(text: str, name: str) -> str:
    """Return what stands between a generated block's markers."""
    m = re.search(rf"<!-- fields:{name} -->\n(.*?)<!-- /fields:{name} -->", text, re.S)
    assert m, f"docs/editing.md lacks <!-- fields:{name} -->"
    return m.group(1)


def test_docs_field_tables_match_the_declarations() -> None:
    text = fields.DOC.read_text(encoding="utf-8")
    assert fields.render_doc(text) == text, (
        "docs/editing.md's field tables differ from plugins/model/types.py: "
        f"run `{fields.WRITE_COMMAND}` (or `make docs`)"
    )


def test_docs_table_lists_every_story_field_in_declaration_order() -> None:
    table = block(fields.DOC.read_text(encoding="utf-8"), "story")
    listed = re.findall(r"^\| `([A-Za-z_]+)` \|", table, re.M)
    assert listed == [spec.name for spec in STORY.fields]
    assert "Source_hash" in listed and "Pii_justification" in listed


def test_docs_neutral_paragraph_lists_exactly_the_neutral_fields() -> None:
    paragraph = block(fields.DOC.read_text(encoding="utf-8"), "story-neutral")
    inside = re.search(r"\*\*Language-neutral fields\*\* \((.*?)\)", paragraph, re.S)
    assert inside
    assert re.findall(r"`([A-Za-z_]+)`", inside.group(1)) == [s.name for s in STORY.fields if s.neutral]


def test_table_columns_where_and_required() -> None:
    table = fields.field_table(STORY.fields)
    assert "| `Title` | every file | the headline in that language (required) |" in table
    assert re.search(r"^\| `Date` \| source \| .*\(required\) \|$", table, re.M)
    assert re.search(r"^\| `Summary` \| any \| [^(]*\|$", table, re.M)
    assert "(required when `Cover` is set)" in table
    assert "| `Source_hash` | translation |" in table


def test_table_escapes_pipes_in_help() -> None:
    spec = FieldSpec("Odd", "text", "a | b")
    assert fields.field_table([spec]).splitlines()[-1] == "| `Odd` | any | a \\| b |"


def test_page_table_lists_only_what_differs_from_a_story() -> None:
    text = fields.differences(STORY, PAGE)
    assert "`content/pages/<key>/index.<lang>.md`" in text
    assert re.findall(r"^\| `([A-Za-z_]+)` \|", text, re.M) == ["Date"]
    assert "(required)" not in text
    assert fields.differences(STORY, STORY).endswith("has the same fields as a story.")
    fewer = dataclasses.replace(PAGE, fields=tuple(s for s in PAGE.fields if s.key != "agency"))
    assert "A page has no `Agency`." in fields.differences(STORY, fewer)


def test_check_fails_and_names_the_command_when_a_field_is_added(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    added = FieldSpec("District", "text", "the district the story is about", i18n=NEUTRAL, placeholder="(x)")
    monkeypatch.setattr(fields, "STORY", dataclasses.replace(STORY, fields=(*STORY.fields, added)))
    assert fields.main(["--check"]) == 1
    assert "python -m tools.fields --write" in capsys.readouterr().out


def test_render_doc_needs_the_markers() -> None:
    with pytest.raises(ValueError, match="fields:story"):
        fields.render_doc("no markers here\n")


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_scaffold_field_has_a_placeholder_or_a_generated_value(name: str) -> None:
    # An empty placeholder would scaffold an empty line the placeholder check cannot catch.
    ctype = TYPES[name]
    missing = [s.name for s in ctype.fields if s.scaffold and s.key not in GENERATED and not s.placeholder]
    assert not missing, f"{name}: declare a placeholder for {missing}"
    assert ctype.body_placeholder
