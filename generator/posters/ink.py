"""What a planned page puts on paper once the base URL is known: text, bars, QR symbols.

Planning leaves three things open: the URL a code holds and the address typed under it
(both need the base URL), and whether the page is a trial print (codes pointing at this
machine), which turns every page's foot into a black band saying so. `page_marks`
settles them; the PDF writer and the raster preview both draw its marks, so a printed
page and its preview cannot say different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Union
from urllib.parse import urlsplit

from generator import urls
from generator.posters.fonts import fit_size, line_height, text_width
from generator.posters.layout import QUIET, px_to_mm
from generator.posters.plan import WHITE, Bar, Code, Foot, Link, Page, Text
from generator.posters.qr import PosterError, qr_modules, qr_text

TRIAL = "BẢN IN THỬ: mã QR trỏ tới máy thử nghiệm"


@dataclass(frozen=True)
class Symbol:
    """A QR symbol (without its quiet zone) at (x, y), `module` pixels a module."""

    x: int
    y: int
    module: int
    text: str

    @property
    def side(self) -> int:
        return len(qr_modules(self.text)) * self.module

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.x + self.side, self.y + self.side)


Mark = Union[Text, Bar, Symbol]


def page_marks(page: Page, base_url: str) -> list[tuple[str, Mark]]:
    """(kind, mark) for everything on `page`: kind is "text", "link", "bar" or "code"."""
    trial = urls.is_local(base_url)
    marks: list[tuple[str, Mark]] = []
    for item in page.items:
        if isinstance(item, Text):
            marks.append(("text", item))
        elif isinstance(item, Bar):
            marks.append(("bar", item))
        elif isinstance(item, Code):
            marks.append(("code", code_symbol(item, base_url)))
        elif isinstance(item, Link):
            marks.append(("link", link_text(item, base_url)))
        elif isinstance(item, Foot):
            marks += foot_marks(item, trial)
    return marks


def code_symbol(item: Code, base_url: str) -> Symbol:
    """The symbol of a code, centred in its slot, as large as the slot and its limits allow."""
    text = qr_text(item.url or urls.absolute(base_url, item.path or ""))
    modules = len(qr_modules(text)) + 2 * QUIET
    module = min(item.module, item.slot // modules)
    if module < item.module_min:
        raise PosterError(
            f"mã QR cho '{text}' cần {modules} ô, quá lớn cho chỗ {px_to_mm(item.slot):.0f} mm "
            f"với ô tối thiểu {px_to_mm(item.module_min):.2f} mm: hãy dùng địa chỉ gốc ngắn hơn")
    offset = (item.slot - modules * module) // 2 + QUIET * module
    return Symbol(item.x + offset, item.y + offset, module, text)


def link_text(item: Link, base_url: str) -> Text:
    """The address to type, shrunk to fit its width within limits."""
    url = urls.absolute(base_url, item.path)
    parts = urlsplit(url)
    shown = {"url": urls.typed(url), "host": parts.netloc,
             "path": parts.path + (f"?{parts.query}" if parts.query else "")}[item.show]
    size = _fitted(shown, item.face, item.size, item.smallest, item.width)
    if size is None:
        raise PosterError(f"địa chỉ '{shown}' quá dài để in dưới mã QR: hãy dùng địa chỉ gốc ngắn hơn")
    x = item.x + ((item.width - text_width(item.face, size, shown)) // 2 if item.align == "centre" else 0)
    y = item.y + (line_height(item.size) - line_height(size)) // 2
    return Text(x, y, shown, item.face, size)


def foot_marks(item: Foot, trial: bool) -> list[tuple[str, Mark]]:
    """The foot line; on a trial print, a black band saying so, on every page."""
    size = item.size
    right = text_width("bold", size, item.right)
    if not trial:
        return [("text", Text(item.x, item.y, item.left, "regular", size)),
                ("text", Text(item.x + item.width - right, item.y, item.right, "bold", size))]
    pad = size // 3
    marks: list[tuple[str, Mark]] = [
        ("bar", Bar(item.x, item.y, item.width, line_height(size))),
        ("text", Text(item.x + pad, item.y, TRIAL, "bold", size, WHITE)),
    ]
    if text_width("bold", size, TRIAL) + right + 4 * pad <= item.width:
        marks.append(("text", Text(item.x + item.width - pad - right, item.y, item.right, "bold", size, WHITE)))
    return marks


@lru_cache(maxsize=4096)
def _fitted(text: str, face: str, size: int, smallest: int, width: int) -> int | None:
    return fit_size(text, face, size, smallest, width)
