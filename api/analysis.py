"""How Vietnamese text becomes index terms, the same way for documents and for queries.

The tokenizer class is pickled into every index's schema: never move or rename
`FoldingTokenizer` without rebuilding the index, or the API cannot open it.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from whoosh.analysis import Token, Tokenizer

from generator.text import WORD, fold, nfc

# No stop list and no minimum length: "An" (An Bình) and "y" (y tế) are real syllables.


class FoldingTokenizer(Tokenizer):
    """Fold the whole string with text.fold(), then split it into words.

    Folding must come first: NFD text splits words at the combining marks ("Đa" + "ng").
    With `exact=True` the words keep their diacritics (NFC, lower case), for a field
    that lets a query typed with the right marks rank "hôn" above "hỏn".
    """

    def __init__(self, exact: bool = False) -> None:
        self.exact = exact

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and getattr(other, "exact", None) == self.exact

    __hash__ = None  # type: ignore[assignment]  # equal tokenizers need not hash alike

    def normalise(self, value: str) -> str:
        """The string the words are cut from: folded, or NFC lower case when exact."""
        return nfc(value).casefold() if self.exact else fold(value)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one token per word (Whoosh reuses a single Token object, as its own tokenizers do).

        Character offsets are offsets in the normalised string; for NFC Vietnamese text
        (everything the catalogue holds) folding keeps the length, so they match the original.
        """
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = self.normalise(value)
        matches = WORD.finditer(text) if tokenize else [re.match(r".*", text, re.S)]
        for pos, match in enumerate(matches):
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


def exact_words(text: str) -> list[str]:
    """The words of `text` with their diacritics kept (NFC, lower case)."""
    return [token.text for token in FoldingTokenizer(exact=True)(text)]


def has_marks(text: str) -> bool:
    """True when `text` was typed with Vietnamese diacritics (so exact matches should win)."""
    return fold(text) != nfc(text).casefold()
