"""QR codes as printed: level M, a 4-module quiet zone, whole-pixel modules, black on white.

Level M (15% recovery) is the floor for paper that gets scuffed on a wall. A code holds
the URL with its scheme and host in capitals (`qr_text`): both are case-insensitive
(RFC 3986, 3.1 and 3.2.2) and the site's paths are digits, dots and slashes, so the
whole URL fits QR's alphanumeric mode: https://niemyet.dienbien.gov.vn/03127/1.001193/
becomes version 3 (29 modules) instead of version 4 (33) in byte mode, a code 12% smaller
at the same module size. Phones open such URLs as usual (the host is lower-cased).

Codes are made by qrcode 8 (7.4 printed unscannable codes for long URLs) with the mask
its own penalty rules choose (`best_mask`). qrcode finds that mask by laying the data out
eight times, once per mask; a province's 20,000 codes spent 35% of their time there.
`best_mask` lays it out once and flips, for each other mask, only the cells where the two
masks differ, which is the same matrix (a test compares the choice with qrcode's own on
thousands of codes). Tests read every code back with zxing-cpp's reader and poppler's
rendering of the PDF.
"""

from __future__ import annotations

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
    base = code.modules
    best, best_lost = 0, util.lost_point(base)
    for mask, cells in enumerate(_mask_flips(code.version)[1:], start=1):
        modules = [row[:] for row in base]
        for r, c in cells:
            modules[r][c] = not modules[r][c]
        lost = util.lost_point(modules)
        if lost < best_lost:
            best, best_lost = mask, lost
    return best


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
