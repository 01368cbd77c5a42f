"""The agency directory's fields in data/agencies.yml: tasks, units and officials (Decree 42/2022/NĐ-CP).

    tasks: {vi: [...], en: [...]}            # functions and tasks, one line each
    units:
      - name: {vi: Phòng …, en: … Division}
        phone: "0218 …"
    officials:                                # only names that are publicly confirmed
      - name: Nguyễn Văn A                    # optional: without it, position + contact
        position: {vi: Giám đốc, en: Director}
        unit: {vi: …, en: …}                  # optional
        phone: "0218 …"                       # office numbers and official e-mail only
        fax: "0218 …"
        email: …@hoabinh.gov.vn
        source: https://…                     # where the name and contact were published

Every text the directory shows needs English: an official or unit without it
stops the build with the file and the fix.
"""

from __future__ import annotations

from typing import Any

from .errors import ConfigError
from .text import nfc

CONTACT_KEYS = ("phone", "fax", "email")
OFFICIAL_KEYS = {"name", "position", "unit", "source", *CONTACT_KEYS}
UNIT_KEYS = {"name", "source", *CONTACT_KEYS}


def _texts(value: Any, where: str, what: str) -> dict[str, str]:
    """Return a per-language text that has English, or stop with the fix."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {what} must give a text per language ({{vi: …, en: …}})")
    texts = {str(k): nfc(str(v)) for k, v in value.items() if v}
    if not texts.get("en"):
        raise ConfigError(
            f"{where}: {what} has no English; add `en: …` under it (the English directory is complete)"
        )
    return texts


def _entry(raw: Any, where: str, known: set[str]) -> dict[str, Any]:
    """Validate the keys of a unit or official."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: give a mapping (name:, position:, phone: …)")
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; use {', '.join(sorted(known))}")
    return {k: str(raw[k]).strip() for k in CONTACT_KEYS if raw.get(k)}


def directory(entry: dict[str, Any], where: str) -> dict[str, Any]:
    """Return an agency's tasks, units and officials, validated (English everywhere)."""
    tasks_raw = entry.get("tasks") or {}
    if not isinstance(tasks_raw, dict):
        raise ConfigError(f"{where}: tasks must be a list per language ({{vi: [...], en: [...]}})")
    tasks = {str(k): [nfc(str(t)) for t in (v or [])] for k, v in tasks_raw.items()}
    if tasks and not tasks.get("en"):
        raise ConfigError(f"{where}: tasks have no English; add `en:` with one line per task")
    units = []
    for n, raw in enumerate(entry.get("units") or [], 1):
        at = f"{where}: unit {n}"
        unit = _entry(raw, at, UNIT_KEYS)
        unit["name"] = _texts(raw.get("name"), at, "its name")
        units.append(unit)
    officials = []
    for n, raw in enumerate(entry.get("officials") or [], 1):
        at = f"{where}: official {n}" + (
            f" ({raw['name']})" if isinstance(raw, dict) and raw.get("name") else ""
        )
        official = _entry(raw, at, OFFICIAL_KEYS)
        official["position"] = _texts(raw.get("position"), at, "the position")
        if raw.get("unit"):
            official["unit"] = _texts(raw["unit"], at, "the unit")
        if raw.get("name"):
            official["name"] = nfc(str(raw["name"]).strip())
        if raw.get("source"):
            official["source"] = str(raw["source"])
        officials.append(official)
    return {"tasks": tasks, "units": units, "officials": officials}
