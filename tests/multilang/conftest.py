"""Fixtures of the multilang tests: the engine fixture site, built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, fixture_site

# settings.json there: the fixture keeps NFD text on purpose (the engine must
# normalise it), so encoding.not-nfc is a warning, and it has no required pages.
FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the engine's fixture site once."""
    build = fixture_site(tmp_path_factory.mktemp("multilang"), "output", FIXTURE)
    assert build.returncode == 0, build.log
    return build


def soup(path: Path) -> BeautifulSoup:
    """Parse an output page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
