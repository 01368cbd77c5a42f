"""multilang: one-pass multilingual content model and build for quangba."""

from __future__ import annotations

import os
import sys

# The shared content model (plugins/model) is a library beside the plugins, not
# a plugin: Pelican imports plugins from PLUGIN_PATHS without putting them on
# sys.path, so make the folder importable before anything imports `model`.
_PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _PLUGINS_DIR not in sys.path:
    sys.path.append(_PLUGINS_DIR)


def register() -> None:
    """Connect the multilang receivers."""
    # Imported here, not at module level: the checker and the feeds import
    # multilang's light modules (links, urls), and the generator pulls in
    # Pelican's generators, XlsxWriter and icalendar (a third of a
    # pre-commit check's start-up).
    from model.errors import quiet_build_errors
    from pelican import signals

    from .generator import get_generators
    from .reader import use_bundle_reader

    quiet_build_errors()
    signals.readers_init.connect(use_bundle_reader)
    signals.get_generators.connect(get_generators)
