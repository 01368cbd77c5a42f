"""Make binary fixtures (PDF, DOCX, JPEG) in a test's folder, so none is committed."""

from __future__ import annotations

import io
from pathlib import Path


def make_pdf(path: Path, lines: list[str], author: str | None = None) -> Path:
    """Write a one-page PDF showing ASCII `lines` in Helvetica, optionally with an Author."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 50 750 Td {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if author is not None:
        objects.append(f"<< /Author ({author}) /Producer (test) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info = f" /Info {len(objects)} 0 R" if author is not None else ""
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


def make_docx(
    path: Path, paragraphs: list[str], header: str = "", author: str = "", company: str = ""
) -> Path:
    """Write a DOCX with paragraphs, a page header and document properties."""
    import zipfile

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.core_properties.author = author
    document.core_properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    # python-docx has no API for app.xml's Company: rewrite that part.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/app.xml" and company:
                data = data.replace(b"</Properties>", f"<Company>{company}</Company></Properties>".encode())
            target.writestr(item, data)
    return path


def make_jpeg(path: Path, gps: bool = False, size: tuple[int, int] = (32, 24)) -> Path:
    """Write a small JPEG, with a GPS position in its EXIF when asked."""
    from PIL import Image

    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (20.0, 49.0, 1.5), 3: "E", 4: (105.0, 20.0, 2.5)})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif)
    return path
