"""Pages as data: what goes where, measured but not drawn.

A poster is first planned (text wrapped by measured width, blocks flowed into columns
and pages), then painted by draw.py. Planning needs no pixels and no base URL, so the
site can learn how many pages a board has (`poster_files`) without drawing anything,
and tests can check every box against the margins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Union

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
class Block:
    """Items placed relative to (0, 0), moved as one; a heading keeps with the next block."""

    height: int
    items: tuple[Item, ...]
    keep_with_next: bool = False


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


def paginate(paper: Paper, first: list[Item], later: list[Item], pages: list[list[Item]],
             foot: Callable[[int, int], list[Item]]) -> list[Page]:
    """Pages from flowed content: the first page's header, then the running head, and a foot."""
    return [Page(paper, tuple((first if n == 1 else later) + items + foot(n, len(pages))))
            for n, items in enumerate(pages, 1)]


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


def line_blocks(lines: list[Text], gap_after: int = 0) -> list[Block]:
    """One block per printed line (pages may break between any two), `gap_after` the last.

    Items sharing a top (a bold label and its value) stay together in one block.
    """
    tops = sorted({line.y for line in lines})
    blocks = []
    for i, top in enumerate(tops):
        row = [line for line in lines if line.y == top]
        end = tops[i + 1] if i + 1 < len(tops) else bottom(row) + gap_after
        blocks.append(Block(end - top, tuple(shift(item, 0, -top) for item in row)))
    return blocks


def flow(blocks: list[Block], columns: list[int], tops: tuple[int, int], floor: int,
         carry: Callable[[int], Block | None] = lambda _: None) -> list[list[Item]]:
    """Fill columns left to right and pages one after another with `blocks`.

    `tops` is where the first page's columns start and where later pages' start (below
    their smaller header); `floor` is where every column ends. Returns each page's items.
    A heading that would end a column is carried over with the block it introduces; when
    block i opens a column, `carry(i)` may give a block to repeat above it (a table's
    heading, "continued").
    """
    column_flow = Flow(columns, tops, floor)
    column_flow.add(blocks, carry)
    return column_flow.pages


class Flow:
    """Columns and pages being filled, for callers that decide where a run of blocks starts."""

    def __init__(self, columns: list[int], tops: tuple[int, int], floor: int) -> None:
        self.columns, self.tops, self.floor = columns, tops, floor
        self.pages: list[list[Item]] = [[]]
        self.col, self.y = 0, tops[0]
        self.fresh = True  # nothing placed in the current column yet
        self.placed: list[int] = []  # the page (from 0) of every block added, in order

    def top(self) -> int:
        return self.tops[1] if len(self.pages) > 1 else self.tops[0]

    def next_column(self) -> None:
        """Continue at the top of the next column (of the next page after the last)."""
        self.col += 1
        if self.col == len(self.columns):
            self.pages.append([])
            self.col = 0
        self.y = self.top()
        self.fresh = True

    def next_page(self) -> None:
        """Continue at the top of the first column of a new page."""
        self.col = len(self.columns) - 1
        self.next_column()

    def fits(self, blocks: list[Block], carry: Callable[[int], Block | None] = lambda _: None) -> bool:
        """Whether `blocks` would end on the current page if added now."""
        trial = Flow(self.columns, (self.top(), self.tops[1]), self.floor)
        trial.col, trial.y, trial.fresh = self.col, self.y, self.fresh
        trial.add(blocks, carry)
        return len(trial.pages) == 1

    def add(self, blocks: list[Block], carry: Callable[[int], Block | None] = lambda _: None) -> None:
        """Place `blocks` from where the flow stands (see `flow`)."""
        i = 0
        while i < len(blocks):
            group = [blocks[i]]
            while group[-1].keep_with_next and i + len(group) < len(blocks):
                group.append(blocks[i + len(group)])
            need = sum(b.height for b in group)
            top = self.top()
            later_fits = top < self.tops[1] and need <= self.floor - self.tops[1]
            if self.y + need > self.floor and (self.y > top or later_fits):
                self.next_column()  # from the first page's short columns, a group may wait for a page
                continue
            block = blocks[i]
            if self.y + block.height > self.floor:
                if block.height > self.floor - self.tops[1]:
                    raise ValueError(f"a block of {block.height} px is taller than a column "
                                     f"({self.floor - self.tops[1]} px)")
                self.next_column()  # only the first page's shorter columns are too short for it
                continue
            if self.fresh and i:
                repeat = carry(i)
                if repeat is not None and self.y + repeat.height + block.height <= self.floor:
                    self._put(repeat)
            self._put(block)
            self.placed.append(len(self.pages) - 1)
            i += 1

    def _put(self, block: Block) -> None:
        self.pages[-1].extend(shift(item, self.columns[self.col], self.y) for item in block.items)
        self.y += block.height
        self.fresh = False
