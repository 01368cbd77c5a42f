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


def make_cid_pdf(path: Path, runs: list[tuple[float, float, str]], size: float = 12) -> Path:
    """Write a PDF drawing each (x, y, text) run apart, as browsers print: a CID font with a ToUnicode map.

    Each character is one glyph whose Unicode value the ToUnicode map gives
    (a combining mark is a glyph of its own), so text extraction sees what it
    sees in a browser's PDF: letters and marks placed one by one.
    """
    chars = sorted({c for _, _, text in runs for c in text})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    shows = " ".join(
        f"1 0 0 1 {x} {y} Tm <{''.join(f'{cid[c]:04X}' for c in text)}> Tj" for x, y, text in runs
    )
    stream = f"BT /F1 {size} Tf {shows} ET"
    bfchars = "\n".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchars}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /NotoSans /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSans "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 8 0 R /DW 600 >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /NotoSans /Flags 32 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
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
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


def make_zip(path: Path, members: dict[str, str | bytes], encrypted: tuple[str, ...] = ()) -> Path:
    """Write a ZIP of named members (text is UTF-8); names in `encrypted` carry the encryption flag."""
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in encrypted:
                info.flag_bits |= 0x1
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    if encrypted:
        # zipfile writes no encryption; set the flag as an encrypting archiver does.
        raw = bytearray(path.read_bytes())
        for name in encrypted:
            encoded = name.encode()
            for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
                at = raw.find(signature)
                while at != -1:
                    if raw[at + name_at : at + name_at + len(encoded)] == encoded:
                        raw[at + flag_at] |= 0x1
                    at = raw.find(signature, at + 4)
        path.write_bytes(bytes(raw))
    return path


def _cells(rows: list[list[str]]) -> tuple[str, str]:
    """Return an XLSX sheet (strings shared) and its sharedStrings part."""
    strings = [v for row in rows for v in row]
    sheet_rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + c)}{r}" t="s"><v>{strings.index(v)}</v></c>' for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f'<worksheet xmlns="{main}"><sheetData>{sheet_rows}</sheetData></worksheet>'
    shared = f'<sst xmlns="{main}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"
    return sheet, shared


def escape(text: str) -> str:
    """Escape text for XML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_xlsx(
    path: Path, rows: list[list[str]], sheet_name: str = "Sheet1", comment: str = "", creator: str = ""
) -> Path:
    """Write a minimal XLSX: one sheet of shared strings, an optional cell comment and creator."""
    sheet, shared = _cells(rows)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    members = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<workbook xmlns="{main}"><sheets><sheet name="{escape(sheet_name)}" '
        'sheetId="1"/></sheets></workbook>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator>{escape(creator)}</dc:creator></cp:coreProperties>",
    }
    if comment:
        members["xl/comments1.xml"] = (
            f'<comments xmlns="{main}"><commentList><comment ref="A1"><text><r><t>{escape(comment)}</t></r>'
            "</text></comment></commentList></comments>"
        )
    return make_zip(path, members)


def make_pptx(path: Path, slide: str, notes: str = "") -> Path:
    """Write a minimal PPTX: one slide's text box, and speaker notes."""
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"

    def part(root: str, text: str) -> str:
        return (
            f'<p:{root} xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r>'
            f"<a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:{root}>"
        )

    members = {"ppt/slides/slide1.xml": part("sld", slide)}
    if notes:
        members["ppt/notesSlides/notesSlide1.xml"] = part("notes", notes)
    return make_zip(path, members)


def make_odt(path: Path, body: str, header: str = "", title: str = "", creator: str = "") -> Path:
    """Write a minimal ODT: a paragraph, a page header in styles.xml, a title and creator in meta.xml."""
    office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    text = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    style = 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    meta = 'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    return make_zip(
        path,
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f"<office:document-content {office} {text}><office:body><office:text>"
            f"<text:p>{escape(body)}</text:p></office:text></office:body></office:document-content>",
            "styles.xml": f"<office:document-styles {office} {text} {style}><office:master-styles>"
            f'<style:master-page style:name="Standard"><style:header><text:p>{escape(header)}</text:p>'
            "</style:header></style:master-page></office:master-styles></office:document-styles>",
            "meta.xml": f"<office:document-meta {office} {meta} {dc}><office:meta><dc:title>{escape(title)}"
            f"</dc:title><meta:initial-creator>{escape(creator)}</meta:initial-creator></office:meta>"
            "</office:document-meta>",
        },
    )


TEXT_BOX = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>{}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)


def make_docx_with(path: Path, where: str, text: str) -> Path:
    """Write a DOCX whose only unusual text is `text`, placed in `where`.

    Places: body, split-runs (one word over three runs), text-box, comment,
    nested-table, footer, first-page-header, title, subject, keywords.
    """
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Kế hoạch thông tin đối ngoại")
    if where == "body":
        document.add_paragraph(text)
    elif where == "split-runs":
        extra = document.add_paragraph()
        third = max(len(text) // 3, 1)
        for piece in (text[:third], text[third : 2 * third], text[2 * third :]):
            extra.add_run(piece)
    elif where == "text-box":
        document.element.body.insert(0, parse_xml(escape_box(text)))
    elif where == "comment":
        document.add_comment(paragraph.runs, text=text, author="", initials="")
    elif where == "nested-table":
        outer = document.add_table(rows=1, cols=1)
        inner = outer.cell(0, 0).add_table(rows=1, cols=2)
        inner.cell(0, 1).text = text
    elif where == "footer":
        document.sections[0].footer.paragraphs[0].text = text
    elif where == "first-page-header":
        document.sections[0].different_first_page_header_footer = True
        document.sections[0].first_page_header.paragraphs[0].text = text
    elif where in ("title", "subject", "keywords"):
        setattr(document.core_properties, where, text)
    else:
        raise ValueError(where)
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def escape_box(text: str) -> str:
    """Return a paragraph holding a VML text box that says `text`."""
    return TEXT_BOX.format(escape(text))
