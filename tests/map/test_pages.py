"""The map page, the small maps and the GeoJSON, as a reader and a parser get them (no tile source)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from tests.conftest import Build

# MULTILANG_BOUNDING_BOX's default (south, west, north, east): the province.
SOUTH, WEST, NORTH, EAST = 20.25, 104.8, 21.15, 106.0
LANGS = {"vi": "", "en": "en/", "ja": "ja/", "ko": "ko/", "zh": "zh/", "fr": "fr/"}
HTML_LANG = {"zh": "zh-Hans"}


def html(build: Build, path: str) -> lxml.html.HtmlElement:
    """Parse an output page."""
    file = build.page(path)
    assert file.is_file(), f"{path} was not written"
    return lxml.html.fromstring(file.read_bytes())


def points(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Return the SVG's point links."""
    return root.xpath("//svg//a[contains(@class, 'map-point')]")


def target(build: Build, href: str) -> Path:
    """Return the output file a site link leads to."""
    path = href.lstrip("/")
    return build.output / (path + "index.html" if path.endswith("/") or not path else path)


def test_map_page_places_every_point_inside_the_box_where_it_is(map_build: Build) -> None:
    """Each point is drawn at its place in the viewBox: east is right, north is up, in proportion."""
    root = html(map_build, "en/map/")
    svg = root.xpath("//svg[contains(@class, 'map-svg')]")[0]
    _, _, width, height = map(float, (svg.get("viewBox") or svg.get("viewbox")).split())
    found = points(root)
    names = {a.get("aria-label").split(" (")[0] for a in found}
    assert {"Mai Châu valley and Lác village", "Map test fair", "Lương Sơn Industrial Park"} <= names
    for link in found:
        lat, lon = float(link.get("data-lat")), float(link.get("data-lon"))
        shape = link.xpath("./*[contains(@class, 'hit')]")[0]
        x, y = float(shape.get("cx")), float(shape.get("cy"))
        assert 0 < x < width and 0 < y < height, link.get("aria-label")
        assert x / width == pytest.approx((lon - WEST) / (EAST - WEST), abs=0.002)
        assert y / height == pytest.approx((NORTH - lat) / (NORTH - SOUTH), abs=0.002)
    by_name = {a.get("aria-label").split(" (")[0]: a for a in found}
    mai_chau, kim_boi = by_name["Mai Châu valley and Lác village"], by_name["Kim Bôi hot springs"]
    x_of = {name: float(a.xpath("./*[contains(@class, 'hit')]")[0].get("cx")) for name, a in by_name.items()}
    assert x_of["Mai Châu valley and Lác village"] < x_of["Kim Bôi hot springs"]  # 105.08 °E < 105.54 °E
    assert mai_chau.get("href") == "/en/destinations/mai-chau/"
    assert "Destination" in kim_boi.get("aria-label") and "Nature" in kim_boi.get("aria-label")


def test_every_point_and_list_item_links_to_its_page_and_to_openstreetmap(map_build: Build) -> None:
    """The list beside the map names every point, links its page (which exists) and OpenStreetMap."""
    root = html(map_build, "en/map/")
    svg_links = {a.get("href"): a for a in points(root)}
    items = root.xpath("//ul[@class='map-list']/li")
    assert len(items) == len(svg_links)
    for li in items:
        page, osm = li.xpath("./a")
        assert page.get("href") in svg_links
        assert target(map_build, page.get("href")).is_file()
        point = svg_links[page.get("href")]
        url = urlsplit(osm.get("href"))
        assert (url.scheme, url.netloc) == ("https", "www.openstreetmap.org")
        query = parse_qs(url.query)
        assert query["mlat"] == [point.get("data-lat")] and query["mlon"] == [point.get("data-lon")]
        assert url.fragment == f"map=15/{point.get('data-lat')}/{point.get('data-lon')}"
        assert page.text_content() in osm.text_content()  # "OpenStreetMap: <name>" for screen readers
    groups = [h.text_content().strip() for h in root.xpath("//section[contains(@class, 'map-group')]/h2")]
    assert groups == ["Destinations", "Events", "Investment projects", "Industrial parks"]


def test_map_page_shows_upcoming_events_only_and_loads_no_script(map_build: Build) -> None:
    """A past event is on its own page's map, not on the language's map; no script without tiles."""
    root = html(map_build, "en/map/")
    names = [a.get("aria-label") for a in points(root)]
    assert any(name.startswith("Map test fair (Event venue") for name in names)
    assert not any("Lễ hội đã qua" in name for name in names)
    assert not root.xpath("//script[@src]") and "leaflet" not in lxml.html.tostring(root).decode()
    assert html(map_build, "events/map-past-2025/").xpath("//a[contains(@class, 'map-point')]")


@pytest.mark.parametrize("code", list(LANGS))
def test_a_map_page_in_every_language_with_its_geojson(map_build: Build, code: str) -> None:
    """Every language has its map, linked to the others, and a GeoJSON download it links."""
    root = html(map_build, f"{LANGS[code]}map/")
    assert root.get("lang") == HTML_LANG.get(code, code)
    hreflang = {link.get("hreflang") for link in root.xpath("//link[@rel='alternate'][@hreflang]")}
    assert {HTML_LANG.get(c, c) for c in LANGS} <= hreflang
    downloads = root.xpath("//a[@type='application/geo+json']")
    assert downloads and downloads[0].get("href") == f"/{LANGS[code]}map/map-{code}.geojson"
    assert target(map_build, downloads[0].get("href")).is_file()


