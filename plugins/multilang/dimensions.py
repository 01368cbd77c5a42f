"""What a collection's lists are filtered by: its facet fields' values and its number fields' ranges.

A dimension is one declared filter: a facet field (one value per term, agency
or year) or a number field with `bands` (one value per range between its
limits: under-100bn, 100bn-500bn, 500bn-2000bn, over-2000bn). A selection is
the filters a list page applies, at most one value per dimension, in the
declaration's order; catalogue.py decides which selections get a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from model.types import ContentType, FieldSpec

# Suffixes of the range slugs, largest first: 100_000_000_000 -> "100bn".
_SCALES = ((1_000_000_000_000, "tn"), (1_000_000_000, "bn"), (1_000_000, "m"), (1_000, "k"))

Selection = tuple[tuple[str, str], ...]  # ((dimension name, value), …) in declaration order


@dataclass(frozen=True)
class Band:
    """One range of a number field: low <= value < high (None: no bound)."""

    slug: str
    low: float | None
    high: float | None

    def holds(self, value: float) -> bool:
        """Tell whether a value falls in the range."""
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True)
class Dimension:
    """A declared filter of a collection's lists: a facet field, or a number field's ranges."""

    spec: FieldSpec
    banded: bool = False

    @property
    def name(self) -> str:
        """Return its name in data-* attributes and selections: "sector", "band-capital"."""
        return f"band-{self.spec.band_path}" if self.banded else self.spec.key.replace("_", "-")

    @property
    def segment(self) -> str:
        """Return its URL segment: "sector" (/projects/sector/energy/), "capital"."""
        return self.spec.band_path if self.banded else self.spec.key.replace("_", "-")

    @property
    def bands(self) -> tuple[Band, ...]:
        """Return the ranges of a banded dimension (none for a facet)."""
        return bands(self.spec) if self.banded else ()

    def values(self, item: Any) -> list[str]:
        """Return an item's values of the dimension as path segments (a date's year, a range's slug)."""
        value = (item.data or {}).get(self.spec.key)
        if self.banded:
            if value is None:
                return []
            return [band.slug for band in self.bands if band.holds(float(value))]
        out = []
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, dt.date):
                out.append(str(one.year))
            elif one is not None:
                out.append(str(one))
        return out


def dimensions(ctype: ContentType) -> tuple[Dimension, ...]:
    """Return a collection's filters: its facet fields, then its number fields' ranges."""
    return tuple(Dimension(spec) for spec in ctype.facets()) + tuple(
        Dimension(spec, banded=True) for spec in ctype.banded()
    )


def _short(value: float, scale: int, suffix: str) -> str:
    """Return a limit for a slug: 100 (scale 1), "100bn", "2p5" (2.5)."""
    return format(value / scale, "g").replace(".", "p") + suffix


def bands(spec: FieldSpec) -> tuple[Band, ...]:
    """Return a field's declared ranges with their slugs: under-100bn, 100bn-500bn, over-2000bn."""
    limits = sorted(spec.bands)
    if not limits:
        return ()
    scale, suffix = next(
        ((s, x) for s, x in _SCALES if all(limit % s == 0 for limit in limits)),
        (1, ""),
    )
    short = [_short(limit, scale, suffix) for limit in limits]
    out = [Band(f"under-{short[0]}", None, limits[0])]
    out += [Band(f"{short[n]}-{short[n + 1]}", limits[n], limits[n + 1]) for n in range(len(limits) - 1)]
    out.append(Band(f"over-{short[-1]}", limits[-1], None))
    return tuple(out)


def band(spec: FieldSpec, slug: str) -> Band | None:
    """Return a field's range by its slug."""
    return next((b for b in bands(spec) if b.slug == slug), None)
