"""The visit types, declared: destinations to go to, events to plan a trip around, photo galleries.

Each is a collection (content/<collection>/<key>/index.<lang>.md) read, checked,
scaffolded and documented by its declaration like the investment types
(model/invest.py). Coordinates must fall inside the province
(MULTILANG_BOUNDING_BOX); an event's End may not precede its Start; its times
are in its Time_zone (Asia/Ho_Chi_Minh unless it names another). Every event
is also an iCal file and part of its language's calendar feeds, of every
event and of its category (multilang/ical.py). A gallery's photo list and per-language texts are
read and checked by model/photos.py; a destination may show one gallery.
"""

from __future__ import annotations

from .invest import _LISTED, _SOURCE, COMMUNE, DISTRICT
from .types import _COVER, COMMON_HEAD, COMMON_TAIL, NEUTRAL, TAIL, FieldSpec, collection_type

_YES_NO = ("yes", "no")


# Shown in the home page's block of events or destinations before the others; a
# cancelled event marked so is `metadata.cancelled-featured` (it is never shown).
_FEATURED = FieldSpec(
    "Featured",
    "choice",
    "`yes` to show it first on the home page (a cancelled event is never shown there)",
    i18n=NEUTRAL,
    choices=_YES_NO,
    scaffold=False,
)


def _text(name: str, help_text: str) -> FieldSpec:
    """Return an optional translatable text field `make new` leaves out."""
    return FieldSpec(name, "text", help_text, scaffold=False)


DESTINATION = collection_type(
    name="destination",
    collection="destinations",
    section="tourism",
    example="content/destinations/mai-chau/index.vi.md",
    list_template="invest_visit_list",
    fields=(
        *COMMON_HEAD,
        _LISTED,
        *COMMON_TAIL,
        FieldSpec(
            "Category",
            "vocab",
            "what kind of place it is, an id from the `destination-categories` vocabulary",
            required=True,
            i18n=NEUTRAL,
            vocab="destination-categories",
            facet=True,
            column=True,
            placeholder="(category id from data/vocabularies.yml)",
        ),
        FieldSpec(
            "Heritage",
            "vocab",
            "its heritage ranking where it has one, an id from the `heritage-rankings` vocabulary",
            i18n=NEUTRAL,
            vocab="heritage-rankings",
            facet=True,
            scaffold=False,
        ),
        DISTRICT,
        COMMUNE,
        FieldSpec(
            "Coordinates",
            "coordinates",
            "WGS84 `latitude, longitude` in decimal degrees (`20.6551, 105.0747`), inside the province",
            required=True,
            i18n=NEUTRAL,
            placeholder="(latitude, longitude)",
        ),
        _text("Opening_hours", "opening hours, in that language"),
        _text("Tickets", "tickets and prices, in that language, as published"),
        _text("Best_season", "the best time of year to go, in that language"),
        _text("Getting_there", "how to get there, in that language"),
        _text("Accessibility", "access for people with reduced mobility, in that language"),
        _FEATURED,
        FieldSpec(
            "Gallery",
            "ref",
            "the key of a gallery (a folder of `content/galleries/`) shown on the destination's page",
            i18n=NEUTRAL,
            target="gallery",
            inverse="destinations",
            scaffold=False,
        ),
        _SOURCE,
        *_COVER,
        *TAIL,
    ),
    body_placeholder="(Describe the place here in Markdown: what to see, who lives there, what to respect.)",
)

