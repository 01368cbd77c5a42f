"""The one-pass multilingual generator: read every bundle once, write every language."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from typing import Any

import model
from jinja2 import FileSystemBytecodeCache
from model import config as cfg
from model.errors import ConfigError, ContentError
from model.findings import draw_verdict
from model.signals import content_final, stories_ready
from model.site import Site
from model.types import TYPES
from pelican.generators import Generator

from . import exports, ical, urls
from .catalogue import row_data
from .directory import write_vcards
from .fragments import once_renderer, shared_renderer
from .l10n import compile_catalogs, load_translations
from .links import attachment_path, check_links
from .maps import MAP_LABELS_TEMPLATE, MapPlanner
from .planning import Planner
from .reading import address, make_readers, read_site
from .render import fingerprint, load_manifest, render_all, save_manifest
from .views import LangView, item_lang, plain

logger = logging.getLogger(__name__)

# atomic_output's context key for output files kept from the previous build.
KEPT = "atomic_output_kept"


class StoryGenerator(Generator):
    """Read content/<section>/<story>/index.<lang>.md bundles and write every language."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.readers = make_readers(self.settings)
        self.site: Site | None = None
        self._translations: dict[str, Any] = {}
        self._views: dict[str, LangView] = {}
        self._installed: str | None = None
        self.workers = int(cfg.get(self.settings, "MULTILANG_WORKERS")) or os.cpu_count() or 1
        # Compiled templates kept between builds (keyed by each template's source):
        # compiling the theme cost a one-edit rebuild half a second.
        self.env.bytecode_cache = FileSystemBytecodeCache(_jinja_cache(self.settings["CACHE_PATH"]))

    # -- context ----------------------------------------------------------------

    def generate_context(self) -> None:
        """Build the site model from the content and registries; stop on any error finding."""
        try:
            site = read_site(self.settings, self.readers, self.context, self.workers)
            levels = cfg.levels(self.settings)
        except ConfigError as exc:
            raise ConfigError(f"configuration: {exc}") from None
        self.site = site
        self.context["multilang"] = site
        try:
            address(site, self.settings)
        except ContentError as exc:
            site.findings.append(exc.finding())
            draw_verdict(site.findings, levels)
        drafts = sum(1 for s in site.every_item() if not s.published)
        if drafts:
            logger.info("%d drafts not published", drafts)
        stories_ready.send(self, site=site)
        content_final.send(self, site=site)
        site.findings.extend(check_links(site, self.settings))
        draw_verdict(site.findings, levels)

    # -- output -----------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        """Write every page of every language, re-rendering only what changed."""
        site = self.site
        assert site is not None, "generate_context runs first"
        # Every generator's context is built (the checker's report collected
        # its data): the parsed sources are not needed to render pages.
        site.sources.release()
        translations_dir = cfg.get(self.settings, "MULTILANG_TRANSLATIONS_DIR")
        compile_catalogs(translations_dir, site.codes)
        self._translations = {code: load_translations(translations_dir, code) for code in site.codes}
        planner = Planner(site, self.settings)
        names = cfg.get(self.settings, "MULTILANG_SITE_NAME")
        self._views = {
            language.code: LangView(
                site,
                language,
                self.settings["TIMEZONE"],
                planner.tag_langs,
                names.get(language.code) or self.settings["SITENAME"],
                empty_sections=planner.empty[language.code],
            )
            for language in site.languages
        }
        jobs = planner.plan()
        site.jobs = jobs
        self._base_context = dict(self.context)
        self._base_context.update(
            site=site, plain=plain, item_lang=item_lang, files_path=attachment_path, facet_data=row_data
        )
        # The masthead, menus and footer: once per language (and page template), not per page.
        self._base_context["shared"] = shared_renderer()
        # A story's teaser is the same on every list of a language that shows it.
        self._base_context["render_once"] = once_renderer()

        cache_dir = self.settings["CACHE_PATH"]
        live_output = self.settings["OUTPUT_PATH"]
        staged = os.path.abspath(live_output) != os.path.abspath(self.output_path)
        kept = self.context.get(KEPT)
        previous = load_manifest(cache_dir)
        manifest: dict[str, list[Any]] = {}
        global_digest = self._global_digest(site, translations_dir)
        digests: dict[int, bytes] = {}
        todo = []
        for job in jobs:
            mark = fingerprint(job, global_digest, digests)
            old = previous.get(job.save_as)
            # An unchanged page stays where the last build put it: written in
            # place without staging, or listed as kept for atomic_output.
            if old and old[0] == mark and _stamp(os.path.join(live_output, job.save_as)) == old[1:]:
                if not staged:
                    manifest[job.save_as] = old
                    continue
                if kept is not None:
                    kept.add(os.path.normpath(job.save_as))
                    manifest[job.save_as] = old
                    continue
            manifest[job.save_as] = [mark]
            todo.append(job)
        logger.debug("multilang: rendering %s", ", ".join(job.save_as for job in todo))
        render_all(todo, self._render, self.output_path, self.workers)
        for job in todo:
            manifest[job.save_as] += _stamp(os.path.join(self.output_path, job.save_as))
        self._copy_attachments(site)
        self._write_exports(site)
        write_vcards(site, self.output_path)
        if manifest != previous:  # a build that changed nothing leaves the file as it is
            save_manifest(cache_dir, manifest)
        logger.info(
            "multilang: %d pages in %d languages (%d rendered, %d unchanged)",
            len(jobs),
            len(site.languages),
            len(todo),
            len(jobs) - len(todo),
        )

    def _render(self, job: Any) -> str:
        """Render one job with its language's catalog and helpers."""
        if self._installed != job.lang:
            self.env.install_gettext_translations(self._translations[job.lang], newstyle=True)
            self._installed = job.lang
        context = dict(self._base_context)
        context.update(job.context)
        context.update(
            lang=self.site.language(job.lang),
            L=self._views[job.lang],
            page_path=job.path,
            page_template=job.template,
        )
        try:
            return self.get_template(job.template).render(context)
        except Exception as exc:
            raise RuntimeError(f"rendering {job.save_as} with {job.template}.html: {exc}") from exc

    def _copy_attachments(self, site: Site) -> None:
        """Copy each bundle's attachments once, for every language to link to."""
        for story in site.every_item():
            if not story.published:
                continue
            for name in story.attachments:
                target = os.path.join(self.output_path, attachment_path(story, name))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(story.bundle_dir, name), target)

    def _write_exports(self, site: Site) -> None:
        """Write every collection's list as CSV, XLSX and JSON in every language (exports.py)."""
        macros: dict[tuple[str, str], Any] = {}

        def module(template: str, code: str) -> Any:
            """Return a template's macros in a language (their gettext is the one installed now)."""
            if (template, code) not in macros:
                self.env.install_gettext_translations(self._translations[code], newstyle=True)
                self._installed = code
                macros[(template, code)] = self.get_template(template).make_module({})
            return macros[(template, code)]

        def names(code: str) -> Any:
            return module(exports.LABELS_TEMPLATE, code)

        written: dict[str, bytes] = {}
        for name in sorted(site.collections):
            for table in exports.tables(site, TYPES[name], names):
                written.update(exports.files(table))
        if ical.EVENT in site.collections:  # iCalendar files of the events (ical.py)
            titles = {c: str(names(c).collection_name(ical.EVENT)).strip() for c in site.codes}
            written.update(ical.files(site, titles))
        mapper = MapPlanner(site)
        if mapper.has_points():  # each language's map as GeoJSON (maps.py)
            for language in site.languages:

                def type_name(name: str, code: str = language.code) -> str:
                    return str(module(MAP_LABELS_TEMPLATE, code).type_name(name)).strip()

                written[urls.geojson(language)] = mapper.geojson(language.code, type_name)
        for path, body in written.items():
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(body)

    def _global_digest(self, site: Site, translations_dir: str) -> bytes:
        """Hash what every page depends on: theme, catalogs, registries, settings, code."""
        hasher = hashlib.blake2b(digest_size=16)
        # The code of the plugins in use can change markup; other plugins' cannot.
        plugins = [
            os.path.join(root, name)
            for root in self.settings.get("PLUGIN_PATHS", [])
            for name in self.settings.get("PLUGINS", [])
            if os.path.isdir(os.path.join(root, name))
        ]
        roots = [
            os.path.join(self.theme, "templates"),
            translations_dir,
            *self.settings.get("THEME_TEMPLATES_OVERRIDES", []),
            *plugins,
            os.path.dirname(os.path.abspath(model.__file__)),  # the shared model, not in PLUGINS
        ]
        files = [
            cfg.get(self.settings, "MULTILANG_AGENCIES_FILE"),
            cfg.get(self.settings, "MULTILANG_TERMS_FILE"),
        ]
        for root in roots:
            for folder, dirs, names in os.walk(root):
                dirs.sort()
                files += [
                    os.path.join(folder, n)
                    for n in sorted(names)
                    if n.endswith((".html", ".mo", ".py", ".j2", ".xml"))
                ]
        for path in files:
            stat = _stamp(path)
            hasher.update(f"{path}:{stat}".encode())

        hasher.update(json.dumps(self.settings, sort_keys=True, default=_type_name).encode())
        nav = [(s.key, c, v.url, v.title) for s in site.pages for c, v in s.versions.items()]
        hasher.update(repr(nav).encode())
        return hasher.digest()


def _jinja_cache(cache_dir: str) -> str:
    """Return (created) the folder of compiled templates in the cache."""
    folder = os.path.join(cache_dir, "jinja")
    os.makedirs(folder, exist_ok=True)
    return folder


def _stamp(path: str) -> list[int]:
    """Return [size, mtime_ns] of a file, or [] when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return []
    return [stat.st_size, stat.st_mtime_ns]


def _type_name(value: Any) -> str:
    """Serialise unserialisable settings by type, so the digest stays stable."""
    return type(value).__name__


def get_generators(pelican: Any) -> type[StoryGenerator]:
    """Contribute the story generator (get_generators receiver)."""
    return StoryGenerator
