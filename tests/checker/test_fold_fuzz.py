"""Hypothesis: folding, the marking matcher, the personal-data patterns and the attachment reader never crash."""

from __future__ import annotations

from pathlib import Path

from checker.attachments import Limits, read_attachment
from checker.fold import fold
from checker.markings import MarkingMatcher
from checker.rules.personal_data import Known, find_personal
from checker.settings import DEFAULTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CLASSIFIED = MarkingMatcher(tuple(DEFAULTS["CHECKER_CLASSIFIED_MARKINGS"]))
KNOWN = Known(frozenset(), frozenset(), frozenset({"gmail.com"}))
# Letters of the markings, their look-alikes, marks, invisible and fullwidth characters, digits.
ALPHABET = st.sampled_from(
    list("TUYỆẬMOPSECRÊÂtuyệậmopsecrêâ0123456789 -.:()+@#*")
    + ["\u200b", "\u200d", "\u0302", "\u0323", "\u0301", "Ｔ", "Ｍ", "Т", "М", "Ο", "０", "\ufeff", "\u00ad"]
)
TEXT = st.one_of(st.text(max_size=60), st.text(ALPHABET, max_size=60))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fold_keeps_a_valid_map_back_to_the_line(text: str) -> None:
    folded = fold(text)
    assert len(folded.ascii) == len(folded.text)
    for start in range(len(folded.text) + 1):
        s, e = folded.span(start, min(start + 3, len(folded.text)))
        assert 0 <= s <= e <= len(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_matcher_and_personal_data_spans_lie_in_the_line(text: str, heading: bool) -> None:
    for hit in CLASSIFIED.find(text, heading=heading):
        assert 0 <= hit.start < hit.end <= len(text)
    for _, start, end, _ in find_personal(text, KNOWN):
        assert 0 <= start < end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".pdf", ".docx", ".xlsx", ".odt", ".zip", ".csv", ".svg"]))
def test_any_bytes_are_read_or_said_unreadable(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    extract = read_attachment(path, Limits())
    assert extract is not None
    assert extract.error is None or extract.error
