"""Read attachments once per run: their text and properties, for the markings and personal-data rules.

Every attachment type is read, or said to be unreadable (an error, never a
pass): PDF (pypdf, accents printed apart rejoined), OOXML (DOCX, XLSX, PPTX)
and OpenDocument (ODT, ODS, ODP) — every XML part: body, text boxes, comments,
headers, footers, tables, notes, document properties and image descriptions —,
CSV (one line per cell), plain text, SVG, and ZIP archives member by member
within size limits (an archive inside an archive is refused).
"""

from __future__ import annotations

import csv
import io
import logging
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from .fold import rejoin_marks

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".avif", ".heic", ".gif"})
GPS_IFD = 0x8825
GPS_POSITION_TAGS = (1, 2, 3, 4)  # latitude ref, latitude, longitude ref, longitude
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"})
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".svg"})
ARCHIVE_SUFFIXES = frozenset({".zip"})
READABLE = frozenset({".pdf", *OFFICE_SUFFIXES, *TEXT_SUFFIXES, *ARCHIVE_SUFFIXES})
# XML elements that end a line: paragraphs, headings, cells, shared strings.
LINE_ELEMENTS = frozenset({"p", "h", "si", "is", "c", "tc", "table-cell", "title", "desc", "text", "tspan"})
SPACE_ELEMENTS = frozenset({"tab", "s", "line-break", "br", "cr"})
# Attributes that hold text a reader sees: image descriptions, sheet names.
TEXT_ATTRIBUTES = ("descr", "title", "name")
ATTRIBUTE_ELEMENTS = frozenset({"docPr", "cNvPr", "sheet", "table", "frame", "image"})
PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "meta.xml")
MAX_RATIO = 200  # uncompressed / compressed, above which a member is a bomb


class Unreadable(Exception):
    """The file cannot be read, so it cannot be checked."""


@dataclass(frozen=True)
class Limits:
    """How much of an archive (ZIP, and the ZIP inside every office file) is read."""

    max_members: int = 1000
    max_bytes: int = 100_000_000


@dataclass
class Extract:
    """What an attachment says: (part, text) pairs, its properties, or why it could not be read."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def lines(self) -> list[tuple[str, str]]:
        """Return (part, line) for every non-blank line."""
        return [(part, line) for part, text in self.parts for line in text.splitlines() if line.strip()]


def _key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


def read_attachment(path: Path, limits: Limits) -> Extract | None:
    """Return what an attachment says, or None when it is not a type read here (images)."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        return None
    return _read_file(*_key(path), suffix, limits)


