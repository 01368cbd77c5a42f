"""Plan every output page of every language as a render job."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from typing import Any

from model import config as cfg
from model.site import Language, Site, Story
from model.types import TYPES

from . import coverage, directory, events, urls
from .catalogue import CataloguePlanner
from .collection_pages import CollectionPages
from .jobs import Job, Pagination, head
from .maps import MapPlanner, map_key
from .views import item_lang, list_alternates


class Planner(CollectionPages):
    """Turn the site model into the list of pages to write."""

    def __init__(self, site: Site, settings: dict[str, Any]):
        self.site = site
        self.per_page = int(cfg.get(settings, "DEFAULT_PAGINATION") or 0) or 10**9
        self.home_latest = int(cfg.get(settings, "MULTILANG_HOME_LATEST"))
        self.related = int(cfg.get(settings, "MULTILANG_RELATED"))
        self.listed = {code: site.listed_versions(code) for code in site.codes}
        self.tag_langs: dict[str, set[str]] = defaultdict(set)
        for code, items in self.listed.items():
            for item in items:
                for term_id in item.story.tags:
                    self.tag_langs[term_id].add(code)
        self.catalogue = CataloguePlanner(site)
        self.home_events, self.home_destinations = events.home_counts(settings)
        self.map = MapPlanner(site)
        self.has_map = self.map.has_points()
        # What the switcher offers for a missing version; the sections each menu leaves out.
        self.stand_ins = coverage.stand_ins(site)
        self.empty = coverage.empty_sections(site, self.listed, self.catalogue)

    def plan(self) -> list[Job]:
        """Return every job, grouped by language."""
        jobs: list[Job] = []
        for language in self.site.languages:
            code = language.code
            items = self.listed[code]
            jobs.append(self.home(code, items))
            for section_id in self.site.sections:
                in_section = [i for i in items if i.story.section == section_id]
                # An empty section's page stays (links to it keep working) but is
                # not indexed, and offers the languages where the section has stories.
                every = {
                    c: urls.section(self.site.language(c), self.site, section_id) for c in self.site.codes
                }
                full = [c for c in self.site.codes if section_id not in self.empty[c]]
                paths = {c: every[c] for c in full}
                order = coverage.ordered(self.site, code, [c for c in full if c != code])
                links = self.catalogue_links(code, section_id)
                section_jobs = self.paginated(
                    code,
                    "section",
                    in_section,
                    paths,
                    lambda n, s=section_id, lg=language: urls.section(lg, self.site, s, n),
                    section=section_id,
                    catalogues=links,
                    indexed=section_id not in self.empty[code],
                    stand_in=every,
                    elsewhere=[(c, self.site.url(paths[c])) for c in order],
                )
                for job in section_jobs:  # a collection's first item adds its link
                    job.key += (tuple(links), tuple(full))
                jobs += section_jobs
            jobs += self.tags(code, items)
            jobs += self.agencies(code, items)
            jobs += self.archives(code, items)
            jobs += self.items(code)
            jobs += self.unavailable(code)
            jobs += self.collections(code)
            jobs += self.months(code)
            if self.has_map:
                jobs.append(self.map_page(code))
            jobs.append(self.simple(code, "404", "404.html", indexed=False))
            for extra in self.site.extra_pages:
                if extra.langs is None or code in extra.langs:
                    job = self.simple(
                        code,
                        extra.template,
                        extra.path,
                        indexed=extra.indexed,
                        langs=extra.langs,
                        **extra.context,
                    )
                    job.deps = list(extra.deps)
                    job.key += (repr(sorted(extra.context)),)
                    jobs.append(job)
        shared = self.shared_key()
        for job in jobs:
            job.key += (shared,)
        return jobs

    def shared_key(self) -> str:
        """Return a digest of what every page shows beyond its own items."""
        # The static pages every header and footer links: which are published
        # and listed (a hidden or draft page leaves every footer), their titles
        # and addresses in every language, fallbacks too.
        pages = [
            (story.key, story.status, sorted((c, v.url, v.title) for c, v in story.versions.items()))
            for story in self.site.pages
        ]
        fallbacks = [
            (code, item.story.key, item.url, item.title)
            for code, items in sorted(self.site.fallbacks.items())
            for item in items
            if item.story.kind == "page"
        ]
        # Who is in office today (the header's site owner, the JSON-LD's
        # agencies): a page written before an owner's or agency's first or
        # last day would otherwise keep naming the old one.
        today = dt.date.today()
        owner = self.site.owner_on(today)
        agencies = [a.id for a in self.site.agencies.values() if a.valid_on(today)]
        office = (owner.id if owner else None, agencies)
        # Every menu leaves out its language's empty sections.
        empty = sorted((code, sorted(ids)) for code, ids in self.empty.items())
        return hashlib.blake2b(repr((pages, fallbacks, office, empty)).encode(), digest_size=16).hexdigest()

    def paths(self) -> set[str]:
        """Return the path of every page plan() returns, without building contexts (for link checks)."""
        out: set[str] = set()
        for language in self.site.languages:
            out |= self._language_paths(language)
        return out

    def _language_paths(self, language: Language) -> set[str]:
        """Return the paths plan() gives one language: lists with their pages, items, extras."""
        site, code, prefix = self.site, language.code, language.prefix
        items = self.listed[code]
        out = {prefix + name for name in ("", "tag/", "agency/", "archive/", "404.html")}
        sections = Counter(item.story.section for item in items)
        for section_id in site.sections:
            first = urls.section(language, site, section_id)
            out.update(urls.paginated(first, n) for n in self._page_numbers(sections[section_id]))
        for term_id, count in Counter(t for item in items for t in item.story.tags).items():
            first = urls.tag(language, site, term_id)
            out.update(urls.paginated(first, n) for n in self._page_numbers(count))
        agencies = Counter(item.story.agency for item in items)
        for agency_id in site.with_pages():
            first = urls.agency(language, agency_id)
            out.update(urls.paginated(first, n) for n in self._page_numbers(agencies[agency_id]))
        out.update(urls.archive_year(language, year) for year in {item.story.date.year for item in items})
        for story in site.every_item():
            if story.published and code in story.versions:
                out.add(story.versions[code].page_path)
        out.update(item.page_path for item in site.fallbacks.get(code, []))
        out.update(urls.unavailable(language, story) for story in coverage.missing(site, code))
        for ctype in self.catalogue.types():
            out.update(path for path, _ in self.catalogue.pages(ctype, language))
        out.update(month.path for month in events.months(site, language))
        if self.has_map:
            out.add(urls.map_page(language))
        out.update(
            prefix + extra.path for extra in site.extra_pages if extra.langs is None or code in extra.langs
        )
        return out

    def _page_numbers(self, count: int) -> range:
        """Return the page numbers of a list of count items (one page when empty)."""
        return range(1, max(1, math.ceil(count / self.per_page)) + 1)

    def simple(
        self,
        code: str,
        template: str,
        path: str,
        indexed: bool = True,
        langs: list[str] | None = None,
        **context: Any,
    ) -> Job:
        """Plan a page that exists once per language (home, 404, indexes, extras)."""
        language = self.site.language(code)
        full = language.prefix + path
        paths = {c: self.site.language(c).prefix + path for c in langs or self.site.codes}
        alternates = list_alternates(self.site, code, paths)
        context.update(head(self.site, alternates, full, indexed=indexed))
        return Job(full, template, code, context, key=(template, tuple(sorted(paths.items()))))

    def home(self, code: str, items: list[Any]) -> Job:
        """Plan a language's home: the lead story and the latest per section."""
        by_section = {
            section_id: [i for i in items if i.story.section == section_id][: self.home_latest]
            for section_id in self.site.sections
            if section_id not in self.empty[code]
        }
        lead = items[0] if items else None
        catalogues = {s: self.catalogue_links(code, s) for s in self.site.sections}
        visit = {
            "home_events": events.home_events(self.site, code, self.home_events),
            "home_destinations": events.home_destinations(self.site, code, self.home_destinations),
        }
        keyfacts = self.site.keyfacts
        actions = urls.hero_actions(self.site, self.site.language(code))
        job = self.simple(
            code,
            "index",
            "",
            lead=lead,
            latest=by_section,
            catalogues=catalogues,
            keyfacts=keyfacts,
            hero_actions=actions,
            **visit,
        )
        job.key += (repr(catalogues), str(self.site.build_date), repr(keyfacts), repr(actions))
        job.deps = ([lead] if lead else []) + [i for group in by_section.values() for i in group]
        job.deps += visit["home_events"] + visit["home_destinations"]
        return job

    def catalogue_links(self, code: str, section_id: str) -> list[tuple[str, str]]:
        """Return (type, list URL) of the collections a section links to (its page and the home page)."""
        language = self.site.language(code)
        order = list(TYPES)
        return [
            (ctype.name, self.site.url(urls.collection(language, ctype.name)))
            for ctype in sorted(self.catalogue.types(), key=lambda t: order.index(t.name))
            if ctype.section == section_id
        ]

    def paginated(
        self,
        code: str,
        template: str,
        items: list[Any],
        paths: dict[str, str],
        path_of_page: Any,
        *,
        indexed: bool = True,
        stand_in: dict[str, str] | None = None,
        **context: Any,
    ) -> list[Job]:
        """Plan the pages of a list; page 1 carries hreflang, later pages only self."""
        count = max(1, math.ceil(len(items) / self.per_page))
        page_urls = [self.site.url(path_of_page(n)) for n in range(1, count + 1)]
        jobs = []
        for number in range(1, count + 1):
            chunk = items[(number - 1) * self.per_page : number * self.per_page]
            path = path_of_page(number)
            if number == 1:
                alternates = list_alternates(self.site, code, paths, stand_in)
            else:
                alternates = list_alternates(self.site, code, {code: path})
            ctx = dict(context, pagination=Pagination(number, count, chunk, page_urls), total=len(items))
            ctx.update(head(self.site, alternates, path, indexed=indexed))
            jobs.append(
                Job(
                    path,
                    template,
                    code,
                    ctx,
                    deps=chunk,
                    key=(template, number, count, len(items), tuple(sorted(paths.items()))),
                )
            )
        return jobs

    def tags(self, code: str, items: list[Any]) -> list[Job]:
        """Plan tag pages (where the tag has stories in this language) and the tag index."""
        language = self.site.language(code)
        by_term: dict[str, list[Any]] = defaultdict(list)
        for item in items:
            for term_id in item.story.tags:
                by_term[term_id].append(item)
        jobs = []
        for term_id, tagged in sorted(by_term.items()):
            paths = {c: urls.tag(self.site.language(c), self.site, term_id) for c in self.tag_langs[term_id]}
            jobs += self.paginated(
                code,
                "tag",
                tagged,
                paths,
                lambda n, t=term_id: urls.tag(language, self.site, t, n),
                term=term_id,
            )
        counts = sorted(
            ((t, len(v)) for t, v in by_term.items()), key=lambda pair: self.site.terms[pair[0]].name(code)
        )
        index = self.simple(code, "tags", "tag/", tag_counts=counts)
        index.key += (tuple(counts),)
        return jobs + [index]

    def agencies(self, code: str, items: list[Any]) -> list[Job]:
        """Plan each agency's page (profile, contacts, stories) and the agency index."""
        language = self.site.language(code)
        jobs = []
        # The owners (the provincial People's Committee) have a page too: the
        # issuer of most documents, reached from a document's page.
        bodies = self.site.with_pages()
        for agency_id in bodies:
            theirs = [i for i in items if i.story.agency == agency_id]
            paths = {c: urls.agency(self.site.language(c), agency_id) for c in self.site.codes}
            jobs += self.paginated(
                code,
                "agency",
                theirs,
                paths,
                lambda n, a=agency_id: urls.paginated(urls.agency(language, a), n),
                agency=bodies[agency_id],
                **self.directory(code, agency_id),
            )
        index = self.simple(code, "agencies", "agency/", agencies=list(bodies.values()))
        return jobs + [index]

    def directory(self, code: str, agency_id: str) -> dict[str, Any]:
        """Return an agency page's directory: tasks, units, officials and the vCard (directory.py)."""
        agency, language = self.site.with_pages()[agency_id], self.site.language(code)
        units, officials = directory.contacts(agency, code)
        tasks, tasks_lang = directory.tasks(agency, code)
        return {
            "tasks": tasks,
            "tasks_lang": tasks_lang,
            "units": units,
            "officials": officials,
            "vcard_url": self.site.url(directory.vcard_path(language, agency_id)),
        }

    def archives(self, code: str, items: list[Any]) -> list[Job]:
        """Plan the archive index and one page per year, grouped by month."""
        language = self.site.language(code)
        years: dict[int, list[Any]] = defaultdict(list)
        for item in items:
            years[item.story.date.year].append(item)
        all_years = defaultdict(set)
        for other, other_items in self.listed.items():
            for item in other_items:
                all_years[item.story.date.year].add(other)
        jobs = []
        for year, in_year in sorted(years.items(), reverse=True):
            months: dict[dt.date, list[Any]] = defaultdict(list)
            for item in in_year:
                months[item.story.date.date().replace(day=1)].append(item)
            paths = {c: urls.archive_year(self.site.language(c), year) for c in all_years[year]}
            alternates = list_alternates(self.site, code, paths)
            path = urls.archive_year(language, year)
            ctx = {"year": year, "months": sorted(months.items(), reverse=True)}
            ctx.update(head(self.site, alternates, path))
            jobs.append(
                Job(path, "archive", code, ctx, deps=in_year, key=("archive", tuple(sorted(paths.items()))))
            )
        counts = [
            (year, len(v), self.site.url(urls.archive_year(language, year)))
            for year, v in sorted(years.items(), reverse=True)
        ]
        index = self.simple(code, "archives", "archive/", year_counts=counts)
        index.key += (tuple(counts),)
        return jobs + [index]

    def items(self, code: str) -> list[Job]:
        """Plan story and static pages: real translations and fallbacks."""
        # Indexes built once per language keep neighbours and related stories linear.
        by_section: dict[str | None, list[Any]] = defaultdict(list)
        by_tag: dict[str, list[Any]] = defaultdict(list)
        for item in self.listed[code]:
            by_section[item.story.section].append(item)
            for term_id in item.story.tags:
                by_tag[term_id].append(item)
        position = {id(item): n for items in by_section.values() for n, item in enumerate(items)}
        self._by_section, self._by_tag, self._position = by_section, by_tag, position
        jobs = []
        for story in self.site.every_item():
            if not story.published:
                continue
            if code in story.versions:
                jobs.append(self.item_job(story, story.versions[code]))
        for item in self.site.fallbacks.get(code, []):
            jobs.append(self.item_job(item.story, item))
        return jobs

    def neighbours(self, item: Any) -> tuple[Any, Any, list[Any]]:
        """Return the newer and older story of the item's section, and related stories."""
        listed = self._by_section.get(item.story.section, [])
        position = self._position.get(id(item))
        newer = listed[position - 1] if position else None
        older = listed[position + 1] if position is not None and position + 1 < len(listed) else None
        # Each tag list is newest first, so the newest related stories are
        # among the first few of each list.
        candidates: dict[int, Any] = {}
        for term_id in item.story.tags:
            for other in self._by_tag.get(term_id, [])[: self.related + 1]:
                if other is not item:
                    candidates[id(other)] = other
        related = sorted(candidates.values(), key=lambda i: (i.story.date, i.story.key), reverse=True)
        return newer, older, related[: self.related]

    def item_job(self, story: Story, item: Any) -> Job:
        """Plan one story or page: head, switcher, neighbours and related stories."""
        code = item_lang(item)
        alternates = self.switcher(story, code)
        if item.is_fallback:
            # Not a translation: point search engines at the source, keep it out of indexes.
            ctx = head(self.site, alternates, item.page_path, indexed=False, canonical=story.source.url)
        else:
            ctx = head(self.site, alternates, item.page_path, indexed=story.status == "published")
        ctx.update(article=item, story=story, source=story.source)
        deps = [item]
        if story.kind == "story":
            newer, older, related = self.neighbours(item)
            ctx.update(newer=newer, older=older, related=related)
            deps += [d for d in (newer, older) if d] + related
        elif story.kind != "page":
            deps += self.item_extras(story, item, code, ctx)
        template = {"story": "article", "page": "page"}.get(story.kind) or TYPES[story.kind].template
        job = Job(
            item.page_path,
            template,
            code,
            ctx,
            deps=deps,
            key=(
                template,
                tuple((a.language.code, a.url, a.exists) for a in alternates),
                ctx.get("feed_calendar_url"),
                ctx.get("month_url"),
            ),
        )
        if ctx.get("map") is not None:
            job.key += map_key(ctx["map"], self.site)
        return job
