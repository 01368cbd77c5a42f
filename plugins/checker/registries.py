"""Load the agencies and terms registries (data/agencies.yml, data/terms.yml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .settings import ConfigError


@dataclass(frozen=True)
class Agency:
    """An agency (or site owner) and the dates it existed."""

    id: str
    names: dict[str, str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None
    phones: frozenset[str]
    emails: frozenset[str]

    def name(self, lang: str) -> str:
        """Return the agency's name in a language, falling back to English, then any."""
        return self.names.get(lang) or self.names.get("en") or next(iter(self.names.values()), self.id)

    def valid_on(self, day: dt.date) -> bool:
        """Say whether the agency existed on a day."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass
class Registries:
    """Agencies by id and tag terms by id, with the names that also identify a term."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    owners: dict[str, Agency] = field(default_factory=dict)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    term_names: dict[str, str] = field(default_factory=dict)  # casefolded name → id

    def find_term(self, tag: str) -> str | None:
        """Return the term id a tag (id or a name in any language) refers to."""
        if tag in self.terms:
            return tag
        return self.term_names.get(tag.casefold())

    @property
    def institutional_phones(self) -> frozenset[str]:
        """Return the registered phone numbers (digits only) of agencies and owners."""
        return frozenset(p for a in (*self.agencies.values(), *self.owners.values()) for p in a.phones)

    @property
    def institutional_emails(self) -> frozenset[str]:
        """Return the registered e-mail addresses of agencies and owners."""
        return frozenset(e for a in (*self.agencies.values(), *self.owners.values()) for e in a.emails)


def digits(text: str) -> str:
    """Return a phone number's national digits (leading 0, no +84)."""
    d = re.sub(r"\D", "", text)
    if d.startswith("84") and text.lstrip().startswith("+"):
        d = "0" + d[2:]
    elif d.startswith("0084"):
        d = "0" + d[4:]
    return d


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise ConfigError(
            f"{path}: registry file not found (see MULTILANG_AGENCIES_FILE/MULTILANG_TERMS_FILE)"
        )
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {exc}") from None


def _date(value: Any, path: Path, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{path}: {what} is not a date (YYYY-MM-DD): {value!r}") from None


def _agency(item: Any, path: Path) -> Agency:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise ConfigError(f"{path}: every agency needs an `id:`; found {item!r:.80}")
    names = item.get("name") or {}
    if isinstance(names, str):
        names = {"vi": names}
    contacts = item.get("contacts") or {}
    phones = contacts.get("phone") or []
    emails = contacts.get("email") or []
    phones = [phones] if isinstance(phones, str) else phones
    emails = [emails] if isinstance(emails, str) else emails
    return Agency(
        id=item["id"],
        names={k: str(v) for k, v in names.items()},
        valid_from=_date(item.get("valid_from"), path, f"{item['id']}.valid_from"),
        valid_to=_date(item.get("valid_to"), path, f"{item['id']}.valid_to"),
        successor=item.get("successor"),
        phones=frozenset(digits(str(p)) for p in phones),
        emails=frozenset(str(e).lower() for e in emails),
    )


def load_registries(agencies_file: Path, terms_file: Path) -> Registries:
    """Read both registry files; raise ConfigError naming the file when malformed."""
    reg = Registries()
    data = _read_yaml(agencies_file)
    if not isinstance(data, dict):
        raise ConfigError(f"{agencies_file}: expected `owners:` and `agencies:` lists")
    for item in data.get("owners") or []:
        a = _agency(item, agencies_file)
        reg.owners[a.id] = a
    for item in data.get("agencies") or []:
        a = _agency(item, agencies_file)
        reg.agencies[a.id] = a

    terms = _read_yaml(terms_file)
    if not isinstance(terms, dict):
        raise ConfigError(f"{terms_file}: expected a mapping of term ids")
    for term_id, names in terms.items():
        per_lang: dict[str, str] = {}
        for lang, value in (names or {}).items():
            name = value.get("name") if isinstance(value, dict) else value
            if name:
                per_lang[lang] = str(name)
                reg.term_names.setdefault(str(name).casefold(), str(term_id))
        reg.terms[str(term_id)] = per_lang
    return reg
