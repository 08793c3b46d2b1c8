"""QR codes as printed: level M, a 4-module quiet zone, whole-pixel modules, black on white.

Level M (15% recovery) is the floor for paper that gets scuffed on a wall; the payloads
are short permanent URLs, so the version stays low (1-4 for site links) and modules stay
big. Each module is a whole number of pixels so the printed code has crisp, equal cells.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from generator.posters.layout import QUIET


class PosterError(ValueError):
    """A poster cannot be printed as asked: the message says which setting or text, and why."""


@lru_cache(maxsize=4096)
def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of the code for `url`, without quiet zone (True = dark)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_version(url: str) -> int:
    """QR version (1-40) chosen for `url`: size is 17 + 4 * version modules."""
    return (len(qr_modules(url)) - 17) // 4


def qr_image(url: str, module: int) -> Image.Image:
    """A 1-bit image of the code for `url` with its quiet zone, `module` pixels per module."""
    rows = qr_modules(url)
    side = len(rows) + 2 * QUIET
    small = Image.new("1", (side, side), 1)
    small.putdata([0 if dark else 1 for row in _pad(rows) for dark in row])
    return small.resize((side * module, side * module), Image.Resampling.NEAREST)


def slot_size(modules: int, module: int) -> int:
    """Pixels needed for a code of `modules` modules plus its quiet zone on both sides."""
    return (modules + 2 * QUIET) * module


def _pad(rows: tuple[tuple[bool, ...], ...]) -> list[tuple[bool, ...]]:
    width = len(rows) + 2 * QUIET
    blank = (False,) * width
    side = (False,) * QUIET
    return [blank] * QUIET + [side + row + side for row in rows] + [blank] * QUIET
