"""QR codes as printed: level M, a 4-module quiet zone, whole-pixel modules, black on white.

Level M (15% recovery) is the floor for paper that gets scuffed on a wall. A code holds
the URL with its scheme and host in capitals (`qr_text`): both are case-insensitive
(RFC 3986, 3.1 and 3.2.2) and the site's paths are digits, dots and slashes, so the
whole URL fits QR's alphanumeric mode: https://niemyet.dienbien.gov.vn/03127/1.001193/
becomes version 3 (29 modules) instead of version 4 (33) in byte mode, a code 12% smaller
at the same module size. Phones open such URLs as usual (the host is lower-cased).

Codes are made by qrcode 8 (7.4 printed unscannable codes for long URLs) with the mask
its own penalty rules choose (`best_mask`). qrcode finds that mask by laying the data out
eight times, once per mask, and scoring each layout cell by cell in Python; a province's
20,000 codes spent most of the posters' time there. `best_mask` lays it out once and
flips, for each other mask, only the cells where the two masks differ, which is the same
matrix, and scores it with `penalty`, the same four rules counted on strings and integers
(a test compares the choice with qrcode's own on thousands of codes, and `penalty` with
qrcode's score). Tests read every code back with zxing-cpp's reader and poppler's
rendering of the PDF.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import qrcode
from PIL import Image
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M

from generator.posters.layout import QUIET


class PosterError(ValueError):
    """A poster cannot be printed as asked: the message says which setting or text, and why."""


def qr_text(url: str) -> str:
    """What the code for `url` holds: the same URL with its scheme and host in capitals."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin.upper() + url[len(origin):]


@lru_cache(maxsize=2048)  # a commune prints each of its codes three or four times
def qr_modules(text: str) -> tuple[bytes, ...]:
    """The modules of the code holding `text`, without quiet zone: a row of bytes, 1 = dark."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)  # qrcode picks the mode: an upper-case URL goes in alphanumeric mode
    code.best_fit()
    code.makeImpl(False, best_mask(code))
    return tuple(bytes(row) for row in code.get_matrix())


def best_mask(code: qrcode.QRCode) -> int:
    """The mask qrcode's `best_mask_pattern` would choose for `code` (its version fitted),
    found with one layout of the data instead of eight."""
    code.makeImpl(True, 0)  # a test layout: format cells all light, whatever the mask
    side = len(code.modules)
    width = f"0{side}b"
    base = [int(bytes(row).translate(_BITS), 2) for row in code.modules]
    best, best_lost = 0, None
    for mask, flips in enumerate(_row_flips(code.version)):
        lost = _line_penalty([format(row ^ flip, width) for row, flip in zip(base, flips)])
        if best_lost is None or lost < best_lost:
            best, best_lost = mask, lost
    return best


_BITS = bytes.maketrans(b"\x00\x01", b"01")
_RUN = re.compile(r"0{5,}|1{5,}")  # five or more modules of one colour in a line
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")  # 1:1:3:1:1 beside 4 light, overlapping


def penalty(modules: list[list[bool]]) -> int:
    """qrcode's `util.lost_point` of a matrix: the standard's four mask penalty rules, as
    qrcode counts them."""
    return _line_penalty([bytes(row).translate(_BITS).decode() for row in modules])


def _line_penalty(rows: list[str]) -> int:
    """The penalty of a matrix given as rows of "0" and "1": runs and finder-like patterns
    found by regular expressions in rows and columns, 2 x 2 blocks by integer bit operations."""
    text = "\n".join(rows + ["".join(column) for column in zip(*rows)])  # no pattern spans a newline
    runs = _RUN.findall(text)
    lost = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER_LIKE.findall(text))
    side = len(rows)
    full, pairs = (1 << side) - 1, (1 << (side - 1)) - 1
    numbers = [int(row, 2) for row in rows]
    for upper, lower in zip(numbers, numbers[1:]):
        same_column = ~(upper ^ lower) & full  # a cell and the one below it agree
        same_row = ~(upper ^ (upper >> 1)) & full  # a cell and its neighbour agree
        lost += 3 * (same_column & (same_column >> 1) & same_row & pairs).bit_count()
    dark = sum(row.count("1") for row in rows)
    return lost + 10 * int(abs(float(dark) / side ** 2 * 100 - 50) / 5)


@lru_cache(maxsize=40)
def _row_flips(version: int) -> tuple[tuple[int, ...], ...]:
    """For each mask, each row's cells where it differs from mask 0, as bits of the row
    read as a binary number (the leftmost cell is the highest bit)."""
    side = version * 4 + 17
    out = []
    for cells in _mask_flips(version):
        rows = [0] * side
        for r, c in cells:
            rows[r] |= 1 << (side - 1 - c)
        out.append(tuple(rows))
    return tuple(out)


@lru_cache(maxsize=40)
def _mask_flips(version: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """For each mask, the data cells of `version` where it differs from mask 0: the cells
    the function patterns and format cells leave empty are the ones the data fills."""
    probe = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M, border=0)
    side = probe.modules_count = version * 4 + 17
    probe.modules = [[None] * side for _ in range(side)]
    for row, col in ((0, 0), (side - 7, 0), (0, side - 7)):
        probe.setup_position_probe_pattern(row, col)
    probe.setup_position_adjust_pattern()
    probe.setup_timing_pattern()
    probe.setup_type_info(True, 0)
    if version >= 7:
        probe.setup_type_number(True)
    cells = [(r, c) for r in range(side) for c in range(side) if probe.modules[r][c] is None]
    masks = [util.mask_func(mask) for mask in range(8)]
    return tuple(tuple((r, c) for r, c in cells if masks[0](r, c) != masks[mask](r, c)) for mask in range(8))


def qr_version(text: str) -> int:
    """QR version (1-40) the code holding `text` needs: its side is 17 + 4 * version modules."""
    return (len(qr_modules(text)) - 17) // 4


def qr_image(text: str, module: int) -> Image.Image:
    """A 1-bit image of the code for `text` with its quiet zone, `module` pixels per module."""
    rows = qr_modules(text)
    side = len(rows) + 2 * QUIET
    small = Image.new("1", (side, side), 1)
    small.putdata([0 if dark else 1 for row in _pad(rows) for dark in row])
    return small.resize((side * module, side * module), Image.Resampling.NEAREST)


def slot_size(modules: int, module: int) -> int:
    """Pixels needed for a code of `modules` modules plus its quiet zone on both sides."""
    return (modules + 2 * QUIET) * module


def _pad(rows: tuple[bytes, ...]) -> list[bytes]:
    width = len(rows) + 2 * QUIET
    blank = bytes(width)
    side = bytes(QUIET)
    return [blank] * QUIET + [side + row + side for row in rows] + [blank] * QUIET
