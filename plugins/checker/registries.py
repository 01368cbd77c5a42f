"""The registries as the checker's rules ask them: a view on the Site the model loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from model.site import Agency, Site


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

    site: Site
    agencies: dict[str, Agency] = field(default_factory=dict)
    owners: dict[str, Agency] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> Registries:
        """Return the registries of a site."""
        return cls(site, agencies=dict(site.agencies), owners={o.id: o for o in site.owners})

    def find_term(self, tag: str) -> str | None:
        """Return the registry term a tag (id or a name in any language) refers to; None for ad-hoc tags."""
        found = self.site.find_term(tag)
        return found if found is not None and not self.site.terms[found].adhoc else None

    def _all(self) -> list[Agency]:
        return [*self.agencies.values(), *self.owners.values()]

    @property
    def institutional_phones(self) -> frozenset[str]:
        """Return the registered phone numbers (digits only) of agencies and owners.

        Officials' numbers in the directory (officials:) are shown on their
        agency's page only: repeated in a story they are personal data.
        """
        return frozenset(digits(p) for a in self._all() for p in _values(a.contacts, "phone"))

    @property
    def institutional_emails(self) -> frozenset[str]:
        """Return the registered e-mail addresses of agencies and owners."""
        return frozenset(e.lower() for a in self._all() for e in _values(a.contacts, "email"))
