"""End to end: a phone photo in a story bundle, through a real Pelican build."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from image_fixtures import gps_exif, metadata_found, photo
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.conftest import fixture_site  # noqa: E402

FIXTURE = ROOT / "tests" / "multilang" / "fixtures" / "site"
STORY = "content/culture/le-hoi-khai-ha"


def test_phone_photo_becomes_private_responsive_picture(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    bundle = base / STORY
    # A 3000×2000 sensor image stored sideways (orientation 6) with a GPS position.
    photo((3000, 2000)).save(bundle / "le-hoi.jpg", exif=gps_exif(orientation=6), quality=85)
    source = bundle / "index.vi.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "Agency: so-vhttdl\n",
        "Agency: so-vhttdl\nCover: le-hoi.jpg\nCover_alt: Đánh chiêng\nCover_credit: Ảnh: Sở VHTTDL\n",
    )
    source.write_text(text + '\n![Người dân đánh chiêng](le-hoi.jpg "Lễ hội Khai hạ")\n', encoding="utf-8")

    # The checker stops a build on a GPS-tagged original (it should not sit in
    # the repository); here the point is what the pipeline publishes from one.
    levels = {"CHECKER_LEVELS": {"encoding.not-nfc": "warning", "media.gps-exif": "warning"}}
    build = fixture_site(tmp_path, "output", base, verbose=True, **levels)
    assert build.returncode == 0, build.log

    page = BeautifulSoup(build.page("van-hoa/le-hoi-khai-ha/").read_text(encoding="utf-8"), "html.parser")
    pictures = page.find("article").find_all("picture")
    assert len(pictures) == 2  # the cover and the body image
    body = pictures[-1]
    assert [s["type"] for s in body.find_all("source")] == ["image/avif", "image/webp"]
    img = body.find("img")
    assert img["alt"] == "Người dân đánh chiêng"
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    # Orientation applied: the sideways 3000×2000 sensor image is portrait.
    assert int(img["width"]) < int(img["height"])
    assert "Lễ hội Khai hạ" in body.find_parent("figure").find("figcaption").get_text()
    assert pictures[0].find("img")["fetchpriority"] == "high"
    # One derivative set serves every language.
    en = build.page("en/culture/khai-ha-festival/").read_text(encoding="utf-8")
    assert re.findall(r"/media/[\w.-]+\.avif", en)[0] in str(pictures[0])

    media = sorted((build.output / "media").iterdir())
    assert media, "no derivatives written"
    for path in media:
        assert metadata_found(path) == [], path.name
        assert Image.open(path).width <= 1600
    assert not (build.output / "files" / "culture" / "le-hoi-khai-ha" / "le-hoi.jpg").exists()
    assert not any(p.name == "le-hoi.jpg" for p in build.output.rglob("*.jpg"))

    again = fixture_site(tmp_path, "output", base, verbose=True, **levels)
    assert again.returncode == 0
    assert re.search(r"images: \d+ sources, 0 derivatives encoded", " ".join(again.log.split())), again.log
