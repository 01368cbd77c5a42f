"""JSON-LD of the collections and the directory's contacts.

A list is a Dataset, a document Legislation, an event an Event (dates with
their offset, eventStatus, eventAttendanceMode, a Place with address and geo,
organizer, offers), a destination a TouristAttraction with its subtype by
category (LandmarksOrHistoricalBuildings, LakeBodyOfWater, PlaceOfWorship).

head.structured_data() adds these to the page's graph (escaped for the
script context there); the values come from the job's context (ctype,
items, article, story) and the typed values of model/values.py.
"""

from __future__ import annotations

from typing import Any

import jinja2
from model.site import Agency, Site
from multilang import directory, exports, urls
from multilang.catalogue import label

from .content import updated
from .state import State

SCHEMA = "https://schema.org"
# legal-force vocabulary ids (data/vocabularies.yml) -> schema.org LegalForceStatus
LEGAL_FORCE = {
    "in-force": f"{SCHEMA}/InForce",
    "partly-in-force": f"{SCHEMA}/PartiallyInForce",
    "not-yet-in-force": f"{SCHEMA}/NotInForce",
    "expired": f"{SCHEMA}/NotInForce",
}


def _body(state: State, site: Site, body_id: str, language: Any) -> dict[str, Any]:
    """Return an issuer (agency, outside body or the site owner) as a GovernmentOrganization."""
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": body_id}
    found = site.agencies.get(body_id) or site.bodies.get(body_id)
    found = found or next((o for o in site.owners if o.id == body_id), None)
    if found is not None:
        data["name"] = found.name(language.code)
        if found.url:
            data["url"] = found.url
    if body_id in site.with_pages():
        data["url"] = state.settings.absolute(urls.agency(language, body_id))
    return data


def contact_points(agency: Agency, code: str) -> list[dict[str, Any]]:
    """Return an agency's units and officials (the directory) as schema.org ContactPoints."""
    units, officials = directory.contacts(agency, code)
    points = []
    for contact in [*units, *officials]:
        point: dict[str, Any] = {"@type": "ContactPoint", "contactType": contact.position or contact.name}
        if contact.position and contact.name:
            point["name"] = contact.name
        if contact.unit:
            point["description"] = contact.unit
        for key, prop in (("phone", "telephone"), ("fax", "faxNumber"), ("email", "email")):
            if getattr(contact, key):
                point[prop] = getattr(contact, key)
        points.append(point)
    return points


def dataset(
    state: State, context: jinja2.runtime.Context, language: Any, page_url: str
) -> dict[str, Any] | None:
    """Return a collection's whole list as a Dataset with its CSV, XLSX and JSON distributions."""
    ctype, items = context.get("ctype"), context.get("items") or []
    if ctype is None or context.get("current") or context.get("page_template") != ctype.list_template:
        return None
    site = state.catalog.site
    name = str(context.get("title") or ctype.collection).strip()
    site_name = state.site_name(language.code)
    data: dict[str, Any] = {
        "@type": "Dataset",
        "@id": page_url + "#dataset",
        "name": name,
        "description": f"{name} — {site_name}: CSV, XLSX, JSON",
        "url": page_url,
        "inLanguage": language.html_lang,
        "isAccessibleForFree": True,
        "variableMeasured": [
            str(label_of(context, spec.key)) for spec in ctype.columns() if label_of(context, spec.key)
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f"{name} ({exports.FORMAT_NAMES[fmt]})",
                "encodingFormat": exports.MEDIA_TYPES[fmt],
                "contentUrl": state.settings.absolute(urls.download(language, ctype.name, fmt)),
            }
            for fmt in exports.FORMATS
        ],
    }
    if items:
        data["dateModified"] = max(updated(item) for item in items).isoformat()
    owner = site.owner_on()
    if owner is not None:
        data["creator"] = {"@type": "GovernmentOrganization", "name": owner.name(language.code)}
        if owner.url:
            data["creator"]["url"] = owner.url
    return data


def label_of(context: jinja2.runtime.Context, key: str) -> str:
    """Return a field's name as the page's macros give it (empty when they are not in reach)."""
    macro = context.get("label")
    return str(macro(key)).strip() if callable(macro) else ""


