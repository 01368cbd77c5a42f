"""The allow-list itself: whatever HTML goes in, nothing executable comes out, and every change is named."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from model.sanitise import Locator, Policy, sanitise, script_json

PIECES = [
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<a href=",
    "<img src=",
    "<iframe src=",
    "<svg>",
    "<math>",
    "<p",
    ">",
    "/>",
    '"',
    "'",
    " onerror=",
    " onclick=",
    " style=",
    " srcset=",
    "javascript:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;",
    "&colon;",
    "data:text/html,",
    "vbscript:",
    "https://evil.example/",
    "https://www.youtube.com/embed/x",
    "alert(1)",
    "<template>",
    "<noscript>",
    "<table><tr><td>",
    "\x00",
    "\u2028",
    " ",
]
DANGEROUS = re.compile(r"^(javascript|vbscript|data):")


class _Audit(HTMLParser):
    """Collect what a browser would run from an HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg", "math", "object", "embed", "form", "base", "meta", "link"):
            self.problems.append(tag)
        for name, value in attrs:
            squeezed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or DANGEROUS.match(squeezed) or name == "style":
                self.problems.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=25))
@example(["<iframe src=", "<script>", "<script>"])  # found by Hypothesis: text inside an iframe
def test_nothing_executable_survives_and_every_change_is_named(parts: list[str]) -> None:
    html = "".join(parts)
    cleaned, removals = sanitise(html, Policy())
    audit = _Audit()
    audit.feed(cleaned)
    audit.close()
    assert audit.problems == [], (html, cleaned)
    again, second = sanitise(cleaned, Policy())
    assert again == cleaned and second == []  # idempotent: clean output is left alone
    line = Locator(html.split("\n"), 0)
    for removal in removals:
        assert removal.message
        assert 1 <= line.line(removal.needles) <= html.count("\n") + 1


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.text() | st.integers() | st.booleans(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)
    )
)
def test_script_json_has_no_html_specials_and_parses_back(value: object) -> None:
    import json

    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value
