"""Plan the pages of every collection: its list, one list per facet value, and each item's relations.

Filters work without JavaScript: every value of a declared facet (sector,
location, stage, document type, issuer, year…) gets a pre-rendered list page
(/projects/sector/energy/), linked from the list; combinations of filters, the
capital range and sorting are client-side enhancements of the same table
(theme/js/catalogue.js), so a crawler and a reader without scripts reach every
filtered list by links.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from model.site import Language, Site, Story
from model.types import TYPES, ContentType, FieldSpec

from . import urls


@dataclass(frozen=True)
class Option:
    """One value of a facet in a language: its label, list page and how many items have it."""

    value: str
    label: str
    url: str
    count: int
    current: bool = False


@dataclass(frozen=True)
class Facet:
    """A declared facet field and its values in a language."""

    spec: FieldSpec
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Relation:
    """Items an item names in a ref field (or that name it): the field, the direction, the items."""

    spec: FieldSpec
    inverse: bool  # True: the other items name this one ("implemented by")
    items: tuple[Any, ...]


def in_language(site: Site, story: Story, code: str) -> Any | None:
    """Return what a language shows of an item: its translation, else its fallback, else None."""
    if code in story.versions:
        return story.versions[code]
    return next((f for f in site.fallbacks.get(code, []) if f.story is story), None)


def listed(site: Site, type_name: str, code: str) -> list[Any]:
    """Return the items a language lists of a collection, newest first: translations and fallbacks."""
    out = []
    for story in site.collections.get(type_name, []):
        if story.listed:
            item = in_language(site, story, code)
            if item is not None:
                out.append(item)
    return out


def facet_values(spec: FieldSpec, item: Any) -> list[str]:
    """Return an item's values of a facet field as path segments (a date's year)."""
    value = (item.data or {}).get(spec.key)
    values = value if isinstance(value, list) else [value]
    out = []
    for one in values:
        if isinstance(one, dt.date):
            out.append(str(one.year))
        elif one is not None:
            out.append(str(one))
    return out


def label(site: Site, spec: FieldSpec, value: str, code: str) -> str:
    """Return a facet value's name in a language: a term's, an agency's or body's, or the value."""
    if spec.kind == "vocab" and spec.vocab in site.vocabularies:
        return site.vocabularies[spec.vocab].label(value, code)
    if spec.kind == "agency":
        body = (
            site.agencies.get(value)
            or site.bodies.get(value)
            or next((owner for owner in site.owners if owner.id == value), None)
        )
        if body is not None:
            return body.name(code)
    return value


class CataloguePlanner:
    """Plan collection pages for a Planner (planning.py), one language at a time."""

    def __init__(self, site: Site):
        self.site = site
        self.items = {
            (name, code): listed(site, name, code) for name in site.collections for code in site.codes
        }

    def types(self) -> list[ContentType]:
        """Return the collection types that have items."""
        return [TYPES[name] for name in sorted(self.site.collections)]

    def counts(self, ctype: ContentType, spec: FieldSpec, code: str) -> dict[str, int]:
        """Return how many listed items of a language have each value of a facet."""
        counts: dict[str, int] = defaultdict(int)
        for item in self.items[(ctype.name, code)]:
            for value in facet_values(spec, item):
                counts[value] += 1
        return counts

    def facets(self, ctype: ContentType, code: str, current: tuple[str, str] | None) -> list[Facet]:
        """Return the facets of a collection's list in a language, the current value marked."""
        language = self.site.language(code)
        out = []
        for spec in ctype.facets():
            counts = self.counts(ctype, spec, code)
            options = [
                Option(
                    value,
                    label(self.site, spec, value, code),
                    self.site.url(urls.facet(language, ctype.name, spec.key, value)),
                    count,
                    current == (spec.key, value),
                )
                for value, count in counts.items()
            ]
            options.sort(key=lambda o: (-int(o.value) if o.value.isdigit() else 0, o.label.casefold()))
            if options:
                out.append(Facet(spec, tuple(options)))
        return out

    def pages(self, ctype: ContentType, language: Language) -> list[tuple[str, tuple[str, str] | None]]:
        """Return (path, facet) of every list page of a collection in a language."""
        out: list[tuple[str, tuple[str, str] | None]] = [(urls.collection(language, ctype.name), None)]
        for spec in ctype.facets():
            for value in sorted(self.counts(ctype, spec, language.code)):
                out.append((urls.facet(language, ctype.name, spec.key, value), (spec.key, value)))
        return out

    def shown(self, ctype: ContentType, code: str, current: tuple[str, str] | None) -> list[Any]:
        """Return the items a list page shows: all, or those with the facet's value."""
        items = self.items[(ctype.name, code)]
        if current is None:
            return items
        spec = ctype.field(current[0])
        assert spec is not None
        return [item for item in items if current[1] in facet_values(spec, item)]

    def langs_of(self, ctype: ContentType, current: tuple[str, str] | None) -> dict[str, str]:
        """Return {code: path} of the languages where a list page exists (for the switcher, hreflang)."""
        out = {}
        for language in self.site.languages:
            if current is None or self.shown(ctype, language.code, current):
                if current is None:
                    out[language.code] = urls.collection(language, ctype.name)
                else:
                    out[language.code] = urls.facet(language, ctype.name, current[0], current[1])
        return out

    def relations(self, story: Story, code: str) -> list[Relation]:
        """Return what an item names in its ref fields and the items that name it, shown in a language."""
        ctype = TYPES[story.kind]
        out = []
        for spec in ctype.fields:
            if spec.kind == "ref":
                keys = story.data.get(spec.key) or []
                targets = [
                    self._find(spec.target, key) for key in (keys if isinstance(keys, list) else [keys])
                ]
                shown = tuple(i for i in (self._show(t, code) for t in targets if t) if i is not None)
                if shown:
                    out.append(Relation(spec, False, shown))
        for other_type in self.types():
            for spec in other_type.fields:
                if spec.kind != "ref" or spec.target != story.kind:
                    continue
                naming = [
                    other
                    for other in self.site.collections.get(other_type.name, [])
                    if story.key in (other.data.get(spec.key) or [])
                ]
                shown = tuple(i for i in (self._show(o, code) for o in naming) if i is not None)
                if shown:
                    out.append(Relation(spec, True, shown))
        return out

    def _find(self, type_name: str, key: str) -> Story | None:
        return next((s for s in self.site.collections.get(type_name, []) if s.key == key), None)

    def _show(self, story: Story, code: str) -> Any | None:
        """Return the version a page in `code` links to: translation, fallback, else the source."""
        if not story.published:
            return None
        return in_language(self.site, story, code) or story.source


def row_data(ctype: ContentType, item: Any) -> list[tuple[str, str]]:
    """Return a list row's data-* attributes: facet values and numbers (catalogue.js filters, sorts)."""
    out = []
    data = item.data or {}
    for spec in ctype.fields:
        attr = spec.key.replace("_", "-")
        if spec.facet:
            out.append((attr, " ".join(facet_values(spec, item))))
        elif spec.kind in ("number", "money") and spec.column and data.get(spec.key) is not None:
            out.append((attr, str(data[spec.key])))
    return out