EVENT = collection_type(
    name="event",
    collection="events",
    section="tourism",
    example="content/events/khai-ha-muong-bi-2023/index.vi.md",
    template="invest_event",
    list_template="invest_visit_list",
    order="start",
    fields=(
        *COMMON_HEAD,
        _LISTED,
        *COMMON_TAIL,
        FieldSpec(
            "Start",
            "moment",
            "when it begins: a day (`2025-02-04`, all day) or a date-time (`2025-02-04 08:00` in "
            "Time_zone, or `2025-02-04T08:00+07:00`)",
            required=True,
            i18n=NEUTRAL,
            column=True,
            placeholder="(YYYY-MM-DD or YYYY-MM-DD HH:MM)",
        ),
        FieldSpec(
            "End",
            "moment",
            "when it ends, written like Start (for an all-day event its last day); not before Start",
            i18n=NEUTRAL,
            not_before="Start",
            placeholder="(YYYY-MM-DD or YYYY-MM-DD HH:MM)",
        ),
        FieldSpec(
            "All_day",
            "choice",
            "`yes` when Start and End are days without times (a day alone means all day too)",
            i18n=NEUTRAL,
            choices=_YES_NO,
            scaffold=False,
        ),
        FieldSpec(
            "Time_zone",
            "timezone",
            "the IANA time zone of Start and End without an offset; `Asia/Ho_Chi_Minh` when left out",
            i18n=NEUTRAL,
            scaffold=False,
        ),
        FieldSpec(
            "Category",
            "vocab",
            "what kind of event, an id from the `event-categories` vocabulary",
            required=True,
            i18n=NEUTRAL,
            vocab="event-categories",
            facet=True,
            column=True,
            placeholder="(category id from data/vocabularies.yml)",
        ),
        FieldSpec(
            "Event_status",
            "vocab",
            "scheduled, postponed, rescheduled, cancelled or moved online: an id from the "
            "`event-statuses` vocabulary (scheduled when left out)",
            i18n=NEUTRAL,
            vocab="event-statuses",
            facet=True,
            column=True,
            scaffold=False,
        ),
        FieldSpec(
            "Attendance",
            "vocab",
            "in person, online or mixed: an id from the `attendance-modes` vocabulary",
            i18n=NEUTRAL,
            vocab="attendance-modes",
            scaffold=False,
        ),
        _text("Venue", "the venue's name, in that language"),
        _text("Venue_address", "the venue's address, in that language"),
        DISTRICT,
        FieldSpec(
            "Venue_coordinates",
            "coordinates",
            "the venue's WGS84 `latitude, longitude` in decimal degrees, inside the province",
            i18n=NEUTRAL,
            scaffold=False,
        ),
        FieldSpec(
            "Organiser",
            "agency",
            "who organises it: an agency id, or an outside body's id from `bodies:` in `data/agencies.yml`",
            i18n=NEUTRAL,
            external=True,
            scaffold=False,
        ),
        FieldSpec(
            "Registration",
            "url",
            "the registration page's full address (`https://…`)",
            i18n=NEUTRAL,
            scaffold=False,
        ),
        FieldSpec(
            "Free", "choice", "`yes` when entry is free", i18n=NEUTRAL, choices=_YES_NO, scaffold=False
        ),
        _text("Price", "the price of entry, in that language, as published"),
        _FEATURED,
        _SOURCE,
        *_COVER,
        *TAIL,
    ),
    body_placeholder="(Describe the event here in Markdown: programme, what visitors can see and do.)",
)

GALLERY = collection_type(
    name="gallery",
    collection="galleries",
    section="tourism",
    example="content/galleries/muong-patterns/index.vi.md",
    template="gallery_item",
    list_template="gallery_list",
    fields=(
        *COMMON_HEAD,
        _LISTED,
        *COMMON_TAIL,
        FieldSpec(
            "Photos",
            "photos",
            "the photos in order, one per indented line: `file.jpg | credit`; `file.jpg | credit | "
            "illustration` for a drawing or generated image; for a contest entry "
            "`file.jpg | credit | rank: 1 | author: … | work: …`; each file in the gallery's folder",
            required=True,
            i18n=NEUTRAL,
            placeholder="(one photo per indented line: file.jpg | credit)",
        ),
        FieldSpec(
            "Photo_alt",
            "photo-texts",
            "each photo's text alternative in that language, one per indented line: "
            "`file.jpg: what the photo shows`; every photo in every published file",
            required_if="Photos",
            placeholder="(one per indented line: file.jpg: what the photo shows)",
        ),
        FieldSpec(
            "Photo_captions",
            "photo-texts",
            "captions in that language, one per indented line: `file.jpg: caption` (optional per photo)",
            scaffold=False,
        ),
        _SOURCE,
        *TAIL,
    ),
    body_placeholder="(Describe the gallery here in Markdown: what the photos show, when and where.)",
)

VISIT_TYPES = (DESTINATION, EVENT, GALLERY)
