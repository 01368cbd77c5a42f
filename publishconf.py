"""Production settings: pelicanconf.py with what publishing changes."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# --- Production ----------------------------------------------------------------
# Absolute URLs in pages, feeds and the sitemap. CI sets QUANGBA_SITEURL to the
# deployment address (e.g. the GitHub Pages URL).
SITEURL = os.environ.get("QUANGBA_SITEURL", "https://thongtindoingoai.hoabinh.example")
RELATIVE_URLS = False

# Content findings have the same level here as in `make html` and `make check`
# (one verdict): production may raise a rule to "error" in CHECKER_LEVELS,
# never lower one (tests/test_verdict.py holds it to that).
