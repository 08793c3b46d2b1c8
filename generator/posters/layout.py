"""Paper sizes, margins, type sizes and QR module sizes of every poster, kept as data.

Everything is in pixels at 300 DPI, the resolution the posters are planned at; `mm()` and
`pt()` convert from the units a designer thinks in. Keeping the numbers here keeps the
planning code short and lets tests compute where a code or a line must sit.

QR module sizes follow PITFALLS: a phone's preview needs about 2.5 pixels per module, which
is about 3 mm of module per metre of distance. Measured with reading.py's phone model
(bench/posters.py gives the figures of each build): a notice board is read by someone who
has walked up to it, 30-40 cm away, so its codes use 12 px modules (1.02 mm), every code of
a sheet read from 35 cm; with a table per field that fits 25 and more procedures on an A3
sheet. A card is read in the hand or across a counter: 18 px (1.52 mm), read from about
55 cm. Its online-service code (a long portal link, scanned from the card in the hand) uses
14 px (1.19 mm), about 40 cm, smaller down to 11 px (0.93 mm) if the link needs it, refused
below. The entrance poster is scanned from the doorway or the queue: 53 px (4.49 mm) where
the sheet allows (42 px, 3.56 mm, on A3: read from 1.3 m), never below 36 px (3.05 mm).
"""

from __future__ import annotations

from dataclasses import dataclass

DPI = 300
QUIET = 4  # modules of white around every code: the QR standard's minimum
CODE_VERSION = 3  # a procedure's code: 61 capitals and digits at level M (qr.qr_text)
CODE_MODULES = 17 + 4 * CODE_VERSION
MAX_VERSION = 4  # the entrance poster's codes (its search link has lower-case letters)
MAX_MODULES = 17 + 4 * MAX_VERSION
RULE = 3  # px: a hairline rule (0.25 mm)


def mm(value: float) -> int:
    """Pixels at 300 DPI for a length in millimetres."""
    return round(value * DPI / 25.4)


def pt(value: float) -> int:
    """Pixels at 300 DPI for a type size in points (1/72 inch)."""
    return round(value * DPI / 72)


def px_to_mm(value: float) -> float:
    """Millimetres for a length in pixels at 300 DPI."""
    return value * 25.4 / DPI


@dataclass(frozen=True)
class Paper:
    """A sheet: its ISO name and its size in pixels at 300 DPI, portrait."""

    name: str
    width: int
    height: int


A5 = Paper("A5", mm(148), mm(210))
A4 = Paper("A4", mm(210), mm(297))
A3 = Paper("A3", mm(297), mm(420))


@dataclass(frozen=True)
class Frame:
    """A page and its margins; the content box is what is left inside them."""

    paper: Paper
    margin: int

    @property
    def left(self) -> int:
        return self.margin

    @property
    def top(self) -> int:
        return self.margin

    @property
    def right(self) -> int:
        return self.paper.width - self.margin

    @property
    def bottom(self) -> int:
        return self.paper.height - self.margin

    @property
    def width(self) -> int:
        return self.right - self.left


@dataclass(frozen=True)
class BoardLayout:
    """The notice board (bảng niêm yết): a table per field, `tables` side by side a sheet.

    Each row: the number, the name, time limit and fee running beside the code and then
    under it, and the code at the right with its site path under it.
    """

    frame: Frame
    tables: int
    gutter: int  # between tables; at least a code's quiet zone
    module: int
    title: int
    body: int
    small: int
    name: int
    fact: int
    url: int
    url_min: int
    field: int
    gap: int
    name_lines: int  # a longer name is cut with "…": the code leads to all of it
    fact_lines: int
    reach: int  # cm: every code must be read from this far (reading.py's phone model)


@dataclass(frozen=True)
class CardLayout:
    """The procedure card (thẻ thủ tục): one A5 sheet, front and back."""

    frame: Frame
    module: int
    online_module: int
    online_module_min: int
    name: int
    name_min: int
    name_lines: int
    heading: int
    body: int
    small: int
    url: int
    url_min: int
    gap: int
    box: int  # the side of a checklist box
    fact_lines: int
    doc_lines: int
    reach: int  # cm: every code must be read from this far (reading.py's phone model)


@dataclass(frozen=True)
class EntranceLayout:
    """The entrance poster (áp phích lối vào): the catalogue and the search, one code each."""

    frame: Frame
    module: int
    module_min: int
    title: int
    commune: int
    heading: int
    body: int
    url: int
    url_min: int
    gap: int
    reach: int  # cm: every code must be read from this far (reading.py's phone model)


BOARD_A3 = BoardLayout(
    frame=Frame(A3, mm(8)), tables=4, gutter=mm(5), module=12,
    title=pt(15), body=pt(9), small=pt(8), name=pt(9), fact=pt(8), url=pt(8), url_min=pt(6.5),
    field=pt(10), gap=mm(2), name_lines=7, fact_lines=3, reach=30,
)
BOARD_A4 = BoardLayout(
    frame=Frame(A4, mm(8)), tables=2, gutter=mm(5), module=12,
    title=pt(13), body=pt(9), small=pt(8), name=pt(9), fact=pt(8), url=pt(8), url_min=pt(6.5),
    field=pt(10), gap=mm(2), name_lines=7, fact_lines=3, reach=30,
)
CARD_A5 = CardLayout(
    frame=Frame(A5, mm(8)), module=18, online_module=14, online_module_min=11,
    name=pt(13), name_min=pt(10), name_lines=6, heading=pt(9), body=pt(9), small=pt(8),
    url=pt(9), url_min=pt(7), gap=mm(2.5), box=mm(3.2), fact_lines=4, doc_lines=3, reach=30,
)
ENTRANCE_A3 = EntranceLayout(
    frame=Frame(A3, mm(15)), module=53, module_min=36,
    title=pt(30), commune=pt(48), heading=pt(30), body=pt(18), url=pt(22), url_min=pt(14), gap=mm(6),
    reach=120,
)
