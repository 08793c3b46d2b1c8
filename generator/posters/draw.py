"""Paint planned pages as 1-bit images: text, bands, QR codes and their typed URLs.

Pages are 1-bit (pure black on white) because that is what a laser printer prints, the
codes need no grey, and 1-bit pages compress to a tenth of greyscale. Drawing is pure:
it returns the image and a record of what was drawn where (`Drawn`), for the writers
and for tests; it never touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from generator import urls
from generator.model import Commune, Procedure
from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.entrance import plan_entrance
from generator.posters.fonts import TOP_ROOM, advance, fit_size, font, line_height, text_width
from generator.posters.layout import QUIET, BoardLayout, CardLayout, EntranceLayout, px_to_mm
from generator.posters.plan import Bar, Code, Link, Page, Text
from generator.posters.qr import PosterError, qr_image, qr_modules


@dataclass(frozen=True)
class Drawn:
    """What was drawn where: "text" and "link" carry their words, "code" its URL."""

    kind: str
    box: tuple[int, int, int, int]
    text: str = ""
    module: int = 0


@dataclass(frozen=True)
class Sheet:
    """A painted page and the record of what is on it."""

    image: Image.Image
    drawn: tuple[Drawn, ...]


def draw_page(page: Page, base_url: str) -> Sheet:
    """Paint one planned page; site paths become URLs under `base_url`."""
    image = Image.new("1", (page.paper.width, page.paper.height), 1)
    pen = ImageDraw.Draw(image)
    drawn = []
    for item in page.items:
        if isinstance(item, Text):
            drawn.append(paint_text(image, item.x, item.y, item.text, item.face, item.size, item.fill))
        elif isinstance(item, Bar):
            pen.rectangle(_inclusive(item.box), fill=item.fill)
            drawn.append(Drawn("bar", item.box))
        elif isinstance(item, Code):
            drawn.append(paint_code(image, item, base_url))
        elif isinstance(item, Link):
            drawn.append(paint_link(image, item, base_url))
    return Sheet(image, tuple(drawn))


def draw_board(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
               base_url: str, layout: BoardLayout) -> list[Sheet]:
    """Every page of the commune's notice board."""
    return [draw_page(page, base_url) for page in plan_board(commune, procs, layout)]


def draw_board_page(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
                    base_url: str, layout: BoardLayout, number: int) -> Sheet:
    """Page `number` (from 1) of the commune's notice board."""
    return draw_page(plan_board(commune, procs, layout)[number - 1], base_url)


def draw_card(commune: Commune, proc: Procedure, base_url: str, layout: CardLayout) -> list[Sheet]:
    """The pages of one procedure's card (one, unless its dossier is long)."""
    return [draw_page(page, base_url) for page in plan_card(commune, proc, layout)]


def draw_entrance(commune: Commune, base_url: str, layout: EntranceLayout) -> Sheet:
    """The commune's entrance poster."""
    return draw_page(plan_entrance(commune, layout), base_url)


def paint_text(image: Image.Image, x: int, y: int, text: str, face: str, size: int,
               fill: int) -> Drawn:
    """Paint one line with its line box's top at `y`, letter by letter from cached glyphs."""
    top = y + round(TOP_ROOM * size)
    pen = x
    for char in text:
        glyph = _glyph(face, size, char)
        if glyph:
            mask, (dx, dy) = glyph
            image.paste(fill, (pen + dx, top + dy), mask)
        pen += advance(face, size, char)
    return Drawn("text", (x, y, pen, y + line_height(size)), text)


def paint_code(image: Image.Image, item: Code, base_url: str) -> Drawn:
    """Paint a QR code centred in its slot, as large as the slot and its limits allow."""
    url = item.url or urls.absolute(base_url, item.path or "")
    modules = len(qr_modules(url)) + 2 * QUIET
    module = min(item.module, item.slot // modules)
    if module < item.module_min:
        raise PosterError(
            f"mã QR cho '{url}' cần {modules} ô, quá lớn cho chỗ {px_to_mm(item.slot):.0f} mm "
            f"với ô tối thiểu {px_to_mm(item.module_min):.2f} mm: hãy dùng địa chỉ gốc ngắn hơn")
    code = qr_image(url, module)
    offset = (item.slot - code.width) // 2
    image.paste(code, (item.x + offset, item.y + offset))
    box = (item.x + offset, item.y + offset, item.x + offset + code.width, item.y + offset + code.height)
    return Drawn("code", box, url, module)


def paint_link(image: Image.Image, item: Link, base_url: str) -> Drawn:
    """Paint the typed URL under a code, shrinking it to fit its width within limits."""
    text = urls.typed(urls.absolute(base_url, item.path))
    size = fit_size(text, item.face, item.size, item.smallest, item.width)
    if size is None:
        raise PosterError(f"địa chỉ '{text}' quá dài để in dưới mã QR: hãy dùng địa chỉ gốc ngắn hơn")
    x = item.x + (item.width - text_width(item.face, size, text)) // 2
    y = item.y + (line_height(item.size) - line_height(size)) // 2
    drawn = paint_text(image, x, y, text, item.face, size, 0)
    return Drawn("link", drawn.box, text)


@lru_cache(maxsize=None)
def _glyph(face: str, size: int, char: str) -> tuple[Image.Image, tuple[int, int]] | None:
    """One letter's 1-bit mask and its offset from the pen, drawn once per process."""
    typeface = font(face, size)
    left, top, right, bottom = typeface.getbbox(char)
    if right <= left or bottom <= top:
        return None
    mask = Image.new("1", (right - left, bottom - top), 0)
    pen = ImageDraw.Draw(mask)
    pen.fontmode = "1"  # hinted black-and-white glyphs: crisp on a 1-bit page
    pen.text((-left, -top), char, font=typeface, fill=1)
    return mask, (left, top)


def _inclusive(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return (box[0], box[1], box[2] - 1, box[3] - 1)
