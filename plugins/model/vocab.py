"""Vocabularies: the named term lists structured fields draw from (sectors, stages, document types).

data/vocabularies.yml holds one mapping per vocabulary, each term an id with a
name per language:

    sectors:
      industry: {vi: Công nghiệp, en: Industry, ja: 工業}

A term needs a name in the default language and in English; a language
without its own name shows the first of its fallback chain that has one
(MULTILANG_FALLBACK; by default English) (tests/model/test_collections.py
holds the demo to a name in every configured language).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError
from .site import Term
from .text import fold, is_slug, nfc


@dataclass
class Vocabulary:
    """One named term list: its terms by id, and a lookup by name in any language."""

    name: str
    terms: dict[str, Term]
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for term in self.terms.values():
            for name in term.names.values():
                self._names.setdefault(fold(name), term.id)

    def find(self, value: str) -> str | None:
        """Return the id a value names: a term id, or a term's name in any language."""
        value = value.strip()
        if value in self.terms:
            return value
        return self._names.get(fold(value))

    def label(self, term_id: str, lang: str) -> str:
        """Return a term's name in a language, else along its fallback chain (MULTILANG_FALLBACK)."""
        term = self.terms.get(term_id)
        if term is None:
            return term_id
        return term.name(lang)


def load_vocabularies(raw: Any, path: str, codes: list[str], default: str) -> dict[str, Vocabulary]:
    """Validate the vocabularies file's data into Vocabulary objects."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: give one mapping per vocabulary (sectors: {{id: {{vi: …, en: …}}}})")
    out = {}
    for name, terms in raw.items():
        if not isinstance(terms, dict) or not terms:
            raise ConfigError(f"{path}: vocabulary {name!r} needs terms: {{id: {{vi: …, en: …}}}}")
        out[str(name)] = Vocabulary(
            str(name),
            {str(k): _term(path, str(name), k, v, codes=codes, default=default) for k, v in terms.items()},
        )
    return out


def _term(path: str, vocab: str, term_id: Any, names: Any, *, codes: list[str], default: str) -> Term:
    """Validate one term: a slug id and a name in the default language and English."""
    where = f"{path}: {vocab}: {term_id}"
    if not is_slug(str(term_id)):
        raise ConfigError(f"{where}: the id must match [a-z0-9-]+")
    if not isinstance(names, dict):
        raise ConfigError(f"{where}: give a name per language ({{vi: …, en: …}})")
    odd = [
        str(code)
        for code in names
        if not (isinstance(code, str) and code.isascii() and code.isalpha() and code.islower())
    ]
    if odd:
        raise ConfigError(f"{where}: {odd[0]!r} is not a language code; quote a name that holds a comma")
    kept = {code: nfc(str(value)) for code, value in names.items() if code in codes and value}
    missing = [code for code in dict.fromkeys((default, "en")) if code in codes and code not in kept]
    if missing:
        raise ConfigError(f"{where}: no name in {', '.join(missing)}; add `{missing[0]}: …` to the term")
    return Term(str(term_id), kept, dict.fromkeys(kept, str(term_id)))


def vocabularies_file(settings: dict[str, Any]) -> str:
    """Return the vocabularies file's path (MULTILANG_VOCABULARIES_FILE)."""
    return str(settings.get("MULTILANG_VOCABULARIES_FILE", os.path.join("data", "vocabularies.yml")))
