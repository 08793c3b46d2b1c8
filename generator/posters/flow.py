"""Blocks flowed into columns and pages: the tables of a board, sheet after sheet.

A block is items placed relative to (0, 0) that move as one (a board's row, a field's
band); `Flow` places blocks down columns and across pages, keeping a heading with what
follows it and repeating a table's heading above a row that opens a column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.posters.plan import Item, shift


@dataclass(frozen=True)
class Block:
    """Items placed relative to (0, 0), moved as one; a heading keeps with the next block."""

    height: int
    items: tuple[Item, ...]
    keep_with_next: bool = False


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
