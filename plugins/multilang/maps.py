"""The maps: every item with coordinates placed inside the province, as SVG, GeoJSON and Leaflet's data.

With no tile source (MULTILANG_MAP_TILES None, the default) a map is an inline
SVG drawn by the theme from a MapView: the points placed by an equirectangular
projection of MULTILANG_BOUNDING_BOX (longitudes shrunk by the cosine of the
middle latitude, so distances look right), a graticule and a scale bar; each
point is a link. A configured tile source lets theme/js/map.js (and the
vendored Leaflet) draw the same points on tiles. The language's map page shows
destinations, upcoming events' venues, projects and industrial parks; an
item's page shows a small map of it and what is near it. Positions are rounded
so that two builds write the same bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from model.site import Site, Story
from model.types import TYPES, ContentType, FieldSpec

from .catalogue import label, listed

# The theme's template whose type_name(type) names a point's type (as the map's links do).
MAP_LABELS_TEMPLATE = "map_macros"
WIDTH = 1000.0  # the SVG's viewBox width; its height follows from the bounding box
# The legend's order, then any other type declaring coordinates.
ORDER = ("destination", "event", "project", "park")
# Each type's marker shape, so the legend does not rely on colour alone.
SHAPES = {"destination": "circle", "event": "diamond", "project": "square", "park": "triangle"}
CATEGORY_FIELDS = ("category", "sector")  # the field a point's category comes from
NEARBY_KM = 15.0  # an item page's small map shows the other points this close
KM_PER_DEGREE = 111.32  # along a meridian
SCALE_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500)  # km a scale bar may show


def coordinates_field(ctype: ContentType) -> FieldSpec | None:
    """Return the first field of a type holding coordinates (Coordinates, Venue_coordinates), or None."""
    return next((spec for spec in ctype.fields if spec.kind == "coordinates"), None)


def mapped_types(site: Site) -> list[ContentType]:
    """Return the collection types with a coordinates field that have items, in legend order."""
    names = [name for name in site.collections if coordinates_field(TYPES[name]) is not None]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), list(TYPES).index(n)))
    return [TYPES[name] for name in names]


def position(item: Any) -> tuple[float, float] | None:
    """Return an item's (latitude, longitude), or None when it has none."""
    spec = coordinates_field(TYPES[item.story.kind])
    value = (item.data or {}).get(spec.key) if spec is not None else None
    return (float(value[0]), float(value[1])) if value else None


def osm_url(lat: float, lon: float) -> str:
    """Return the OpenStreetMap address of a point (a link for the reader, never a request)."""
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Marker:
    """One point of a map: the item shown, where it is, where it is drawn, its links."""

    item: Any
    type_name: str
    shape: str
    lat: float
    lon: float
    x: float
    y: float
    category: str  # the category's name in the page's language, or ""
    current: bool = False  # the item whose page this is

    @property
    def osm_url(self) -> str:
        """Return the point's OpenStreetMap address."""
        return osm_url(self.lat, self.lon)


@dataclass(frozen=True)
class Group:
    """The markers of one type, for the legend and the list beside the map."""

    type_name: str
    shape: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Line:
    """A graticule line (x1 == x2: a meridian) with its label."""

    x1: float
    y1: float
    x2: float
    y2: float
    text: str


@dataclass(frozen=True)
class MapView:
    """What the theme draws: the viewBox, the groups of markers, the graticule and the scale."""

    ident: str  # prefix of the SVG's ids
    width: float
    height: float
    box: tuple[float, float, float, float]  # (south, west, north, east)
    groups: tuple[Group, ...]
    lines: tuple[Line, ...]
    scale_km: int
    scale_width: float
    focus: Marker | None = None  # an item page's own point
    radius_km: float = 0.0  # an item page's map: how near the other points are

    @property
    def markers(self) -> list[Marker]:
        """Return every marker, the page's own last (drawn on top)."""
        out = [m for g in self.groups for m in g.markers if not m.current]
        return out + [m for g in self.groups for m in g.markers if m.current]

    @property
    def bounds(self) -> str:
        """Return "south,west,north,east" for map.js."""
        return ",".join(str(v) for v in self.box)


class Projection:
    """Place (lat, lon) in a viewBox WIDTH wide: equirectangular, scaled at the middle latitude."""

    def __init__(self, box: tuple[float, float, float, float]):
        self.box = box
        south, west, north, east = box
        self.shrink = math.cos(math.radians((south + north) / 2))
        self.k = WIDTH / ((east - west) * self.shrink)  # viewBox units per degree of latitude
        self.height = round((north - south) * self.k, 1)

    def place(self, lat: float, lon: float) -> tuple[float, float]:
        """Return the (x, y) of a point, rounded to a tenth of a unit."""
        _south, west, north, _east = self.box
        return round((lon - west) * self.shrink * self.k, 1), round((north - lat) * self.k, 1)

    def lines(self) -> tuple[Line, ...]:
        """Return the graticule: a line every 0.1°, 0.2° or 0.5°, labelled in degrees."""
        south, west, north, east = self.box
        step = next(s for s in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0) if (north - south) / s <= 6)
        out = []
        lat = math.ceil(south / step) * step
        while lat < north - 1e-9:
            y = self.place(lat, west)[1]
            out.append(Line(0.0, y, WIDTH, y, f"{lat:.1f}°N" if lat >= 0 else f"{-lat:.1f}°S"))
            lat += step
        lon = math.ceil(west / step) * step
        while lon < east - 1e-9:
            x = self.place(north, lon)[0]
            out.append(Line(x, 0.0, x, self.height, f"{lon:.1f}°E" if lon >= 0 else f"{-lon:.1f}°W"))
            lon += step
        return tuple(out)

    def scale(self) -> tuple[int, float]:
        """Return a round distance in km about a fifth of the map wide and its width in units."""
        km_per_unit = KM_PER_DEGREE / self.k
        km = max((s for s in SCALE_STEPS if s / km_per_unit <= WIDTH / 4), default=SCALE_STEPS[0])
        return km, round(km / km_per_unit, 1)


