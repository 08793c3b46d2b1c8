"""Paper sizes, margins, type sizes and QR module sizes of every poster, kept as data.

Everything is in pixels at 300 DPI, the resolution the posters are printed at; `mm()` and
`pt()` convert from the units a designer thinks in. Keeping the numbers here keeps the
drawing code short and lets tests compute where a code or a line must sit.

QR module sizes follow PITFALLS: a phone needs about 3 mm of module per metre of scan
distance. A notice board is scanned at arm's length, 0.5-0.7 m, so its codes use 24 px
modules (2.03 mm: good to 0.68 m, a third to spare at 0.5 m for an old camera). A card on
the counter is read from across it, up to 0.85 m (30 px = 2.54 mm on A5). Its online-
service code is secondary and scanned from the card in hand or on the counter: 20 px =
1.69 mm (0.56 m); at 2 mm a national portal link (version 6) pushed most cards onto a third
page; a link too long for the page at that size is printed smaller, down to 14 px
(1.19 mm, scanned close up), and refused below that. The A4 card is the A5 card enlarged 141% (A5 and A4 share the ISO ratio), so its
modules are 3.59 mm and 2.39 mm. The entrance poster is scanned from the doorway or
the queue, 1.3 m or more: 53 px = 4.49 mm where the sheet allows, never below 36 px
(3.05 mm, 1 m).
"""

from __future__ import annotations

from dataclasses import dataclass

DPI = 300
QUIET = 4  # modules of white around every code: the QR standard's minimum
MAX_VERSION = 4  # slots are sized for version 4 (33 modules, 62 bytes at level M)
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
    """The notice board (bảng niêm yết): every procedure of a commune with its code."""

    frame: Frame
    columns: int
    gutter: int
    module: int
    title: int
    commune: int
    body: int
    small: int
    name: int
    fact: int
    url: int
    url_min: int
    field: int
    gap: int


@dataclass(frozen=True)
class CardLayout:
    """The procedure card (thẻ thủ tục): one procedure, a large code, what to bring."""

    frame: Frame
    module: int
    online_module: int
    online_module_min: int
    name: int
    name_min: int
    heading: int
    body: int
    small: int
    url: int
    url_min: int
    gap: int


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


BOARD_A4 = BoardLayout(
    frame=Frame(A4, mm(10)), columns=1, gutter=0, module=24,
    title=pt(20), commune=pt(26), body=pt(11), small=pt(9), name=pt(13), fact=pt(11),
    url=pt(10), url_min=pt(8), field=pt(14), gap=mm(3),
)
BOARD_A3 = BoardLayout(
    frame=Frame(A3, mm(10)), columns=2, gutter=mm(8), module=24,
    title=pt(28), commune=pt(36), body=pt(13), small=pt(10), name=pt(13), fact=pt(11),
    url=pt(10), url_min=pt(8), field=pt(15), gap=mm(3),
)
CARD_A5 = CardLayout(
    frame=Frame(A5, mm(10)), module=30, online_module=20, online_module_min=14,
    name=pt(18), name_min=pt(14), heading=pt(12), body=pt(11), small=pt(9), url=pt(12), url_min=pt(8), gap=mm(3),
)
ENTRANCE_A3 = EntranceLayout(
    frame=Frame(A3, mm(15)), module=53, module_min=36,
    title=pt(30), commune=pt(48), heading=pt(30), body=pt(18), url=pt(22), url_min=pt(14), gap=mm(6),
)
