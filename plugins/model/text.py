"""Text normalisation: NFC, Vietnamese-aware slugs and search folds."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# NFD cannot decompose đ/Đ (they are letters, not d + mark), so map them first.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def nfc(text: str) -> str:
    """Return text in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Return text lower-cased without tone marks or diacritics, đ folded to d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def slugify(text: str) -> str:
    """Return an ASCII slug: Vietnamese transliterated, anything else dropped."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def is_slug(text: str) -> bool:
    """Tell whether text is a valid URL slug (lowercase ASCII, digits, hyphens)."""
    return bool(SLUG_RE.match(text))
