"""Signal receivers of the images plugin."""

from __future__ import annotations

from typing import Any

from .generator import CONTEXT_KEY, ImagesGenerator
from .settings import load_settings
from .stories import SiteImages


def credit_labels(settings: dict[str, Any], site: Any) -> Any:
    """Return (credit, lang) -> the credit with its label from lang's catalog, when multilang is in use."""
    codes = getattr(site, "codes", None)
    if not codes:
        return None
    from model import config as cfg
    from multilang.l10n import CreditLabels, compile_catalogs, load_translations

    folder = cfg.get(settings, "MULTILANG_TRANSLATIONS_DIR")
    compile_catalogs(folder, codes)
    return CreditLabels({code: load_translations(folder, code) for code in codes}).localise


def add_generator(pelican: Any) -> type[ImagesGenerator]:
    """Contribute the generator that writes derivatives into the output."""
    return ImagesGenerator


def on_stories_ready(sender: Any, site: Any, **kwargs: Any) -> None:
    """Make every image's derivatives and rewrite the bodies that use them."""
    settings = load_settings(sender.settings)
    content_dir = sender.settings["PATH"]
    siteurl = sender.settings.get("SITEURL", "")
    pipeline = SiteImages(site, settings, content_dir, siteurl, credit_labels(sender.settings, site)).run()
    sender.context[CONTEXT_KEY] = pipeline.outputs()
