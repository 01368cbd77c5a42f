"""HTML pages of the editorial report: static, no JavaScript, kept out of search engines."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from babel.dates import format_date
from babel.numbers import format_decimal

from .report import FALLBACK, MISSING, SOURCE, STALE, TRANSLATED, ReportData, StoryRow

LABELS = {
    "vi": {
        "title": "Báo cáo biên tập",
        "period": "Kỳ báo cáo",
        "matrix": "Bài viết × ngôn ngữ",
        "story": "Bài viết",
        "counts": "Số bài trong kỳ",
        "by_month": "Theo tháng",
        "by_agency": "Theo cơ quan",
        "by_section": "Theo chuyên mục",
        "by_language": "Theo ngôn ngữ (số phiên bản)",
        "agency_reports": "Báo cáo định kỳ của các cơ quan",
        "agency_report": "Báo cáo định kỳ kết quả thông tin đối ngoại trên trang",
        "to": "Kính gửi",
        "agency": "Cơ quan",
        "date": "Ngày",
        "section": "Chuyên mục",
        "languages": "Ngôn ngữ",
        "source_file": "Tệp nguồn",
        "total": "Tổng số",
        "versions": "phiên bản ngôn ngữ",
        "none": "Không có bài trong kỳ.",
        "unset": "(chưa cấu hình CHECKER_REPORT_RECIPIENT)",
        SOURCE: "bản gốc",
        TRANSLATED: "đã dịch",
        STALE: "bản dịch cũ",
        FALLBACK: "hiển thị bản gốc",
        MISSING: "chưa có",
    },
    "en": {
        "title": "Editorial report",
        "period": "Period",
        "matrix": "Stories × languages",
        "story": "Story",
        "counts": "Stories in the period",
        "by_month": "By month",
        "by_agency": "By agency",
        "by_section": "By section",
        "by_language": "By language (versions)",
        "agency_reports": "Agencies' periodic reports",
        "agency_report": "Periodic report of foreign-information publications on the site",
        "to": "To",
        "agency": "Agency",
        "date": "Date",
        "section": "Section",
        "languages": "Languages",
        "source_file": "Source file",
        "total": "Total",
        "versions": "language versions",
        "none": "No stories in the period.",
        "unset": "(CHECKER_REPORT_RECIPIENT is not configured)",
        SOURCE: "source",
        TRANSLATED: "translated",
        STALE: "stale",
        FALLBACK: "fallback",
        MISSING: "missing",
    },
}
STATE_MARK = {SOURCE: "●", TRANSLATED: "✓", STALE: "!", FALLBACK: "↩", MISSING: "·"}
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d232a}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #cfd6de;padding:.2rem .5rem;text-align:left}
td.n{text-align:right}td.s{text-align:center}.source{background:#dbeafe}.translated{background:#dcfce7}
.stale{background:#fef3c7}.fallback{background:#f3f4f6}.missing{color:#9ca3af}
.chart text{font-size:11px;fill:#1d232a}.chart rect{fill:#2563eb}
"""


def _page(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f'<body data-pagefind-ignore="all">\n<main>\n{body}\n</main>\n</body>\n</html>\n'
    )


def _date(day: dt.date, lang: str) -> str:
    return format_date(day, format="short" if lang == "en" else "dd/MM/yyyy", locale=lang)


def _period(data: ReportData, lang: str) -> str:
    return f"{_date(data.start, lang)} – {_date(data.end, lang)}"


def bar_chart(counts: Counter[str], keys: list[str], lang: str) -> str:
    """Return an inline SVG bar chart of counts per key (e.g. months), with a text alternative."""
    width, height, pad = max(320, 28 * len(keys) + 40), 180, 24
    top = max((counts[k] for k in keys), default=0) or 1
    bar = (width - 2 * pad) / max(len(keys), 1)
    parts = []
    for i, key in enumerate(keys):
        h = (height - 2 * pad) * counts[key] / top
        x = pad + i * bar
        y = height - pad - h
        parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{counts[key]}</text>')
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 8}" text-anchor="middle">'
            f"{escape(_month_label(key))}</text>"
        )
    summary = ", ".join(f"{k}: {format_decimal(counts[k], locale=lang)}" for k in keys)
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(summary)}</title>{"".join(parts)}</svg>'
    )


def _month_label(key: str) -> str:
    """Return "MM/YY" for a "YYYY-MM" key, short enough for a bar."""
    return f"{key[5:7]}/{key[2:4]}" if len(key) == 7 else key


