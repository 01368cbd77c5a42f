"""Test images generated on the fly (none is stored) and checks on what the pipeline writes."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

from PIL import Image, ImageDraw

# Every kind of metadata a derivative must not carry, as it appears in files.
METADATA_MARKERS = {
    b"Exif\x00\x00": "EXIF",
    b"http://ns.adobe.com/xap/1.0/": "XMP",
    b"x:xmpmeta": "XMP",
    b"ICC_PROFILE": "ICC (JPEG)",
    b"iCCP": "ICC (PNG)",
    b"eXIf": "EXIF (PNG)",
    b"tEXt": "text (PNG)",
    b"secret-camera-owner": "comment text",
    b"Photoshop 3.0": "IPTC",
}


def gps_exif(orientation: int = 1) -> Image.Exif:
    """Return EXIF with a GPS position, a camera owner and an orientation."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x013B] = "secret-camera-owner"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (20.0, 49.0, 12.5)  # Hòa Bình
    gps[3] = "E"
    gps[4] = (105.0, 20.0, 1.2)
    return exif


def photo(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Return a simple picture with a red top-left quadrant, to check orientation."""
    width, height = size
    image = Image.new("RGB", size, (40, 90, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2 - 1, height // 2 - 1), fill=(230, 20, 20))
    draw.ellipse((width // 3, height // 3, 2 * width // 3, 2 * height // 3), fill=(250, 240, 40))
    return image.convert(mode) if mode != "RGB" else image


def grainy_photo(size: tuple[int, int], seed: int) -> Image.Image:
    """Return a photo-like picture with grain, so encoders make real choices (seeded, repeatable)."""
    rnd = random.Random(seed)
    image = photo(size)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = rnd.randrange(size[0]), rnd.randrange(size[1]), rnd.randrange(10, size[0] // 6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    grain = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    return Image.blend(image, grain, 0.15)


def png_bytes_16bit_rgb(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """Return a 48-bit (16 bits per channel) RGB PNG of one colour (Pillow cannot write one)."""
    width, height = size
    pixel = struct.pack(">HHH", *colour)
    raw = b"".join(b"\x00" + pixel * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png_bomb_header(width: int, height: int) -> bytes:
    """Return a tiny PNG that claims width x height pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def swapped_primaries_icc() -> bytes:
    """Return an RGB ICC profile whose red and green colorants are swapped.

    A pure red pixel tagged with it is green once converted to sRGB, so a
    test can tell a converted image from one whose profile was dropped.
    """

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", int(2.2 * 256)) + b"\0\0"
    text = b"swapped primaries\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    desc += b"\0" * (-len(desc) % 4)
    sRGB_red, sRGB_green, sRGB_blue = (
        (0.4361, 0.2225, 0.0139),
        (0.3851, 0.7169, 0.0971),
        (0.1431, 0.0606, 0.7141),
    )
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*sRGB_green)),  # swapped on purpose
        (b"gXYZ", xyz(*sRGB_red)),
        (b"bXYZ", xyz(*sRGB_blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0\0\0\0"),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table = struct.pack(">I", len(tags))
    data = b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body + b"\0" * (-len(body) % 4)
    size = 128 + table_size + len(data)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + bytes([2, 0x10, 0, 0])
        + b"mntr"
        + b"RGB "
        + b"XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"APPL"
        + b"\0" * 4
        + b"\0" * 8
        + b"\0" * 8
        + b"\0" * 4
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 4
        + b"\0" * 16
        + b"\0" * 28
    )
    assert len(header) == 128
    return header + table + data


class Images:
    """Write generated test images into a folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.folder / name

    def jpeg_gps_rotated(self, name: str = "phone.jpg", size: tuple[int, int] = (1200, 800)) -> Path:
        """A JPEG stored landscape with orientation 6 (shown portrait), GPS, comment, XMP."""
        xmp = (
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            b'syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
            b'xmp:CreatorTool="secret-camera-owner"/></rdf:RDF></x:xmpmeta>'
        )
        photo(size).save(
            self.path(name), quality=90, exif=gps_exif(6), comment=b"secret-camera-owner", xmp=xmp
        )
        return self.path(name)

    def cmyk_jpeg(self, name: str = "print.jpg", size: tuple[int, int] = (800, 600)) -> Path:
        """A CMYK JPEG, pure cyan."""
        Image.new("CMYK", size, (255, 0, 0, 0)).save(self.path(name), quality=90)
        return self.path(name)

    def alpha_png(self, name: str = "logo.png", size: tuple[int, int] = (700, 500)) -> Path:
        """An RGBA PNG: a red square on a transparent background."""
        image = Image.new("RGBA", size, (0, 0, 0, 0))
        ImageDraw.Draw(image).rectangle((100, 100, 400, 400), fill=(255, 0, 0, 255))
        image.save(self.path(name))
        return self.path(name)

    def gray16_png(self, name: str = "scan16.png", size: tuple[int, int] = (600, 400)) -> Path:
        """A 16-bit greyscale PNG at mid grey."""
        Image.new("I;16", size, 32896).save(self.path(name))  # 32896 = 128 * 257
        return self.path(name)

    def rgb48_png(self, name: str = "scan48.png", size: tuple[int, int] = (600, 400)) -> Path:
        """A 16-bit-per-channel RGB PNG, orange."""
        self.path(name).write_bytes(png_bytes_16bit_rgb(size, (65535, 32896, 0)))
        return self.path(name)

    def icc_jpeg(self, name: str = "wide.jpg", size: tuple[int, int] = (600, 400)) -> Path:
        """A pure red JPEG tagged with a profile that makes it green in sRGB."""
        Image.new("RGB", size, (255, 0, 0)).save(
            self.path(name), quality=95, icc_profile=swapped_primaries_icc()
        )
        return self.path(name)

    def plain_jpeg(self, name: str = "photo.jpg", size: tuple[int, int] = (2000, 1500)) -> Path:
        photo(size).save(self.path(name), quality=85)
        return self.path(name)

    def corrupt(self, name: str = "corrupt.jpg") -> Path:
        self.path(name).write_bytes(b"this is not an image at all\n" * 40)
        return self.path(name)

    def truncated_jpeg(self, name: str = "truncated.jpg") -> Path:
        buffer = io.BytesIO()
        photo((1000, 800)).save(buffer, "JPEG", quality=90)
        self.path(name).write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 3])
        return self.path(name)

    def bomb(self, name: str = "bomb.png") -> Path:
        self.path(name).write_bytes(png_bomb_header(100_000, 100_000))
        return self.path(name)

    def ppm(self, name: str = "raw.jpg") -> Path:
        """A PPM file (Pillow reads it, browsers do not) under a .jpg name."""
        photo((300, 200)).save(self.path(name), format="PPM")
        return self.path(name)

    def animated_gif(self, name: str = "anim.gif") -> Path:
        frames = [Image.new("RGB", (100, 100), (80 * i, 0, 0)) for i in range(3)]
        frames[0].save(self.path(name), save_all=True, append_images=frames[1:])
        return self.path(name)

    def svg(
        self,
        name: str = "map.svg",
        body: str = '<circle cx="50" cy="50" r="40"/>',
        attrs: str = 'viewBox="0 0 200 100"',
    ) -> Path:
        text = (
            f'<?xml version="1.0"?>\n<!-- drawn by secret-camera-owner -->\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
            f'inkscape:export-filename="/home/secret-camera-owner/map.png" {attrs}>'
            f"<metadata>secret-camera-owner</metadata>{body}</svg>"
        )
        self.path(name).write_text(text, encoding="utf-8")
        return self.path(name)


def open_image(path: str | os.PathLike[str]) -> Image.Image:
    """Open and load an output image."""
    image = Image.open(path)
    image.load()
    return image


def story_site(
    content_dir: Path,
    bodies: dict[str, str],
    *,
    cover: str | None = "cover.jpg",
    cover_alt: dict[str, str] | None = None,
    credit: str = "Ảnh: Sở VHTTDL",
    focus: tuple[float, float] | None = None,
    fallback_langs: tuple[str, ...] = ("fr",),
    siteurl: str = "",
) -> SimpleNamespace:
    """Return a fake engine Site with one story in content/culture/khai-ha (versions per lang)."""
    bundle = content_dir / "culture" / "khai-ha"
    bundle.mkdir(parents=True, exist_ok=True)
    cover_alt = cover_alt or {}
    story = SimpleNamespace(
        key="khai-ha",
        kind="story",
        section="culture",
        bundle_dir=str(bundle),
        source_lang="vi",
        versions={},
        cover=cover,
        cover_credit=credit,
        cover_focus=focus,
        status="published",
    )
    for lang, body in bodies.items():
        source_path = bundle / f"index.{lang}.md"
        header = "Title: t\n" + (f"Cover: {cover}\n" if cover and lang == "vi" else "")
        source_path.write_text(header + "\n" + body + "\n", encoding="utf-8")
        metadata = {"cover_alt": cover_alt[lang]} if lang in cover_alt else {}
        story.versions[lang] = SimpleNamespace(
            lang=lang,
            view_lang=lang,
            story=story,
            source_path=str(source_path),
            _content=body,
            metadata=metadata,
            status="published",
            is_fallback=False,
        )
    fallbacks = {}
    for lang in fallback_langs:
        source = story.versions["vi"]
        fallbacks[lang] = [
            SimpleNamespace(
                **{**vars(source), "view_lang": lang, "is_fallback": True, "metadata": dict(source.metadata)}
            )
        ]
    languages = [
        SimpleNamespace(code=c, html_lang="zh-Hans" if c == "zh" else c)
        for c in ("vi", "en", "ja", "ko", "zh", "fr")
    ]
    return SimpleNamespace(
        stories=[story],
        pages=[],
        fallbacks=fallbacks,
        languages=languages,
        siteurl=siteurl,
        default_lang="vi",
    )


def jpeg_markers(data: bytes) -> list[int]:
    """Return the JPEG segment markers before the image data (APPn, COM, DQT…)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: metadata segments come before it
            break
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        position += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    """Return the chunk types of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, position = [], 8
    while position < len(data):
        length = struct.unpack(">I", data[position : position + 4])[0]
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


def webp_chunks(data: bytes) -> list[bytes]:
    """Return the RIFF chunk types of a WebP."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    chunks, position = [], 12
    while position < len(data):
        kind = data[position : position + 4]
        length = struct.unpack("<I", data[position + 4 : position + 8])[0]
        chunks.append(kind)
        position += 8 + length + (length & 1)
    return chunks


def metadata_found(path: str | os.PathLike[str]) -> list[str]:
    """Return every kind of metadata found in an output file (empty: none)."""
    data = Path(path).read_bytes()
    found = [name for marker, name in METADATA_MARKERS.items() if marker in data]
    image = Image.open(path)
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "iptc"):
        if image.info.get(key):
            found.append(f"info[{key}]")
    if len(image.getexif()):
        found.append(f"EXIF tags {dict(image.getexif())}")
    if image.format == "JPEG":
        found += [f"JPEG marker {m:#x}" for m in jpeg_markers(data) if m in (0xE1, 0xE2, 0xED, 0xFE)]
    elif image.format == "PNG":
        found += [
            f"PNG chunk {c!r}"
            for c in png_chunks(data)
            if c in (b"iCCP", b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME")
        ]
    elif image.format == "WEBP":
        found += [f"WebP chunk {c!r}" for c in webp_chunks(data) if c in (b"ICCP", b"EXIF", b"XMP ")]
    return found
