"""UI catalogs: every shipped string translated, none fuzzy, every language covered."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pelican.settings import read_settings

from tests.conftest import ROOT
from tools.translations import DOMAINS, SOURCE_LANG, domain_of, extract

TRANSLATIONS = ROOT / "translations"
LANGS = [
    code for code in read_settings(str(ROOT / "pelicanconf.py"))["MULTILANG_LANGUAGES"] if code != SOURCE_LANG
]
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po"))


def test_every_configured_language_has_a_catalog() -> None:
    have = {path.parts[-3] for path in CATALOGS}
    assert set(LANGS) <= have


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_catalog_is_complete(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"untranslated in {path}: {missing}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogs_hold_every_string_the_templates_use(domain: str) -> None:
    wanted = {message.id for message in extract(domain) if message.id}
    for lang in LANGS:
        path = TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po"
        if not wanted:
            continue
        assert path.exists(), f"{path} missing: run make translations"
        with path.open("rb") as handle:
            have = {m.id for m in read_po(handle) if m.id}
        assert wanted <= have, f"{path} lacks {sorted(wanted - have)}: run make translations"


def test_domains_route_templates() -> None:
    assert domain_of("search.html") == "search"
    assert domain_of("embed.html") == "feeds"
    assert domain_of("article.html") == "messages"
    assert domain_of("report_index.html") == "report"
