"""Run every rule over the selected stories and collect the findings."""

from __future__ import annotations

import copy
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
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

from .cache import FindingsCache, stamp, tree_stamp
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
        for story in self.site.every_item():
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


def engine_settings(config: CheckerConfig, only: set[str] | None) -> dict[str, Any]:
    """Return the Pelican settings the engine reads the checked content with."""
    from pelican.settings import DEFAULT_CONFIG as PELICAN_DEFAULTS

    settings = {**PELICAN_DEFAULTS, **config.raw}
    settings.update(
        # A copy: Pelican's Markdown reader writes into MARKDOWN, which is the caller's.
        MARKDOWN=copy.deepcopy(settings.get("MARKDOWN", {})),
        PATH=str(config.content_dir),
        MULTILANG_AGENCIES_FILE=str(config.agencies_file),
        MULTILANG_TERMS_FILE=str(config.terms_file),
        # In the project, as Pelican's read_settings would put it: not in the working folder.
        CACHE_PATH=str(Path(config.base_dir, config.raw.get("CACHE_PATH") or "cache")),
    )
    if only is not None:
        # A few stories parse faster than Pelican loads and saves its whole reader cache.
        settings.update(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    return settings


def read_site(
    config: CheckerConfig,
    only: set[str] | None = None,
    *,
    site: Site | None = None,
    tree: ContentTree | None = None,
) -> tuple[Site, list[Finding]]:
    """Read the content as the engine does (standalone checks): the Site, and the engine's findings.

    The same reading, addresses and link resolution as a build, so `make check`
    and `make html` draw their verdict from the same findings; nothing is written.
    `site` (registries loaded) and `tree` (sources parsed), when given, are read into.
    """
    # Imported here: a whole run whose result is cached never reads through the engine.
    from multilang.links import check_links
    from multilang.reading import address, make_readers
    from multilang.reading import read_site as engine_read

    settings = engine_settings(config, only)
    workers = int(config_mod.get(settings, "MULTILANG_WORKERS")) or os.cpu_count() or 1
    site = engine_read(settings, make_readers(settings), {}, workers, only, site=site, tree=tree)
    findings = list(site.findings)
    try:
        address(site, settings)
    except ContentError as exc:
        findings.append(exc.finding())
        return site, findings  # without addresses the links cannot be resolved
    findings += check_links(site, settings, whole=only is None)
    return site, findings


def whole_key(config: CheckerConfig) -> str:
    """Key a whole-folder result: every file it can see (content, theme statics) and the day."""
    theme = config.raw.get("THEME")
    parts = [tree_stamp(config.content_dir)]
    if isinstance(theme, str) and os.path.isdir(theme):
        # Root-relative links may point at the theme's static files.
        parts += [tree_stamp(Path(theme, s)) for s in config.raw.get("THEME_STATIC_PATHS", ["static"])]
    # The home page's key facts file is checked with the content (model/keyfacts.py).
    facts = Path(str(config_mod.get(config.raw, "MULTILANG_KEYFACTS_FILE")))
    parts.append(f"{facts.stat().st_mtime_ns}:{facts.stat().st_size}" if facts.is_file() else "-")
    # Findings can depend on the day (validity dates of agencies).
    return ":".join([*parts, date.today().isoformat()])


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
    cache = FindingsCache(config, config.cache_dir) if config.cache_dir else None
    memo = ""
    if site is None and not paths and cache is not None:
        memo = whole_key(config)
        hit = cache.get_whole(memo)
        if hit is not None:
            raw, files = hit
            return Result(findings=apply_levels(raw, config.levels), files=files, raw=raw)
    standalone = site is None
    if standalone:
        # The registries are loaded and the sources parsed here, once: the
        # engine reads into them while forked workers run the source rules.
        if not config.content_dir.is_dir():
            raise ContentError(str(config.content_dir), "content folder not found", "create it or set PATH")
        tree = ContentTree(config.content_dir)
        site = config_mod.build_site(engine_settings(config, None))
        site.sources = tree
    tree = site.sources if tree is None else tree
    ctx = Context(config, tree, site)
    bundles, strays, ignored = tree.select(paths)
    whole = not paths
    modules = _modules()
    engine_findings: list[Finding] = []

    def read() -> None:
        # Only the selected stories are read when paths are given (the
        # pre-commit hook): cross-file rules still see the whole folder.
        nonlocal engine_findings
        only = {b.rel for b in bundles} if paths else None
        ctx.site, engine_findings = read_site(config, only, site=ctx.site, tree=tree)

    findings = check_bundles(bundles, ctx, modules, cache, read if standalone else None)
    findings += [f for f in engine_findings if under_selection(f.path, whole, paths or [])]
    for module in modules:
        check_tree = getattr(module, "check_tree", None)
        if check_tree is not None:
            findings.extend(check_tree(ctx, strays, whole, paths or []))
    # Reviewed exceptions (a story's .checker-exceptions.yml) accept named false positives, logged.
    from .exceptions import apply as apply_exceptions

    findings = apply_exceptions(ctx, bundles, findings)
    files = sum(len(b.versions) + len(b.files) for b in bundles) + len(strays)
    if cache:
        if memo:
            cache.put_whole(memo, findings, files)
        cache.save()
    return Result(
        findings=apply_levels(findings, config.levels),
        files=files,
        ignored=ignored,
        context=ctx,
        raw=findings,
    )


def check_bundles(
    bundles: list[Bundle],
    ctx: Context,
    modules: list[RuleModule],
    cache: FindingsCache | None,
    read: Callable[[], None] | None = None,
) -> list[Finding]:
    """Run the rules over each bundle, reusing cached findings; misses are checked in parallel.

    The rules that need only the sources (`SOURCES_ONLY`) run in forked
    workers while this process runs `read` (a standalone check reads the site
    through the engine), then the rules that need the read site.
    """
    stamps = {b.rel: stamp(b) if cache else [] for b in bundles}
    hits = {b.rel: cache.get(b, ctx.tree, stamps[b.rel]) if cache else None for b in bundles}
    fresh = [b for b in bundles if hits[b.rel] is None]
    local = [m for m in modules if not _cross(m)]
    early = [m for m in local if getattr(m, "SOURCES_ONLY", False)]
    for bundle in fresh:
        bundle.docs()  # parsed once, here: the workers inherit the parse, the engine reads it
    with SourceRules(fresh, ctx, early) as running:
        if read is not None:
            read()
        late = {b.rel: {id(m): list(m.check_bundle(b, ctx)) for m in local if m not in early} for b in fresh}
        done = dict(zip((b.rel for b in fresh), running.results(), strict=True))
    findings: list[Finding] = []
    for bundle in bundles:
        hit = hits[bundle.rel]
        if hit is not None and hit[1] is not None:
            findings += hit[0] + hit[1]
            continue
        if hit is None:
            by_module = {**dict(zip(map(id, early), done[bundle.rel], strict=True)), **late[bundle.rel]}
            found = [f for m in local for f in by_module[id(m)]]
        else:  # local findings cached, the links they looked up changed: check those again
            found = hit[0]
        cross, deps = _check_one(bundle, ctx, [m for m in modules if _cross(m)])
        if cache:
            cache.put(bundle, stamps[bundle.rel], found, cross, deps)
        findings += found + cross
    return findings


def _cross(module: RuleModule) -> bool:
    return bool(getattr(module, "CROSS_FILE", False))


def _check_one(
    bundle: Bundle, ctx: Context, modules: list[RuleModule]
) -> tuple[list[Finding], list[tuple[str, str, bool]]]:
    """Run some rules over one bundle; return the findings and the tree lookups they made."""
    ctx.tree.recording = []
    try:
        return [f for m in modules for f in m.check_bundle(bundle, ctx)], list(ctx.tree.recording)
    finally:
        ctx.tree.recording = None


# Below this many stories, forking costs more than it saves.
PARALLEL_MIN = 200
# Handed to forked workers as they start (read-only there); None again once they have it.
_WORKER: tuple[list[Bundle], Context, list[RuleModule]] | None = None


class SourceRules:
    """Apply rules to bundles in forked workers while the caller goes on (a `with` block).

    With few bundles, one core or no fork, `results()` applies them here instead.
    """

    def __init__(self, bundles: list[Bundle], ctx: Context, modules: list[RuleModule]) -> None:
        self.bundles, self.ctx, self.modules = bundles, ctx, modules
        workers = int(config_mod.get(ctx.config.raw, "MULTILANG_WORKERS")) or os.cpu_count() or 1
        self.parallel = (
            bool(modules)
            and workers > 1
            and len(bundles) >= PARALLEL_MIN
            and "fork" in mp.get_all_start_methods()
        )
        self.workers = workers
        self.pool: Any = None
        self.pending: Any = None

    def __enter__(self) -> SourceRules:
        if self.parallel:
            global _WORKER  # noqa: PLW0603 (reset below: nothing survives the call)
            _WORKER = (self.bundles, self.ctx, self.modules)
            try:
                self.pool = mp.get_context("fork").Pool(self.workers)  # the workers fork here
                chunk = max(1, len(self.bundles) // (self.workers * 8))
                self.pending = self.pool.map_async(_check_at, range(len(self.bundles)), chunksize=chunk)
            finally:
                _WORKER = None
        return self

    def results(self) -> list[list[list[Finding]]]:
        """Return, for each bundle, each rule module's findings."""
        if self.pending is not None:
            return self.pending.get()
        return [_by_module(b, self.ctx, self.modules) for b in self.bundles]

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()  # results are in (or an error is on its way): stop the workers
            self.pool.join()


def _by_module(bundle: Bundle, ctx: Context, modules: list[RuleModule]) -> list[list[Finding]]:
    return [list(m.check_bundle(bundle, ctx)) for m in modules]


def _check_at(index: int) -> list[list[Finding]]:
    """Check the index-th bundle in a worker."""
    assert _WORKER is not None
    bundles, ctx, modules = _WORKER
    return _by_module(bundles[index], ctx, modules)


def under_selection(path: Path, whole: bool, paths: list[Path]) -> bool:
    """Say whether a tree-level finding's file lies under the selected paths."""
    if whole:
        return True
    path = path.resolve()
    return any(path == p.resolve() or path.is_relative_to(p.resolve()) for p in paths)
