"""Pages as data: what goes where, measured but not drawn.

A poster is first planned (text wrapped by measured width, blocks flowed into columns
and pages by flow.py), then written as a PDF (pdf.py) and previewed (draw.py). Planning
needs no pixels and no base URL, so the site can learn how many pages a board has
(`poster_files`) without drawing anything, and tests can check every box against the
margins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from generator.posters.fonts import clip, line_height, line_step, text_width, wrap, wrap_lines
from generator.posters.layout import RULE, Frame, Paper

BLACK, WHITE = 0, 1


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is the top of its line box."""

    x: int
    y: int
    text: str
    face: str
    size: int
    fill: int = BLACK

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + text_width(self.face, self.size, self.text),
                self.y + line_height(self.size))


@dataclass(frozen=True)
class Bar:
    """A filled rectangle: a field's heading band or a rule."""

    x: int
    y: int
    width: int
    height: int
    fill: int = BLACK

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class Code:
    """A square slot for a QR code and its quiet zone, pointing at a site path or a URL.

    The code is drawn with `module` pixels per module, or smaller down to `module_min`
    when its URL needs more modules than the slot holds at full size.
    """

    x: int
    y: int
    slot: int
    module: int
    module_min: int
    path: str | None = None
    url: str | None = None

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.slot, self.y + self.slot)


@dataclass(frozen=True)
class Link:
    """The typed form of a code's URL, in `width`, shrunk to fit down to `smallest`.

    `show` is "url" (host and path, as typed into a browser), "path" (the path only, where
    the sheet prints the host once) or "host"; `align` is "centre" or "left".
    """

    x: int
    y: int
    width: int
    path: str
    face: str
    size: int
    smallest: int
    show: str = "url"
    align: str = "centre"

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.width, self.y + line_height(self.size))


@dataclass(frozen=True)
class Foot:
    """The line at a page's foot: `left` and, set right, `right` (the page's place).

    On a trial print (codes pointing at this machine) it is drawn as a black band saying
    so instead of `left`, on every page; its size is the same either way, so a trial print
    is laid out exactly as the real one.
    """

    x: int
    y: int
    width: int
    left: str
    right: str
    size: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.width, self.y + line_height(self.size))


Item = Union[Text, Bar, Code, Link, Foot]


@dataclass(frozen=True)
class Page:
    """One planned page: its paper and every item on it, in page coordinates."""

    paper: Paper
    items: tuple[Item, ...]


def running_head(text: str, frame: Frame, size: int) -> list[Item]:
    """A bold line and a rule at the top of a continuation page, so a loose page is known."""
    items: list[Item] = text_lines(text, frame.left, frame.top, frame.width, "bold", size)
    items.append(Bar(frame.left, bottom(items), frame.width, RULE))
    return items


def foot_floor(frame: Frame, size: int, gap: int) -> int:
    """Where content must end to leave room for `running_foot`."""
    return frame.bottom - line_height(size) - 2 * gap


def running_foot(left: str, right: str, frame: Frame, size: int, gap: int) -> list[Item]:
    """A rule, then `left` and `right` at the page's foot (a trial band on trial prints)."""
    y = frame.bottom - line_height(size)
    return [Bar(frame.left, y - gap, frame.width, RULE), Foot(frame.left, y, frame.width, left, right, size)]


def shift(item: Item, dx: int, dy: int) -> Item:
    """The same item moved by (dx, dy)."""
    return replace(item, x=item.x + dx, y=item.y + dy)


def text_lines(text: str, x: int, y: int, width: int, face: str, size: int,
               fill: int = BLACK, most: int | None = None) -> list[Text]:
    """`text` wrapped to `width`, one Text per line, starting with its top at `y`; at most
    `most` lines (cut with "…")."""
    lines = wrap(text, face, size, width)
    if most:
        lines = clip(lines, most, face, size, width)
    step = line_step(size)
    return [Text(x, y + i * step, line, face, size, fill) for i, line in enumerate(lines)]


def around_lines(text: str, x: int, y: int, narrow: int, wide: int, until: int, face: str,
                 size: int, most: int | None = None) -> list[Text]:
    """`text` in lines `narrow` wide while they start above `until` (beside a code), then
    `wide` (under it); at most `most` lines (cut with "…")."""
    step = line_step(size)
    beside = max(0, -(-(until - y) // step))
    widths = (narrow,) * beside + (wide,)
    lines = list(wrap_lines(text, face, size, widths))
    if most and len(lines) > most:
        lines = clip(lines, most, face, size, widths[min(most - 1, len(widths) - 1)])
    return [Text(x, y + i * step, line, face, size) for i, line in enumerate(lines)]


def centred(text: str, left: int, top: int, width: int, face: str, size: int) -> list[Text]:
    """`text` wrapped to `width`, each line centred in it."""
    lines = text_lines(text, left, top, width, face, size)
    return [replace(line, x=left + (width - text_width(face, size, line.text)) // 2)
            for line in lines]


def labelled_lines(label: str, value: str, x: int, y: int, width: int, size: int,
                   most: int | None = None) -> list[Text]:
    """"Label: value" with the label in bold, the value wrapped after it."""
    return labelled_around(label, value, x, y, width, width, y, size, most)


def labelled_around(label: str, value: str, x: int, y: int, narrow: int, wide: int, until: int,
                    size: int, most: int | None = None) -> list[Text]:
    """"Label: value", the value's lines `narrow` wide while they start above `until`, then
    `wide`; at most `most` lines (cut with "…")."""
    head = f"{label}: "
    head_width = text_width("bold", size, head)
    step = line_step(size)
    beside = max(0, -(-(until - y) // step))
    widths = (((narrow - head_width,) + (narrow,) * (beside - 1) + (wide,)) if beside
              else (wide - head_width, wide))
    lines = list(wrap_lines(value, "regular", size, widths))
    if most and len(lines) > most:
        lines = clip(lines, most, "regular", size, widths[min(most - 1, len(widths) - 1)])
    items = [Text(x, y, head, "bold", size)]
    for i, line in enumerate(lines):
        if line:
            items.append(Text(x + (head_width if i == 0 else 0), y + i * step, line, "regular", size))
    return items


def bottom(items: list[Item] | tuple[Item, ...]) -> int:
    """The lowest edge of `items` (0 for none)."""
    return max((item.y + line_height(item.size) if isinstance(item, Text) else item.box[3]
                for item in items), default=0)
