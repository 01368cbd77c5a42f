"""The editorial report: `python -m checker.report [--from DATE] [--to DATE]` writes output/_report/.

What it tells the editors: which stories exist in which language (translated,
stale, fallback, missing), how much each agency, section and language
published per month, and each agency's periodic report of foreign-information
publications for the period, as CSV and HTML, addressed to the department in
CHECKER_REPORT_RECIPIENT. The HTML comes in every site language (report_html.py
renders the theme's report_*.html templates with the UI catalogs); the period
is the current year to date unless FROM/TO or CHECKER_REPORT_PERIOD say otherwise.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from model.config import build_site
from model.site import Agency, Site
from model.sources import ContentTree
from model.validate import doc_date, stale_reason

from .engine import Context
from .settings import CheckerConfig, ConfigError, load_config

# Cell states of the story × language matrix.
SOURCE, TRANSLATED, STALE, FALLBACK, MISSING = "source", "translated", "stale", "fallback", "missing"


@dataclass
class StoryRow:
    """One published story: what the report needs about it."""

    rel: str
    section: str
    title: str
    date: dt.date
    agency: str | None
    states: dict[str, str] = field(default_factory=dict)  # lang → state
    urls: dict[str, str] = field(default_factory=dict)  # lang → published page (versions and fallbacks)

    @property
    def source_lang(self) -> str:
        """Return the language the story was written in."""
        return next(lang for lang, state in self.states.items() if state == SOURCE)

    @property
    def url(self) -> str:
        """Return the address of the published original."""
        return self.urls.get(self.source_lang, "")

    @property
    def languages(self) -> list[str]:
        """Return the languages the story is published in (source and translations)."""
        return [lang for lang, state in self.states.items() if state in (SOURCE, TRANSLATED, STALE)]


@dataclass
class ReportData:
    """Everything the report shows, computed from the content and registries."""

    config: CheckerConfig
    stories: list[StoryRow]
    agencies: dict[str, Agency]
    start: dt.date
    end: dt.date
    site: Site

    def in_period(self) -> list[StoryRow]:
        """Return the stories dated within the period, oldest first."""
        return sorted(
            (s for s in self.stories if self.start <= s.date <= self.end), key=lambda s: (s.date, s.rel)
        )

    def counts(self, key: str) -> Counter[str]:
        """Count the period's stories by agency, section or month, or its versions by language."""
        rows = self.in_period()
        if key == "language":
            return Counter(lang for s in rows for lang in s.languages)
        if key == "month":
            return Counter(s.date.strftime("%Y-%m") for s in rows)
        return Counter(getattr(s, key) or "—" for s in rows)

    def agency_ids(self) -> list[str]:
        """Return the agencies to report on: those that existed during the period or published in it."""
        published = {s.agency for s in self.in_period() if s.agency}
        active = {
            a.id
            for a in self.agencies.values()
            if (a.valid_from is None or a.valid_from <= self.end)
            and (a.valid_to is None or a.valid_to >= self.start)
        }
        return sorted(published | active)