def legislation(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return a document's page as schema.org Legislation: identifier, date, legal force, passed by."""
    article, story = context.get("article"), context.get("story")
    if article is None or story is None or story.kind != "document":
        return None
    site = state.catalog.site
    data = article.data or {}
    url = state.settings.absolute(article.page_path)
    out: dict[str, Any] = {
        "@type": "Legislation",
        "@id": url + "#legislation",
        "url": url,
        "name": article.title,
        "inLanguage": site.language(article.lang).html_lang,
    }
    if data.get("number"):
        out["legislationIdentifier"] = data["number"]
    if data.get("issued"):
        out["legislationDate"] = data["issued"].isoformat()
    if data.get("effective"):
        out["temporalCoverage"] = f"{data['effective'].isoformat()}/{_end(data)}"
    if data.get("force") in LEGAL_FORCE:
        out["legislationLegalForce"] = LEGAL_FORCE[data["force"]]
    if data.get("doc_type"):
        spec = context["ctype"].field("doc_type")
        out["legislationType"] = label(site, spec, data["doc_type"], language.code)
    if data.get("issuer"):
        out["legislationPassedBy"] = _body(state, site, data["issuer"], language)
    summary, plain = getattr(article, "summary", "") or "", context.get("plain")
    if summary and callable(plain):
        out["abstract"] = plain(summary)
    if data.get("file") is not None:
        path = urls.attachment_path(story, data["file"].name)
        out["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": state.settings.absolute(path),
            "encodingFormat": "application/pdf" if data["file"].name.endswith(".pdf") else "",
            "contentSize": str(data["file"].size),
        }
    return out


def _end(data: dict[str, Any]) -> str:
    """Return the end of a document's period of effect, ISO ("..": open)."""
    return data["expires"].isoformat() if data.get("expires") else ".."


def crumbs(state: State, context: jinja2.runtime.Context, language: Any) -> list[tuple[str, str]]:
    """Return the breadcrumb trail below home of a collection's list or item page."""
    ctype = context.get("ctype")
    if ctype is None:
        return []
    name = str(context.get("list_name") or context.get("title") or ctype.collection).strip()
    trail = [(name, state.settings.absolute(urls.collection(language, ctype.name)))]
    article = context.get("article")
    if context.get("page_template") == ctype.template and article is not None:
        trail.append((article.title, state.settings.absolute(article.page_path)))
    return trail


# event-statuses and attendance-modes ids (data/vocabularies.yml) -> schema.org enumerations
EVENT_STATUS = {
    "scheduled": f"{SCHEMA}/EventScheduled",
    "postponed": f"{SCHEMA}/EventPostponed",
    "rescheduled": f"{SCHEMA}/EventRescheduled",
    "cancelled": f"{SCHEMA}/EventCancelled",
    "moved-online": f"{SCHEMA}/EventMovedOnline",
}
ATTENDANCE = {
    "in-person": f"{SCHEMA}/OfflineEventAttendanceMode",
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "mixed": f"{SCHEMA}/MixedEventAttendanceMode",
}
# destination-categories ids -> the schema.org TouristAttraction subtype that fits, beside it
ATTRACTION_TYPES = {
    "heritage": "LandmarksOrHistoricalBuildings",
    "lake-resort": "LakeBodyOfWater",
    "spiritual": "PlaceOfWorship",
}


def _item(context: jinja2.runtime.Context, kind: str) -> tuple[Any, dict[str, Any]] | None:
    """Return a collection item page's article and typed values when it is of `kind`."""
    article, story = context.get("article"), context.get("story")
    if article is None or story is None or story.kind != kind:
        return None
    return article, article.data or {}


def _named(state: State, article: Any, language: Any, context: jinja2.runtime.Context, anchor: str) -> dict:
    """Return the @id, url, name, language and description every item's node starts with."""
    url = state.settings.absolute(article.page_path)
    out: dict[str, Any] = {"@id": url + anchor, "url": url, "name": article.title}
    out["inLanguage"] = state.catalog.site.language(article.lang).html_lang
    summary, plain = getattr(article, "summary", "") or "", context.get("plain")
    if summary and callable(plain):
        out["description"] = plain(summary)
    return out


def _geo(point: Any) -> dict[str, Any]:
    """Return (latitude, longitude) as schema.org GeoCoordinates."""
    return {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}


def _address(site: Site, code: str, street: str = "", locality: str = "", district: str = "") -> dict:
    """Return a PostalAddress in Vietnam: street, commune, former district (its name in the language)."""
    out: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "VN"}
    if street:
        out["streetAddress"] = street
    if locality:
        out["addressLocality"] = locality
    if district and "districts" in site.vocabularies:
        out["addressRegion"] = site.vocabularies["districts"].label(district, code)
    return out


