"""Baseline for bench/run.py: stock Pelican 4.12 + pelican-i18n-subsites 1.0.0.

Reads the benchmark corpus (our content format) as plain Pelican articles with
the default theme, one i18n sub-site per language. bench/run.py passes the
content folder, OUTPUT_PATH and CACHE_PATH on the command line; this file runs
only inside bench/.venv-baseline/ (never in the main .venv: see ANCHORS.md).
"""

from __future__ import annotations

SITENAME = "Thông tin đối ngoại Hòa Bình"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
# THEME is left unset: Pelican's default theme (notmyidea).

# Explicit, so only the plugin under test is loaded.
PLUGINS = ["i18n_subsites"]
I18N_SUBSITES: dict[str, dict[str, str]] = {
    "en": {},
    "ja": {},
    "ko": {},
    "zh": {},
    "fr": {},
}
# I18N_UNTRANSLATED_ARTICLES / _PAGES keep their default ("hide").

# Stories are content/<section>/<key>/index.<lang>.md, static pages
# content/pages/<page>/index.<lang>.md. The section folder becomes the
# category, the story folder the slug (Pelican's default translation id),
# the file name the language.
ARTICLE_PATHS = ["culture", "tourism", "investment", "news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
PATH_METADATA = r"(?P<category>[^/]+)/(?P<slug>[^/]+)/index\.[a-z]{2}\.md"
FILENAME_METADATA = r"index\.(?P<lang>[a-z]{2})"
USE_FOLDER_AS_CATEGORY = False
# Only the source file carries Date (translations inherit it in quangba's
# format); stock Pelican skips an article without a date, so translations
# take their file's modification time instead.
DEFAULT_DATE = "fs"

# With DEFAULT_LANG "vi" docutils warns even without .rst files.
READERS = {"rst": None}

# Same list length as quangba's section and tag lists.
DEFAULT_PAGINATION = 12

# No feeds: the comparison is about pages (see bench/README.md).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
