"""HTML pages of the editorial report: the theme's report_*.html templates, the UI catalogs, Babel.

One set of pages per site language (the default language in _report/, the
others in _report/<lang>/), linked by a language switch; static, no
JavaScript, kept out of search engines. The theme's style sheet and
report.css are copied beside them, so the report reads the same whether or
not a build is in output/.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup
from model.site import Language
from multilang.l10n import compile_catalogs, load_translations

from .report import ReportData, StoryRow

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_THEME = ROOT / "themes" / "quangba"
BUNDLED_TRANSLATIONS = ROOT / "translations"
STYLES = ("main.css", "report.css")
TEMPLATE = "report_index.html"

# The bar chart's geometry in SVG units: a slot per month wide enough for the
# longest CLDR abbreviation we ship ("Tháng 12"), so labels never overlap.
SLOT, PAD, TOP, BARS, LABEL_ROWS = 64, 8, 22, 140, 40


@dataclass(frozen=True)
class Bar:
    """One month of the chart: its bar, its count and its label (the year under January and the first)."""

    x: float
    y: float
    width: float
    height: float
    centre: float
    count: str
    label: str
    year: str


@dataclass(frozen=True)
class Chart:
    """An inline SVG bar chart and its text alternative."""

    width: int
    height: int
    baseline: int
    bars: tuple[Bar, ...]
    summary: str


def theme_dir(config: Any) -> Path:
    """Return the theme whose report templates to use: THEME when it has them, else the bundled one."""
    theme = config.raw.get("THEME")
    if theme and (Path(theme) / "templates" / TEMPLATE).is_file():
        return Path(theme)
    return BUNDLED_THEME


def translations_dir(config: Any) -> Path:
    """Return the catalogs' folder: MULTILANG_TRANSLATIONS_DIR when it exists, else the bundled one."""
    folder = Path(config.raw.get("MULTILANG_TRANSLATIONS_DIR") or "translations")
    return folder if folder.is_dir() else BUNDLED_TRANSLATIONS


def environment(theme: Path) -> jinja2.Environment:
    """Return a Jinja environment on the theme's templates with gettext."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return the first day of every month the period touches."""
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def bar_count(counts: Counter[str], day: dt.date, locale: Locale) -> str:
    """Return the formatted count of a month."""
    return format_decimal(counts[day.strftime("%Y-%m")], locale=locale)


def month_chart(counts: Counter[str], period: list[dt.date], locale: Locale) -> Chart:
    """Return the bars of the stories per month, labelled in the locale's month abbreviations."""
    top = max((counts[d.strftime("%Y-%m")] for d in period), default=0) or 1
    bars = []
    for i, day in enumerate(period):
        n = counts[day.strftime("%Y-%m")]
        height = BARS * n / top
        x = PAD + i * SLOT
        bars.append(
            Bar(
                x=x + 8,
                y=TOP + BARS - height,
                width=SLOT - 16,
                height=height,
                centre=x + SLOT / 2,
                count=bar_count(counts, day, locale),
                label=format_date(day, "LLL", locale=locale),
                year=format_date(day, "y", locale=locale) if i == 0 or day.month == 1 else "",
            )
        )
    summary = ", ".join(
        f"{format_date(d, 'LLLL y', locale=locale)}: {bar_count(counts, d, locale)}" for d in period
    )
    width = 2 * PAD + SLOT * max(len(period), 1)
    return Chart(width, TOP + BARS + LABEL_ROWS, TOP + BARS, tuple(bars), summary)


class ReportPage:
    """What the report templates show in one language: names, formatted values, links."""

    def __init__(self, data: ReportData, language: Language, langs: list[str]):
        self.data = data
        self.language = language
        self.code = language.code
        self.locale = language.babel
        site = data.site
        depth = language.prefix.count("/")
        self.root = "../" * depth  # from this language's folder back to _report/
        self.languages = [(site.language(code), "../" * depth + site.language(code).prefix) for code in langs]
        self.site_languages = list(data.config.languages)
        self.recipient = data.config.recipient(self.code)

    def date(self, day: dt.date) -> str:
        """Format a day in the page's language (CLDR medium)."""
        return format_date(day, "medium", locale=self.locale)

    def number(self, value: int) -> str:
        """Format a count in the page's language."""
        return format_decimal(value, locale=self.locale)

    def agency(self, agency_id: str | None) -> str:
        """Return an agency's name in the page's language, or its id when unknown."""
        agency = self.data.agencies.get(agency_id or "")
        return agency.name(self.code) if agency else (agency_id or "—")

    def section(self, section_id: str) -> str:
        """Return a section's name in the page's language."""
        section = self.data.site.sections.get(section_id)
        return (section.names.get(self.code) or section_id) if section else (section_id or "—")

    def lang_attr(self, code: str) -> Markup:
        """Return ` lang="…"` for text in another language than the page's, else nothing."""
        if code == self.code:
            return Markup("")
        return Markup(' lang="{}"').format(self.data.site.language(code).html_lang)

    def language_name(self, code: str) -> str:
        """Return a site language's native name."""
        return self.data.site.language(code).name

    def counts(self, key: str) -> list[tuple[str, str]]:
        """Return (name, formatted count) rows, most first, for agency, section or language."""
        name = {"agency": self.agency, "section": self.section, "language": self.language_name}[key]
        ordered = sorted(self.data.counts(key).items(), key=lambda kv: (-kv[1], kv[0]))
        return [(name(k) if k != "—" else k, self.number(n)) for k, n in ordered]

    def versions(self, rows: list[StoryRow]) -> int:
        """Return how many language versions the stories have in all."""
        return sum(len(s.languages) for s in rows)

    def chart(self) -> Chart:
        """Return the chart of stories per month over the period."""
        return month_chart(self.data.counts("month"), months(self.data.start, self.data.end), self.locale)

    def matrix(self) -> list[StoryRow]:
        """Return every story, newest first, for the story × language matrix."""
        return sorted(self.data.stories, key=lambda s: (s.date, s.rel), reverse=True)


def write_pages(data: ReportData, out: Path, langs: list[str]) -> None:
    """Write index.html and one page per agency in each language, and copy the style sheets."""
    theme = theme_dir(data.config)
    for name in STYLES:
        shutil.copyfile(theme / "static" / "css" / name, out / name)
    env = environment(theme)
    catalogs = translations_dir(data.config)
    compile_catalogs(str(catalogs), langs)
    period = data.in_period()
    for code in langs:
        env.install_gettext_translations(load_translations(str(catalogs), code), newstyle=True)  # type: ignore[attr-defined]
        page = ReportPage(data, data.site.language(code), langs)
        folder = out / page.language.prefix
        folder.mkdir(parents=True, exist_ok=True)
        html = env.get_template("report_index.html").render(report=page, data=data, page_file="index.html")
        (folder / "index.html").write_text(html, encoding="utf-8")
        for agency_id in data.agency_ids():
            rows = [s for s in period if s.agency == agency_id]
            html = env.get_template("report_agency.html").render(
                report=page, data=data, agency_id=agency_id, rows=rows, page_file=f"{agency_id}.html"
            )
            (folder / f"{agency_id}.html").write_text(html, encoding="utf-8")
