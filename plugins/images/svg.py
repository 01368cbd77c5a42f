"""Check an SVG for active content and write it back without metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .probe import ProbeError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
KEPT_NAMESPACES = {SVG_NS, XLINK_NS, XML_NS}
# Elements that run code or embed documents when the SVG is opened on its own.
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
UNITS_TO_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")
SCRIPT_URL_RE = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)


@dataclass(frozen=True)
class CleanSvg:
    """A checked SVG: its bytes without metadata and its intrinsic size in CSS pixels."""

    data: bytes
    width: int
    height: int


def _local(name: object) -> tuple[str, str]:
    """Return (namespace, local name) of an lxml tag or attribute name."""
    if not isinstance(name, str):
        return "", ""  # comments and processing instructions
    qname = etree.QName(name)
    return qname.namespace or "", qname.localname


def _length(value: str | None) -> float | None:
    """Return an SVG length in CSS pixels, or None for percentages and the like."""
    if not value:
        return None
    match = LENGTH_RE.match(value)
    if not match or match[2] not in UNITS_TO_PX:
        return None
    return float(match[1]) * UNITS_TO_PX[match[2]]


def _size(root: etree._Element) -> tuple[int, int]:
    """Return the SVG's intrinsic size from width/height, else its viewBox."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            box_width = box_height = 0.0
        if box_width > 0 and box_height > 0:
            if width is None and height is None:
                width, height = box_width, box_height
            elif width is None and height:
                width = height * box_width / box_height
            elif height is None and width:
                height = width * box_height / box_width
    if not width or not height:
        raise ProbeError(
            "has no size (no width/height in pixels and no viewBox)",
            'add viewBox="0 0 W H" to its <svg> element',
        )
    return max(1, round(width)), max(1, round(height))


def clean_svg(data: bytes) -> CleanSvg:
    """Return the SVG without comments or metadata; raise ProbeError if it is active."""
    if b"<!ENTITY" in data:
        raise ProbeError("declares XML entities", "remove the <!DOCTYPE …> block from the SVG")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ProbeError(
            f"is not a well-formed SVG ({exc})", "re-export it from the drawing program"
        ) from None
    if _local(root.tag) != (SVG_NS, "svg"):
        raise ProbeError("is not an SVG image (no <svg> root element)", "re-export it as SVG")
    for element in list(root.iter()):
        namespace, name = _local(element.tag)
        if name.lower() in ACTIVE_ELEMENTS:
            raise ProbeError(
                f"contains <{name}> (active content)",
                "remove scripts and embedded documents from the SVG, or export it as PNG",
            )
        if namespace not in KEPT_NAMESPACES or name == "metadata":
            # Editor namespaces (Inkscape, Illustrator) can hold local file
            # paths and author names; <metadata> holds RDF about the author.
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute, value in list(element.attrib.items()):
            attr_ns, attr_name = _local(attribute)
            if attr_name.lower().startswith("on"):
                raise ProbeError(
                    f"has an event handler ({attr_name}=…)",
                    "remove scripts from the SVG, or export it as PNG",
                )
            if SCRIPT_URL_RE.match(value):
                raise ProbeError(
                    f'has a script link ({attr_name}="{value[:30]}…")',
                    "remove scripts from the SVG, or export it as PNG",
                )
            if attr_ns and attr_ns not in KEPT_NAMESPACES:
                del element.attrib[attribute]
    etree.cleanup_namespaces(root)
    width, height = _size(root)
    return CleanSvg(etree.tostring(root, encoding="utf-8", xml_declaration=True), width, height)
