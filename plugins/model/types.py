"""Content types, declared: each field with its kind, whether it is required and who writes it.

The engine reads by these declarations, the checker derives its metadata rules
from them, `make new` scaffolds from them and docs/editing.md's field table is
generated from them (tests/model/test_types.py keeps the docs in step). Adding a
field to a type is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field kinds the validator knows (model/validate.py): what a value must look like.
KINDS = (
    "text",  # one line of text
    "markdown",  # one line of inline Markdown (Summary)
    "datetime",  # ISO 8601 date or date-time; without an offset, in TIMEZONE
    "choice",  # one of `choices`
    "terms",  # comma-separated term ids (or names) from the term table
    "registry",  # an id in the agency registry, valid on the item's date
    "image",  # a file in the item's folder
    "focus",  # "x,y", both between 0 and 1
    "slug",  # lowercase ASCII letters, digits and hyphens
    "hash",  # a hex prefix of the source's hash (8–64 characters)
    "lang",  # a configured language code (must match the file name)
    # The structured types' kinds (model/values.py parses them):
    "number",  # a decimal number with a dot, in `unit`, within `minimum`/`maximum`/`above`
    "money",  # a whole amount in `unit` (VND, USD); thousands may be grouped: 1 500 000
    "coordinates",  # WGS84 "lat, lon" in decimal degrees
    "date",  # an ISO date: 2023-09-25
    "vocab",  # a term id (or its name in any language) of the vocabulary `vocab` (data/vocabularies.yml)
    "agency",  # an agency id in data/agencies.yml; with `external`, also an outside body's id
    "file",  # a file in the item's folder (published with the item, its size shown)
    "ref",  # the key of another item of type `target` (a folder under its collection)
    "moment",  # an event's day (all day) or ISO date-time, with an offset or in its Time_zone
    "timezone",  # an IANA time zone name: Asia/Ho_Chi_Minh
    "url",  # an absolute https:// address
    "photos",  # a gallery's photos, one per indented line: file | credit | rank: … (model/photos.py)
    "photo-texts",  # a text per photo, one per indented line: file.jpg: text (model/photos.py)
)

# Who writes a field: once in the source file and inherited by every
# translation ("neutral"), or each file its own ("translate").
NEUTRAL, TRANSLATE = "neutral", "translate"


@dataclass(frozen=True)
class FieldSpec:
    """One metadata field of a content type."""

    name: str  # as editors write it: "Cover_alt"
    kind: str
    help: str  # one line for the docs, the scaffold and the CMS
    required: bool = False  # in the source file
    i18n: str = TRANSLATE
    choices: tuple[str, ...] = ()
    required_if: str = ""  # required when this other field is set
    placeholder: str = ""  # what `make new` writes; never valid in a published item
    where: str = ""  # the docs' "where" column when it says more than i18n does
    scaffold: bool = True  # `make new` lists it
    # The structured types' constraints (model/values.py):
    unit: str = ""  # number: "ha", "%", "km", "USD/m²"; money: the currency, "VND" or "USD"
    minimum: float | None = None  # number: the smallest value allowed
    maximum: float | None = None  # number: the largest value allowed
    above: float | None = None  # number: values must be greater than this (area > 0)
    vocab: str = ""  # vocab: the vocabulary's name in data/vocabularies.yml
    multiple: bool = False  # vocab, ref: comma-separated values
    target: str = ""  # ref: the content type referred to ("document")
    inverse: str = ""  # ref: what the other side shows ("implemented by")
    external: bool = False  # agency: outside bodies (data/agencies.yml `bodies:`) allowed
    not_before: str = ""  # date: may not precede this other date field (Effective ≥ Issued)
    facet: bool = False  # lists are filtered by it: one pre-rendered page per value
    column: bool = False  # a column of the list page and its downloads (CSV, XLSX, JSON)
    # number, money: lists are also filtered by range, one pre-rendered page per
    # range between these limits (< 100 bn, 100–500 bn, …), under /<collection>/<band_path>/.
    bands: tuple[float, ...] = ()
    band_path: str = ""  # the ranges' URL segment: "capital" -> /projects/capital/under-100bn/
    crossed: bool = False  # facet: each value's page is also split by every declared range

    @property
    def key(self) -> str:
        """Return the lower-case key Pelican's reader gives it."""
        return self.name.lower()

    @property
    def neutral(self) -> bool:
        """Tell whether translations inherit the field from the source."""
        return self.i18n == NEUTRAL


