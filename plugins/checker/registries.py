"""The registries as the checker's rules ask them: a view on the Site the model loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from model.site import Agency, Site
from model.text import fold


def digits(text: str) -> str:
    """Return a phone number's national digits (leading 0, no +84)."""
    d = re.sub(r"\D", "", text)
    if d.startswith("84") and text.lstrip().startswith("+"):
        d = "0" + d[2:]
    elif d.startswith("0084"):
        d = "0" + d[4:]
    return d


def _values(contacts: dict[str, Any], key: str) -> list[str]:
    value = contacts.get(key) or []
    return [str(v) for v in ([value] if isinstance(value, str | int) else value)]


@dataclass
class Registries:
    """Agencies, owners and terms by id, with the names that also identify a term."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    owners: dict[str, Agency] = field(default_factory=dict)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    term_names: dict[str, str] = field(default_factory=dict)  # folded name → id

    @classmethod
    def of(cls, site: Site) -> Registries:
        """Return the registries of a site (its registry terms, not ad-hoc tags)."""
        reg = cls(agencies=dict(site.agencies), owners={o.id: o for o in site.owners})
        for term in site.terms.values():
            if term.adhoc:
                continue
            reg.terms[term.id] = dict(term.names)
            for name in term.names.values():
                reg.term_names.setdefault(fold(name), term.id)
        return reg

    def find_term(self, tag: str) -> str | None:
        """Return the term id a tag (id or a name in any language) refers to."""
        if tag in self.terms:
            return tag
        return self.term_names.get(fold(tag))

    def _all(self) -> list[Agency]:
        return [*self.agencies.values(), *self.owners.values()]

    @property
    def institutional_phones(self) -> frozenset[str]:
        """Return the registered phone numbers (digits only) of agencies and owners."""
        return frozenset(digits(p) for a in self._all() for p in _values(a.contacts, "phone"))

    @property
    def institutional_emails(self) -> frozenset[str]:
        """Return the registered e-mail addresses of agencies and owners."""
        return frozenset(e.lower() for a in self._all() for e in _values(a.contacts, "email"))