def _section_names(data: ReportData, lang: str) -> dict[str, str]:
    sections = data.config.raw.get("MULTILANG_SECTIONS", {})
    return {sid: ((spec or {}).get(lang) or {}).get("name", sid) for sid, spec in sections.items()}


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _count_table(counts: Counter[str], names: dict[str, str], head: str, lang: str) -> str:
    rows = "".join(
        f'<tr><td>{escape(names.get(k, k))}</td><td class="n">{format_decimal(n, locale=lang)}</td></tr>'
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return f"<table><tr><th>{escape(head)}</th><th>#</th></tr>{rows}</table>"


def index_page(data: ReportData, lang: str) -> str:
    """Return the report's main page."""
    t = LABELS[lang]
    langs = data.config.languages
    agencies = {k: a.name(lang) for k, a in data.agencies.items()}
    head = "".join(f"<th>{escape(code)}</th>" for code in langs)
    rows = []
    for s in sorted(data.stories, key=lambda s: (s.date, s.rel), reverse=True):
        cells = "".join(
            f'<td class="s {s.states[c]}" title="{escape(t[s.states[c]])}">{STATE_MARK[s.states[c]]}</td>'
            for c in langs
        )
        rows.append(f"<tr><td>{_date(s.date, lang)}</td><td>{escape(s.title)}</td>{cells}</tr>")
    legend = " · ".join(
        f"{STATE_MARK[k]} {escape(t[k])}" for k in (SOURCE, TRANSLATED, STALE, FALLBACK, MISSING)
    )
    reports = "".join(
        f'<li><a href="{escape(a)}.html">{escape(agencies.get(a, a))}</a> '
        f'(<a href="{escape(a)}.csv">CSV</a>)</li>'
        for a in data.agency_ids()
    )
    months = _months(data.start, data.end)
    body = f"""<h1>{escape(t["title"])}</h1>
<p>{escape(t["period"])}: {_period(data, lang)} · <a href="all.csv">all.csv</a></p>
<h2>{escape(t["counts"])}: {format_decimal(len(data.in_period()), locale=lang)}</h2>
<h3>{escape(t["by_month"])}</h3>
{bar_chart(data.counts("month"), months, lang)}
<h3>{escape(t["by_agency"])}</h3>
{_count_table(data.counts("agency"), agencies, t["agency"], lang)}
<h3>{escape(t["by_section"])}</h3>
{_count_table(data.counts("section"), _section_names(data, lang), t["section"], lang)}
<h3>{escape(t["by_language"])}</h3>
{_count_table(data.counts("language"), {}, t["languages"], lang)}
<h2>{escape(t["agency_reports"])}</h2>
<ul>{reports}</ul>
<h2>{escape(t["matrix"])}</h2>
<p>{legend}</p>
<table><tr><th>{escape(t["date"])}</th><th>{escape(t["story"])}</th>{head}</tr>
{"".join(rows)}
</table>"""
    return _page(t["title"], body, lang)


def agency_page(data: ReportData, agency_id: str, rows: list[StoryRow], lang: str) -> str:
    """Return one agency's periodic report for the period."""
    t = LABELS[lang]
    agency = data.agencies.get(agency_id)
    name = agency.name(lang) if agency else agency_id
    recipient = data.config.recipient(lang) or t["unset"]
    sections = _section_names(data, lang)
    lines = "".join(
        f"<tr><td>{_date(s.date, lang)}</td><td>{escape(sections.get(s.section, s.section))}</td>"
        f"<td>{escape(s.title)}</td>"
        f"<td>{escape(' '.join(s.languages))}</td><td>content/{escape(s.rel)}/</td></tr>"
        for s in rows
    )
    table = (
        f"<table><tr><th>{escape(t['date'])}</th><th>{escape(t['section'])}</th><th>{escape(t['story'])}</th>"
        f"<th>{escape(t['languages'])}</th><th>{escape(t['source_file'])}</th></tr>{lines}</table>"
        if rows
        else f"<p>{escape(t['none'])}</p>"
    )
    versions = sum(len(s.languages) for s in rows)
    body = f"""<p>{escape(t["to"])}: {escape(recipient)}</p>
<h1>{escape(t["agency_report"])}</h1>
<p>{escape(t["agency"])}: <strong>{escape(name)}</strong><br>
{escape(t["period"])}: {_period(data, lang)}<br>
{escape(t["total"])}: {format_decimal(len(rows), locale=lang)} \
({format_decimal(versions, locale=lang)} {escape(t["versions"])})</p>
{table}
<p><a href="{escape(agency_id)}.csv">CSV</a> · <a href="index.html">{escape(t["title"])}</a></p>"""
    return _page(f"{t['agency_report']} — {name}", body, lang)
