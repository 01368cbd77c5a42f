"""Collections (projects, parks, documents): declared types read, validated and documented like stories."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from model import config as cfg
from model import validate
from model.errors import ConfigError
from model.findings import Finding
from model.sources import ContentTree, Document
from model.types import COLLECTIONS, TYPES
from pelican.settings import read_settings

from tests.conftest import ROOT
from tools import fields

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
CODES = list(SETTINGS["MULTILANG_LANGUAGES"])


def settings(**more: object) -> dict:
    """Return the project's settings with the repository's registries, plus overrides."""
    registries = {
        "MULTILANG_AGENCIES_FILE": str(ROOT / "data/agencies.yml"),
        "MULTILANG_TERMS_FILE": str(ROOT / "data/terms.yml"),
        "MULTILANG_VOCABULARIES_FILE": str(ROOT / "data/vocabularies.yml"),
    }
    return {**SETTINGS, **registries, **more}


def findings(content: Path, rel: str, **more: object) -> list[Finding]:
    """Validate one bundle of a content folder as the build and `make check` do."""
    site = cfg.build_site(settings(**more))
    site.sources = ContentTree(content)
    options = cfg.validation_options(settings(**more))
    return validate.bundle_findings(site.sources.bundle(rel), site, options)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip(), encoding="utf-8")
    return path


def demo_documents(content: Path) -> None:
    shutil.copytree(ROOT / "content/documents", content / "documents")


PROJECT = """
Title: Dự án thử
Date: 2024-01-02
Sector: energy
Location: luong-son
Stage: calling
Area: 12.5
Source: a test
"""


def test_every_collection_is_declared_with_its_folder_and_templates() -> None:
    templates = ROOT / "themes/quangba/templates"
    assert set(COLLECTIONS) == {"projects", "parks", "documents", "destinations", "events", "galleries"}
    for ctype in COLLECTIONS.values():
        assert (templates / f"{ctype.template}.html").is_file()
        assert (templates / f"{ctype.list_template}.html").is_file()
        assert (ROOT / ctype.example).is_file(), ctype.example


def test_every_vocabulary_field_has_its_terms_named_in_every_language() -> None:
    data = yaml.safe_load((ROOT / "data/vocabularies.yml").read_text(encoding="utf-8"))
    for ctype in TYPES.values():
        for spec in ctype.fields:
            if spec.kind == "vocab":
                assert spec.vocab in data, f"{ctype.name}.{spec.name}: no vocabulary {spec.vocab!r}"
    for name, terms in data.items():
        for term_id, names in terms.items():
            missing = [code for code in CODES if not names.get(code)]
            assert not missing, f"{name}: {term_id} has no name in {missing}"


def test_every_agency_body_and_official_has_english() -> None:
    registry = yaml.safe_load((ROOT / "data/agencies.yml").read_text(encoding="utf-8"))
    for group in ("owners", "agencies", "bodies"):
        for entry in registry.get(group) or []:
            assert entry["name"].get("en"), f"{entry['id']} has no English name"
            if entry.get("functions"):
                assert entry["functions"].get("en"), f"{entry['id']} has no English functions"
            for official in entry.get("officials") or []:
                assert official["position"].get("en"), f"{entry['id']}: an official has no English position"


def test_the_demo_items_are_valid(tmp_path: Path) -> None:
    site = cfg.build_site(settings())
    site.sources = ContentTree(ROOT / "content")
    options = cfg.validation_options(settings())
    for rel, bundle in site.sources.bundles.items():
        if bundle.kind in ("project", "park", "document"):
            assert validate.bundle_findings(bundle, site, options) == [], rel


@pytest.mark.parametrize(
    ("line", "rule", "words"),
    [
        ("Sector: mining", "metadata.bad-value", "“mining” is not in the sectors vocabulary"),
        ("Area: -3", "metadata.bad-value", "must be greater than 0 ha"),
        ("Area: 12,5", "metadata.bad-value", "is not a number"),
        ("Investment_vnd: 1,5 tỷ", "metadata.bad-value", "is not a whole amount of VND"),
        ("Investment_usd: 60000000", "metadata.missing-field", "`Usd_rate_date:` is required"),
        ("Coordinates: 105.5, 20.8", "metadata.bad-value", "outside the globe"),
        ("Basis: plan-999", "metadata.unknown-reference", "no document “plan-999” in content/documents/"),
        ("Contact: so-khong-co", "metadata.unknown-agency", "unknown Contact 'so-khong-co'"),
        ("Profile: missing.pdf", "metadata.bad-value", "is not a file in this item's folder"),
        ("Usd_rate_date: 25/09/2023", "metadata.bad-date", "is not an ISO date"),
        ("Sektor: energy", "metadata.unknown-field", "unknown field `Sektor:`"),
    ],
)
def test_bad_project_values_are_errors_at_their_line(
    tmp_path: Path, line: str, rule: str, words: str
) -> None:
    demo_documents(tmp_path)
    text = PROJECT.replace("Source: a test", f"{line}\nSource: a test")
    path = write(tmp_path / "projects/thu/index.vi.md", text + "\nThân bài.\n")
    found = [f for f in findings(tmp_path, "projects/thu") if f.rule == rule]
    assert found, findings(tmp_path, "projects/thu")
    assert found[0].path == path
    wanted_line = [n for n, t in enumerate(path.read_text().splitlines(), 1) if t == line][-1]
    if rule != "metadata.missing-field":
        assert found[0].line == wanted_line
    assert words in found[0].message, found[0].message
    assert validate.blocks(found, {})


def test_hints_name_the_fix(tmp_path: Path) -> None:
    demo_documents(tmp_path)
    write(
        tmp_path / "projects/thu/index.vi.md",
        PROJECT.replace("Stage: calling", "Stage: calling\nBasis: plan-186") + "\nx\n",
    )
    (found,) = [f for f in findings(tmp_path, "projects/thu") if f.rule == "metadata.unknown-reference"]
    assert "plan-186-kh-ubnd-2023" in found.hint
    write(
        tmp_path / "projects/thu/index.vi.md", PROJECT.replace("Sector: energy", "Sector: energi") + "\nx\n"
    )
    (found,) = [f for f in findings(tmp_path, "projects/thu") if f.rule == "metadata.bad-value"]
    assert "energy" in found.hint and "data/vocabularies.yml" in found.hint


def test_a_good_project_has_no_findings_and_names_in_any_language_are_accepted(tmp_path: Path) -> None:
    demo_documents(tmp_path)
    text = PROJECT.replace("Sector: energy", "Sector: Năng lượng") + "Basis: plan-186-kh-ubnd-2023\n"
    text += "Investment_vnd: 1 500 000 000 000\nInvestment_usd: 60000000\nUsd_rate_date: 2023-09-25\n"
    write(tmp_path / "projects/thu/index.vi.md", text + "\nThân bài.\n")
    write(tmp_path / "projects/thu/index.en.md", "Title: Test project\n\nBody.\n")
    assert findings(tmp_path, "projects/thu") == []


def test_a_neutral_field_in_a_translation_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "projects/thu/index.vi.md", PROJECT + "\nx\n")
    write(tmp_path / "projects/thu/index.en.md", "Title: T\nSector: tourism\n\nx\n")
    rules = {f.rule for f in findings(tmp_path, "projects/thu")}
    assert "metadata.conflicting-field" in rules


def test_document_dates_and_relations(tmp_path: Path) -> None:
    demo_documents(tmp_path)
    base = "Title: T\nNumber: 1/KH\nDoc_type: plan\nIssuer: chinh-phu\nIssued: 2023-09-25\n"
    write(tmp_path / "documents/x/index.vi.md", base + "Effective: 2023-09-01\nReplaces: khong-co\n\nx\n")
    by_rule = {f.rule: f for f in findings(tmp_path, "documents/x")}
    assert "Effective 2023-09-01 is before Issued 2023-09-25" in by_rule["metadata.date-order"].message
    assert "no document “khong-co”" in by_rule["metadata.unknown-reference"].message
    write(tmp_path / "documents/y/index.vi.md", base.replace("chinh-phu", "bo-khong-co") + "\nx\n")
    assert any(f.rule == "metadata.unknown-agency" for f in findings(tmp_path, "documents/y"))


def test_an_official_without_english_stops_with_the_file_and_the_fix(tmp_path: Path) -> None:
    registry = yaml.safe_load((ROOT / "data/agencies.yml").read_text(encoding="utf-8"))
    registry["agencies"][0]["officials"] = [{"position": {"vi": "Chánh Văn phòng"}}]
    path = tmp_path / "agencies.yml"
    path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        cfg.build_site(settings(MULTILANG_AGENCIES_FILE=str(path)))
    assert str(path) in str(caught.value)
    assert "official 1" in str(caught.value) and "add `en: …`" in str(caught.value)


def test_a_vocabulary_term_without_english_stops_the_build(tmp_path: Path) -> None:
    path = tmp_path / "v.yml"
    path.write_text("sectors:\n  mining: {vi: Khai khoáng}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="sectors: mining: no name in en"):
        cfg.build_site(settings(MULTILANG_VOCABULARIES_FILE=str(path)))
    path.write_text("sectors:\n  x: {vi: A, B, en: C}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="quote a name that holds a comma"):
        cfg.build_site(settings(MULTILANG_VOCABULARIES_FILE=str(path)))


def test_make_new_scaffolds_a_project_from_its_declaration(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "tools.new_story", "--type", "project", "--story", "du-an-moi"]
    cmd += ["--content", str(tmp_path)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    doc = Document(tmp_path / "projects/du-an-moi/index.vi.md", "vi", None)
    scaffolded = [s.name for s in TYPES["project"].fields if s.scaffold]
    assert [f.name for f in doc.fields.values()] == scaffolded
    assert doc.fields["sector"].value == TYPES["project"].field("sector").placeholder


def test_docs_content_types_match_the_declarations() -> None:
    text = fields.TYPES_DOC.read_text(encoding="utf-8")
    assert fields.render_doc(text, fields.TYPE_BLOCKS, fields.TYPES_DOC.name) == text, "run `make docs`"
    for ctype in COLLECTIONS.values():
        assert f"| `{ctype.fields[1].name}` |" in text
        assert ctype.example in text
