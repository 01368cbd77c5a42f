"""A gallery's photo list and its texts per language: parsed from the header, checked by the declaration.

The source file names the photos once, in order, one per indented line under
`Photos:` (`file.jpg | credit`, then `illustration` for a drawing or a
generated image, and for a contest `rank: 1 | author: … | work: …`); every
published file gives each photo its alt text under `Photo_alt:` and may give
a caption under `Photo_captions:` (`file.jpg: text`).
The engine (multilang/collections.py) and the validator (model/validate.py)
read them through these functions, so the build and `make check` agree.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .findings import Finding, make
from .sources import Bundle, Document
from .types import ContentType, FieldSpec

PHOTOS, TEXTS = "photos", "photo-texts"  # the two field kinds (model/types.py KINDS)
LABELS = ("rank", "author", "work")  # a contest photo's optional parts


@dataclass(frozen=True)
class Photo:
    """One photo of a gallery, as the source file names it."""

    name: str  # the file in the gallery's folder
    credit: str  # who took or made it (or "Minh họa: quangba" for an illustration)
    line: int
    rank: int | None = None  # a contest's place (1 = first)
    author: str = ""  # a contest entry's author
    work: str = ""  # a contest entry's title
    illustration: bool = False  # made, not taken: the credit reads "Illustration:", not "Photo:"


def photos_spec(ctype: ContentType) -> FieldSpec | None:
    """Return a type's photo-list field, or None when it has none."""
    return next((spec for spec in ctype.fields if spec.kind == PHOTOS), None)


def text_specs(ctype: ContentType) -> tuple[FieldSpec, ...]:
    """Return a type's per-photo text fields (alt texts, captions)."""
    return tuple(spec for spec in ctype.fields if spec.kind == TEXTS)


def read_photo(line: int, text: str) -> tuple[Photo | None, str | None]:
    """Return one `Photos:` entry as a Photo, or the problem with it."""
    name, *parts = [part.strip() for part in text.split("|")]
    if not name or not parts or not parts[0]:
        return None, f"the photo “{text}” has no credit: write `{name or 'file.jpg'} | who took or made it`"
    more: dict[str, str] = {}
    illustration = False
    for part in parts[1:]:
        if part.lower() == "illustration":
            illustration = True
            continue
        label, colon, value = part.partition(":")
        label = label.strip().lower()
        if not colon or label not in LABELS or not value.strip():
            return None, f"“{part}” is not one of `illustration`, `rank: 1`, `author: …`, `work: …`"
        more[label] = value.strip()
    rank = more.get("rank")
    if rank is not None and not (rank.isascii() and rank.isdigit() and int(rank) > 0):
        return None, f"rank “{rank}” is not a whole number from 1"
    photo = Photo(
        name,
        parts[0],
        line,
        int(rank) if rank else None,
        more.get("author", ""),
        more.get("work", ""),
        illustration,
    )
    return photo, None


def read_photos(doc: Document, spec: FieldSpec) -> tuple[list[Photo], list[tuple[int, str]]]:
    """Return a file's photos in order and the problems (line, message) of the lines that are wrong."""
    photos: list[Photo] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    if doc.get(spec.key) is None:  # absent, or `make new`'s placeholder (reported as such)
        return photos, problems
    for line, text in doc.entries(spec.key):
        photo, problem = read_photo(line, text)
        if photo is None:
            problems.append((line, problem or ""))
        elif photo.name in seen:
            problems.append((line, f"{photo.name} is listed twice in {spec.name}"))
        else:
            seen.add(photo.name)
            photos.append(photo)
    return photos, problems


def read_texts(doc: Document, spec: FieldSpec) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Return a file's texts per photo file name, and the lines that are not `file.jpg: text`."""
    texts: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    if doc.get(spec.key) is None:
        return texts, problems
    for line, text in doc.entries(spec.key):
        name, colon, value = text.partition(":")
        name, value = name.strip(), value.strip()
        if not colon or not name or not value:
            problems.append((line, f"“{text}” is not `file.jpg: text`"))
        elif name in texts:
            problems.append((line, f"{name} has two texts in {spec.name} (line {lines[name]})"))
        else:
            texts[name], lines[name] = value, line
    return texts, problems


def _files(bundle: Bundle | None) -> dict[str, Any]:
    """Return the files beside the index files, by name."""
    return {p.name: p for p in bundle.files if p.parent == bundle.dir} if bundle else {}


def _published(doc: Document) -> bool:
    return (doc.get("status") or "published").lower() != "draft"


def findings(doc: Document, ctype: ContentType, source: Document | None) -> Iterator[Finding]:
    """Report a gallery file's unreadable lines, missing photo files and photos without alt text."""
    spec = photos_spec(ctype)
    if spec is None:
        return
    if doc is source or source is None:
        yield from _photo_findings(doc, spec)
    photos, _ = read_photos(source or doc, spec)
    # Every file Photos names, its line readable or not (an unreadable line is reported once, above).
    names = [text.split("|")[0].strip() for _, text in (source or doc).entries(spec.key)]
    for text_spec in text_specs(ctype):
        texts, problems = read_texts(doc, text_spec)
        for line, message in problems:
            yield make("gallery.bad-photo", doc.path, line, f"{text_spec.name}: {message}")
        for name in texts:
            if name not in names:
                near = difflib.get_close_matches(name, names, n=1)
                yield make(
                    "gallery.bad-photo",
                    doc.path,
                    _text_line(doc, text_spec, name),
                    f"{text_spec.name}: {name} is not one of the gallery's Photos",
                    hint=f"Did you mean “{near[0]}”?"
                    if near
                    else f"Add {name} to Photos: in the source file",
                )
        # A source without the field at all: validate's required_if finding says so once.
        absent = doc is source and text_spec.key not in doc.fields
        if text_spec.required_if and _published(doc) and not absent:
            for photo in photos:
                if photo.name not in texts:
                    yield make(
                        "gallery.missing-alt",
                        doc.path,
                        doc.field_line(text_spec.key),
                        f"the photo {photo.name} has no alt text in {doc.path.name}",
                        hint=f"Add `    {photo.name}: what the photo shows` under `{text_spec.name}:`, "
                        "in this file's language",
                    )


def _photo_findings(doc: Document, spec: FieldSpec) -> Iterator[Finding]:
    """Report the source's unreadable Photos lines and photo files that are not in the folder."""
    photos, problems = read_photos(doc, spec)
    for line, message in problems:
        yield make("gallery.bad-photo", doc.path, line, f"{spec.name}: {message}")
    files = _files(doc.bundle)
    for photo in photos:
        if photo.name not in files:
            near = difflib.get_close_matches(photo.name, list(files), n=1)
            yield make(
                "gallery.missing-photo",
                doc.path,
                photo.line,
                f"the photo {photo.name} is not a file in this gallery's folder",
                hint=f"Did you mean “{near[0]}”?"
                if near
                else "Put the image beside index.<lang>.md, or correct its name in Photos:",
            )


def _text_line(doc: Document, spec: FieldSpec, name: str) -> int:
    """Return the line of a photo's text entry."""
    for line, text in doc.entries(spec.key):
        if text.partition(":")[0].strip() == name:
            return line
    return doc.field_line(spec.key)
