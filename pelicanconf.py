"""Development settings for the quangba demo site (Hòa Bình foreign information).

publishconf.py imports this file and overrides only what production needs.
"""

from __future__ import annotations

# --- Site identity ---------------------------------------------------------
# The names shown in the header; per language, with the owner that applies on
# a given date in data/agencies.yml (the province changed in July 2025).
SITENAME = "Thông tin đối ngoại Hòa Bình"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"

# The site's name in each language (SITENAME is the fallback).
MULTILANG_SITE_NAME = {
    "vi": "Thông tin đối ngoại Hòa Bình",
    "en": "Hòa Bình Foreign Information",
    "ja": "ホアビン対外情報",
    "ko": "호아빈 대외 정보",
    "zh": "和平省对外信息",
    "fr": "Information extérieure de Hòa Bình",
}

# --- Engine: paths and plugins -----------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/quangba"
PLUGIN_PATHS = ["plugins"]
# Always explicit: with PLUGINS unset Pelican loads every installed namespace
# plugin, and the bench baseline installs pelican-i18n-subsites. Pelican calls
# signal receivers in this order: "search" before "checker" lets the indexer
# start in the background before the (single-process) checks run.
PLUGINS = ["atomic_output", "multilang", "images", "feeds", "imprint", "search", "checker"]

# Stories and pages are read by the multilang plugin's own generator (one pass,
# every language); Pelican's article/page generators get nothing to read.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
READERS = {"rst": None, "html": None, "htm": None}  # no docutils "vi" warning

# Content cache: a warm rebuild reads only what changed.
CACHE_PATH = ".cache/pelican"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "mtime"
GZIP_CACHE = False  # gzip made saving and loading the cache the slowest step of a rebuild

# No smarty or toc: each costs ~15% of the reading time; attr_list (in extra)
# lets editors give a heading an id: `## Heading {#id}`.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}

# Pelican's own list pages are replaced by per-language ones from multilang.
DIRECT_TEMPLATES: list[str] = []
ARCHIVES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}

# --- Languages ---------------------------------------------------------------
# Order is the order of the language switcher. The default language lives at
# the site root, every other one under /<code>/. `untranslated` is the policy
# for stories without a version in that language: "hide" or "fallback".
DEFAULT_LANG = "vi"
MULTILANG_LANGUAGES = {
    "vi": {"name": "Tiếng Việt", "locale": "vi", "og_locale": "vi_VN", "untranslated": "hide"},
    "en": {"name": "English", "locale": "en", "og_locale": "en_US", "untranslated": "fallback"},
    "ja": {"name": "日本語", "locale": "ja", "og_locale": "ja_JP", "untranslated": "hide"},
    "ko": {"name": "한국어", "locale": "ko", "og_locale": "ko_KR", "untranslated": "hide"},
    "zh": {
        "name": "简体中文",
        "html_lang": "zh-Hans",
        "locale": "zh_Hans_CN",
        "og_locale": "zh_CN",
        "untranslated": "hide",
    },
    "fr": {"name": "Français", "locale": "fr", "og_locale": "fr_FR", "untranslated": "fallback"},
}
# Where a language has no version of a page (About, Contact…) or no name in a
# registry (agencies, terms), the first of these that has one is shown, marked
# with its own language; the default language (vi) ends every chain.
MULTILANG_FALLBACK = {
    "en": ["vi"],
    "ja": ["en", "vi"],
    "ko": ["en", "vi"],
    "zh": ["en", "vi"],
    "fr": ["en", "vi"],
}
# A section with nothing in a language leaves that language's menu and home page.
MULTILANG_HIDE_EMPTY_SECTIONS = True

