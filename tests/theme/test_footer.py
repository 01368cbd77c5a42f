"""The footer: the responsible body and every contact the registry gives, in every language; the last update."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT, Build, fixture_site
from tests.multilang.conftest import FIXTURE

# The contacts a registry may give an owner, as the footer shows them.
CONTACTS = {
    "address": {"vi": "Số 1 đường Thử, phường Thử, tỉnh Phú Thọ", "en": "1 Test Street, Test Ward, Phú Thọ"},
    "phone": "0210 3800 001",
    "hotline": "1900 0000",
    "email": "vanphong@example.gov.vn",
}


def _registry(path: Path) -> dict[str, Any]:
    """Return a registry file's data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _current_owner(registry: dict[str, Any]) -> dict[str, Any]:
    """Return the owner in office now: the one with no end date."""
    return next(o for o in registry["owners"] if not o.get("valid_to"))


def _footer(path: Path) -> BeautifulSoup:
    """Return a built page's footer."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    footer = page.select_one("body > footer.site-footer")
    assert footer is not None, path
    return footer


@pytest.mark.browser
def test_footer_names_the_owner_and_links_the_statements_in_every_language(
    theme_lang: str, languages: dict[str, str], page_cases: list[Any], browser: Any, theme_url: str
) -> None:
    """Every language's footer shows the owner, its portal, the accessibility and privacy pages, the last update."""
    owner = _current_owner(_registry(ROOT / "data" / "agencies.yml"))
    name = owner["name"].get(theme_lang) or owner["name"]["en"]
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = ctx.new_page()
        cases = [
            c for c in page_cases if c.lang == languages[theme_lang] and c.template in ("index", "article")
        ]
        dates = set()
        for case in cases:
            page.goto(theme_url + case.path)
            footer = page.locator("body > footer")
            text = footer.inner_text()
            assert name in text, f"{case.path}: owner {name!r} not in the footer"
            assert page.locator(f'footer .imprint a[href="{owner["url"]}"]').is_visible(), case.path
            for key in CONTACTS:
                shown = footer.locator(f".contact-{key}").count()
                assert shown == (1 if (owner.get("contacts") or {}).get(key) else 0), f"{case.path}: {key}"
            for slug in ("accessibility", "privacy"):
                link = footer.locator(f'nav a[href$="/{slug}/"]')
                assert link.count() == 1 and link.is_visible(), f"{case.path}: no link to the {slug} page"
                assert page.request.get(theme_url + link.get_attribute("href")).ok
            dates.add(footer.locator(".updated time").get_attribute("datetime"))
        assert len(dates) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", dates.pop() or ""), dates
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def with_contacts(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The multilang fixture site, its current owner given every kind of contact."""
    tmp = tmp_path_factory.mktemp("footer")
    base = tmp / "site"
    shutil.copytree(FIXTURE, base)
    registry_path = base / "data" / "agencies.yml"
    registry = _registry(registry_path)
    _current_owner(registry)["contacts"] = CONTACTS
    registry_path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    build = fixture_site(tmp, "output", base)
    assert build.returncode == 0, build.log
    return build


def test_footer_shows_every_registry_contact_in_every_language(with_contacts: Build) -> None:
    """Address, phone, hotline and e-mail appear in every language, linked; an untranslated address says its lang."""
    homes = sorted(
        p for p in with_contacts.output.glob("**/index.html") if p.parent.name in ("output", "en", "ja")
    )
    assert len(homes) >= 3
    for path in homes:
        footer = _footer(path)
        lang = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").html["lang"]
        address = footer.select_one(".contact-address dd")
        assert address is not None, path
        assert address.get_text() == CONTACTS["address"].get(lang, CONTACTS["address"]["en"]), path
        assert address.get("lang") == (None if lang in CONTACTS["address"] else "en"), path
        assert footer.select_one('.contact-phone a[href="tel:02103800001"]').get_text() == CONTACTS["phone"]
        assert footer.select_one('.contact-hotline a[href="tel:19000000"]').get_text() == CONTACTS["hotline"]
        assert footer.select_one(f'.contact-email a[href="mailto:{CONTACTS["email"]}"]'), path
        labels = [dt.get_text() for dt in footer.select(".imprint-contacts dt")]
        assert len(labels) == len(set(labels)) == 4, labels  # no website in this registry


def _newest(content: Path) -> str:
    """Return the newest Date or Modified day of the published sources (read here, not by the plugin)."""
    days = []
    for source in content.rglob("*.md"):
        text = source.read_text(encoding="utf-8")
        if re.search(r"^Status:\s*(draft|hidden)", text, re.M | re.I):
            continue
        days += re.findall(r"^(?:Date|Modified):\s*(\d{4}-\d\d-\d\d)", text, re.M)
    return max(days)


def test_last_update_is_the_newest_content_date_and_an_edit_renews_every_footer(tmp_path: Path) -> None:
    """The footer's date is the newest content date; a newer story changes it on unchanged pages too."""
    base = tmp_path / "site"
    shutil.copytree(FIXTURE, base)
    first = fixture_site(tmp_path, "output", base)
    assert first.returncode == 0, first.log
    about = first.page("en/about/")
    assert _footer(about).select_one(".updated time")["datetime"] == _newest(base / "content")

    story = base / "content" / "news" / "newest"
    story.mkdir()
    (story / "index.vi.md").write_text(
        "Title: Tin mới nhất\nDate: 2025-06-01 09:00\nSummary: Tin mới.\nTags: du-lich\nAgency: so-vhttdl\n\nNội dung.\n",
        encoding="utf-8",
    )
    second = fixture_site(tmp_path, "output", base)
    assert second.returncode == 0, second.log
    assert _footer(about).select_one(".updated time")["datetime"] == "2025-06-01"
    cold = fixture_site(tmp_path, "cold", base)
    assert cold.returncode == 0, cold.log
    assert filecmp.cmp(about, cold.page("en/about/"), shallow=False), "incremental and cold builds differ"
