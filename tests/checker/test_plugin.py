"""The Pelican side: the receiver of multilang_content_final, and a real build in strict mode."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import checker
import pytest
from checker.receivers import check_stories

from tests.conftest import fixture_site

from .conftest import FIXTURES, LANGUAGES, MARKDOWN, ROOT, SECTIONS, SOURCE, TRANSLATION, Project


def settings(project: Project, **extra: Any) -> dict[str, Any]:
    return {
        "PATH": str(project.content),
        "OUTPUT_PATH": str(project.root / "output"),
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "DEFAULT_LANG": "vi",
        "MULTILANG_LANGUAGES": LANGUAGES,
        "MULTILANG_SECTIONS": SECTIONS,
        "MULTILANG_AGENCIES_FILE": str(project.root / "data" / "agencies.yml"),
        "MULTILANG_TERMS_FILE": str(project.root / "data" / "terms.yml"),
        "MARKDOWN": MARKDOWN,
        "CHECKER_REQUIRED_PAGES": {},
        **extra,
    }


def site_for(project: Project) -> Any:
    """Return the Site the engine would have built: registries loaded, sources read once."""
    from model.config import build_site
    from model.sources import ContentTree

    site = build_site(settings(project))
    site.sources = ContentTree(project.content)
    return site


def test_register_connects_the_engine_signal() -> None:
    from checker.generator import ReportGenerator
    from model.signals import content_final
    from pelican import signals

    checker.register()
    try:
        assert check_stories in [r() for r in content_final.receivers.values()]
        assert ReportGenerator.contribute in [r() for r in signals.get_generators.receivers.values()]
    finally:
        # Signals are global: a receiver left connected runs in later tests of this process.
        content_final.disconnect(check_stories)
        signals.get_generators.disconnect(ReportGenerator.contribute)


def test_findings_join_the_one_verdict(project: Project) -> None:
    """The receiver adds its findings to site.findings; the engine draws the verdict from them."""
    from model.errors import BuildError
    from model.findings import draw_verdict

    project.story(vi=SOURCE + "\nTUYỆT MẬT\n[x](http://hoabinh.gov.vn)\n")
    site = site_for(project)
    check_stories(SimpleNamespace(settings=settings(project)), site=site)
    messages = [f"{f.path.name}:{f.line}: {f.message}" for f in site.findings]
    assert any("index.vi.md:9: classification marking" in m for m in messages)
    assert any("index.vi.md:10: insecure link" in m for m in messages)
    with pytest.raises(BuildError, match=r"content/culture/khai-ha/index\.vi\.md:9"):
        draw_verdict(site.findings, {})


def test_the_receiver_reads_no_file_the_engine_read(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a build the checker works on the engine's sources: no source file is opened again."""
    project.story(vi=SOURCE, en=TRANSLATION)
    site = site_for(project)
    for bundle in site.sources.bundles.values():
        bundle.docs()  # what the engine reads
    opened: list[str] = []
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        opened.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    check_stories(SimpleNamespace(settings=settings(project, CHECKER_CACHE=False)), site=site)
    assert [name for name in opened if name.endswith(".md")] == []


def plugins() -> list[str]:
    """Return the project's plugins, with the checker whether or not it is enabled yet."""
    from pelican.settings import get_settings_from_file

    names = list(get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    return names if "checker" in names else [*names, "checker"]


def test_pelican_build_fails_on_a_classified_story(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURES / "data", base / "data")
    story = base / "content" / "culture" / "khai-ha"
    story.mkdir(parents=True)
    (story / "index.vi.md").write_text(SOURCE + "\nTÀI LIỆU TỐI MẬT\n", encoding="utf-8")
    # One verdict: an error stops `make html` (development settings) as it
    # stops `make publish`; CHECKER_STRICT no longer lowers anything.
    for name, strict in (("strict", True), ("lenient", False)):
        build = fixture_site(
            tmp_path, name, base, PLUGINS=plugins(), CHECKER_STRICT=strict, CHECKER_REQUIRED_PAGES={}
        )
        assert build.returncode != 0
        assert "error(s) in the content" in build.log
        # Rich wraps long lines anywhere, paths included: compare without white space.
        assert "index.vi.md:9:10:error:classificationmarking" in "".join(build.log.split())
        assert "Traceback" not in build.log
        assert not build.output.exists()


def test_pelican_build_writes_the_report(tmp_path: Path) -> None:
    base = tmp_path / "site"
    shutil.copytree(FIXTURES / "data", base / "data")
    story = base / "content" / "culture" / "khai-ha"
    story.mkdir(parents=True)
    (story / "index.vi.md").write_text(SOURCE + "\n[x](http://hoabinh.gov.vn)\n", encoding="utf-8")
    build = fixture_site(
        tmp_path,
        "report",
        base,
        PLUGINS=plugins(),
        CHECKER_REQUIRED_PAGES={},
        CHECKER_REPORT_IN_BUILD=True,
        CHECKER_REPORT_PERIOD=["2024-01-01", "2024-12-31"],
    )
    assert build.returncode == 0, build.log
    assert "links.insecure-http" in build.log
    report = (build.output / "_report" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in report
    assert '<time datetime="2024-01-01">' in report and '<time datetime="2024-12-31">' in report
    assert (build.output / "_report" / "so-vhttdl.csv").read_text(encoding="utf-8-sig").count("\n") == 2
    # The URL column links to the page the same build published.
    agency = (build.output / "_report" / "en" / "so-vhttdl.html").read_text(encoding="utf-8")
    urls = re.findall(r'<td class="url"><a href="([^"]+)">', agency)
    assert urls and all((build.output / url.lstrip("/") / "index.html").is_file() for url in urls), urls