@dataclass(frozen=True)
class ContentType:
    """A kind of item: where its folders live and the fields its files carry."""

    name: str  # "story", "page"
    folder: str  # path pattern under content/, for docs and the CMS
    fields: tuple[FieldSpec, ...]
    body_placeholder: str = ""  # the body `make new` writes
    # A collection: items in content/<collection>/<key>/index.<lang>.md, listed
    # at /<collection>/ in every language (model/invest.py declares them).
    collection: str = ""
    template: str = ""  # the item page's template ("page" or "article" when empty)
    list_template: str = ""  # the list page's template
    example: str = ""  # a demo file shown whole in docs/content-types.md
    order: str = "date"  # the field lists are ordered by, newest first ("issued" for documents)
    section: str = ""  # the section whose page (and its part of the home page) links to the list
    _by_key: dict[str, FieldSpec] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update((spec.key, spec) for spec in self.fields)

    def field(self, key: str) -> FieldSpec | None:
        """Return the field declared under a lower-case key, or None."""
        return self._by_key.get(key.lower())

    @property
    def keys(self) -> tuple[str, ...]:
        """Return every declared lower-case key."""
        return tuple(self._by_key)

    def facets(self) -> tuple[FieldSpec, ...]:
        """Return the fields lists are filtered by."""
        return tuple(spec for spec in self.fields if spec.facet)

    def banded(self) -> tuple[FieldSpec, ...]:
        """Return the number fields lists are filtered by range."""
        return tuple(spec for spec in self.fields if spec.bands)

    def columns(self) -> tuple[FieldSpec, ...]:
        """Return the fields of the list page's table and its downloads."""
        return tuple(spec for spec in self.fields if spec.column)

    @property
    def neutral_keys(self) -> tuple[str, ...]:
        """Return the keys translations inherit from the source."""
        return tuple(spec.key for spec in self.fields if spec.neutral)


def collection_type(
    name: str, collection: str, section: str, fields: tuple[FieldSpec, ...], **more: str
) -> ContentType:
    """Declare a collection: folders under content/<collection>/, the generic item and list templates."""
    return ContentType(
        name=name,
        folder=f"content/{collection}/{{key}}/index.{{lang}}.md",
        collection=collection,
        section=section,
        fields=fields,
        **{"template": "invest_item", "list_template": "invest_list", **more},
    )


STATUSES = ("published", "draft", "hidden")

