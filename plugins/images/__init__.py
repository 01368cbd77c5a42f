"""images: responsive, metadata-free, cached derivatives of every story image."""

from model.signals import stories_ready
from pelican import signals

from .receivers import add_generator, on_stories_ready


def register() -> None:
    """Connect the image receivers."""
    signals.get_generators.connect(add_generator)
    stories_ready.connect(on_stories_ready)
