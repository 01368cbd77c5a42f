"""The catalogue of quangba's signals, in the order a build sends them.

Each line: who sends it · what receivers may change · what they may only read.
Plugins import the objects (`from model.signals import stories_ready`), so one
search finds every receiver. Pelican calls receivers in `PLUGINS` order.
Every signal is sent with the multilang generator as sender and `site=` the
`Site`.
"""

from __future__ import annotations

from blinker import signal

# multilang, once every story is read, addressed and its links resolved ·
# bodies (`_content`), declared extension fields (site.VERSION_EXTENSIONS,
# site.STORY_EXTENSIONS), `site.extra_pages`, `site.findings` (append) ·
# settings, registries, sources, URLs.
stories_ready = signal("multilang_stories_ready")

# multilang, right after stories_ready · `site.findings` (append) · everything
# else: bodies and pages are final (search indexes them, the checker checks).
content_final = signal("multilang_content_final")