COMMON_HEAD = (
    FieldSpec(
        "Title",
        "text",
        "the headline in that language",
        required=True,
        placeholder="",  # make new writes the folder name as a title
        where="every file",
    ),
)
COMMON_TAIL = (
    FieldSpec(
        "Modified",
        "datetime",
        "last substantive change of this file, same format as Date",
        where="any",
        scaffold=False,
    ),
    FieldSpec(
        "Summary",
        "markdown",
        "one or two sentences for lists, feeds and sharing",
        placeholder="(one or two sentences for lists, feeds and sharing)",
    ),
)
_STORY_NEUTRAL = (
    FieldSpec(
        "Tags",
        "terms",
        "comma-separated term ids from `data/terms.yml` (names in any language are accepted too)",
        i18n=NEUTRAL,
        placeholder="(comma-separated term ids from data/terms.yml)",
    ),
    FieldSpec(
        "Agency",
        "registry",
        "the publishing agency's id in `data/agencies.yml`, valid on the story's date",
        i18n=NEUTRAL,
        placeholder="(the publishing agency's id from data/agencies.yml)",
    ),
)
_COVER = (
    FieldSpec(
        "Cover",
        "image",
        "the cover image, a file in the item's folder",
        i18n=NEUTRAL,
        placeholder="(file name of the cover image in this folder, or delete this line)",
    ),
    FieldSpec(
        "Cover_alt",
        "text",
        "the cover's text alternative, in that language",
        required_if="Cover",
        placeholder="(what the cover shows, for people who cannot see it)",
    ),
    FieldSpec(
        "Cover_credit",
        "text",
        "photographer or owner of the cover",
        i18n=NEUTRAL,
        placeholder="(photographer or owner of the cover)",
    ),
    FieldSpec(
        "Cover_focus",
        "focus",
        "`x,y` (0–1) point kept when the cover is cropped for social cards",
        i18n=NEUTRAL,
        scaffold=False,
    ),
)
TAIL = (
    FieldSpec(
        "Slug",
        "slug",
        "overrides this language's URL slug (lowercase ASCII, digits, hyphens)",
        where="any",
        scaffold=False,
    ),
    FieldSpec(
        "Status",
        "choice",
        "`published` (default), `draft` (not published) or `hidden` (published, not listed, "
        "not indexed). In the source file it applies to the whole item; a translation marked "
        "`draft` is left out of its language until it is published",
        choices=STATUSES,
        where="any",
    ),
    FieldSpec(
        "Source_hash",
        "hash",
        "in a translation: the start of the source's hash it was translated from "
        "(`python -m checker.hash` prints it, see docs/checking.md); a changed source then marks "
        "the translation as stale",
        where="translation",
        scaffold=False,
    ),
    FieldSpec(
        "Pii_justification",
        "text",
        "why personal data on this page is lawful to publish (agency contact pages)",
        where="any",
        scaffold=False,
    ),
    FieldSpec(
        "Lang",
        "lang",
        "not needed: the file name says the language; if given it must match",
        where="any",
        scaffold=False,
    ),
)

STORY = ContentType(
    name="story",
    folder="content/{section}/{key}/index.{lang}.md",
    fields=(
        *COMMON_HEAD,
        FieldSpec(
            "Date",
            "datetime",
            "publication date, ISO 8601 (`2024-02-15`, `2024-02-15 09:00`, `2024-02-15T09:00+07:00`); "
            "without an offset it is in the site's time zone",
            required=True,
            i18n=NEUTRAL,
        ),
        *COMMON_TAIL,
        *_STORY_NEUTRAL,
        *_COVER,
        *TAIL,
    ),
    body_placeholder="(Write the story here in Markdown. Change Status to published when it is ready.)",
)

PAGE = ContentType(
    name="page",
    folder="content/pages/{key}/index.{lang}.md",
    fields=(
        *COMMON_HEAD,
        FieldSpec(
            "Date",
            "datetime",
            "publication date, ISO 8601, as for stories (optional on pages)",
            i18n=NEUTRAL,
            scaffold=False,
        ),
        *COMMON_TAIL,
        *_STORY_NEUTRAL,
        *_COVER,
        *TAIL,
    ),
    body_placeholder="(Write the page here in Markdown.)",
)

# Keys every type shares with stories (title, dates, status…): not a collection's own values.
BASE_KEYS = frozenset(spec.key for spec in (*COMMON_HEAD, *COMMON_TAIL, *TAIL)) | {"date"}

# The structured types (collections) are declared beside: they use the classes above.
from .invest import INVEST_TYPES  # noqa: E402
from .visit import VISIT_TYPES  # noqa: E402

TYPES: dict[str, ContentType] = {
    STORY.name: STORY,
    PAGE.name: PAGE,
    **{t.name: t for t in (*INVEST_TYPES, *VISIT_TYPES)},
}
# content/<folder> -> the collection type read from it
COLLECTIONS: dict[str, ContentType] = {t.collection: t for t in TYPES.values() if t.collection}


# `make new`'s placeholder per lower-case key (the same in every type): a value
# still equal to it counts as unset (model.sources.Document.get), and as an
# error once the file is not a draft (model.validate).
PLACEHOLDERS: dict[str, str] = {
    spec.key: spec.placeholder for ctype in TYPES.values() for spec in ctype.fields if spec.placeholder
}