# --- Sections ----------------------------------------------------------------
# content/<section id>/<story>/index.<lang>.md; a name and URL slug per language.
MULTILANG_SECTIONS = {
    "culture": {
        "vi": {"name": "Văn hóa", "slug": "van-hoa"},
        "en": {"name": "Culture", "slug": "culture"},
        "ja": {"name": "文化", "slug": "culture"},
        "ko": {"name": "문화", "slug": "culture"},
        "zh": {"name": "文化", "slug": "culture"},
        "fr": {"name": "Culture", "slug": "culture"},
    },
    "tourism": {
        "vi": {"name": "Du lịch", "slug": "du-lich"},
        "en": {"name": "Tourism", "slug": "tourism"},
        "ja": {"name": "観光", "slug": "tourism"},
        "ko": {"name": "관광", "slug": "tourism"},
        "zh": {"name": "旅游", "slug": "tourism"},
        "fr": {"name": "Tourisme", "slug": "tourisme"},
    },
    "investment": {
        "vi": {"name": "Đầu tư", "slug": "dau-tu"},
        "en": {"name": "Investment", "slug": "investment"},
        "ja": {"name": "投資", "slug": "investment"},
        "ko": {"name": "투자", "slug": "investment"},
        "zh": {"name": "投资", "slug": "investment"},
        "fr": {"name": "Investissement", "slug": "investissement"},
    },
    "news": {
        "vi": {"name": "Tin tức", "slug": "tin-tuc"},
        "en": {"name": "News", "slug": "news"},
        "ja": {"name": "ニュース", "slug": "news"},
        "ko": {"name": "뉴스", "slug": "news"},
        "zh": {"name": "新闻", "slug": "news"},
        "fr": {"name": "Actualités", "slug": "actualites"},
    },
}

# --- Registries (data files) ---------------------------------------------------
# Agencies and the site owner, with names per language and validity dates.
MULTILANG_AGENCIES_FILE = "data/agencies.yml"
# Tag terms: one term, a name and slug per language.
MULTILANG_TERMS_FILE = "data/terms.yml"

# --- Lists -------------------------------------------------------------------
DEFAULT_PAGINATION = 12
MULTILANG_HOME_LATEST = 4  # stories per section on the home page

# --- The map (docs/map.md) -----------------------------------------------------
# None: the maps are SVG, no script is loaded and the CSP is the default one. A
# tile source draws them on tiles with the vendored Leaflet; its origin is then
# added to the CSP's img-src. For example:
# MULTILANG_MAP_TILES = {
#     "url": "https://tiles.example.gov.vn/{z}/{x}/{y}.png",
#     "attribution": "© OpenStreetMap contributors",
#     "attribution_url": "https://www.openstreetmap.org/copyright",
#     "max_zoom": 18,
# }
MULTILANG_MAP_TILES = None

# --- Plugins' settings ---------------------------------------------------------
# Images (docs/images.md): derivatives at these widths, never upscaled; AVIF and
# WebP plus a JPEG/PNG fallback, all without metadata. CI keeps the cache.
IMAGES_WIDTHS = [480, 960, 1600]
IMAGES_FORMATS = ["avif", "webp"]
IMAGES_AVIF_QUALITY = 55
IMAGES_AVIF_SPEED = 8  # ~4x faster than speed 6 for ~4% more bytes
IMAGES_WEBP_QUALITY = 80
IMAGES_JPEG_QUALITY = 80
IMAGES_SIZES = "(min-width: 50rem) 50rem, 100vw"  # the theme's text column
IMAGES_COVER_SIZES = "(min-width: 75rem) 75rem, 100vw"
IMAGES_CACHE_PATH = ".cache/images"
IMAGES_PUBLISH_ORIGINALS: list[str] = []  # globs of originals to publish as they are
IMAGES_MAX_PIXELS = 100_000_000  # decompression-bomb limit
IMAGES_WARN_BYTES = 20_000_000

# Feeds, embeds, sitemap and security headers (docs/partners.md).
FEEDS_MAX_ITEMS = 20
FEEDS_WIDGET_ITEMS = 5
# Partner sites allowed to frame the widgets: scheme and host, e.g. "https://mofa.gov.vn".
FEEDS_PARTNER_ORIGINS: list[str] = []
# The authority of feed entry ids: a domain the owner controls, so ids survive a host move.
FEEDS_TAG_AUTHORITY = "thongtindoingoai.hoabinh.example"

# Content checker (docs/checking.md): errors are listed in development builds
# and fail the build in publishconf.py; `make check` runs it on its own.
CHECKER_STRICT = False
# Who receives the agencies' periodic foreign-information reports (make report).
CHECKER_REPORT_RECIPIENT = {
    "vi": "Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ",
    "en": "Phú Thọ Department of Culture, Sports and Tourism",
}

# Search (docs/search.md): one Pagefind index per language, built beside the page
# rendering; SEARCH_* defaults live in plugins/search/settings.py.
