"""Run every rule over the selected stories and collect the findings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from model import config as config_mod
from model import validate
from model.catalog import Level
from model.errors import ContentError
from model.findings import Finding, apply_levels
from model.site import Site
from model.sources import Bundle, ContentTree, Document
from pelican.settings import DEFAULT_CONFIG as PELICAN_DEFAULTS

from .cache import FindingsCache, stamp
from .registries import Registries
from .settings import CheckerConfig
from .textscan import DocScan, MarkingMatcher


class Context:
    """What rules share: the config, the whole content tree and the registries."""

    def __init__(self, config: CheckerConfig, tree: ContentTree, site: Site) -> None:
        self.config = config
        self.tree = tree
        self.site = site
        self._scans: dict[int, DocScan] = {}
        self.cache: dict[str, Any] = {}  # per-run objects rules build once (a Markdown renderer)

    @cached_property
    def registries(self) -> Registries:
        """Return the agencies and terms registries, as the model loaded them."""
        return Registries.of(self.site)

    @cached_property
    def options(self) -> validate.Options:
        """Return the content model's validation options."""
        return config_mod.validation_options(self.config.raw)

    @cached_property
    def classified(self) -> MarkingMatcher:
        """Return the matcher for classification markings."""
        return MarkingMatcher(self.config.classified_markings)

    @cached_property
    def internal(self) -> MarkingMatcher:
        """Return the matcher for internal-circulation markings."""
        return MarkingMatcher(self.config.internal_markings)

    @cached_property
    def read_bodies(self) -> dict[str, str]:
        """Return the bodies the engine rendered, by absolute source path (none standalone)."""
        bodies: dict[str, str] = {}
        for story in [*self.site.stories, *self.site.pages]:
            for version in [*story.versions.values(), *story.draft_versions.values()]:
                bodies[os.path.abspath(version.source_path)] = version.read_html
        return bodies

    def scan(self, doc: Document) -> DocScan:
        """Return the document's links and images (computed once)."""
        scan = self._scans.get(id(doc))
        if scan is None or scan.doc is not doc:
            scan = self._scans[id(doc)] = DocScan(doc)
        return scan

    def rel(self, path: Path) -> str:
        """Return a path relative to the project root, for messages."""
        try:
            return path.resolve().relative_to(self.config.base_dir).as_posix()
        except ValueError:
            return str(path)


class RuleModule(Protocol):
    """A family of rules: checks one bundle; may also define `check_tree` and `CROSS_FILE`."""

    def check_bundle(self, bundle: Bundle, ctx: Context) -> Iterable[Finding]: ...


@dataclass
class Result:
    """The outcome of a run: findings (levels applied), files checked, paths ignored."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    ignored: list[Path] = field(default_factory=list)
    context: Context | None = None  # the tree and registries, for callers that go on
    raw: list[Finding] = field(default_factory=list)  # before CHECKER_LEVELS were applied

    @property
    def errors(self) -> list[Finding]:
        """Return the error findings."""
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Return the warning findings."""
        return [f for f in self.findings if f.level is Level.WARNING]


def read_site(config: CheckerConfig, only: set[str] | None = None) -> tuple[Site, list[Finding]]:
    """Read the content as the engine does (standalone checks): the Site, and the engine's findings.

    The same reading, addresses and link resolution as a build, so `make check`
    and `make html` draw their verdict from the same findings; nothing is written.
    """
    from multilang.links import check_links
    from multilang.reading import address, make_readers
    from multilang.reading import read_site as engine_read

    settings = {**PELICAN_DEFAULTS, **config.raw}
    settings.update(
        PATH=str(config.content_dir),
        MULTILANG_AGENCIES_FILE=str(config.agencies_file),
        MULTILANG_TERMS_FILE=str(config.terms_file),
    )
    workers = int(config_mod.get(settings, "MULTILANG_WORKERS")) or os.cpu_count() or 1
    site = engine_read(settings, make_readers(settings), {}, workers, only)
    findings = list(site.findings)
    try:
        address(site, settings)
    except ContentError as exc:
        findings.append(exc.finding())
        return site, findings  # without addresses the links cannot be resolved
    findings += check_links(site, settings, whole=only is None)
    return site, findings


def _modules() -> list[RuleModule]:
    # Imported late: the rule modules import Context from this module.
    from .rules import RULE_MODULES

    return RULE_MODULES


def run(
    config: CheckerConfig,
    paths: list[Path] | None = None,
    *,
    tree: ContentTree | None = None,
    site: Site | None = None,
) -> Result:
    """Check the stories under `paths` (all when empty); cross-file rules see the whole tree.

    In a build, `tree` and `site` are the engine's: the sources it read and the
    registries it loaded; standalone, the settings and registries are loaded here.
    """
    engine_findings: list[Finding] = []
    if site is None:
        # Only the selected stories are read when paths are given (the
        # pre-commit hook): cross-file rules still see the whole folder.
        selection = ContentTree(config.content_dir).select(paths)[0] if paths else None
        site, engine_findings = read_site(
            config, {b.rel for b in selection} if selection is not None else None
        )
    tree = site.sources if tree is None else tree
    ctx = Context(config, tree, site)
    bundles, strays, ignored = tree.select(paths)
    whole = not paths
    findings: list[Finding] = []
    modules = _modules()
    local_modules = [m for m in modules if not getattr(m, "CROSS_FILE", False)]
    cross_modules = [m for m in modules if getattr(m, "CROSS_FILE", False)]
    cache = FindingsCache(config, config.cache_dir) if config.cache_dir else None
    for bundle in bundles:
        current = stamp(bundle) if cache else []
        hit = cache.get(bundle, tree, current) if cache else None
        if hit is not None:
            local, cross = hit
        else:
            local = [f for m in local_modules for f in m.check_bundle(bundle, ctx)]
            cross = None
        if cross is None:
            tree.recording = []
            cross = [f for m in cross_modules for f in m.check_bundle(bundle, ctx)]
            if cache:
                cache.put(bundle, current, local, cross, tree.recording)
            tree.recording = None
        findings += local + cross
    if cache:
        cache.save()
    findings += [f for f in engine_findings if under_selection(f.path, whole, paths or [])]
    for module in modules:
        check_tree = getattr(module, "check_tree", None)
        if check_tree is not None:
            findings.extend(check_tree(ctx, strays, whole, paths or []))
    # Reviewed exceptions (a story's .checker-exceptions.yml) accept named false positives, logged.
    from .exceptions import apply as apply_exceptions

    findings = apply_exceptions(ctx, bundles, findings)
    return Result(
        findings=apply_levels(findings, config.levels),
        files=sum(len(b.versions) + len(b.files) for b in bundles) + len(strays),
        ignored=ignored,
        context=ctx,
        raw=findings,
    )


def under_selection(path: Path, whole: bool, paths: list[Path]) -> bool:
    """Say whether a tree-level finding's file lies under the selected paths."""
    if whole:
        return True
    path = path.resolve()
    return any(path == p.resolve() or path.is_relative_to(p.resolve()) for p in paths)
