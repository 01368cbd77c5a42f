"""Plan the pages of the declared collections: lists and facets, months, maps, missing versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from model.site import Site, Story
from model.types import TYPES

from . import coverage, events, exports, ical, urls
from .catalogue import CataloguePlanner
from .jobs import Job, head
from .maps import MapPlanner, coordinates_field, map_key
from .views import Alternate, list_alternates, story_alternates


class CollectionPages:
    """The Planner's collection pages (a mixin: the Planner holds the site, catalogue and map)."""

    site: Site
    catalogue: CataloguePlanner
    map: MapPlanner
    has_map: bool
    stand_ins: Any
    simple: Callable[..., Job]  # the Planner's: a page of its own, without items

    def switcher(self, story: Story, code: str) -> list[Alternate]:
        """Return a story's language switcher on its page in a language (worked out once per story)."""
        # A story has a page in every language (a version, a fallback or 'not
        # available'): every one shows the same entries, only `current` moves.
        memo: dict[int, list[Alternate]] = self.__dict__.setdefault("_switchers", {})
        entries = memo.get(id(story))
        if entries is None:
            entries = memo[id(story)] = story_alternates(self.site, story, "", self.stand_ins)
        # Alternates are frozen: the other languages' entries are shared.
        return [replace(a, current=True) if a.language.code == code else a for a in entries]

    def collections(self, code: str) -> list[Job]:
        """Plan each collection's list and its facet pages in a language (catalogue.py)."""
        language = self.site.language(code)
        jobs = []
        for ctype in self.catalogue.types():
            for path, current in self.catalogue.pages(ctype, language):
                items = self.catalogue.shown(ctype, code, current)
                alternates = list_alternates(self.site, code, self.catalogue.langs_of(ctype, current))
                facets = self.catalogue.facets(ctype, code, current)
                ctx = dict(ctype=ctype, items=items, facets=facets, current=current)
                ctx["chosen"] = self.catalogue.chosen(ctype, code, current)
                if not current:  # the whole list: its downloads and feed (exports.py, the feeds plugin)
                    ctx["downloads"] = exports.links(self.site, ctype.name, language)
                    feed = self.site.collection_feeds.get((ctype.name, code))
                    ctx["feed_url"] = self.site.url(feed) if feed else ""
                    if ctype.name == ical.EVENT and items:  # the language's calendar (ical.py)
                        ctx["calendar_url"] = self.site.url(ical.feed_path(self.site, code))
                elif ctype.name == ical.EVENT and items and len(current) == 1 and current[0][0] == "category":
                    # One category's events: that category's calendar (ical.py).
                    ctx["calendar_url"] = self.site.url(ical.category_path(self.site, code, current[0][1]))
                if ctype.name == ical.EVENT:  # the month pages (events.py)
                    ctx["months"] = [
                        (m.month, self.site.url(m.path)) for m in events.months(self.site, language)
                    ]
                ctx.update(head(self.site, alternates, path))
                key = (
                    ctype.list_template,
                    current,
                    tuple((a.language.code, a.url, a.exists) for a in alternates),
                )
                filters = [
                    (f.name, f.any_url, [(o.value, o.label, o.url, o.count) for o in f.options])
                    for f in facets
                ]
                key += (repr(filters), ctx.get("feed_url"))
                if ctype.name == ical.EVENT:  # upcoming and past change with the build date
                    key += (str(self.site.build_date), repr(ctx["months"]))
                if self.has_map and coordinates_field(ctype) is not None:  # "see them on the map"
                    ctx["map_url"] = self.site.url(urls.map_page(language))
                    key += (ctx["map_url"],)
                jobs.append(Job(path, ctype.list_template, code, ctx, deps=list(items), key=key))
        return jobs

    def months(self, code: str) -> list[Job]:
        """Plan a language's month pages of events (events.py), each with its previous and next month."""
        jobs = []
        for month in events.months(self.site, self.site.language(code)):
            paths, ctx = events.month_page(self.site, month, code)
            alternates = list_alternates(self.site, code, paths)
            ctx.update(head(self.site, alternates, month.path))
            key = ("invest_month", repr((ctx["previous"], ctx["next"])), tuple(sorted(paths.items())))
            key += (str(self.site.build_date),)
            jobs.append(Job(month.path, "invest_month", code, ctx, deps=month.items, key=key))
        return jobs

    def map_page(self, code: str) -> Job:
        """Plan a language's map: every placed item as SVG and a list, its GeoJSON download (maps.py)."""
        language = self.site.language(code)
        view = self.map.view(code)
        job = self.simple(
            code,
            "map",
            "map/",
            map=view,
            geojson_url=self.site.url(urls.geojson(language)),
            catalogues=[
                (ctype.name, self.site.url(urls.collection(language, ctype.name))) for ctype in self.map.types
            ],
        )
        job.deps = self.map.shown(view)
        job.key += map_key(view, self.site)
        return job

    def unavailable(self, code: str) -> list[Job]:
        """Plan the pages saying an item has no version in a language, offering those it has."""
        jobs = []
        for story in coverage.missing(self.site, code):
            path = urls.unavailable(self.site.language(code), story)
            alternates = self.switcher(story, code)
            versions = coverage.versions(self.site, story, code)
            # Not indexed, out of the sitemap and search; canonical: the best version.
            ctx = head(self.site, alternates, path, indexed=False, canonical=versions[0].url)
            ctx.update(story=story, versions=versions)
            key = ("unavailable", tuple((a.language.code, a.url, a.exists) for a in alternates))
            jobs.append(Job(path, "unavailable", code, ctx, deps=versions, key=key))
        return jobs

    def item_extras(self, story: Story, item: Any, code: str, ctx: dict[str, Any]) -> list[Any]:
        """Add a collection item's relations, calendar and small map to its context; return their items."""
        relations = self.catalogue.relations(story, code)
        ctx.update(relations=relations, ctype=TYPES[story.kind])
        if story.kind == ical.EVENT:  # its .ics, the language's calendar, its month (events.py)
            ctx.update(events.item_context(self.site, item, code))
        deps = [other for relation in relations for other in relation.items]
        view = self.map.item_view(story, item, code)
        if view is not None:  # a small map of the item and what is near it (maps.py)
            ctx.update(map=view, map_url=self.site.url(urls.map_page(self.site.language(code))))
            deps += [other for other in self.map.shown(view) if other is not item]
        return deps
