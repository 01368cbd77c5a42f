"""feeds: feeds and embeds for partner portals; sitemap, robots, JSON-LD, security headers."""

from model.signals import stories_ready
from pelican import signals

try:
    from .embeds import add_pages
    from .generator import get_generators
    from .head import install_globals
except ModuleNotFoundError as exc:  # pragma: no cover - a configuration mistake
    if exc.name and exc.name.startswith("multilang"):
        raise ModuleNotFoundError(
            "the feeds plugin needs the multilang plugin: list 'multilang' before 'feeds' in PLUGINS"
        ) from exc
    raise


def register() -> None:
    """Connect the feeds receivers."""
    signals.generator_init.connect(install_globals)
    signals.get_generators.connect(get_generators)
    stories_ready.connect(add_pages)
