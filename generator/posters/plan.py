"""Pages as data: what goes where, measured but not drawn.

A poster is first planned (text wrapped by measured width, blocks flowed into columns
and pages), then painted by draw.py. Planning needs no pixels and no base URL, so the
site can learn how many pages a board has (`poster_files`) without drawing anything,
and tests can check every box against the margins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Union

from generator.posters.fonts import line_height, text_width, wrap
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
    """The typed form of a code's URL, centred in `width`, shrunk to fit down to `smallest`."""

    x: int
    y: int
    width: int
    path: str
    face: str
    size: int
    smallest: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.width, self.y + line_height(self.size))


Item = Union[Text, Bar, Code, Link]


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


def running_foot(note: str | None, number: int, total: int, frame: Frame, size: int,
                 gap: int) -> list[Item]:
    """A rule, then `note` on the left and "Trang n/N" on the right, at the page's foot."""
    y = frame.bottom - line_height(size)
    page = f"Trang {number}/{total}"
    items: list[Item] = [Bar(frame.left, y - gap // 2, frame.width, RULE)]
    if note:
        items.append(Text(frame.left, y, note, "regular", size))
    items.append(Text(frame.right - text_width("bold", size, page), y, page, "bold", size))
    return items


def paginate(paper: Paper, first: list[Item], later: list[Item], pages: list[list[Item]],
             foot: Callable[[int, int], list[Item]]) -> list[Page]:
    """Pages from flowed content: the first page's header, then the running head, and a foot."""
    return [Page(paper, tuple((first if n == 1 else later) + items + foot(n, len(pages))))
            for n, items in enumerate(pages, 1)]


def shift(item: Item, dx: int, dy: int) -> Item:
    """The same item moved by (dx, dy)."""
    return replace(item, x=item.x + dx, y=item.y + dy)


def text_lines(text: str, x: int, y: int, width: int, face: str, size: int,
               fill: int = BLACK) -> list[Text]:
    """`text` wrapped to `width`, one Text per line, starting with its top at `y`."""
    step = line_height(size)
    return [Text(x, y + i * step, line, face, size, fill)
            for i, line in enumerate(wrap(text, face, size, width))]


def centred(text: str, left: int, top: int, width: int, face: str, size: int) -> list[Text]:
    """`text` wrapped to `width`, each line centred in it."""
    lines = text_lines(text, left, top, width, face, size)
    return [replace(line, x=left + (width - text_width(face, size, line.text)) // 2)
            for line in lines]


def labelled_lines(label: str, value: str, x: int, y: int, width: int, size: int) -> list[Text]:
    """"Label: value" with the label in bold, the value wrapped after it."""
    head = f"{label}: "
    head_width = text_width("bold", size, head)
    lines = wrap(value, "regular", size, width, first=width - head_width)
    step = line_height(size)
    items = [Text(x, y, head, "bold", size)]
    for i, line in enumerate(lines):
        if line:
            items.append(Text(x + (head_width if i == 0 else 0), y + i * step, line, "regular", size))
    return items


def bottom(items: list[Item] | tuple[Item, ...]) -> int:
    """The lowest edge of `items` (0 for none)."""
    return max((item.box[3] for item in items), default=0)


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


def flow(blocks: list[Block], columns: list[int], tops: tuple[int, int],
         floor: int) -> list[list[Item]]:
    """Fill columns left to right and pages one after another with `blocks`.

    `tops` is where the first page's columns start and where later pages' start (below
    their smaller header); `floor` is where every column ends. Returns each page's items.
    A heading that would end a column is carried over with the block it introduces.
    """
    pages: list[list[Item]] = [[]]
    col, y = 0, tops[0]

    def next_column() -> None:
        nonlocal col, y
        col += 1
        if col == len(columns):
            pages.append([])
            col = 0
        y = tops[1] if len(pages) > 1 else tops[0]

    i = 0
    while i < len(blocks):
        group = [blocks[i]]
        while group[-1].keep_with_next and i + len(group) < len(blocks):
            group.append(blocks[i + len(group)])
        need = sum(b.height for b in group)
        top = tops[1] if len(pages) > 1 else tops[0]
        later_fits = top < tops[1] and need <= floor - tops[1]
        if y + need > floor and (y > top or later_fits):
            next_column()  # from the first page's short columns, a group may wait for a page
            continue
        block = blocks[i]
        if y + block.height > floor:
            if block.height > floor - tops[1]:
                raise ValueError(f"a block of {block.height} px is taller than a column "
                                 f"({floor - tops[1]} px)")
            next_column()  # only the first page's shorter columns are too short for it
            continue
        pages[-1].extend(shift(item, columns[col], y) for item in block.items)
        y += block.height
        i += 1
    return pages
