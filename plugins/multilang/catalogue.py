"""Plan the pages of every collection: its list, one list per filter value, and each item's relations.

Filters work without JavaScript: every value of a declared facet (sector,
location, stage, document type, issuer, year…) and every declared range of a
number field (capital under 100 bn VND, area 10–50 ha…) gets a pre-rendered
list page (/projects/sector/energy/, /projects/capital/100bn-500bn/), and a
crossed facet's values are split by every range (/projects/sector/energy/
capital/100bn-500bn/) where that lists something; all linked from the lists.
Other combinations, free ranges and sorting are client-side enhancements of
the same table (theme/js/catalogue.js), so a crawler and a reader without
scripts reach every pre-rendered list by links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from model.site import Language, Site, Story
from model.types import TYPES, ContentType, FieldSpec

from . import coverage, urls
from .dimensions import Band, Dimension, Selection, band, dimensions


@dataclass(frozen=True)
class Option:
    """One value of a filter in a language: its label, list page and how many items that page lists."""

    spec: FieldSpec
    value: str
    label: str  # a term's, agency's or year's name; a range's is the template's (its band)
    url: str
    count: int
    current: bool = False
    band: Band | None = None


@dataclass(frozen=True)
class Facet:
    """A declared filter (facet field or number ranges) and its values in a language."""

    spec: FieldSpec
    name: str  # the data-* name catalogue.js reads: "sector", "band-capital"
    options: tuple[Option, ...]
    any_url: str = ""  # the current list without this filter, when another one stays


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
    return Dimension(spec).values(item)


def has_page(ctype: ContentType, selection: Selection) -> bool:
    """Tell whether a selection's shape gets pages: none or one filter, or a crossed facet and a range."""
    if len(selection) < 2:
        return True
    if len(selection) > 2:
        return False
    by_name = {d.name: d for d in dimensions(ctype)}
    first, second = by_name[selection[0][0]], by_name[selection[1][0]]
    return not first.banded and first.spec.crossed and second.banded


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
    """Plan collection pages for a Planner (planning.py), one language at a time.

    Pages: the whole list, one per value of each filter (facet value or range),
    and one per crossed facet value and range (/projects/sector/energy/capital/
    100bn-500bn/) that lists something, so that "one sector and a capital range"
    is a link away without JavaScript.
    """

    def __init__(self, site: Site):
        self.site = site
        self.items = {
            (name, code): listed(site, name, code) for name in site.collections for code in site.codes
        }
        self._index: dict[tuple[str, str], dict[tuple[str, str], frozenset[int]]] = {}

    def types(self) -> list[ContentType]:
        """Return the collection types that have items."""
        return [TYPES[name] for name in sorted(self.site.collections)]

    def index(self, ctype: ContentType, code: str) -> dict[tuple[str, str], frozenset[int]]:
        """Return (dimension name, value) -> the positions of the listed items that have it."""
        key = (ctype.name, code)
        if key not in self._index:
            found: dict[tuple[str, str], set[int]] = defaultdict(set)
            for position, item in enumerate(self.items[key]):
                for dim in dimensions(ctype):
                    for value in dim.values(item):
                        found[(dim.name, value)].add(position)
            self._index[key] = {k: frozenset(v) for k, v in found.items()}
        return self._index[key]

    def matching(self, ctype: ContentType, code: str, selection: Selection) -> frozenset[int] | None:
        """Return the positions of the items a selection lists (None: every item)."""
        index = self.index(ctype, code)
        out: frozenset[int] | None = None
        for pair in selection:
            found = index.get(pair, frozenset())
            out = found if out is None else out & found
        return out

    def count(self, ctype: ContentType, code: str, selection: Selection) -> int:
        """Return how many items a selection lists in a language."""
        found = self.matching(ctype, code, selection)
        return len(self.items[(ctype.name, code)]) if found is None else len(found)

    def path(self, ctype: ContentType, language: Language, selection: Selection) -> str:
        """Return the list page of a selection: /en/projects/sector/energy/capital/under-100bn/."""
        segments = {d.name: d.segment for d in dimensions(ctype)}
        return urls.filtered(language, ctype.name, [(segments[name], value) for name, value in selection])

    def target(self, ctype: ContentType, current: Selection, dim: Dimension, value: str) -> Selection:
        """Return where choosing a value leads: the current page with it, else that value alone."""
        chosen = dict(current)
        chosen[dim.name] = value
        merged = tuple((d.name, chosen[d.name]) for d in dimensions(ctype) if d.name in chosen)
        return merged if has_page(ctype, merged) else ((dim.name, value),)

    def facets(self, ctype: ContentType, code: str, current: Selection) -> list[Facet]:
        """Return the filters of a collection's list page in a language, the current values marked."""
        language = self.site.language(code)
        out = []
        for dim in dimensions(ctype):
            values = [v for (name, v) in self.index(ctype, code) if name == dim.name]
            if dim.banded:
                order = [b.slug for b in dim.bands]
                values.sort(key=order.index)
            options = []
            for value in values:
                selection = self.target(ctype, current, dim, value)
                count = self.count(ctype, code, selection)
                if count:
                    options.append(
                        Option(
                            dim.spec,
                            value,
                            "" if dim.banded else label(self.site, dim.spec, value, code),
                            self.site.url(self.path(ctype, language, selection)),
                            count,
                            (dim.name, value) in current,
                            band(dim.spec, value) if dim.banded else None,
                        )
                    )
            if not dim.banded:
                options.sort(key=lambda o: (-int(o.value) if o.value.isdigit() else 0, o.label.casefold()))
            rest = tuple(pair for pair in current if pair[0] != dim.name)
            any_url = self.site.url(self.path(ctype, language, rest)) if rest != current and rest else ""
            if options:
                out.append(Facet(dim.spec, dim.name, tuple(options), any_url))
        return out

    def selections(self, ctype: ContentType, code: str) -> list[Selection]:
        """Return every selection with a page in a language: the list, single filters, crossed pairs."""
        index = self.index(ctype, code)
        dims = dimensions(ctype)
        out: list[Selection] = [()]
        for dim in dims:
            out.extend(((dim.name, v),) for name, v in sorted(index) if name == dim.name)
        for first in (d for d in dims if d.spec.crossed and not d.banded):
            for second in (d for d in dims if d.banded):
                for name_a, a in sorted(index):
                    if name_a != first.name:
                        continue
                    for name_b, b in sorted(index):
                        pair = ((first.name, a), (second.name, b))
                        if name_b == second.name and self.count(ctype, code, pair):
                            out.append(pair)
        return out

    def pages(self, ctype: ContentType, language: Language) -> list[tuple[str, Selection]]:
        """Return (path, selection) of every list page of a collection in a language."""
        return [
            (self.path(ctype, language, selection), selection)
            for selection in self.selections(ctype, language.code)
        ]

    def shown(self, ctype: ContentType, code: str, current: Selection) -> list[Any]:
        """Return the items a list page shows: all, or those the selection keeps, in list order."""
        items = self.items[(ctype.name, code)]
        found = self.matching(ctype, code, current)
        return items if found is None else [items[n] for n in sorted(found)]

    def chosen(self, ctype: ContentType, code: str, current: Selection) -> list[Option]:
        """Return the current filters as options (field, value, name or range) for the page's title."""
        language = self.site.language(code)
        by_name = {d.name: d for d in dimensions(ctype)}
        out = []
        for name, value in current:
            dim = by_name[name]
            out.append(
                Option(
                    dim.spec,
                    value,
                    "" if dim.banded else label(self.site, dim.spec, value, code),
                    self.site.url(self.path(ctype, language, ((name, value),))),
                    self.count(ctype, code, current),
                    True,
                    band(dim.spec, value) if dim.banded else None,
                )
            )
        return out

    def langs_of(self, ctype: ContentType, current: Selection) -> dict[str, str]:
        """Return {code: path} of the languages where a list page exists (for the switcher, hreflang)."""
        return {
            language.code: self.path(ctype, language, current)
            for language in self.site.languages
            if not current or self.count(ctype, language.code, current)
        }

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
        """Return the version a page in `code` links to: translation, fallback, else the best by the chain."""
        if not story.published:
            return None
        # A Japanese reader of a project goes on to the English document, not the Vietnamese one.
        return in_language(self.site, story, code) or coverage.versions(self.site, story, code)[0]


def row_data(ctype: ContentType, item: Any) -> list[tuple[str, str]]:
    """Return a list row's data-* attributes: filter values and numbers (catalogue.js filters, sorts)."""
    out = []
    data = item.data or {}
    for spec in ctype.fields:
        attr = spec.key.replace("_", "-")
        if spec.facet:
            out.append((attr, " ".join(facet_values(spec, item))))
        elif spec.kind in ("number", "money") and spec.column and data.get(spec.key) is not None:
            out.append((attr, str(data[spec.key])))
    out.extend((dim.name, " ".join(dim.values(item))) for dim in dimensions(ctype) if dim.banded)
    return out