@lru_cache(maxsize=512)
def _read_file(name: str, mtime: int, size: int, suffix: str, limits: Limits) -> Extract:
    try:
        with open(name, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise Unreadable(f"it is larger than {limits.max_bytes} bytes")
        return _read_bytes(data, suffix, limits, depth=0)
    except Unreadable as exc:
        return Extract(error=str(exc))
    except Exception as exc:  # a hostile file can make any parser raise anything
        logger.debug("cannot read %s: %r", name, exc)
        return Extract(error=f"it is damaged or not a {suffix[1:].upper()} file ({type(exc).__name__})")


def _read_bytes(data: bytes, suffix: str, limits: Limits, depth: int) -> Extract:
    if suffix == ".pdf":
        return _read_pdf(data)
    if suffix in OFFICE_SUFFIXES:
        return _read_office(data, limits)
    if suffix in ARCHIVE_SUFFIXES:
        if depth > 0:
            raise Unreadable("it holds another archive, which is not checked: unpack it")
        return _read_zip(data, limits)
    if suffix in TEXT_SUFFIXES:
        text = _decode(data)
        if suffix in (".svg", ".xml"):
            return Extract(parts=[("text", "\n".join(_xml_lines(data, keep_leaves=False)))])
        if suffix in (".csv", ".tsv"):
            rows = csv.reader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
            return Extract(parts=[("cells", "\n".join(cell for row in rows for cell in row))])
        return Extract(parts=[("text", text)])
    raise Unreadable(f"files of type {suffix} cannot be checked")


def _decode(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Vietnamese Windows text (Word's "Plain text", Excel's CSV) is cp1258.
        return data.decode("cp1258", errors="replace")


def _read_pdf(data: bytes) -> Extract:
    # Imported here: only stories with PDFs pay for pypdf.
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("it is encrypted (password-protected)")
    parts: list[tuple[str, str]] = []
    for number, page in enumerate(reader.pages, 1):
        texts = [page.extract_text() or ""]
        for annotation in page.get("/Annots") or []:
            obj = annotation.get_object()
            if isinstance(obj.get("/Contents"), str):
                texts.append(obj["/Contents"])
        parts.append((f"page {number}", rejoin_marks("\n".join(texts))))
    meta = reader.metadata or {}
    props = {k.lstrip("/"): str(v) for k, v in meta.items() if isinstance(v, str) and v.strip()}
    if props:
        parts.insert(0, ("properties", "\n".join(props.values())))
    return Extract(parts=parts, properties=props)


def _members(zf: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise Unreadable(f"it holds {len(infos)} files; at most {limits.max_members} are checked")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Unreadable(f"{info.filename} is encrypted (password-protected)")
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unreadable(f"{info.filename} expands {info.file_size // max(info.compress_size, 1)} times")
    if total > limits.max_bytes:
        raise Unreadable(f"it expands to {total} bytes; at most {limits.max_bytes} are checked")
    return infos


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    with zf.open(info) as member:
        data = member.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise Unreadable(f"{info.filename} expands beyond {limits.max_bytes} bytes")
    return data


def _read_office(data: bytes, limits: Limits) -> Extract:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("it is encrypted (password-protected) or damaged") from None
    with zf:
        out = Extract()
        for info in _members(zf, limits):
            name = info.filename
            if not name.endswith(".xml") or name.startswith("[Content_Types]"):
                continue
            props = name in PROPERTY_PARTS
            lines = _xml_lines(_read_member(zf, info, limits), keep_leaves=props)
            if props:
                out.properties.update(_properties(_read_member(zf, info, limits)))
            if lines:
                out.parts.append((name, "\n".join(lines)))
    return out


def _read_zip(data: bytes, limits: Limits) -> Extract:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("it is not a readable ZIP archive") from None
    out = Extract()
    with zf:
        for info in _members(zf, limits):
            suffix = PurePosixPath(info.filename).suffix.lower()
            if suffix in IMAGE_SUFFIXES:
                continue
            if suffix not in READABLE:
                raise Unreadable(f"{info.filename}: files of type {suffix or '(none)'} cannot be checked")
            inner = _read_bytes(_read_member(zf, info, limits), suffix, limits, depth=1)
            out.parts += [(f"{info.filename}, {part}", text) for part, text in inner.parts]
            out.properties.update({f"{info.filename} {k}": v for k, v in inner.properties.items()})
    return out


def _local(tag: object) -> str | None:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"an XML part is damaged ({exc})") from None


def _xml_lines(data: bytes, keep_leaves: bool) -> list[str]:
    """Return the text of an XML part, a line per paragraph, cell or (properties) element."""
    out: list[str] = []

    def walk(el: Any, buf: list[str]) -> None:
        name = _local(el.tag)
        own = [] if name in LINE_ELEMENTS or (keep_leaves and len(el) == 0) else buf
        if name in SPACE_ELEMENTS:
            own.append(" ")
        if name in ATTRIBUTE_ELEMENTS:
            out.extend(str(el.get(a)) for a in TEXT_ATTRIBUTES if el.get(a))
        if name is not None and el.text:
            own.append(el.text)
        for child in el:
            walk(child, own)
            if child.tail:
                own.append(child.tail)
        if own is not buf and "".join(own).strip():
            out.append(" ".join("".join(own).split()))

    walk(_parse(data), [])
    return out


def _properties(data: bytes) -> dict[str, str]:
    """Return a properties part's named values (creator, lastModifiedBy, Company…)."""
    root = _parse(data)
    return {
        name: el.text.strip()
        for el in root.iter()
        if (name := _local(el.tag)) and len(el) == 0 and el.text and el.text.strip()
    }


@lru_cache(maxsize=4096)
def _gps(name: str, mtime: int, size: int) -> bool | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(name) as im:
                # Only the header was read: a PNG's getexif() may decode every
                # pixel, so a decompression bomb is never asked for its EXIF.
                if im.width * im.height > (Image.MAX_IMAGE_PIXELS or 0):
                    return None
                gps = im.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        logger.debug("cannot read %s: %s", name, exc)
        return None
    return any(tag in gps for tag in GPS_POSITION_TAGS)


def image_has_gps(path: Path) -> bool | None:
    """Say whether an image's EXIF holds a GPS position; None when it cannot be read."""
    return _gps(*_key(path))
