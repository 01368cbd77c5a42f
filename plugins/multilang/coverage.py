"""What each language has: stand-ins for the versions it lacks, and its empty sections."""

from __future__ import annotations

from typing import Any

from model.site import Site, Story

from . import urls

# (id(story), language code) -> the path the language switcher leads to instead
StandIns = dict[tuple[int, str], str]


def stand_ins(site: Site) -> StandIns:
    """Map each missing (item, language) to its fallback rendition, else its "not available" page."""
    out: StandIns = {}
    for code, items in site.fallbacks.items():
        for item in items:
            out[(id(item.story), code)] = item.page_path
    for story in site.every_item():
        if not story.published:
            continue
        for language in site.languages:
            if language.code not in story.versions:
                out.setdefault((id(story), language.code), urls.unavailable(language, story))
    return out


def missing(site: Site, code: str) -> list[Story]:
    """Return the published items that need a "not available" page in a language (no version, no fallback)."""
    shown = {id(item.story) for item in site.fallbacks.get(code, [])}
    return [
        story
        for story in site.every_item()
        if story.published and code not in story.versions and id(story) not in shown
    ]


def ordered(site: Site, code: str, codes: Any) -> list[str]:
    """Return codes in the order a reader of code is offered them: its chain first, then the others."""
    first = [c for c in site.chain(code) if c in codes]
    return first + [c for c in site.codes if c in codes and c not in first]


def versions(site: Site, story: Story, code: str) -> list[Any]:
    """Return a story's versions in the order a reader of code is offered them."""
    return [story.versions[c] for c in ordered(site, code, story.versions)]


def empty_sections(site: Site, listed: dict[str, list[Any]], catalogue: Any) -> dict[str, frozenset[str]]:
    """Return, per language, the sections with no story and no collection item in it (when hidden)."""
    out = {}
    for code in site.codes:
        if not site.hide_empty_sections:
            out[code] = frozenset()
            continue
        full = {item.story.section for item in listed[code]}
        full |= {t.section for t in catalogue.types() if t.section and catalogue.items.get((t.name, code))}
        out[code] = frozenset(s for s in site.sections if s not in full)
    return out
