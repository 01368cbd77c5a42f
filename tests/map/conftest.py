"""Fixtures of the map tests: the demo plus placed items of every type, built without and with tiles.

The coordinates below exist only in these temporary copies (tests, not demo content).
"""

from __future__ import annotations

import http.server
import io
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, Build, run_pelican, serve
from tests.theme.conftest import java  # noqa: F401 (the Nu checker's fixture)

if str(ROOT / "plugins") not in sys.path:  # the model is imported as `model`, as the build does
    sys.path.insert(0, str(ROOT / "plugins"))

BUILD_DATE = "2025-06-01"
PLUGINS = ["atomic_output", "multilang", "images", "feeds", "imprint", "checker"]  # no search index
# (folder, the line added to its source file): a park and a project placed on the map.
PLACED = {
    "parks/luong-son/index.vi.md": "Coordinates: 20.87, 105.52",
    "projects/hoa-binh-hydropower-expansion/index.vi.md": "Coordinates: 20.81, 105.32",
}
# An upcoming event with a venue (on the map) and a past one (its page only).
EVENTS = {
    "map-fair-2025": {
        "vi": "Title: Hội chợ thử bản đồ\nDate: 2025-03-01 09:00\nStart: 2025-07-10\nEnd: 2025-07-12\n"
        "Category: fair\nVenue: Quảng trường thử\nVenue_coordinates: 20.8133, 105.3383\n"
        "Source: a test\n\nNội dung.\n",
        "en": "Title: Map test fair\nVenue: Test square\n\nBody.\n",
        "ja": "Title: 地図テスト見本市\nVenue: テスト広場\n\n本文。\n",
    },
    "map-past-2025": {
        "vi": "Title: Lễ hội đã qua\nDate: 2025-01-01 09:00\nStart: 2025-02-01\n"
        "Category: festival\nVenue_coordinates: 20.70, 105.60\nSource: a test\n\nNội dung.\n",
    },
}


def placed_content(base: Path) -> Path:
    """Copy the demo content and place a park, a project and two events."""
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    for rel, line in PLACED.items():
        path = content / rel
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(Title: .*\n)", rf"\1{line}\n", text, count=1), encoding="utf-8")
    for key, files in EVENTS.items():
        folder = content / "events" / key
        folder.mkdir(parents=True)
        for lang, text in files.items():
            (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="session")
def map_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the placed copy with the default settings: no tile source."""
    base = tmp_path_factory.mktemp("map")
    build = run_pelican(
        placed_content(base),
        base / "output",
        overrides={"MULTILANG_BUILD_DATE": BUILD_DATE, "PLUGINS": PLUGINS},
    )
    assert build.returncode == 0, build.log
    return build


@dataclass
class TileServer:
    """A loopback tile server: one PNG for any /{z}/{x}/{y}.png; it remembers what was asked."""

    origin: str
    paths: list[str] = field(default_factory=list)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def tile_server() -> Iterator[TileServer]:
    """Serve tiles on an ephemeral loopback port."""
    png = _png()
    tiles = TileServer("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            tiles.paths.append(self.path)
            if re.fullmatch(r"/\d+/\d+/\d+\.png", self.path):
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(png)))
                self.end_headers()
                self.wfile.write(png)
            else:
                self.send_error(404)

        def log_message(self, format: str, *args: object) -> None:
            """Drop the access log."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tiles.origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield tiles
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def tiles_build(tmp_path_factory: pytest.TempPathFactory, tile_server: TileServer) -> Build:
    """Build the placed copy with MULTILANG_MAP_TILES pointing at the loopback tile server."""
    base = tmp_path_factory.mktemp("map-tiles")
    tiles = {
        "url": tile_server.origin + "/{z}/{x}/{y}.png",
        "attribution": "Test tiles <b>&</b>",
        "attribution_url": "https://example.org/tiles",
        "max_zoom": 16,
    }
    build = run_pelican(
        placed_content(base),
        base / "output",
        overrides={"MULTILANG_BUILD_DATE": BUILD_DATE, "PLUGINS": PLUGINS, "MULTILANG_MAP_TILES": tiles},
    )
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def map_url(map_build: Build) -> Iterator[str]:
    """Serve the default build on loopback."""
    yield from serve(map_build.output)


@pytest.fixture(scope="session")
def tiles_url(tiles_build: Build) -> Iterator[str]:
    """Serve the build with tiles on loopback."""
    yield from serve(tiles_build.output)
