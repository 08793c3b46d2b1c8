"""Find a commune by its code, its current name or the name of a unit merged into it.

Residents still say the names of the 129 units merged away in July 2025 ("Thanh Minh"),
so a lookup answers with the commune that absorbed them. Names are compared folded
and with or without "Xã"/"Phường"/"Thị trấn".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from generator.text import fold_words

_CODE = re.compile(r"^\d{5}$")
_KINDS = (("xa",), ("phuong",), ("thi", "tran"))


class CommuneNotFound(LookupError):
    """A commune parameter that names no commune, or several."""


@dataclass(frozen=True)
class Key:
    """One way of naming a commune, folded."""

    words: tuple[str, ...]
    name: str
    former: bool


def name_keys(name: str, former: bool) -> list[Key]:
    """The folded name, and the same without its kind word ("xa thanh minh", "thanh minh")."""
    words = tuple(fold_words(name))
    keys = [Key(words, name, former)]
    for kind in _KINDS:
        if words[:len(kind)] == kind and len(words) > len(kind):
            keys.append(Key(words[len(kind):], name, former))
    return keys


class CommuneDirectory:
    """The communes of one index build, with every name they answer to."""

    def __init__(self, communes: Sequence[dict[str, Any]]) -> None:
        self.communes = list(communes)
        self.by_code = {c["code"]: c for c in self.communes}
        self.position = {c["code"]: i for i, c in enumerate(self.communes)}
        self.keys = [
            (c, key)
            for c in self.communes
            for name, former in [(c["name"], False), *((f, True) for f in c["former"])]
            for key in name_keys(name, former)
        ]
        # Exact names, for resolve(): a lookup per request instead of ranking every key.
        self.exact: dict[tuple[str, ...], list[tuple[dict[str, Any], Key]]] = {}
        for commune, key in self.keys:
            self.exact.setdefault(key.words, []).append((commune, key))

    def find(self, text: str) -> list[dict[str, Any]]:
        """Communes whose current or former name matches `text`, best first.

        Exact names first (current before former), then names that start with the
        words typed, then names containing them. Each commune appears once, with the
        name that matched.
        """
        words = tuple(fold_words(text))
        if _CODE.match(text.strip()) and text.strip() in self.by_code:
            return [self._answer(self.by_code[text.strip()], None, True)]
        if not words:
            return []
        best: dict[str, tuple[int, Key]] = {}
        for commune, key in self.keys:
            rank = _rank(words, key)
            code = commune["code"]
            if rank is not None and (code not in best or rank < best[code][0]):
                best[code] = (rank, key)
        order = sorted(best, key=lambda code: (best[code][0], self.position[code]))
        return [self._answer(self.by_code[code], best[code][1], best[code][0] <= 1) for code in order]

    def resolve(self, value: str) -> dict[str, Any]:
        """The one commune `value` means: a code, or an exact current or former name.

        Some former units were split between two communes ("Na Tông"): then the name
        alone cannot say which, and the error lists the candidates' codes.
        """
        value = value.strip()
        if _CODE.match(value):
            if value in self.by_code:
                return self.by_code[value]
            raise CommuneNotFound(f"không có xã, phường mã '{value}'")
        # The communes an exact current or former name points to, current names first, as find() orders them.
        found: dict[str, dict[str, Any]] = {}
        for commune, key in sorted(self.exact.get(tuple(fold_words(value)), ()),
                                   key=lambda item: (item[1].former, self.position[item[0]["code"]])):
            found.setdefault(commune["code"], self._answer(commune, key, True))
        exact = list(found.values())
        current = [c for c in exact if not c["matched"]["former"]]
        # "Mường Thanh" is a ward today and also a former ward merged elsewhere: today wins.
        if len(current) == 1 or len(exact) == 1:
            return self.by_code[(current or exact)[0]["code"]]
        if not exact:
            raise CommuneNotFound(f"không có xã, phường tên '{value}'")
        names = ", ".join(f"{c['code']} {c['name']}" for c in exact)
        raise CommuneNotFound(f"'{value}' names several communes ({names}); give a code")

    def _answer(self, commune: dict[str, Any], key: Key | None, exact: bool) -> dict[str, Any]:
        matched = {"name": key.name if key else commune["code"], "former": bool(key and key.former), "exact": exact}
        return {**commune, "matched": matched}


def _rank(words: tuple[str, ...], key: Key) -> int | None:
    """0/1: exact current/former name; 2/3: starts with the words; 4/5: contains them."""
    former = 1 if key.former else 0
    if key.words == words:
        return former
    if key.words[:len(words)] == words:
        return 2 + former
    n = len(words)
    if any(key.words[i:i + n] == words for i in range(len(key.words) - n + 1)):
        return 4 + former
    return None
