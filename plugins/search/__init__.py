"""search: a Pagefind index per language and a search page in every language."""

try:
    # Pelican imports plugins in PLUGINS order and this one builds on multilang's
    # site model: say so instead of a bare "No module named 'multilang'".
    import multilang  # noqa: F401
except ImportError as exc:
    raise ImportError(
        'the search plugin needs the multilang plugin: list "multilang" before "search" in PLUGINS'
    ) from exc

from model.signals import content_final, stories_ready
from pelican import signals

from .generator import get_generators, start_indexing
from .page import add_search_page


def register() -> None:
    """Connect the search receivers."""
    signals.get_generators.connect(get_generators)
    stories_ready.connect(add_search_page)
    content_final.connect(start_indexing)