@pytest.mark.parametrize(
    ("code", "destination", "category"),
    [("en", "Destination", "Community-based tourism"), ("ja", "観光地", "コミュニティ・ツーリズム")],
)
def test_geojson_is_a_feature_collection_in_the_language(
    map_build: Build, code: str, destination: str, category: str
) -> None:
    """The GeoJSON parses; coordinates are [longitude, latitude]; properties are in the language."""
    doc = json.loads((map_build.output / f"{LANGS[code]}map/map-{code}.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    page = html(map_build, f"{LANGS[code]}map/")
    placed = {a.get("href"): (float(a.get("data-lat")), float(a.get("data-lon"))) for a in points(page)}
    assert len(doc["features"]) == len(placed)
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert WEST < lon < EAST and SOUTH < lat < NORTH  # [lon, lat], not [lat, lon]
        props = feature["properties"]
        assert placed[props["url"]] == (lat, lon)
        assert target(map_build, props["url"]).is_file()
        title = html(map_build, props["url"]).xpath("//h1")[0].text_content().strip()
        assert props["name"] == title
    mai_chau = next(f for f in doc["features"] if f["id"] == "destination/mai-chau")
    assert mai_chau["geometry"]["coordinates"] == [105.08, 20.66]
    assert mai_chau["properties"]["type_name"] == destination
    assert mai_chau["properties"]["category_name"] == category


@pytest.mark.parametrize(
    "path", ["en/destinations/mai-chau/", "en/parks/luong-son/", "en/events/map-fair-2025/", "ja/map/"]
)
def test_item_pages_and_map_have_the_svg_map_without_scripts(map_build: Build, path: str) -> None:
    """An item with coordinates has a small map with its own point marked; no script is loaded."""
    root = html(map_build, path)
    assert root.xpath("//svg[contains(@class, 'map-svg')]")
    assert not root.xpath("//script[contains(@src, 'leaflet') or contains(@src, 'map.js')]")
    if "/map/" not in path:
        current = root.xpath("//a[contains(@class, 'map-point')][@aria-current='page']")
        assert len(current) == 1 and current[0].get("href") == "/" + path


def test_small_map_shows_the_item_and_its_neighbours(map_build: Build) -> None:
    """The project's map marks it and links the places within 15 km (the fair's venue), not far ones."""
    root = html(map_build, "en/projects/hoa-binh-hydropower-expansion/")
    names = [a.get("aria-label") for a in points(root)]
    assert any(n.startswith("Map test fair") for n in names)  # about 2 km away
    assert not any(n.startswith("Hang Kia") for n in names)  # about 40 km away
    current = root.xpath("//a[contains(@class, 'map-point')][@aria-current='page']")[0]
    lat, lon = float(current.get("data-lat")), float(current.get("data-lon"))
    assert (lat, lon) == (20.81, 105.32)
    assert root.xpath("//section[contains(@class, 'small-map')]//a[@href='/en/map/']")


def test_lists_link_to_the_map(map_build: Build) -> None:
    """The destinations, events, projects and parks lists link to the map; documents do not."""
    for path in ("en/destinations/", "en/events/", "en/projects/", "en/parks/", "destinations/"):
        links = html(map_build, path).xpath("//a[contains(@class, 'map-link')]/@href")
        assert links and links[0] in ("/en/map/", "/map/"), path
    assert not html(map_build, "en/documents/").xpath("//a[contains(@class, 'map-link')]")


def csp(root: lxml.html.HtmlElement) -> str:
    """Return a page's CSP meta."""
    return root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]


def test_default_csp_is_unchanged(map_build: Build) -> None:
    """Without tiles the map page's policy is every page's, images from this site only."""
    policy = csp(html(map_build, "en/map/"))
    assert policy == csp(html(map_build, "en/"))
    assert "img-src 'self' data:;" in policy and "127.0.0.1" not in policy


def test_tiles_load_leaflet_on_map_pages_only_and_extend_the_csp(tiles_build: Build, tile_server) -> None:
    """With a tile source: Leaflet's files on pages with a map, the tiles' origin in img-src (meta, _headers)."""
    root = html(tiles_build, "en/map/")
    scripts = root.xpath("//script/@src")
    assert scripts == ["/theme/vendor/leaflet/leaflet.js", "/theme/js/map.js"]
    assert "/theme/vendor/leaflet/leaflet.css" in root.xpath("//link[@rel='stylesheet']/@href")
    figure = root.xpath("//figure[@data-tiles]")[0]
    assert figure.get("data-tiles") == tile_server.origin + "/{z}/{x}/{y}.png"
    assert figure.get("data-attribution") == "Test tiles <b>&</b>"  # text: map.js escapes it
    assert f"img-src 'self' data: {tile_server.origin};" in csp(root)
    assert tile_server.origin in (tiles_build.output / "_headers").read_text(encoding="utf-8")
    assert html(tiles_build, "en/destinations/mai-chau/").xpath("//script[contains(@src, 'leaflet')]")
    for path in ("en/", "en/documents/", "en/destinations/"):
        assert not html(tiles_build, path).xpath("//script[contains(@src, 'leaflet')]"), path
    for name in ("leaflet.js", "leaflet.css", "LICENSE", "images/marker-icon.png"):
        assert (tiles_build.output / "theme" / "vendor" / "leaflet" / name).is_file()
