"""Read attachments once per run: PDF/DOCX text and properties, image GPS tags."""

from __future__ import annotations

import logging
import re
import zipfile
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".avif", ".heic", ".gif"})
GPS_IFD = 0x8825
GPS_POSITION_TAGS = (1, 2, 3, 4)  # latitude ref, latitude, longitude ref, longitude


def _key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=512)
def _read_pdf(name: str, mtime: int, size: int) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
    # Imported here: only stories with PDFs pay for pypdf.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(name)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        parts = [(f"page {i}", page.extract_text() or "") for i, page in enumerate(reader.pages, 1)]
        meta = reader.metadata or {}
        props = {k.lstrip("/"): str(v) for k, v in meta.items() if isinstance(v, str) and v.strip()}
        if meta.get("/Title"):
            parts.insert(0, ("title", str(meta["/Title"])))
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        logger.debug("cannot read %s: %s", name, exc)
        return None
    return parts, props


@lru_cache(maxsize=512)
def _read_docx(name: str, mtime: int, size: int) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(name)
        body = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                body.extend(cell.text for cell in row.cells)
        margins = []
        for section in document.sections:
            for part in (
                section.header,
                section.footer,
                section.first_page_header,
                section.first_page_footer,
            ):
                margins.extend(p.text for p in part.paragraphs)
        core = document.core_properties
        props = {
            "Author": core.author or "",
            "LastModifiedBy": core.last_modified_by or "",
            "Title": core.title or "",
        }
        with zipfile.ZipFile(name) as zf:
            if "docProps/app.xml" in zf.namelist():
                app = zf.read("docProps/app.xml").decode("utf-8", "replace")
                m = re.search(r"<Company>([^<]*)</Company>", app)
                props["Company"] = m.group(1) if m else ""
    except (PackageNotFoundError, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        logger.debug("cannot read %s: %s", name, exc)
        return None
    parts = [("header/footer", "\n".join(margins)), ("text", "\n".join(body))]
    if props["Title"]:
        parts.insert(0, ("title", props["Title"]))
    return parts, {k: v for k, v in props.items() if v.strip()}


def _read(path: Path) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(*_key(path))
    if suffix == ".docx":
        return _read_docx(*_key(path))
    return None


def attachment_text(path: Path) -> list[tuple[str, str]] | None:
    """Return (part, text) pairs of a PDF or DOCX, or None when it cannot be read."""
    info = _read(path)
    return None if info is None else info[0]


def attachment_properties(path: Path) -> dict[str, str] | None:
    """Return a PDF's or DOCX's non-empty document properties, or None when unreadable."""
    info = _read(path)
    return None if info is None else info[1]


@lru_cache(maxsize=4096)
def _gps(name: str, mtime: int, size: int) -> bool | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(name) as im:
            gps = im.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        logger.debug("cannot read %s: %s", name, exc)
        return None
    return any(tag in gps for tag in GPS_POSITION_TAGS)


def image_has_gps(path: Path) -> bool | None:
    """Say whether an image's EXIF holds a GPS position; None when it cannot be read."""
    return _gps(*_key(path))
