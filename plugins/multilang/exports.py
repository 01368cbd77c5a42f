"""Downloads of every collection's list per language: CSV (Excel-ready), XLSX and JSON, the page's columns.

One table per (collection, language) — the rows the list page shows, the
columns it shows (the name, then every field declared `column=True`), the
headers in that language — is serialised three ways:

- CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese text
  correctly), comma-separated, CRLF line ends, numbers written plainly
  (`1500000000000`, `12.5`: no grouping, a dot for decimals), dates ISO;
- XLSX (XlsxWriter): a header row, numbers as numbers, dates as dates, fixed
  document properties so that two builds of the same sources write the same bytes;
- JSON: the columns (key and label) and each item with its key, address, name
  and values (numbers as numbers, dates ISO, terms as id and name).

The bytes depend only on the sources, so an incremental build writes what a
cold one does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from model.site import Language, Site
from model.types import ContentType, FieldSpec

from . import urls
from .catalogue import label as value_label
from .catalogue import listed

# The theme's template whose macros name the fields and lists (as the list page does).
LABELS_TEMPLATE = "invest_macros"
FORMATS = ("csv", "xlsx", "json")
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# An empty list's workbook is dated this (the newest item's date otherwise).
EPOCH = dt.datetime(2000, 1, 1)


@dataclass(frozen=True)
class Table:
    """A collection's list in one language: headers, the page's columns and one row per item."""

    ctype: ContentType
    lang: str
    title: str
    columns: tuple[FieldSpec, ...]
    headers: tuple[str, ...]  # the name's header, then each column's, in the language
    items: tuple[Any, ...]
    site: Site

    def values(self, item: Any) -> list[Any]:
        """Return an item's cells: its name, then each column's typed value in this language."""
        data = item.data or {}
        return [item.title] + [self.cell(spec, data.get(spec.key)) for spec in self.columns]

    def cell(self, spec: FieldSpec, value: Any) -> Any:
        """Return a value as a spreadsheet cell: numbers and dates as they are, terms by name."""
        if value is None:
            return None
        if isinstance(value, list):
            return "; ".join(str(self.cell(spec, one)) for one in value)
        if spec.kind in ("vocab", "agency"):
            return value_label(self.site, spec, value, self.lang)
        if spec.kind in ("number", "money", "date"):
            return value
        return str(value)

    @property
    def head_row(self) -> list[str]:
        """Return the spreadsheet header row: each label with its unit ("Area (ha)"), then URL."""
        units = ("", *(spec.unit for spec in self.columns))
        return [f"{h} ({u})" if u else h for h, u in zip(self.headers, units, strict=True)] + ["URL"]

    @property
    def created(self) -> dt.datetime:
        """Return the newest item's date (naive UTC): the workbook's fixed creation date."""
        dates = [_naive(item.story.modified or item.story.date) for item in self.items if item.story.date]
        return max(dates, default=EPOCH)


def _naive(value: dt.datetime) -> dt.datetime:
    """Return a datetime in UTC without its zone."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _plain(value: Any) -> str:
    """Return a CSV cell: numbers without grouping or exponent, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(table: Table) -> bytes:
    """Return the table as CSV: UTF-8 with BOM, commas, CRLF, a header row."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.head_row)
    for item in table.items:
        writer.writerow([_plain(v) for v in table.values(item)] + [table.site.url(item.page_path)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    """Return the table as an XLSX workbook: a bold header row, typed cells, fixed properties."""
    buffer = io.BytesIO()
    import xlsxwriter  # here: the checker imports this module for its links only

    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": table.title, "created": table.created, "language": table.lang})
    sheet = book.add_worksheet(table.ctype.collection[:31])
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    headers = table.head_row
    sheet.write_row(0, 0, headers, bold)
    sheet.freeze_panes(1, 1)
    for row, item in enumerate(table.items, start=1):
        for col, value in enumerate(table.values(item)):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, int | float):
                sheet.write_number(row, col, value)
            else:
                sheet.write_string(row, col, str(value))
        sheet.write_string(row, len(headers) - 1, table.site.url(item.page_path))
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, len(headers) - 1, 18)
    book.close()
    return buffer.getvalue()


def to_json(table: Table) -> bytes:
    """Return the table as JSON: its columns and items, numbers as numbers, terms as id and name."""
    columns = [{"key": "title", "label": table.headers[0]}] + [
        {"key": spec.key, "label": header, **({"unit": spec.unit} if spec.unit else {})}
        for spec, header in zip(table.columns, table.headers[1:], strict=True)
    ]
    items = []
    for item in table.items:
        data = item.data or {}
        row: dict[str, Any] = {"key": item.story.key, "url": table.site.url(item.page_path)}
        row["title"] = item.title
        for spec in table.columns:
            value = data.get(spec.key)
            if value is not None:
                row[spec.key] = _json_value(table, spec, value)
        items.append(row)
    doc = {"title": table.title, "language": table.site.language(table.lang).html_lang}
    doc.update(columns=columns, items=items)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _json_value(table: Table, spec: FieldSpec, value: Any) -> Any:
    """Return a JSON value: a term as {id, name}, a date ISO, a number as it is."""
    if isinstance(value, list):
        return [_json_value(table, spec, one) for one in value]
    if spec.kind in ("vocab", "agency"):
        return {"id": value, "name": table.cell(spec, value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


WRITERS: dict[str, Callable[[Table], bytes]] = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}


def tables(site: Site, ctype: ContentType, names: Callable[[str], Any]) -> list[Table]:
    """Return a collection's table in every language.

    names(code) gives that language's invest_macros module: `label(key)` names
    a field, `collection_name(type)` the list, as the page does.
    """
    out = []
    for language in site.languages:
        macros = names(language.code)
        columns = ctype.columns()
        out.append(
            Table(
                ctype=ctype,
                lang=language.code,
                title=str(macros.collection_name(ctype.name)).strip(),
                columns=columns,
                headers=tuple(str(macros.label(key)).strip() for key in ("title", *(s.key for s in columns))),
                items=tuple(listed(site, ctype.name, language.code)),
                site=site,
            )
        )
    return out


def files(table: Table) -> dict[str, bytes]:
    """Return {output path: bytes} of a table's downloads."""
    language = table.site.language(table.lang)
    return {urls.download(language, table.ctype.name, fmt): WRITERS[fmt](table) for fmt in FORMATS}


def links(site: Site, type_name: str, language: Language) -> list[tuple[str, str]]:
    """Return (format name, URL) of a collection's downloads in a language, for its list page."""
    return [(FORMAT_NAMES[fmt], site.url(urls.download(language, type_name, fmt))) for fmt in FORMATS]
