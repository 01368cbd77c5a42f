"""Signal receivers of the images plugin."""

from __future__ import annotations

from typing import Any

from .generator import CONTEXT_KEY, ImagesGenerator
from .settings import load_settings
from .stories import SiteImages


def add_generator(pelican: Any) -> type[ImagesGenerator]:
    """Contribute the generator that writes derivatives into the output."""
    return ImagesGenerator


def on_stories_ready(sender: Any, site: Any, **kwargs: Any) -> None:
    """Make every image's derivatives and rewrite the bodies that use them."""
    settings = load_settings(sender.settings)
    content_dir = sender.settings["PATH"]
    siteurl = sender.settings.get("SITEURL", "")
    pipeline = SiteImages(site, settings, content_dir, siteurl).run()
    sender.context[CONTEXT_KEY] = pipeline.outputs()
