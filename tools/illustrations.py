"""Draw the demo destinations' cover illustrations (flat, calm landscapes) with Pillow.

No photographs of the destinations exist in the demo, so each destination gets
a simple illustration evoking its place; the source files say so in Cover_alt
("Hình minh họa: …") and Cover_credit ("Minh họa: quangba").

    python -m tools.illustrations                    # (re)write every cover.jpg
    python -m tools.illustrations --only mai-chau --out /tmp/covers

Output is deterministic: shapes come from fixed coordinates and seeded noise,
the picture is drawn at twice the size and reduced once, and the JPEG carries
no metadata beyond its JFIF header (no EXIF, no GPS, no date).
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1600, 1000
SCALE = 2  # drawn at 2x then reduced: smooth edges without antialiasing support in ImageDraw
QUALITY = 82
# No exif/icc_profile arguments: Pillow then writes only the JFIF header.
JPEG_OPTIONS = {"quality": QUALITY, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
ROOT = Path(__file__).resolve().parent.parent
DESTINATIONS = ROOT / "content" / "destinations"

Color = tuple[int, int, int]
Points = list[tuple[float, float]]

# The about page's landscape palette: warm sky, sage hills fading into haze, slate water.
SKY_TOP, SKY_LOW = (245, 208, 150), (250, 232, 196)
HAZE, SAGE, FOREST, DEEP = (200, 192, 170), (150, 170, 140), (76, 122, 88), (40, 72, 52)
WATER, WATER_LIGHT = (96, 140, 146), (196, 222, 222)
WOOD, ROOF, DARK = (128, 84, 52), (104, 64, 40), (52, 38, 30)
RICE, RICE_GOLD = (150, 178, 88), (214, 190, 96)


class Canvas:
    """A drawing surface in 1600x1000 coordinates, rendered at SCALE for smooth edges."""

    def __init__(self, top: Color = SKY_TOP, bottom: Color = SKY_LOW) -> None:
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE))
        self.draw = ImageDraw.Draw(self.image)
        self.gradient(0, HEIGHT, top, bottom)

    def _p(self, points: Points) -> list[tuple[int, int]]:
        return [(round(x * SCALE), round(y * SCALE)) for x, y in points]

    def gradient(self, y0: float, y1: float, top: Color, bottom: Color) -> None:
        """Fill the band y0..y1 with a vertical two-colour gradient."""
        for row in range(round(y0 * SCALE), round(y1 * SCALE)):
            t = (row - y0 * SCALE) / max(1, (y1 - y0) * SCALE)
            self.draw.line([(0, row), (WIDTH * SCALE, row)], fill=mix(top, bottom, t))

    def polygon(self, points: Points, fill: Color) -> None:
        self.draw.polygon(self._p(points), fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.draw.rectangle(self._p([(x0, y0), (x1, y1)]), fill=fill)

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.draw.ellipse(self._p([(x0, y0), (x1, y1)]), fill=fill)

    def line(self, points: Points, fill: Color, width: float) -> None:
        self.draw.line(self._p(points), fill=fill, width=max(1, round(width * SCALE)), joint="curve")

    def veil(self, paint: Callable[[ImageDraw.ImageDraw], None]) -> None:
        """Composite translucent shapes (mist, steam, glow) drawn on an RGBA layer."""
        layer = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        paint(ImageDraw.Draw(layer))
        self.image = Image.alpha_composite(self.image.convert("RGBA"), layer).convert("RGB")
        self.draw = ImageDraw.Draw(self.image)

    def finish(self) -> Image.Image:
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def mix(a: Color, b: Color, t: float) -> Color:
    """Blend two colours, t=0 gives a and t=1 gives b."""
    t = min(1.0, max(0.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def ridge(
    c: Canvas, base: float, amp: float, fill: Color, *, seed: int, waves: int = 3, bottom: float = HEIGHT
) -> None:
    """Draw a mountain ridge: seeded sine waves over the width, filled down to `bottom`."""
    rng = random.Random(seed)
    terms = [
        (rng.uniform(0.6, 1.0) / (k + 1), rng.uniform(1, 2.5) * (k + 1), rng.uniform(0, 6.3))
        for k in range(waves)
    ]
    points = [(0.0, bottom)]
    for x in range(0, WIDTH + 1, 8):
        u = x / WIDTH * math.pi
        h = sum(a * math.sin(f * u + ph) for a, f, ph in terms)
        points.append((x, base - amp * h))
    points.append((WIDTH, bottom))
    c.polygon(points, fill)


def karst(c: Canvas, x: float, base: float, size: tuple[float, float], fill: Color) -> None:
    """Draw a steep limestone tower: near-vertical sides and a rounded top."""
    w, h = size
    pts = []
    for i in range(25):
        t = i / 24
        y = base - h * (math.sin(math.pi * t) ** 0.35)
        pts.append((x - w / 2 + w * t, y))
    c.polygon([(x - w / 2, base), *pts, (x + w / 2, base)], fill)


def sun(c: Canvas, x: float, y: float, r: float, color: Color = (252, 240, 212)) -> None:
    """Draw a pale sun with a soft halo."""

    def paint(d: ImageDraw.ImageDraw) -> None:
        for k in range(6, 0, -1):
            g = (r + k * 9) * SCALE
            d.ellipse([x * SCALE - g, y * SCALE - g, x * SCALE + g, y * SCALE + g], fill=(*color, 16))

    c.veil(paint)
    c.ellipse(x - r, y - r, x + r, y + r, color)


def birds(c: Canvas, x: float, y: float, count: int = 3) -> None:
    """Draw small flying birds as pairs of arcs."""
    for i in range(count):
        bx, by = x + i * 34, y + (i % 2) * 14
        c.line(
            [(bx - 12, by + 2), (bx - 6, by - 4), (bx, by + 2), (bx + 6, by - 4), (bx + 12, by + 2)],
            DARK,
            2.5,
        )


def water(c: Canvas, top: float, bottom: float = HEIGHT, seed: int = 7, color: Color = WATER) -> None:
    """Draw a still lake with short light ripples."""
    c.gradient(top, bottom, mix(color, WATER_LIGHT, 0.25), color)
    rng = random.Random(seed)
    for _ in range(90):
        y = rng.uniform(top + 8, bottom - 4)
        x = rng.uniform(0, WIDTH)
        length = rng.uniform(20, 70) * (0.5 + (y - top) / max(1, bottom - top))
        c.line([(x, y), (x + length, y)], mix(color, WATER_LIGHT, 0.7), 2)


def stilt_house(
    c: Canvas, x: float, ground: float, w: float, *, lit: bool = True, roof: Color = ROOF
) -> None:
    """Draw a Thái or Mường stilt house: posts, a wooden room and a steep hipped roof."""
    h = w * 0.34
    floor = ground - w * 0.3
    for i in range(5):
        px = x + w * 0.06 + i * (w * 0.88) / 4
        c.rect(px - w * 0.012, floor, px + w * 0.012, ground, DARK)
    c.rect(x, floor - h, x + w, floor, WOOD)
    c.rect(x - w * 0.04, floor - 3, x + w * 1.04, floor + 3, DARK)
    if lit:
        c.rect(x + w * 0.42, floor - h * 0.7, x + w * 0.58, floor - h * 0.25, (250, 220, 140))
    c.polygon(
        [
            (x - w * 0.14, floor - h + 4),
            (x + w * 0.22, floor - h - w * 0.36),
            (x + w * 0.78, floor - h - w * 0.36),
            (x + w * 1.14, floor - h + 4),
        ],
        roof,
    )
    c.line([(x + w * 0.1, floor - h - w * 0.36), (x + w * 0.9, floor - h - w * 0.36)], DARK, 3)


def boat(c: Canvas, x: float, y: float, w: float, color: Color = DARK) -> None:
    """Draw a small flat boat with a pole."""
    c.polygon([(x, y), (x + w, y), (x + w * 0.88, y + w * 0.12), (x + w * 0.1, y + w * 0.12)], color)
    c.line([(x + w * 0.55, y), (x + w * 0.65, y - w * 0.5)], color, 3)


def terraces(
    c: Canvas, top: float, bottom: float, seed: int, colors: tuple[Color, Color] = (RICE, RICE_GOLD)
) -> None:
    """Draw curved bands of rice terraces stepping down a slope."""
    rng = random.Random(seed)
    rows = 9
    for i in range(rows):
        y = top + (bottom - top) * i / rows
        phase = rng.uniform(0, 6.3)
        fill = mix(colors[0], colors[1], (i % 3) / 3)
        pts = (
            [(0.0, HEIGHT)]
            + [(x, y + 14 * math.sin(x / 260 + phase)) for x in range(0, WIDTH + 1, 10)]
            + [(WIDTH, HEIGHT)]
        )
        c.polygon(pts, fill)
        c.line(pts[1:-1], mix(fill, (255, 250, 220), 0.45), 2)


def mist(
    c: Canvas, y: float, thickness: float, *, seed: int, alpha: int = 200, color: Color = (252, 250, 244)
) -> None:
    """Draw a band of cloud as overlapping soft ellipses."""
    rng = random.Random(seed)

    def paint(d: ImageDraw.ImageDraw) -> None:
        for _ in range(70):
            cx, cy = rng.uniform(-100, WIDTH + 100), y + rng.uniform(-thickness / 2, thickness / 2)
            rx, ry = rng.uniform(90, 220), rng.uniform(20, thickness * 0.6)
            d.ellipse(
                [(cx - rx) * SCALE, (cy - ry) * SCALE, (cx + rx) * SCALE, (cy + ry) * SCALE],
                fill=(*color, alpha // 3),
            )

    c.veil(paint)


def pagoda_roof(c: Canvas, cx: float, y: float, w: float, *, color: Color, ridge_color: Color = DARK) -> None:
    """Draw a Vietnamese pagoda roof with upturned eave corners."""
    h = w * 0.22
    pts: Points = [(cx - w / 2 - w * 0.06, y - h * 0.45)]
    for i in range(21):
        t = i / 20
        sag = math.sin(math.pi * t) * h * 0.18
        pts.append((cx - w / 2 + w * t, y + sag * 0.2 - (h * 0.1 if i in (0, 20) else 0)))
    pts.append((cx + w / 2 + w * 0.06, y - h * 0.45))
    pts += [(cx + w * 0.32, y - h), (cx - w * 0.32, y - h)]
    c.polygon(pts, color)
    c.line([(cx - w * 0.34, y - h), (cx + w * 0.34, y - h)], ridge_color, w * 0.02)
    for sx in (-1, 1):
        c.line([(cx + sx * w * 0.34, y - h), (cx + sx * w * 0.39, y - h * 1.25)], ridge_color, w * 0.016)


def temple(
    c: Canvas,
    cx: float,
    ground: float,
    w: float,
    *,
    wall: Color = (236, 214, 170),
    roof: Color = (150, 72, 52),
) -> None:
    """Draw a small pagoda hall: two stacked roofs over a pale wall with dark doorways."""
    c.rect(cx - w * 0.4, ground - w * 0.34, cx + w * 0.4, ground, wall)
    for i in (-1, 0, 1):
        c.rect(
            cx + i * w * 0.22 - w * 0.06,
            ground - w * 0.24,
            cx + i * w * 0.22 + w * 0.06,
            ground,
            (96, 44, 34),
        )
    pagoda_roof(c, cx, ground - w * 0.33, w, color=roof)
    c.rect(cx - w * 0.26, ground - w * 0.62, cx + w * 0.26, ground - w * 0.52, wall)
    pagoda_roof(c, cx, ground - w * 0.5, w * 0.66, color=roof)
    c.rect(cx - w * 0.5, ground, cx + w * 0.5, ground + w * 0.04, (200, 186, 160))


def gong(c: Canvas, cx: float, cy: float, r: float) -> None:
    """Draw a bronze Mường gong hanging from a cord, with its raised boss."""
    c.line([(cx, cy - r - 40), (cx, cy - r)], DARK, 3)
    c.ellipse(cx - r, cy - r, cx + r, cy + r, (178, 130, 52))
    c.ellipse(cx - r * 0.78, cy - r * 0.78, cx + r * 0.78, cy + r * 0.78, (204, 158, 70))
    c.ellipse(cx - r * 0.3, cy - r * 0.3, cx + r * 0.3, cy + r * 0.3, (150, 104, 40))
    c.ellipse(cx - r * 0.16, cy - r * 0.16, cx + r * 0.16, cy + r * 0.16, (226, 186, 100))


def steam(c: Canvas, x0: float, x1: float, base: float, seed: int) -> None:
    """Draw rising wisps of steam: translucent S-curves above warm water."""
    rng = random.Random(seed)

    def paint(d: ImageDraw.ImageDraw) -> None:
        for _ in range(9):
            x, height, phase = rng.uniform(x0, x1), rng.uniform(160, 300), rng.uniform(0, 6.3)
            for k in range(3):
                pts = [
                    ((x + k * 6 + 22 * math.sin(y / 38 + phase)) * SCALE, (base - y) * SCALE)
                    for y in range(0, round(height), 6)
                ]
                d.line(pts, fill=(255, 255, 255, 70 - k * 18), width=(10 - k * 3) * SCALE, joint="curve")

    c.veil(paint)


def trees(c: Canvas, xs: list[float], ground: float, size: float, color: Color = DEEP) -> None:
    """Draw round-crowned trees on short trunks."""
    for x in xs:
        c.rect(x - size * 0.06, ground - size * 0.6, x + size * 0.06, ground, DARK)
        c.ellipse(x - size / 2, ground - size * 1.4, x + size / 2, ground - size * 0.45, color)


# --- one scene per destination -------------------------------------------------------------


def mai_chau(c: Canvas) -> None:
    sun(c, 1180, 220, 70)
    ridge(c, 330, 110, HAZE, seed=11)
    ridge(c, 440, 90, SAGE, seed=12)
    ridge(c, 560, 70, FOREST, seed=13)
    terraces(c, 640, 1000, 14)
    for x, g, w in ((220, 700, 190), (520, 690, 160), (1080, 705, 200), (1330, 715, 150)):
        stilt_house(c, x, g, w)
    trees(c, [150, 470, 990, 1290, 1530], 700, 70)
    birds(c, 300, 200)


def thung_nai_lake(c: Canvas) -> None:
    sun(c, 380, 250, 64)
    ridge(c, 400, 90, HAZE, seed=21)
    ridge(c, 520, 60, SAGE, seed=22)
    water(c, 600, seed=23)
    islets = (
        (240, 200, 210, FOREST),
        (470, 120, 130, SAGE),
        (860, 260, 270, FOREST),
        (1000, 150, 170, DEEP),
        (1200, 120, 110, SAGE),
        (1420, 220, 240, DEEP),
    )
    for x, w, h, col in islets:
        c.polygon(
            [
                (x - w / 2, 606),
                (x + w / 2, 606),
                (x + w * 0.4, 606 + h * 0.25),
                (x - w * 0.4, 606 + h * 0.25),
            ],
            mix(col, WATER, 0.6),
        )  # reflection
        karst(c, x, 606, (w, h), col)
    boat(c, 640, 760, 170)
    boat(c, 1100, 860, 130)
    boat(c, 300, 690, 90)
    birds(c, 1000, 180)


def hang_kia_pa_co(c: Canvas) -> None:
    sun(c, 1250, 170, 60, (255, 246, 226))
    ridge(c, 360, 150, mix(HAZE, (190, 196, 210), 0.5), seed=31)
    mist(c, 470, 90, seed=32)
    ridge(c, 560, 100, SAGE, seed=33)
    mist(c, 640, 70, seed=34, alpha=230)
    ridge(c, 770, 70, FOREST, seed=35)
    ridge(c, 900, 40, DEEP, seed=36)
    for x in (260, 340, 420):
        c.ellipse(x - 40, 780 - 40, x + 40, 780 + 20, (246, 236, 240))  # plum trees in blossom
        c.rect(x - 4, 790, x + 4, 850, DARK)
    c.rect(1100, 820, 1280, 890, (214, 200, 176))  # a Mông house stands on the ground, not on stilts
    c.rect(1170, 840, 1205, 890, DARK)
    c.polygon([(1080, 826), (1130, 770), (1250, 770), (1300, 826)], (88, 80, 72))
    birds(c, 700, 160)


def quen_ang(c: Canvas) -> None:
    sun(c, 1300, 210, 58)
    ridge(c, 380, 120, HAZE, seed=41)
    karst(c, 760, 700, (520, 420), SAGE)  # núi Cối behind the pagoda
    ridge(c, 720, 40, FOREST, seed=42)
    c.rect(0, 820, WIDTH, HEIGHT, (168, 180, 110))
    temple(c, 800, 830, 380)
    for x in range(80, WIDTH, 120):  # the flower garden of the legend
        for k, col in enumerate(((232, 120, 120), (246, 206, 110), (248, 240, 232))):
            c.ellipse(x + k * 30 - 10, 900 + (k % 2) * 30 - 10, x + k * 30 + 10, 900 + (k % 2) * 30 + 10, col)
    birds(c, 300, 220)


def chua_tien(c: Canvas) -> None:
    ridge(c, 360, 90, HAZE, seed=51)
    karst(c, 220, 760, (520, 560), SAGE)
    karst(c, 1380, 760, (560, 600), SAGE)
    karst(c, 120, 820, (300, 330), FOREST)
    c.ellipse(220, 640, 340, 760, (62, 52, 44))  # a cave mouth in the cliff
    c.rect(220, 700, 340, 800, (62, 52, 44))
    karst(c, 1500, 820, (320, 360), FOREST)
    c.rect(0, 800, WIDTH, HEIGHT, (150, 172, 108))
    temple(c, 800, 820, 420)
    c.polygon([(700, HEIGHT), (760, 850), (840, 850), (900, HEIGHT)], (214, 196, 160))
    mist(c, 560, 80, seed=52, alpha=150)
    sun(c, 800, 160, 54)


def hang_xom_trai(c: Canvas) -> None:
    sun(c, 300, 200, 62)
    ridge(c, 420, 90, HAZE, seed=61)
    karst(c, 1000, 780, (1100, 620), (132, 144, 124))
    c.polygon(
        [(690, 790), (700, 600), (760, 470), (860, 420), (960, 470), (1020, 600), (1030, 790)], (62, 52, 44)
    )  # the arched mouth
    c.polygon(
        [(720, 790), (740, 640), (800, 530), (860, 500), (920, 530), (980, 640), (1000, 790)], (40, 34, 30)
    )
    trees(c, [560, 640, 1120, 1200, 1300], 790, 90, FOREST)
    terraces(c, 800, 1000, 62, (RICE, (176, 196, 104)))
    c.polygon([(0, 920), (500, 880), (1600, 960), (1600, 990), (500, 910), (0, 950)], WATER)  # suối Lạn
    birds(c, 420, 170)


def dam_memorial(c: Canvas) -> None:
    sun(c, 1320, 200, 60)
    ridge(c, 380, 100, HAZE, seed=71)
    ridge(c, 500, 60, SAGE, seed=72)
    water(c, 560, 640, seed=73)
    c.polygon([(0, 1000), (0, 520), (180, 500), (360, 600), (420, 1000)], FOREST)  # the valley's two banks
    c.polygon([(1600, 1000), (1600, 500), (1420, 520), (1230, 610), (1180, 1000)], FOREST)
    c.polygon([(330, 630), (1270, 630), (1300, 760), (300, 760)], (196, 192, 182))  # the dam wall
    c.rect(320, 618, 1280, 632, (224, 220, 210))
    for gx in range(420, 1200, 90):  # spillway gates
        c.rect(gx, 650, gx + 40, 740, (150, 146, 138))
    water(c, 760, seed=74, color=(88, 128, 136))
    c.polygon([(0, 1000), (0, 840), (260, 800), (560, 860), (700, 1000)], DEEP)
    x, g = 300, 830
    for k in range(6):  # six wings gathered into a spire, like the memorial by the river
        dx = (k - 2.5) * 22
        shade = mix((240, 236, 226), (190, 186, 176), k / 5)
        c.polygon(
            [(x + dx - 12, g), (x + dx * 0.2 - 4, g - 300), (x + dx * 0.2 + 4, g - 300), (x + dx + 12, g)],
            shade,
        )
    c.rect(x - 110, g, x + 110, g + 16, (200, 196, 186))
    birds(c, 900, 180)


def kim_boi(c: Canvas) -> None:
    ridge(c, 380, 100, HAZE, seed=81)
    ridge(c, 520, 80, SAGE, seed=82)
    ridge(c, 640, 50, FOREST, seed=83)
    c.rect(0, 700, WIDTH, HEIGHT, (196, 184, 156))
    c.ellipse(260, 740, 1340, 960, (170, 160, 136))
    c.ellipse(290, 755, 1310, 945, (110, 176, 176))
    c.ellipse(420, 790, 1180, 900, (140, 198, 192))
    trees(c, [140, 1460, 1530], 740, 110)
    for x, y in ((500, 720), (1080, 715)):
        c.ellipse(x - 50, y - 20, x + 50, y + 20, (140, 128, 110))  # stones at the pool's edge
    steam(c, 380, 1220, 860, 84)
    sun(c, 1250, 220, 56)


def muong_bi(c: Canvas) -> None:
    sun(c, 260, 200, 58)
    ridge(c, 360, 110, HAZE, seed=91)
    ridge(c, 480, 80, SAGE, seed=92)
    terraces(c, 620, 1000, 93)
    stilt_house(c, 140, 900, 560)
    c.rect(860, 620, 1540, 636, WOOD)  # the gong rack
    for px in (880, 1520):
        c.rect(px - 8, 620, px + 8, 960, WOOD)
    for i, r in enumerate((86, 74, 64, 56, 48)):
        gong(c, 960 + i * 130 + (86 - r) * 0.4, 700 + r, r)
    birds(c, 700, 170)


def chi_ne(c: Canvas) -> None:
    sun(c, 1280, 200, 60)
    ridge(c, 380, 110, HAZE, seed=101)
    ridge(c, 520, 80, SAGE, seed=102)
    ridge(c, 700, 120, (120, 150, 92), seed=103, waves=2)
    for row in range(8):  # rows of plantation shrubs on the hill
        y = 700 + row * 40
        for x in range(20 + (row % 2) * 30, WIDTH, 60):
            c.ellipse(x - 22, y - 14, x + 22, y + 12, mix(FOREST, DEEP, row / 8))
    x, g, w = 520, 650, 520
    c.rect(x, g - 180, x + w, g, (232, 220, 196))  # an old building, pale walls, tiled roof
    for i in range(6):
        ax = x + 40 + i * 80
        c.rect(ax, g - 130, ax + 40, g - 30, (120, 86, 60))
        c.ellipse(ax, g - 150, ax + 40, g - 110, (120, 86, 60))
    c.polygon(
        [(x - 30, g - 180), (x + 60, g - 260), (x + w - 60, g - 260), (x + w + 30, g - 180)], (164, 84, 58)
    )
    c.rect(x - 20, g, x + w + 20, g + 14, (190, 178, 154))
    trees(c, [420, 1120, 1200], g + 10, 110)
    birds(c, 900, 160)


SCENES: dict[str, Callable[[Canvas], None]] = {
    "mai-chau": mai_chau,
    "thung-nai-lake": thung_nai_lake,
    "hang-kia-pa-co-reserve": hang_kia_pa_co,
    "quen-ang-nui-coi": quen_ang,
    "chua-tien": chua_tien,
    "hang-xom-trai": hang_xom_trai,
    "hoa-binh-dam-memorial": dam_memorial,
    "kim-boi-springs": kim_boi,
    "muong-bi": muong_bi,
    "chi-ne-banknote-printing-works": chi_ne,
}


def render(key: str) -> Image.Image:
    """Draw one destination's illustration at 1600x1000."""
    canvas = Canvas()
    SCENES[key](canvas)
    return canvas.finish()


def save(image: Image.Image, path: Path) -> None:
    """Write a metadata-free progressive JPEG (JFIF header only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", **JPEG_OPTIONS)


def main(argv: list[str] | None = None) -> int:
    """Render the requested illustrations into each destination's cover.jpg."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", choices=sorted(SCENES), help="render just this destination (repeatable)"
    )
    parser.add_argument(
        "--out", type=Path, help="write <out>/<key>.jpg instead of content/destinations/<key>/cover.jpg"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for key in args.only or sorted(SCENES):
        path = args.out / f"{key}.jpg" if args.out else DESTINATIONS / key / "cover.jpg"
        save(render(key), path)
        log.info("wrote %s (%d bytes)", path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
