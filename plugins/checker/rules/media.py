"""Media rules: GPS in images, alt text, file sizes, attachments' own metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from model.findings import Finding, make
from model.sources import Bundle, Document

from ..attachments import IMAGE_SUFFIXES, image_has_gps, read_attachment
from ..engine import Context
from .confidentiality import limits

# Reads only the sources, the settings and the registries: runs while the engine reads the site.
SOURCES_ONLY = True

# Document properties that name a person or an organisation (PDF, OOXML, OpenDocument names).
PERSONAL_PROPERTIES = {
    "Author": "Author",
    "creator": "Author",
    "initial-creator": "Author",
    "LastModifiedBy": "LastModifiedBy",
    "lastModifiedBy": "LastModifiedBy",
    "Company": "Company",
    "Manager": "Manager",
}
# Camera and placeholder names that say nothing about the picture.
MEANINGLESS_ALT_RE = re.compile(
    r"^(?:img|dsc|dscn|dcim|pxl|photo|image|picture|screenshot|ảnh|hình|hinh|anh)?[\s_\-]*\d*$",
    re.IGNORECASE,
)


def _alt_problem(alt: str | None, target: str) -> str | None:
    if alt is None or not alt.strip():
        return "has no alt text"
    text = alt.strip().casefold()
    name = PurePosixPath(unquote(target.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0])).name.casefold()
    stem = name.rsplit(".", 1)[0]
    spaced = re.sub(r"[-_]+", " ", stem)
    if text in (name, stem, spaced) or MEANINGLESS_ALT_RE.match(text):
        return f"has alt text “{alt.strip()}”, which is its file name, not a description"
    return None


def _alt_findings(
    bundle: Bundle, doc: Document, ctx: Context, cover: str | None, is_source: bool
) -> Iterator[Finding]:
    for image in ctx.scan(doc).images:
        problem = _alt_problem(image.alt, image.target)
        if problem:
            yield make(
                "media.missing-alt",
                doc.path,
                image.line,
                f"image {image.target or '(no source)'} {problem}",
                column=image.column,
            )
    if not cover:
        return
    alt = doc.get("cover_alt")
    if alt is None and not is_source:
        yield make(
            "media.cover-alt-untranslated",
            doc.path,
            1,
            f"the story has a cover ({cover}) but this {doc.lang} version sets no `Cover_alt:`",
        )
        return
    problem = _alt_problem(alt, cover)
    if problem:
        yield make(
            "media.missing-alt",
            doc.path,
            doc.field_line("cover_alt") if alt is not None else doc.field_line("cover"),
            f"the cover {cover} {problem}" + ("" if alt is not None else " (add `Cover_alt:`)"),
        )


def _shown_images(bundle: Bundle, ctx: Context, cover: str | None) -> set[Path]:
    """Return the bundle's own files that its cover or bodies show as images."""
    targets = [cover] if cover else []
    targets += [image.target for doc in bundle.docs() for image in ctx.scan(doc).images]
    shown: set[Path] = set()
    for target in targets:
        target = re.sub(r"^\{(?:static|attach|filename)\}", "", target).split("#")[0].split("?")[0]
        if target and not target.startswith("/") and "://" not in target:
            shown.add((bundle.dir / unquote(target)).resolve())
    return shown


def check_bundle(bundle: Bundle, ctx: Context) -> Iterator[Finding]:
    """Check the bundle's images and attachments, and the alt text in every version."""
    cfg = ctx.config
    source_lang = bundle.source_lang(cfg.languages)
    cover = bundle.doc(source_lang).get("cover") if source_lang else None
    for doc in bundle.docs():
        yield from _alt_findings(bundle, doc, ctx, cover, doc.lang == source_lang)

    shown = _shown_images(bundle, ctx, cover)
    for path in bundle.files:
        suffix = path.suffix.lower()
        is_image = suffix in IMAGE_SUFFIXES
        size = path.stat().st_size
        limit = cfg.max_image_bytes if is_image else cfg.max_attachment_bytes
        if size > limit:
            yield make(
                "media.oversized",
                path,
                None,
                f"{path.name} is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB",
            )
        if is_image:
            gps = image_has_gps(path)
            if gps is None and path.resolve() in shown:
                # The build cannot make its derivatives: the same error there (images plugin).
                yield make(
                    "media.broken-image",
                    path,
                    None,
                    f"{path.name} is shown by the story but cannot be opened as an image "
                    "(damaged, not an image, or too many pixels to decode safely)",
                )
            elif gps is None:
                yield make("media.unreadable", path, None, f"{path.name} cannot be opened as an image")
            elif gps:
                yield make(
                    "media.gps-exif",
                    path,
                    None,
                    f"{path.name} carries GPS coordinates: publishing it reveals where it was taken",
                )
        else:
            extract = read_attachment(path, limits(ctx))
            if extract is None:
                continue
            if extract.error is not None:
                # The error is confidential.unreadable-attachment's; this says the file is damaged.
                yield make(
                    "media.unreadable",
                    path,
                    None,
                    f"{path.name} cannot be read, so it was not checked for markings",
                )
                continue
            for key, value in sorted(extract.properties.items()):
                *member, name = key.rsplit(" ", 1)
                if name in PERSONAL_PROPERTIES:
                    shown = " ".join([*member, PERSONAL_PROPERTIES[name]])
                    yield make(
                        "media.attachment-metadata",
                        path,
                        None,
                        f"{path.name}: document property {shown} is “{value}”",
                    )
