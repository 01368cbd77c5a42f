"""The rule families, in the order their findings are produced."""

from __future__ import annotations

from . import (
    confidentiality,
    encoding,
    html,
    links,
    media,
    metadata,
    numbers,
    personal_data,
    structure,
    translations,
)

RULE_MODULES = [
    structure,
    encoding,
    metadata,
    translations,
    confidentiality,
    personal_data,
    media,
    html,
    links,
    numbers,
]
