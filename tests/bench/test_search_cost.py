"""bench/search_cost.py reads Pagefind's CPU time from the build log the search plugin writes."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import search_cost  # bench/search_cost.py

# As Pelican's console handler prints the search plugin's INFO line: wrapped.
LOG = """\
[18:01:02] INFO     search: 6006 pages in the index (en 1603, fr generator.py:57
                    600, ja 600, ko 600, vi 2003, zh 600);
                    indexed: en, fr, ja, ko, vi, zh; unchanged:
                    none; ready 19.8 s after the content was
                    read (Pagefind: 12.3 s CPU)
"""


def test_pagefind_cpu_is_read_from_a_wrapped_log_line(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text(LOG, encoding="utf-8")
    assert search_cost.pagefind_cpu(log) == 12.3


def test_no_search_line_gives_none(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text("Done: Processed 0 articles\n", encoding="utf-8")
    assert search_cost.pagefind_cpu(log) is None


def test_the_log_message_still_says_what_the_bench_reads() -> None:
    source = (ROOT / "plugins" / "search" / "generator.py").read_text(encoding="utf-8")
    assert "(Pagefind: %.1f s CPU)" in source
