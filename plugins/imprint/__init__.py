"""imprint: who runs the site, how to reach them, and when it last changed (every page's footer)."""

from model.signals import stories_ready
from pelican import signals

from .footer import install_globals, note_last_update


def register() -> None:
    """Connect the imprint receivers."""
    signals.generator_init.connect(install_globals)
    stories_ready.connect(note_last_update)
