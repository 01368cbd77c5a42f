"""atomic_output: build into a staging folder and swap it in only on success, one build at a time."""

from pelican import signals

from .staging import StagingGenerator, publish, redirect_output


def register() -> None:
    """Connect the staging receivers."""
    signals.initialized.connect(redirect_output)
    signals.get_generators.connect(StagingGenerator.contribute)
    signals.finalized.connect(publish)
