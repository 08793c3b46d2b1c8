"""Paint a page's marks as a 1-bit image: the preview of a poster, and what tests read.

The PDF is what gets printed (pdf.py); this draws the same marks (ink.py) as pixels at
300 DPI, 1-bit like a laser printer, so tests can decode every code and find every line
where the plan put it, and the site can show a small preview of a poster's first page.
Drawing is pure: it returns the image and a record of what was drawn where (`Drawn`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from generator.catalogue.model import Commune, Procedure
from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.entrance import plan_entrance
from generator.posters.fonts import TOP_ROOM, advance, font, line_height
from generator.posters.ink import Symbol, page_marks
from generator.posters.layout import BoardLayout, CardLayout, EntranceLayout
from generator.posters.plan import Bar, Page, Text
from generator.posters.qr import qr_modules

PREVIEW_WIDTH = 600  # px at least: enough to recognise a poster on a phone, tens of kB


@dataclass(frozen=True)
class Drawn:
    """What was drawn where: "text" and "link" carry their words, "code" the text it holds."""

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
    for kind, mark in page_marks(page, base_url):
        if isinstance(mark, Text):
            box = paint_text(image, mark)
            drawn.append(Drawn(kind, box, mark.text))
        elif isinstance(mark, Bar):
            pen.rectangle((mark.x, mark.y, mark.x + mark.width - 1, mark.y + mark.height - 1), fill=mark.fill)
            drawn.append(Drawn(kind, mark.box))
        elif isinstance(mark, Symbol):
            image.paste(symbol_image(mark.text, mark.module), (mark.x, mark.y))
            drawn.append(Drawn(kind, mark.box, mark.text, mark.module))
    return Sheet(image, tuple(drawn))


def preview_png(page: Page, base_url: str) -> bytes:
    """A small PNG of `page` (at least PREVIEW_WIDTH pixels wide, 16 greys), for the site to show."""
    image = draw_page(page, base_url).image.convert("L")
    small = image.reduce(max(1, image.width // PREVIEW_WIDTH)).point(lambda v: v >> 4)  # 16 greys
    levels = Image.frombytes("P", small.size, small.tobytes())
    levels.putpalette(bytes(v * 17 for v in range(16) for _ in range(3)))
    out = io.BytesIO()
    levels.save(out, "PNG", bits=4, compress_level=6)
    return out.getvalue()


def draw_board(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
               base_url: str, layout: BoardLayout, first: tuple[str, ...] = ()) -> list[Sheet]:
    """Every sheet of the commune's notice board."""
    return [draw_page(page, base_url) for page in plan_board(commune, procs, layout, first)]


def draw_card(commune: Commune, proc: Procedure, base_url: str, layout: CardLayout) -> list[Sheet]:
    """The two sides of one procedure's card."""
    return [draw_page(page, base_url) for page in plan_card(commune, proc, layout)]


def draw_entrance(commune: Commune, base_url: str, layout: EntranceLayout) -> Sheet:
    """The commune's entrance poster."""
    return draw_page(plan_entrance(commune, layout), base_url)


def paint_text(image: Image.Image, line: Text) -> tuple[int, int, int, int]:
    """Paint one line with its line box's top at line.y, letter by letter from cached glyphs."""
    top = line.y + round(TOP_ROOM * line.size)
    pen = line.x
    for char in line.text:
        glyph = _glyph(line.face, line.size, char)
        if glyph:
            mask, (dx, dy) = glyph
            image.paste(line.fill, (pen + dx, top + dy), mask)
        pen += advance(line.face, line.size, char)
    return (line.x, line.y, pen, line.y + line_height(line.size))


@lru_cache(maxsize=1024)
def symbol_image(text: str, module: int) -> Image.Image:
    """The 1-bit symbol of the code holding `text`, `module` pixels a module, no quiet zone."""
    rows = qr_modules(text)
    small = Image.frombytes("L", (len(rows), len(rows)), b"".join(rows)).point(lambda v: 0 if v else 255).convert("1")
    return small.resize((len(rows) * module,) * 2, Image.Resampling.NEAREST)


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
