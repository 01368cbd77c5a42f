"""images: responsive, metadata-free, cached derivatives of every story image."""

from blinker import signal
from pelican import signals

from .receivers import add_generator, on_stories_ready


def register() -> None:
    """Connect the image receivers."""
    signals.get_generators.connect(add_generator)
    signal("multilang_stories_ready").connect(on_stories_ready)
