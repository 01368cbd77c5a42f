"""Security headers: one policy from the sanitiser's list, Permissions-Policy, the same on every nginx location."""

from __future__ import annotations

import re

import pytest
from feeds.headers import csp, meta_csp, permissions_policy
from feeds.settings import load
from model.errors import ConfigError

from tests.conftest import ROOT

PARTNERS = ROOT / "docs" / "partners.md"


def _nginx_blocks() -> str:
    """Return the nginx code blocks of docs/partners.md."""
    return "\n".join(re.findall(r"```nginx\n(.*?)```", PARTNERS.read_text(encoding="utf-8"), re.S))


def test_frame_img_and_media_sources_come_from_the_sanitiser_settings() -> None:
    settings = load(
        {"CHECKER_IFRAME_HOSTS": ["maps.example.org/embed"], "CHECKER_MEDIA_HOSTS": ["cdn.example.org"]}
    )
    assert settings.csp["frame-src"] == ("'self'", "https://maps.example.org")
    assert settings.csp["img-src"] == ("'self'", "data:", "https://cdn.example.org")
    assert settings.csp["media-src"] == ("'self'", "https://cdn.example.org")
    assert load({}).csp["frame-src"][:2] == ("'self'", "https://www.youtube-nocookie.com")
    assert "media-src" not in load({}).csp  # default-src 'self' covers it


def test_meta_policy_leaves_out_what_a_meta_cannot_carry() -> None:
    settings = load({"FEEDS_CSP": {"default-src": ["'self'"], "report-uri": ["/csp"], "sandbox": []}})
    assert meta_csp(settings) == "default-src 'self'; frame-src 'self' " + " ".join(
        settings.csp["frame-src"][1:]
    )
    assert "report-uri /csp" in csp(settings)


def test_unsafe_schemes_cannot_be_allowed() -> None:
    with pytest.raises(ConfigError, match="javascript"):
        load({"CHECKER_URL_SCHEMES": ["https", "javascript"]})


def test_every_nginx_location_includes_the_same_headers() -> None:
    text = _nginx_blocks()
    locations = re.findall(r"^location [^{]*\{(.*?)^\}", text, re.S | re.M)
    assert len(locations) == 3
    for body in locations:
        assert "include snippets/quangba-headers.conf;" in body
        # An add_header of its own would drop the server's ones: only the CORS line may be added.
        assert all("Access-Control-Allow-Origin" in line for line in re.findall(r"add_header.*", body))
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert f"add_header {header} " in text, header


def test_nginx_policy_in_the_docs_is_the_default_build_policy() -> None:
    text = _nginx_blocks()
    settings = load({})
    assert re.search(r'set \$qb_csp "([^"]+)";', text).group(1) == csp(settings)
    assert re.search(r'add_header Permissions-Policy "([^"]+)"', text).group(1) == permissions_policy(
        settings
    )
