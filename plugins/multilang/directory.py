"""The agency directory as a language shows it: units and officials with tel:/mailto: links, and a vCard.

The fields come from data/agencies.yml (model/directory.py validates them,
English everywhere). Each agency's page lists its units and officials
(agency.html, directory_macros.html) and links a vCard 4.0 file per
language, `agency/<id>/<id>-<lang>.vcf`: the agency as an organisation,
then one card per official (the position when no name is published). The
bytes depend only on the registry, so every build writes the same file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from model.site import Agency, Language, Site

from . import urls

VCARD_MEDIA_TYPE = "text/vcard"
FOLD_AT = 75  # octets per vCard line before folding (RFC 6350 3.2)


@dataclass(frozen=True)
class Contact:
    """A unit or official as one language shows it: texts with their language, contacts with links."""

    name: str  # the official's published name, or the unit's name ("" when none)
    name_lang: str  # the language of a unit's name shown ("" for a person's name)
    position: str  # the official's position ("" for a unit)
    position_lang: str
    unit: str  # the official's unit ("" when none)
    unit_lang: str
    phone: str
    fax: str
    email: str

    @property
    def reach(self) -> list[str]:
        """Return the vCard TEL and EMAIL lines of the contact."""
        return _reach(self.phone, self.fax, self.email)

    @property
    def tel(self) -> str:
        """Return the click-to-call link of the phone number."""
        return tel_uri(self.phone) if self.phone else ""

    @property
    def mailto(self) -> str:
        """Return the mailto: link of the e-mail address."""
        return f"mailto:{self.email}" if self.email else ""

    @property
    def label(self) -> str:
        """Return the card's name: the person, else the position, else the unit."""
        return self.name or self.position or self.unit


def tel_uri(number: str) -> str:
    """Return a phone number as a tel: URI in international form: "0218 3852 123" -> "tel:+842183852123"."""
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+84{digits[1:]}"
    return f"tel:{digits}"


def _pick(texts: dict[str, str] | None, code: str) -> tuple[str, str]:
    """Return a per-language text in code, else English, else Vietnamese, with the language shown."""
    texts = texts or {}
    for lang in (code, "en", "vi"):
        if texts.get(lang):
            return texts[lang], lang
    return "", ""


def contacts(agency: Agency, code: str) -> tuple[list[Contact], list[Contact]]:
    """Return an agency's units and officials as a language shows them."""
    units = []
    for unit in agency.units:
        name, name_lang = _pick(unit["name"], code)
        units.append(
            Contact(
                name,
                name_lang,
                "",
                "",
                "",
                "",
                unit.get("phone", ""),
                unit.get("fax", ""),
                unit.get("email", ""),
            )
        )
    officials = []
    for official in agency.officials:
        position, position_lang = _pick(official["position"], code)
        unit, unit_lang = _pick(official.get("unit"), code)
        officials.append(
            Contact(
                official.get("name", ""),
                "",
                position,
                position_lang,
                unit,
                unit_lang,
                official.get("phone", ""),
                official.get("fax", ""),
                official.get("email", ""),
            )
        )
    return units, officials


def tasks(agency: Agency, code: str) -> tuple[list[str], str]:
    """Return an agency's functions and tasks in a language (else English), with the language shown."""
    for lang in (code, "en", "vi"):
        if agency.tasks.get(lang):
            return agency.tasks[lang], lang
    return [], ""


def vcard_path(language: Language, agency_id: str) -> str:
    """Return the path of an agency's vCard in a language: "en/agency/so-tai-chinh/so-tai-chinh-en.vcf"."""
    return f"{urls.agency(language, agency_id)}{agency_id}-{language.code}.vcf"


def _escape(value: str) -> str:
    """Escape a vCard text value (backslash, comma, semicolon, line ends)."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = FOLD_AT if not out else FOLD_AT - 1  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _card(kind: str, fn: str, lines: list[str]) -> list[str]:
    """Return one vCard 4.0 as its content lines."""
    return ["BEGIN:VCARD", "VERSION:4.0", f"KIND:{kind}", f"FN:{_escape(fn)}", *lines, "END:VCARD"]


def _reach(phone: str, fax: str, email: str) -> list[str]:
    """Return the TEL and EMAIL lines of a contact."""
    lines = []
    if phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:{tel_uri(phone)}")
    if fax:
        lines.append(f"TEL;VALUE=uri;TYPE=work,fax:{tel_uri(fax)}")
    if email:
        lines.append(f"EMAIL;TYPE=work:{email}")
    return lines


def vcard(agency: Agency, language: Language) -> bytes:
    """Return an agency's directory as vCard 4.0: the organisation, then each official."""
    code = language.code
    name = agency.name(code)
    org = [f"ORG:{_escape(name)}"]
    own = {k: v if isinstance(v, str) else "" for k, v in agency.contacts.items()}
    head = org + _reach(own.get("phone", ""), own.get("fax", ""), own.get("email", ""))
    if agency.url:
        head.append(f"URL:{agency.url}")
    description = agency.text("functions", code)
    if description:
        head.append(f"NOTE:{_escape(description)}")
    lines = _card("org", name, head)
    units, officials = contacts(agency, code)
    for unit in units:
        lines += _card(
            "org",
            unit.name,
            [f"ORG:{_escape(name)};{_escape(unit.name)}", *unit.reach],
        )
    for official in officials:
        body = [f"ORG:{_escape(name)}" + (f";{_escape(official.unit)}" if official.unit else "")]
        body.append(f"TITLE:{_escape(official.position)}")
        lines += _card("individual", official.label, body + official.reach)
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def write_vcards(site: Site, output_path: str) -> None:
    """Write every agency's vCard in every language."""
    for language in site.languages:
        for agency in site.with_pages().values():
            target = os.path.join(output_path, vcard_path(language, agency.id))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(vcard(agency, language))
