"""The poster typeface and text measuring: Be Vietnam Pro, wrapped by measured width.

Be Vietnam Pro (SIL Open Font License 1.1) was designed for Vietnamese and comes from the
PyPI package `fontpkg-be-vietnam-pro`, so `pip install` gives every machine the same
font file. Pillow's built-in font prints ă, ơ, ư, đ and tone marks as boxes.

Text is laid out with Pillow's BASIC engine on purpose: with libraqm present or absent
the glyph positions would differ, and posters must come out byte-identical everywhere.
Catalogue text is NFC (catalogue.py), so every letter is one precomposed glyph. With BASIC
layout this font's hinted advances are whole pixels and simply add up (no kerning), so a
line's width is the sum of its letters' advances, each measured once: measuring whole
candidate lines instead cost 15 s per commune.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from PIL import ImageFont

FONT_PACKAGE = "fontpkg_be_vietnam_pro"
FACES = {"regular": "BeVietnamPro-Regular.ttf", "bold": "BeVietnamPro-Bold.ttf"}
LINE_SPACING = 1.45  # a line's box per type size: room for Ằ above and ạ below
LEADING = 1.35  # baseline to baseline within a paragraph: a descender can meet a stacked
# capital's marks (measured ink: Ằ 0.18 em above the ascender, ạ 0.25 em below the baseline)
# only when both fall at the same place, and the box of a paragraph's last line holds all
TOP_ROOM = 0.18  # of the type size: stacked marks (Ằ, Ễ) rise this far above the ascender


def font_path(face: str) -> str:
    """File system path of one face of the poster font."""
    return str(resources.files(FONT_PACKAGE) / "files" / FACES[face])


@lru_cache(maxsize=None)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """The poster font in `face` ("regular" or "bold") at `size` pixels."""
    return ImageFont.truetype(font_path(face), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=None)
def font_digest() -> str:
    """Hash of the font files: a new font version must redraw every cached poster."""
    digest = hashlib.sha256()
    for face in sorted(FACES):
        with open(font_path(face), "rb") as fh:
            digest.update(fh.read())
    return digest.hexdigest()


def line_height(size: int) -> int:
    """Height of one line's box (all its ink) for type of `size` pixels."""
    return round(size * LINE_SPACING)


@lru_cache(maxsize=None)
def ink_span(face: str, size: int, chars: str) -> tuple[int, int]:
    """Where the ink of `chars` starts and ends below the top of their line box, in pixels:
    a short line of known letters (a path of digits) can sit closer to what is around it."""
    boxes = [font(face, size).getbbox(char) for char in chars]
    room = round(TOP_ROOM * size)
    return room + min(box[1] for box in boxes), room + max(box[3] for box in boxes)


def line_step(size: int) -> int:
    """Distance from one line of a paragraph to the next for type of `size` pixels."""
    return round(size * LEADING)


@lru_cache(maxsize=None)
def _advances(face: str, size: int) -> dict[str, int]:
    """Letter -> advance in pixels for one face and size, filled as letters are met."""
    return {}


def advance(face: str, size: int, char: str) -> int:
    """Advance width of one letter in pixels."""
    table = _advances(face, size)
    if char not in table:
        table[char] = round(font(face, size).getlength(char))
    return table[char]


def text_width(face: str, size: int, text: str) -> int:
    """Advance width of `text` in pixels: the sum of its letters' advances."""
    table = _advances(face, size)
    try:
        return sum(map(table.__getitem__, text))
    except KeyError:
        return sum(advance(face, size, char) for char in text)


def wrap(text: str, face: str, size: int, width: int, first: int | None = None) -> list[str]:
    """Break `text` into lines no wider than `width` (`first` for the first line, if given).

    Words wider than a line are split between letters rather than cut off or let overflow.
    """
    return list(wrap_lines(text, face, size, (width,) if first is None else (first, width)))


@lru_cache(maxsize=32768)
def wrap_lines(text: str, face: str, size: int, widths: tuple[int, ...]) -> tuple[str, ...]:
    """Break `text` into lines, line i no wider than widths[i] (the last width for the rest):
    text running beside a code and then under it. Cached: a province prints the same names
    and dossiers in every commune."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        _fill(" ".join(paragraph.split()), face, size, widths, lines)
    return tuple(lines) or ("",)


def _fill(text: str, face: str, size: int, widths: tuple[int, ...], lines: list[str]) -> None:
    """Greedy line filling onto `lines`; widths add up, so a line's width is kept as words are added."""
    def room() -> int:
        return widths[min(len(lines), len(widths) - 1)]

    line, used = "", 0
    space = text_width(face, size, " ")
    for word in text.split(" "):
        extra = text_width(face, size, word)
        if (used + space + extra if line else extra) <= room():
            line, used = (f"{line} {word}", used + space + extra) if line else (word, extra)
            continue
        if line or (not lines and room() < widths[-1]):
            lines.append(line)  # an empty first line: nothing fits beside a label
        line, used = word, extra
        while used > room():
            head = _longest_prefix(line, face, size, room())
            lines.append(head)
            line = line[len(head):]
            used = text_width(face, size, line)
    lines.append(line)


def clip(lines: list[str] | tuple[str, ...], most: int, face: str, size: int, width: int) -> list[str]:
    """At most `most` lines; when text is cut, the last kept line ends in "…" within `width`.

    Legal text is never cut silently: the ellipsis shows where, and the code beside it
    leads to the whole text."""
    if len(lines) <= most:
        return list(lines)
    last = lines[most - 1]
    while last and text_width(face, size, f"{last} …") > width:
        last = last[:-1].rstrip()
    return [*lines[:most - 1], f"{last} …" if last else "…"]


def _longest_prefix(word: str, face: str, size: int, width: int) -> str:
    """The longest start of `word` that fits; at least one letter so wrapping ends."""
    cut = 1
    while cut < len(word) and text_width(face, size, word[: cut + 1]) <= width:
        cut += 1
    return word[:cut]


def fit_size(text: str, face: str, size: int, smallest: int, width: int) -> int | None:
    """The largest size from `size` down to `smallest` at which `text` fits on one line."""
    for candidate in range(size, smallest - 1, -1):
        if text_width(face, size=candidate, text=text) <= width:
            return candidate
    return None
