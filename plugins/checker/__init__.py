"""Content checker: finds what editors get wrong before it is published.

Run it standalone (`python -m checker`, see docs/checking.md) or as a Pelican
plugin, where it checks every story once the multilang engine has read them.
"""

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
    """Connect the checks to `content_final`, and the report to `get_generators`."""
    from model.signals import content_final
    from pelican import signals

    from .generator import ReportGenerator
    from .receivers import check_stories

    content_final.connect(check_stories)
    signals.get_generators.connect(ReportGenerator.contribute)
