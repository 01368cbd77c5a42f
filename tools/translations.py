"""Extract UI strings from the theme and update every language's catalogs.

Each gettext domain has an owner (the theme, or a plugin's templates) so that
catalogs can be kept by different people without editing one file; the build
loads and merges every domain of a language.

    python -m tools.translations            # extract and update all catalogs
    python -m tools.translations --init xx  # also create catalogs for language xx
    python -m tools.translations --domain search  # only one domain
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import logging
import os
import sys

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

logger = logging.getLogger(__name__)

TEMPLATES = "themes/quangba/templates"
TRANSLATIONS = "translations"
SOURCE_LANG = "en"  # msgids are English; a missing translation shows English
# domain -> template file patterns (relative to TEMPLATES); first match wins.
DOMAINS = {
    "search": ["search*.html"],
    "feeds": ["embed*.html", "widget*.html", "feeds_*.html"],
    "invest": ["invest*.html"],  # collections: projects, parks, documents (plugins/model/invest.py)
    "directory": ["directory*.html"],  # the agency directory (plugins/multilang/directory.py)
    "report": ["report*.html"],  # the editorial report (plugins/checker/report_html.py)
    "home": ["home*.html"],  # the home page's hero and key facts (plugins/model/keyfacts.py)
    "gallery": ["gallery*.html"],  # photo galleries (plugins/model/visit.py GALLERY)
    "map": ["map*.html"],  # the maps (plugins/multilang/maps.py, docs/map.md)
    # what a language lacks: "not available" pages, empty sections, credit labels (multilang/coverage.py)
    "coverage": ["unavailable*.html", "coverage*.html"],
    "messages": ["*.html"],
}
JINJA = "jinja2.ext:babel_extract"
OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}


def domain_of(name: str) -> str:
    """Return the domain a template's strings belong to."""
    return next(d for d, patterns in DOMAINS.items() if any(fnmatch.fnmatch(name, p) for p in patterns))


def extract(domain: str) -> Catalog:
    """Collect the msgids of one domain from the templates."""
    catalog = Catalog(project="quangba", domain=domain, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        TEMPLATES, method_map=[("**.html", JINJA)], options_map={"**.html": OPTIONS}
    ):
        if domain_of(os.path.basename(filename)) == domain:
            catalog.add(
                message,
                None,
                [(os.path.join(TEMPLATES, filename), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def languages() -> list[str]:
    """Return the languages that have a catalog folder."""
    if not os.path.isdir(TRANSLATIONS):
        return []
    return sorted(
        d for d in os.listdir(TRANSLATIONS) if os.path.isdir(os.path.join(TRANSLATIONS, d, "LC_MESSAGES"))
    )


def update(lang: str, domain: str, template: Catalog) -> None:
    """Create or update one language's catalog of a domain, keeping translations."""
    path = os.path.join(TRANSLATIONS, lang, "LC_MESSAGES", f"{domain}.po")
    if os.path.exists(path):
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain)
    else:
        catalog = Catalog(locale=lang, domain=domain, project="quangba", charset="utf-8")
    if not len(template) and not os.path.exists(path):
        return
    catalog.update(template, update_creation_date=False)
    # Fixed dates keep the files stable: no churn in diffs on every run.
    catalog.creation_date = catalog.revision_date = dt.datetime(2000, 1, 1)
    catalog.copyright_holder = "quangba"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "quangba translators"
    catalog.language_team = f"{lang}"
    catalog.fuzzy = False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, ignore_obsolete=True, sort_output=False)


def main(argv: list[str] | None = None) -> int:
    """Extract every domain and update each language's catalogs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--init", metavar="LANG", help="create catalogs for a new language")
    parser.add_argument("--domain", choices=list(DOMAINS), help="only this domain's catalogs")
    args = parser.parse_args(argv)
    langs = languages()
    if args.init:
        langs = sorted(set(langs) | {args.init})
    for domain in [args.domain] if args.domain else DOMAINS:
        template = extract(domain)
        for lang in langs:
            if lang != SOURCE_LANG:
                update(lang, domain, template)
        print(f"{domain}: {len(template)} messages, {len(langs)} languages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
