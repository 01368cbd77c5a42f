"""Content checker: finds what editors get wrong before it is published.

Run it standalone (`python -m checker`, see docs/checking.md) or as a Pelican
plugin, where it checks every story once the multilang engine has read them.
"""

from __future__ import annotations


def register() -> None:
    """Connect the checks to `multilang_content_final`, and the report to `get_generators`."""
    from blinker import signal
    from pelican import signals

    from .generator import ReportGenerator
    from .receivers import check_stories

    signal("multilang_content_final").connect(check_stories)
    signals.get_generators.connect(ReportGenerator.contribute)
