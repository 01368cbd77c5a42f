"""multilang: one-pass multilingual content model and build for quangba."""

from pelican import signals

from .generator import get_generators
from .reader import use_bundle_reader


def register() -> None:
    """Connect the multilang receivers."""
    signals.readers_init.connect(use_bundle_reader)
    signals.get_generators.connect(get_generators)
