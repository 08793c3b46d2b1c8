"""Vietnamese text folding: the one place that knows about diacritics.

Residents type without diacritics ("dang ky khai sinh") and the site must still find
"Đăng ký khai sinh". The indexer and the query side both call `fold`, so they cannot
drift apart. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ is a letter of its own, not d + a combining mark, so NFD does not split it.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
# A word, once folded: Vietnamese syllables become [0-9a-z] runs. The search index, its
# queries and the offline search all cut words with this one pattern.
WORD = re.compile(r"\w+")


def nfc(text: str) -> str:
    """Return `text` in NFC, the form every stored and compared string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold case and diacritics so that "Đăng Ký" and "dang ky" compare equal."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def fold_words(text: str) -> list[str]:
    """The folded words of `text` ("Đăng ký, khai sinh" -> ["dang", "ky", "khai", "sinh"])."""
    return WORD.findall(fold(text))


def slugify(text: str) -> str:
    """Make an ASCII URL part from Vietnamese text ("Hộ tịch" -> "ho-tich")."""
    return _NON_WORD.sub("-", fold(text)).strip("-")
