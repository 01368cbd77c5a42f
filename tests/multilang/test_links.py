"""Links in bodies: resolved against the site's addresses, rewritten, and reported when they lead nowhere."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Build, fixture_site
from tests.multilang.conftest import FIXTURE, soup

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from model.site import ExtraPage
from multilang import generator
from multilang.links import check_links

KHAI_HA = "content/culture/le-hoi-khai-ha"
MAI_CHAU = "content/tourism/mai-chau"


def append(base: Path, rel: str, text: str) -> int:
    """Append a paragraph to a fixture file; return the line it starts on."""
    path = base / rel
    old = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{old}\n\n{text}\n", encoding="utf-8")
    return old.count("\n") + 3


def copy_fixture(tmp_path: Path) -> Path:
    """Copy the engine's fixture site so a test can change it."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "site"))


def read_model(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **overrides: Any
) -> tuple[Any, dict]:
    """Read a fixture site into the engine's model in-process, as a build does before writing."""
    from pelican.settings import read_settings

    override = {
        "PATH": str(base / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "MULTILANG_AGENCIES_FILE": str(base / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(base / "data" / "terms.yml"),
        "MULTILANG_WORKERS": 1,
        **overrides,
    }
    monkeypatch.chdir(ROOT)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
    # The links are what these tests check themselves, on the model the engine built.
    monkeypatch.setattr(generator, "check_links", lambda *a: [], raising=False)
    gen = generator.StoryGenerator({}, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
    gen.generate_context()
    assert gen.site is not None
    return gen.site, settings


def broken(site: Any, settings: dict) -> list[tuple[str, int | None, str]]:
    """Return (file relative to the site copy, line, message) of every links.broken finding."""
    found = [f for f in check_links(site, settings) if f.rule == "links.broken"]
    content = Path(settings["PATH"]).resolve()
    return sorted(
        ((Path(f.path).resolve().relative_to(content.parent).as_posix(), f.line, f.message) for f in found),
        key=lambda t: (t[0], t[1] or 0),
    )


def body(site: Any, key: str, lang: str) -> str:
    """Return the final body of one version."""
    story = next(s for s in site.stories + site.pages if s.key == key)
    return story.versions[lang]._content


# -- the reported defects ------------------------------------------------------------


def test_missing_filename_link_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{MAI_CHAU}/index.vi.md", "Xem [x]({filename}/tourism/khong-ton-tai/index.vi.md).")
    site, settings = read_model(base, tmp_path, monkeypatch)
    [(path, at, message)] = broken(site, settings)
    assert (path, at) == (f"{MAI_CHAU}/index.vi.md", line)
    assert "{filename}/tourism/khong-ton-tai/index.vi.md" in message
    assert "there is no story tourism/khong-ton-tai" in message


def test_root_relative_link_to_a_page_not_in_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{MAI_CHAU}/index.vi.md", "Xem [x](/tourism/khong-co/).")
    site, settings = read_model(base, tmp_path, monkeypatch)
    assert broken(site, settings) == [
        (
            f"{MAI_CHAU}/index.vi.md",
            line,
            "link /tourism/khong-co/ leads nowhere: the site has no page /tourism/khong-co/",
        )
    ]


def test_missing_translation_file_names_the_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{KHAI_HA}/index.ja.md", "[マイチャウ](../../tourism/mai-chau/index.ja.md)")
    site, settings = read_model(base, tmp_path, monkeypatch)
    [(path, at, message)] = broken(site, settings)
    assert (path, at) == (f"{KHAI_HA}/index.ja.md", line)
    assert "link ../../tourism/mai-chau/index.ja.md leads nowhere" in message
    assert "tourism/mai-chau has no index.ja.md: the story exists in vi; link index.vi.md or the folder" in (
        message
    )


def test_languages_listed_include_draft_translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = copy_fixture(tmp_path)
    append(base, f"{MAI_CHAU}/index.vi.md", "[lễ hội](../../culture/le-hoi-khai-ha/index.zh.md)")
    site, settings = read_model(base, tmp_path, monkeypatch)
    [(_, _, message)] = broken(site, settings)
    assert "the story exists in vi, en, ja, ko;" in message


# -- what leads somewhere ------------------------------------------------------------

VALID = """\
[a]({filename}/news/ke-hoach-186/index.vi.md)
[b]({filename}../../news/ke-hoach-186/index.en.md#muc-2)
[c](../../news/ke-hoach-186/)
[d]({attach}ke-hoach.pdf)
[e](|filename|/tourism/mai-chau/index.vi.md)
[f](/du-lich/mai-chau/) [g](/du-lich/mai-chau) [h](/du-lich/mai-chau/index.html?x=1#top)
[i](/en/) [j](/) [k](/en/tag/) [l](/404.html) [m](/theme/css/main.css)
[n](/search/) [o](/feeds/all.atom.xml) [p](/media/abc/photo.jpg) [q](/pagefind/pagefind.js)
[r](https://example.org/du-lich/khong-co/) [s](mailto:a@hoabinh.gov.vn) [t](#top) [u](?q=1)
[v](../../culture/le-hoi-khai-ha/index.ko.md) [w](/files/culture/le-hoi-khai-ha/ke-hoach.pdf)
[x](/en/culture/page/1/) [y](/tin-tuc/)
"""


def test_valid_links_pass_and_are_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = copy_fixture(tmp_path)
    append(base, f"{KHAI_HA}/index.en.md", VALID)
    site, settings = read_model(base, tmp_path, monkeypatch)
    findings = broken(site, settings)
    assert [m for _, _, m in findings] == [
        "link /en/culture/page/1/ leads nowhere: the site has no page /en/culture/page/1/"
    ]
    html = body(site, "le-hoi-khai-ha", "en")
    for href in (
        'href="/en/news/ke-hoach-186/"',  # a, c: in the reader's language
        'href="/en/news/ke-hoach-186/#muc-2"',
        'href="/files/culture/le-hoi-khai-ha/ke-hoach.pdf"',
        'href="/en/tourism/mai-chau/"',  # e: the English fallback
        'href="/en/culture/khai-ha-festival/"',  # v: a draft translation still names the story
    ):
        assert href in html, href
    assert "{filename}" not in html and "{attach}" not in html and "|filename|" not in html


def test_links_in_a_language_the_target_lacks_follow_the_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_fixture(tmp_path)
    append(base, f"{KHAI_HA}/index.ja.md", "[マイチャウ]({filename}/tourism/mai-chau/index.vi.md)")
    site, settings = read_model(base, tmp_path, monkeypatch)
    assert broken(site, settings) == []
    assert 'href="/du-lich/mai-chau/"' in body(site, "le-hoi-khai-ha", "ja")  # ja hides: the source


def test_absolute_links_under_siteurl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = copy_fixture(tmp_path)
    url = "https://thongtin.example.vn"
    line = append(
        base, f"{MAI_CHAU}/index.vi.md", f"[a]({url}/du-lich/mai-chau/) [b]({url}/du-lich/khong-co/)"
    )
    site, settings = read_model(base, tmp_path, monkeypatch, SITEURL=url)
    assert broken(site, settings) == [
        (
            f"{MAI_CHAU}/index.vi.md",
            line,
            f"link {url}/du-lich/khong-co/ leads nowhere: the site has no page /du-lich/khong-co/",
        )
    ]
    # Links the engine rewrote are absolute too, and resolve.
    assert f'href="{url}/tin-tuc/ke-hoach-186/"' in body(site, "le-hoi-khai-ha", "vi")


# -- what leads nowhere ---------------------------------------------------------------

BROKEN = {
    "missing image": (
        "![Chiêng](missing.jpg)",
        "image missing.jpg leads nowhere: culture/le-hoi-khai-ha/missing.jpg does not exist",
    ),
    "missing attachment": ("[PDF](plan-186.pdf)", "culture/le-hoi-khai-ha/plan-186.pdf does not exist"),
    "outside content": ("[trang](../../../outside.md)", "points outside the content folder"),
    "reference definition": ("[a][r]\n\n[r]: ../other-story/", "culture/other-story does not exist"),
    "raw html": ('<a href="../nowhere/index.vi.md">x</a>', "there is no story culture/nowhere"),
    "filename relative": ("[x]({filename}../../news/none/index.vi.md)", "there is no story news/none"),
    "static missing": (
        "[x]({static}/culture/le-hoi-khai-ha/anh.jpg)",
        "culture/le-hoi-khai-ha/anh.jpg does not exist",
    ),
    "pelican tag": ("[x]({tag}le-hoi)", "Pelican's {tag} links are not supported"),
    "section folder": ("[x](../)", "culture is a folder, not a story"),
    "draft story": ("[x](../ban-nhap/index.vi.md)", "culture/ban-nhap is a draft and is not published"),
    "theme file": ("[x](/theme/css/khong-co.css)", "the site has no page /theme/css/khong-co.css"),
    "language home": ("[x](/de/)", "the site has no page /de/"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_targets(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown, expected = BROKEN[case]
    base = copy_fixture(tmp_path)
    line = append(base, f"{KHAI_HA}/index.vi.md", markdown)
    site, settings = read_model(base, tmp_path, monkeypatch)
    [(path, at, message)] = broken(site, settings)
    assert path == f"{KHAI_HA}/index.vi.md"
    assert at in (line, line + 2)  # a reference definition is two lines below its use
    assert expected in message


def test_each_occurrence_is_reported_on_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = copy_fixture(tmp_path)
    first = append(base, f"{KHAI_HA}/index.vi.md", "[a](/khong-co/)")
    second = append(base, f"{KHAI_HA}/index.vi.md", "[b](/khong-co/)")
    site, settings = read_model(base, tmp_path, monkeypatch)
    assert [at for _, at, _ in broken(site, settings)] == [first, second]


def test_drafts_may_link_to_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = copy_fixture(tmp_path)
    (base / "content/culture/ban-nhap-2").mkdir()
    (base / "content/culture/ban-nhap-2/index.vi.md").write_text(
        "Title: Nháp 2\nDate: 2024-01-02\nStatus: draft\n\n[x](../ban-nhap/index.vi.md)\n", encoding="utf-8"
    )
    site, settings = read_model(base, tmp_path, monkeypatch)
    assert broken(site, settings) == []


def test_a_plugin_folder_is_checked_once_a_page_claims_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_fixture(tmp_path)
    append(base, f"{KHAI_HA}/index.vi.md", "[a](/search/) [b](/en/search/) [c](/search/khong-co/)")
    site, settings = read_model(base, tmp_path, monkeypatch)
    assert broken(site, settings) == []  # no search page planned (make check): taken on trust
    site.extra_pages.append(ExtraPage(template="search", path="search/"))
    assert [m for _, _, m in broken(site, settings)] == [
        "link /search/khong-co/ leads nowhere: the site has no page /search/khong-co/"
    ]


def test_the_demo_has_no_broken_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, settings = read_model(
        ROOT,
        tmp_path,
        monkeypatch,
        MULTILANG_AGENCIES_FILE=str(ROOT / "data/agencies.yml"),
        MULTILANG_TERMS_FILE=str(ROOT / "data/terms.yml"),
    )
    assert broken(site, settings) == []
    from multilang.planning import Planner

    planner = Planner(site, settings)
    assert planner.paths() == {job.path for job in planner.plan()}


# -- in the build -------------------------------------------------------------------------
# These build the site with Pelican: the failing ones need the engine to call
# check_links after content_final and stop on its errors.


def failed_build(tmp_path: Path, base: Path) -> str:
    """Build a changed fixture; return its log flattened, asserting it failed."""
    build = fixture_site(tmp_path, "output", base)
    assert build.returncode != 0, build.log
    return " ".join(build.log.split())


def test_build_fails_on_a_missing_filename_link(tmp_path: Path) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{MAI_CHAU}/index.vi.md", "Xem [x]({filename}/tourism/khong-ton-tai/index.vi.md).")
    log = failed_build(tmp_path, base)
    assert f"{MAI_CHAU}/index.vi.md:{line}" in log
    assert "{filename}/tourism/khong-ton-tai/index.vi.md" in log


def test_build_fails_on_a_root_relative_link_to_no_page(tmp_path: Path) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{MAI_CHAU}/index.vi.md", "Xem [x](/tourism/khong-co/).")
    log = failed_build(tmp_path, base)
    assert f"{MAI_CHAU}/index.vi.md:{line}" in log and "/tourism/khong-co/" in log


def test_build_fails_on_a_missing_translation_file(tmp_path: Path) -> None:
    base = copy_fixture(tmp_path)
    line = append(base, f"{KHAI_HA}/index.ja.md", "[マイチャウ](../../tourism/mai-chau/index.ja.md)")
    log = failed_build(tmp_path, base)
    assert f"{KHAI_HA}/index.ja.md:{line}" in log
    assert "../../tourism/mai-chau/index.ja.md" in log
    assert "exists in vi; link index.vi.md or the folder" in log


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with links of every kind that lead somewhere, built."""
    base = copy_fixture(tmp_path_factory.mktemp("linked"))
    append(base, f"{KHAI_HA}/index.en.md", VALID.replace("[x](/en/culture/page/1/) ", ""))
    append(base, f"{KHAI_HA}/index.ja.md", "[マイチャウ]({filename}/tourism/mai-chau/index.vi.md)")
    build = fixture_site(base.parent, "output", base)
    assert build.returncode == 0, build.log
    return build


def test_build_publishes_filename_links_as_urls(linked: Build) -> None:
    links = {
        a.get_text(): a["href"] for a in soup(linked.page("en/culture/khai-ha-festival/")).select("main a")
    }
    assert links["a"] == "/en/news/ke-hoach-186/"
    assert links["b"] == "/en/news/ke-hoach-186/#muc-2"
    assert links["c"] == "/en/news/ke-hoach-186/"
    assert links["d"] == "/files/culture/le-hoi-khai-ha/ke-hoach.pdf"
    assert links["e"] == "/en/tourism/mai-chau/"
    assert links["f"] == "/du-lich/mai-chau/"
    assert (linked.output / "files/culture/le-hoi-khai-ha/ke-hoach.pdf").is_file()
    ja = {a.get_text(): a["href"] for a in soup(linked.page("ja/culture/le-hoi-khai-ha/")).select("main a")}
    assert ja["マイチャウ"] == "/du-lich/mai-chau/"


def test_build_links_resolve_to_written_pages(linked: Build) -> None:
    page = soup(linked.page("en/culture/khai-ha-festival/"))
    for a in page.select("main a"):
        href = a["href"]
        if a.get_text() in ("f", "g", "h", "i", "j", "k", "l", "m", "w", "y") or href.startswith("/en/news"):
            path = href.split("#", 1)[0].split("?", 1)[0]
            assert linked.page(path).is_file() or linked.page(path + "/").is_file(), href


def test_address_plan_matches_the_page_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multilang.planning import Planner

    base = copy_fixture(tmp_path)
    site, settings = read_model(base, tmp_path, monkeypatch, DEFAULT_PAGINATION=1)
    site.extra_pages.append(ExtraPage(template="search", path="search/", langs=["vi", "en"]))
    planner = Planner(site, settings)
    assert planner.paths() == {job.path for job in planner.plan()}
