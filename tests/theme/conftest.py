"""Fixtures of the theme gates, on top of tests/conftest.py (demo build, server, browser).

Outside CI a missing validator or npm tool skips its tests with the reason;
under CI (CI=true) it fails them, so a green run means they ran.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The linter itself (WebAssembly) without the package's CLI, which needs Node.js 20 for its
# colour library; this runs on Debian 12's Node.js 18 too.
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "build" / "run-lint.js"


def _languages() -> dict[str, str]:
    """Return the configured language codes and their html lang, from pelicanconf.py."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return {
        code: (options or {}).get("html_lang", code)
        for code, options in settings["MULTILANG_LANGUAGES"].items()
    }


# Language code -> <html lang>; tests that take `theme_lang` run once per language.
LANGUAGES = _languages()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests that take `theme_lang` once per configured language."""
    if "theme_lang" in metafunc.fixturenames:
        metafunc.parametrize("theme_lang", list(LANGUAGES))


@pytest.fixture(scope="session")
def languages() -> dict[str, str]:
    """Language code -> <html lang> of every configured language."""
    return dict(LANGUAGES)


def missing(reason: str) -> None:
    """Skip a test for a missing tool, or fail it under CI."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def theme_site(demo_output: Path) -> Path:
    """The demo site, built once per session with the development settings."""
    return demo_output


@pytest.fixture(scope="session")
def theme_url(demo_url: str) -> str:
    """The demo site served over HTTP on loopback (base URL, no trailing slash)."""
    return demo_url


@dataclass(frozen=True)
class PageCase:
    """One page of the built site that stands for a page type in a language."""

    template: str  # the body class t-<template>: article, section, 404…
    lang: str  # <html lang>
    variant: str  # "" or "fallback" (an untranslated story shown in the source language)
    path: str  # URL path from the site root

    @property
    def id(self) -> str:
        """Return a readable name for messages."""
        return f"{self.lang}-{self.template}{'-' + self.variant if self.variant else ''}"


_BODY = re.compile(r'<body class="t-([\w-]+)"')
_LANG = re.compile(r'<html lang="([^"]+)"')


def sample_pages(output: Path) -> list[PageCase]:
    """Pick, for each template, language and variant, the page with the most content."""
    best: dict[tuple[str, str, str], tuple[int, str]] = {}
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        if rel.startswith("theme/"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        body, lang = _BODY.search(text), _LANG.search(text)
        if not body or not lang:
            continue  # not a page of this theme's base template (an embed, a widget)
        variant = "fallback" if 'class="notice"' in text else ""
        key = (body.group(1), lang.group(1), variant)
        size = path.stat().st_size
        if key not in best or size > best[key][0]:
            url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            best[key] = (size, url)
    return [PageCase(t, lang, v, url) for (t, lang, v), (_size, url) in sorted(best.items())]


@pytest.fixture(scope="session")
def page_cases(theme_site: Path) -> list[PageCase]:
    """Every page type in every language of the built demo site."""
    cases = sample_pages(theme_site)
    assert cases, "the build has no pages of this theme"
    return cases


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Return axe-core's script, installed by `npm ci` from the pinned package-lock.json."""
    if not AXE.exists():
        missing(f"{AXE.relative_to(ROOT)} not found: run `npm ci` in the project folder")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def java() -> str:
    """Return the java command the Nu Html Checker runs on."""
    found = shutil.which("java")
    if not found:
        missing("java not found: apt-get install default-jre-headless")
    return found


@pytest.fixture(scope="session")
def node() -> str:
    """Return the node command (actionlint runs in it, built to WebAssembly)."""
    found = shutil.which("node")
    if not found:
        missing("node not found: apt-get install nodejs npm")
    if not ACTIONLINT.exists():
        missing(f"{ACTIONLINT.relative_to(ROOT)} not found: run `npm ci` in the project folder")
    return found
