"""The footer's facts: the responsible body's contacts from the registry, and the site's last update.

Templates call `imprint()` and get an `Imprint` in the page's language: only
the contacts the registry gives (never invented), and the newest content date
of the build. That date is also written into the settings (`IMPRINT_LAST_UPDATED`),
which every page's fingerprint hashes: when it changes every footer is rendered
again, so an incremental build writes what a cold one does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from model.site import Agency, Site

SETTING = "IMPRINT_LAST_UPDATED"
# The contact fields the footer shows, in this order, as the registry names them
# under an owner's `contacts:` (address may be a text per language).
CONTACT_FIELDS = ("address", "phone", "hotline", "email")


@dataclass(frozen=True)
class Contact:
    """One contact line: its kind (address, phone, hotline, email), text and link."""

    kind: str
    text: str
    href: str = ""
    lang: str = ""  # the text's language when it is not the page's (an address given in vi only)


@dataclass(frozen=True)
class Imprint:
    """What the footer says about who runs the site, in one language."""

    name: str
    name_lang: str
    url: str
    contacts: list[Contact] = field(default_factory=list)
    updated: dt.date | None = None


def install_globals(generator: Any) -> None:
    """Make imprint() available to templates."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["imprint"] = imprint


def note_last_update(sender: Any, site: Site) -> None:
    """Record the newest content date of the build in the settings (stories_ready receiver)."""
    settings = getattr(sender, "settings", None)
    if settings is None:
        return
    newest = last_update(site, ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    value = newest.isoformat() if newest else ""
    settings[SETTING] = value  # hashed into every page's fingerprint
    context = getattr(sender, "context", None)
    if context is not None:
        context[SETTING] = value  # what templates see


def last_update(site: Site, tz: ZoneInfo) -> dt.date | None:
    """Return the newest date or modification date of any published item, in the site's time zone."""
    stamps = []
    for story in site.every_item():
        if not story.listed:
            continue
        stamps += [story.date, story.modified]
        stamps += [getattr(version, "modified", None) for version in story.versions.values()]
    days = [_day(stamp, tz) for stamp in stamps if isinstance(stamp, dt.date)]
    return max(days) if days else None


def _day(stamp: dt.date, tz: ZoneInfo) -> dt.date:
    """Return a date, or a date-time's day in the site's time zone."""
    if isinstance(stamp, dt.datetime):
        return (stamp.astimezone(tz) if stamp.tzinfo else stamp).date()
    return stamp


def contacts(owner: Agency, lang: str) -> list[Contact]:
    """Return the owner's registry contacts in lang, in CONTACT_FIELDS order."""
    found = []
    for kind in CONTACT_FIELDS:
        raw = owner.contacts.get(kind)
        values = raw if isinstance(raw, list) else [raw]
        for value in values:
            if isinstance(value, dict):
                text = value.get(lang) or value.get("en") or value.get("vi") or ""
                shown = lang if value.get(lang) else ("en" if value.get("en") else "vi")
                found.append(Contact(kind, str(text).strip(), lang="" if shown == lang else shown))
            elif value:
                text = str(value).strip()
                found.append(Contact(kind, text, _href(kind, text)))
    return [c for c in found if c.text]


def _href(kind: str, text: str) -> str:
    """Return the tel: or mailto: link of a contact."""
    if kind in ("phone", "hotline"):
        return "tel:" + "".join(ch for ch in text if ch.isdigit() or ch == "+")
    if kind == "email":
        return "mailto:" + text
    return ""


@jinja2.pass_context
def imprint(context: jinja2.runtime.Context) -> Imprint | None:
    """Return the footer's facts in the page's language (None outside multilang pages)."""
    site, language = context.get("site"), context.get("lang")
    if not isinstance(site, Site) or not hasattr(language, "code"):
        return None
    owner = site.owner_on()
    if owner is None:
        return None
    code = language.code
    name_lang = "" if owner.names.get(code) else ("en" if owner.names.get("en") else "vi")
    settings = context.get("IMPRINT_LAST_UPDATED") or ""
    updated = dt.date.fromisoformat(settings) if settings else None
    return Imprint(owner.name(code), name_lang, owner.url, contacts(owner, code), updated)
