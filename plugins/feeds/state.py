"""The feeds of one build, shared by the generator, the embed pages and the head globals."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from model.site import Site

from . import settings as cfg
from .catalog import Catalog

logger = logging.getLogger(__name__)


@dataclass
class State:
    """What every part of the plugin needs to know about this build."""

    settings: cfg.FeedsSettings
    catalog: Catalog
    site_names: dict[str, str]  # language code -> the site's name in it
    pelican_settings: dict[str, Any]

    def site_name(self, lang: str) -> str:
        """Return the site's name in a language."""
        return self.site_names.get(lang) or self.pelican_settings.get("SITENAME", "")


# Keyed by id(site): the Site is a mutable dataclass (unhashable); render
# workers are forked after the model is complete, so they inherit this too.
_states: dict[int, State] = {}


def prepare(site: Site, settings: dict[str, Any]) -> State:
    """Validate the settings and plan the feeds of a complete site model."""
    try:
        feeds_settings = cfg.load(settings)
    except cfg.FeedsSettingsError as exc:
        raise cfg.FeedsSettingsError(f"pelicanconf.py: {exc}") from None
    cfg.add_map_sources(feeds_settings.csp, site.map_tiles)
    names = settings.get("MULTILANG_SITE_NAME") or {}
    state = State(feeds_settings, Catalog(site, feeds_settings), dict(names), settings)
    _states.clear()  # one site per build; an autoreload run starts a new one
    _states[id(site)] = state
    site.collection_feeds = state.catalog.collection_paths()
    logger.debug("feeds: %d feeds in %d languages", len(state.catalog.all()), len(site.languages))
    return state


def of(site: Site | None) -> State | None:
    """Return the state of a site prepared in this build, or None."""
    return _states.get(id(site)) if site is not None else None