def collect(config: CheckerConfig, start: dt.date, end: dt.date, site: Site | None = None) -> ReportData:
    """Work out each story's languages from the sources (the build's, when it passes its site)."""
    if site is None:
        site = build_site(dict(config.raw))
        site.sources = ContentTree(config.content_dir)
    tree = site.sources
    ctx = Context(config, tree, site)
    policies = {
        code: (spec or {}).get("untranslated", "hide")
        for code, spec in config.raw.get("MULTILANG_LANGUAGES", {}).items()
    }
    rows: list[StoryRow] = []
    for bundle in tree.bundles.values():
        source_lang = bundle.source_lang(config.languages)
        if bundle.kind != "story" or source_lang is None:
            continue
        source = bundle.doc(source_lang)
        if (source.get("status") or "published").lower() == "draft":
            continue
        when = doc_date(source, "date", config.timezone)
        if when is None:
            continue  # metadata.bad-date / missing-field report it
        row = StoryRow(
            rel=bundle.rel,
            section=bundle.section or "",
            title=source.get("title") or bundle.key,
            date=when.astimezone(config.timezone).date(),
            agency=source.get("agency"),
        )
        for lang in config.languages:
            if lang == source_lang:
                row.states[lang] = SOURCE
            elif lang in bundle.versions:
                row.states[lang] = (
                    STALE if stale_reason(bundle, bundle.doc(lang), site, config.timezone) else TRANSLATED
                )
            else:
                row.states[lang] = FALLBACK if policies.get(lang) == "fallback" else MISSING
            if row.states[lang] != MISSING:
                # A fallback is published at the language's address with the original's slug.
                doc = bundle.doc(lang if lang in bundle.versions else source_lang)
                row.urls[lang] = story_url(site, row.section, lang, doc.get("slug") or bundle.key)
        rows.append(row)
    registries = ctx.registries
    return ReportData(config, rows, {**registries.owners, **registries.agencies}, start, end, site)


def story_url(site: Site, section: str, lang: str, slug: str) -> str:
    """Return the address of a story's page in a language, as the engine publishes it (multilang/urls.py)."""
    spec = site.sections.get(section)
    if spec is None:
        return ""
    return site.url(f"{site.language(lang).prefix}{spec.slugs[lang]}/{slug}/")


CSV_HEADER = ["date", "agency", "section", "title", "languages", "source", "url"]


def write_csv(path: Path, rows: list[StoryRow]) -> None:
    """Write publications as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese right)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        for s in rows:
            writer.writerow(
                [
                    s.date.isoformat(),
                    s.agency or "",
                    s.section,
                    s.title,
                    " ".join(s.languages),
                    f"content/{s.rel}/",
                    s.url,
                ]
            )


def write_report(data: ReportData, langs: list[str] | None = None) -> Path:
    """Write the CSV files, and the HTML pages in each language (default: every site language)."""
    from .report_html import write_pages

    out = data.config.output_dir / data.config.report_path
    out.mkdir(parents=True, exist_ok=True)
    period = data.in_period()
    write_csv(out / "all.csv", period)
    for agency_id in data.agency_ids():
        write_csv(out / f"{agency_id}.csv", [s for s in period if s.agency == agency_id])
    write_pages(data, out, langs or data.config.languages)
    return out


def year_to_date(today: dt.date) -> tuple[dt.date, dt.date]:
    """Return the default period: from 1 January of today's year to today."""
    return dt.date(today.year, 1, 1), today


def main(argv: list[str] | None = None) -> int:
    """Build the report; exit 0, or 2 on bad arguments or settings."""
    parser = argparse.ArgumentParser(
        prog="python -m checker.report", description="Write the editorial report."
    )
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, help="last day (YYYY-MM-DD)")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"), help="Pelican settings file")
    parser.add_argument("--lang", default=None, help="write the HTML in one language only (default: all)")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.settings)
    except ConfigError as exc:
        sys.stderr.write(f"checker.report: {exc}\n")
        return 2
    # Default period: CHECKER_REPORT_PERIOD, else the current year to date.
    default_start, default_end = config.report_period or year_to_date(dt.date.today())
    start, end = args.start or default_start, args.end or default_end
    if end < start:
        parser.error(f"--to {end} is before --from {start}")
    try:
        data = collect(config, start, end)
    except ConfigError as exc:
        sys.stderr.write(f"checker.report: {exc}\n")
        return 2
    if args.lang is not None and args.lang not in config.languages:
        parser.error(f"--lang {args.lang}: not a site language ({', '.join(config.languages)})")
    out = write_report(data, [args.lang] if args.lang else None)
    count = len(data.in_period())
    sys.stdout.write(
        f"Report for {start} – {end}: {count} stor{'y' if count == 1 else 'ies'}, "
        f"{len(data.agency_ids())} agencies → {out}/index.html\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