def _box(site: Site, points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Return the map's box: MULTILANG_BOUNDING_BOX, else the points' extent with a margin."""
    if site.bbox is not None:
        return site.bbox
    if not points:
        return (-60.0, -180.0, 75.0, 180.0)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    pad = max(0.05, (max(lats) - min(lats)) * 0.1, (max(lons) - min(lons)) * 0.1)
    return (min(lats) - pad, min(lons) - pad, max(lats) + pad, max(lons) + pad)


class MapPlanner:
    """Build the map views of a site, one language at a time (planning.py, the GeoJSON)."""

    def __init__(self, site: Site):
        self.site = site
        self.types = mapped_types(site)
        points = [
            p for ctype in self.types for story in site.collections[ctype.name] if (p := _story_point(story))
        ]
        self.projection = Projection(_box(site, points))

    def items(self, code: str) -> list[tuple[ContentType, list[Any]]]:
        """Return each mapped type's items a language's map shows: listed, placed, events upcoming."""
        out = []
        for ctype in self.types:
            shown = [
                item
                for item in listed(self.site, ctype.name, code)
                if position(item) is not None and not (item.data or {}).get("past")
            ]
            shown.sort(key=lambda item: (item.title.casefold(), item.story.key))
            out.append((ctype, shown))
        return out

    def marker(self, item: Any, code: str, current: bool = False) -> Marker:
        """Return an item's marker in a language."""
        lat, lon = position(item) or (0.0, 0.0)
        x, y = self.projection.place(lat, lon)
        name = item.story.kind
        return Marker(
            item, name, SHAPES.get(name, "circle"), lat, lon, x, y, self.category(item, code), current
        )

    def category(self, item: Any, code: str) -> str:
        """Return the name of an item's category (or sector) in a language, or ""."""
        ctype = TYPES[item.story.kind]
        for key in CATEGORY_FIELDS:
            spec = ctype.field(key)
            value = (item.data or {}).get(key)
            if spec is not None and value:
                return label(self.site, spec, value if isinstance(value, str) else value[0], code)
        return ""

    def view(self, code: str) -> MapView:
        """Return a language's whole map."""
        groups = tuple(
            Group(ctype.name, SHAPES.get(ctype.name, "circle"), tuple(self.marker(i, code) for i in items))
            for ctype, items in self.items(code)
            if items
        )
        return self._view("map", groups)

    def item_view(self, story: Story, item: Any, code: str) -> MapView | None:
        """Return an item page's small map: its point and the points near it, or None without coordinates."""
        here = position(item)
        if here is None or TYPES[story.kind] not in self.types:
            return None
        focus = self.marker(item, code, current=True)
        groups = []
        for ctype, items in self.items(code):
            near = [
                self.marker(other, code)
                for other in items
                if other.story is not story and distance_km(here, position(other)) <= NEARBY_KM
            ]
            if ctype.name == story.kind:
                near.append(focus)
            if near:
                groups.append(Group(ctype.name, SHAPES.get(ctype.name, "circle"), tuple(near)))
        return self._view("minimap", tuple(groups), focus, NEARBY_KM)

    def _view(
        self, ident: str, groups: tuple[Group, ...], focus: Marker | None = None, radius_km: float = 0.0
    ) -> MapView:
        km, scale_width = self.projection.scale()
        return MapView(
            ident,
            WIDTH,
            self.projection.height,
            self.projection.box,
            groups,
            self.projection.lines(),
            km,
            scale_width,
            focus,
            radius_km,
        )

    def shown(self, view: MapView) -> list[Any]:
        """Return the items a view shows (a page's deps)."""
        return [m.item for m in view.markers]

    def geojson(self, code: str, type_names: Callable[[str], str]) -> bytes:
        """Return a language's map as a GeoJSON FeatureCollection, properties in that language."""
        features = []
        for marker in self.view(code).markers:
            item = marker.item
            props: dict[str, Any] = {
                "name": item.title,
                "type": marker.type_name,
                "type_name": type_names(marker.type_name),
                "url": self.site.url(item.page_path),
                "lang": item.lang,
            }
            if marker.category:
                props["category_name"] = marker.category
            features.append(
                {
                    "type": "Feature",
                    "id": f"{marker.type_name}/{item.story.key}",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [marker.lon, marker.lat],
                    },  # RFC 7946: lon, lat
                    "properties": props,
                }
            )
        doc = {"type": "FeatureCollection", "features": features}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"

    def has_points(self) -> bool:
        """Return whether any item anywhere has coordinates (then every language has a map page)."""
        return any(_story_point(s) for ctype in self.types for s in self.site.collections[ctype.name])


def _story_point(story: Story) -> tuple[float, float] | None:
    """Return an item's (lat, lon) from its language-neutral data, when it is published."""
    spec = coordinates_field(TYPES[story.kind])
    value = story.data.get(spec.key) if spec is not None and story.published else None
    return (float(value[0]), float(value[1])) if value else None


def map_key(view: MapView, site: Site) -> tuple:
    """Return what a map shows beyond its items' content: which points where, the build date, the tiles."""
    points = tuple((m.type_name, m.item.story.key, m.item.url, m.x, m.y, m.current) for m in view.markers)
    return (points, str(site.build_date), repr(site.map_tiles))