def _moment(value: Any) -> str:
    """Return a Start or End as schema.org wants it: a day, or a date-time with its offset."""
    return value.isoformat()


def event(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return an event's page as schema.org Event: dates with offset, status, attendance, place, offers."""
    found = _item(context, "event")
    if found is None:
        return None
    article, data = found
    site = state.catalog.site
    out: dict[str, Any] = {"@type": "Event", **_named(state, article, language, context, "#event")}
    out["startDate"] = _moment(data["start"])
    if data.get("end") is not None:
        out["endDate"] = _moment(data["end"])
    out["eventStatus"] = EVENT_STATUS.get(data.get("event_status") or "scheduled", EVENT_STATUS["scheduled"])
    mode = data.get("attendance") or "in-person"
    out["eventAttendanceMode"] = ATTENDANCE.get(mode, ATTENDANCE["in-person"])
    place: dict[str, Any] = {"@type": "Place", "name": data.get("venue") or article.title}
    place["address"] = _address(
        site, language.code, data.get("venue_address", ""), "", data.get("location", "")
    )
    if data.get("venue_coordinates"):
        place["geo"] = _geo(data["venue_coordinates"])
    online = {"@type": "VirtualLocation", "url": data.get("registration") or out["url"]}
    out["location"] = {"online": online, "mixed": [place, online]}.get(mode, place)
    if data.get("organiser"):
        out["organizer"] = _body(state, site, data["organiser"], language)
    free = data.get("free") == "yes"
    if free or data.get("price"):
        # Only what the source says: with neither Free nor Price the entry is "not published".
        out["isAccessibleForFree"] = free
    offer: dict[str, Any] = {"@type": "Offer", "url": data.get("registration") or out["url"]}
    if free:
        offer.update(price=0, priceCurrency="VND")
    elif data.get("price"):
        offer["description"] = data["price"]
    if free or data.get("price") or data.get("registration"):
        out["offers"] = offer
    return out


def attraction(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return a destination's page as schema.org TouristAttraction (and its subtype) with geo."""
    found = _item(context, "destination")
    if found is None:
        return None
    article, data = found
    site = state.catalog.site
    kind = ATTRACTION_TYPES.get(data.get("category", ""))
    out: dict[str, Any] = {"@type": ["TouristAttraction", kind] if kind else "TouristAttraction"}
    out.update(_named(state, article, language, context, "#place"))
    if data.get("coordinates"):
        out["geo"] = _geo(data["coordinates"])
        lat, lon = data["coordinates"]
        out["hasMap"] = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}"
    out["address"] = _address(site, language.code, "", data.get("commune", ""), data.get("location", ""))
    if data.get("category"):
        spec = context["ctype"].field("category")
        out["touristType"] = label(site, spec, data["category"], language.code)
    return out


def image_gallery(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return a gallery's page as a schema.org ImageGallery of ImageObjects (caption, credit, size)."""
    article, story = context.get("article"), context.get("story")
    photos = getattr(article, "photos", None)
    if article is None or story is None or story.kind != "gallery" or not photos:
        return None
    site = state.catalog.site
    url = state.settings.absolute(article.page_path)
    out: dict[str, Any] = {
        "@type": "ImageGallery",
        "@id": url + "#gallery",
        "url": url,
        "name": article.title,
        "inLanguage": site.language(article.lang).html_lang,
    }
    summary, plain = getattr(article, "summary", "") or "", context.get("plain")
    if summary and callable(plain):
        out["description"] = plain(summary)
    out["image"] = [_image_object(state, url, photo) for photo in photos]
    return out


def _image_object(state: State, page_url: str, photo: dict[str, Any]) -> dict[str, Any]:
    """Return one gallery photo as an ImageObject: its largest derivative, texts and credit."""
    data: dict[str, Any] = {
        "@type": "ImageObject",
        "@id": f"{page_url}#{photo['id']}",
        "contentUrl": state.settings.absolute(photo["full_url"]),
        "url": f"{page_url}#{photo['view']}",
        "width": photo["width"],
        "height": photo["height"],
        "encodingFormat": photo["type"],
        "creditText": photo["credit"],
    }
    if photo["caption"]:
        data["caption"] = photo["caption"]
    if photo["alt"]:
        data["description"] = photo["alt"]
    if photo["work"]:
        data["name"] = photo["work"]
    if photo["author"]:
        data["author"] = {"@type": "Person", "name": photo["author"]}
    if photo["rank"]:
        data["position"] = photo["rank"]
    return data
