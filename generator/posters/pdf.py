"""Write planned pages as a PDF of vector text, rectangles and QR symbols.

A page is its marks (ink.py) written as PDF operators in the planner's own units: the
page's transformation scales 300 DPI pixels to points and turns y downwards, so every
coordinate is the plan's, text is real text in the embedded font (pdffont.py), and a QR
symbol is one filled rectangle per run of dark modules, crisp at any printer resolution.
An A3 board sheet is about 40 kB and an A5 card side a few kB, against 90 and 24 kB as
1-bit images, and writing one takes a fraction of a millisecond instead of encoding
millions of pixels. The file is stamped only with the date it is given, so the same
pages give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from datetime import date
from functools import lru_cache

from generator.posters.fonts import TOP_ROOM
from generator.posters.ink import Mark, Symbol, page_marks
from generator.posters.layout import DPI
from generator.posters.pdffont import ascent, font_objects, show_text
from generator.posters.plan import Bar, Page, Text
from generator.posters.qr import qr_modules

FONT_NAMES = {"regular": "F1", "bold": "F2"}
DARK_RUN = re.compile(b"\x01+")


def pdf_document(pages: list[Page] | tuple[Page, ...], base_url: str, title: str,
                 day: date | None) -> bytes:
    """A PDF of `pages` (codes pointing under `base_url`), titled `title`, dated `day`."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    used: dict[str, set[str]] = {}
    contents = []
    for page in pages:
        marks = [mark for _, mark in page_marks(page, base_url)]
        for mark in marks:
            if isinstance(mark, Text):
                used.setdefault(mark.face, set()).update(mark.text)
        contents.append((page, page_ops(marks, page.paper.height)))
    fonts = {face: font_objects(face, chars, add) for face, chars in sorted(used.items())}
    resources = " ".join(f"/{FONT_NAMES[face]} {ref} 0 R" for face, ref in fonts.items())
    kids = []
    for page, ops in contents:
        stream = add(f"<< /Filter /FlateDecode /Length {len(ops)} >>\nstream\n".encode() + ops + b"\nendstream")
        w, h = _points(page.paper.width), _points(page.paper.height)
        kids.append(add(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents {stream} 0 R "
            f"/Resources << /Font << {resources} >> >> >>".encode()))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    info = b"<< /Title " + _text(title) + b" /Producer (niemyet)"
    if day:
        stamp = day.strftime("(D:%Y%m%d000000Z)").encode()
        info += b" /CreationDate " + stamp + b" /ModDate " + stamp
    return _assemble(objects, add(info + b" >>"))


def page_ops(marks: list[Mark], height: int) -> bytes:
    """A page's content stream, compressed: its marks as PDF operators, in pixels from the
    top left (the page is `height` pixels tall)."""
    scale = 72 / DPI
    ops = [f"q {scale:.6f} 0 0 {-scale:.6f} 0 {_points(height)} cm 0 g".encode()]
    fill = 0
    for mark in marks:
        colour = getattr(mark, "fill", 0)
        if colour != fill:
            ops.append(b"1 g" if colour else b"0 g")
            fill = colour
        if isinstance(mark, Text):
            if mark.text:
                baseline = mark.y + round(TOP_ROOM * mark.size) + ascent(mark.face, mark.size)
                ops.append(f"BT /{FONT_NAMES[mark.face]} {mark.size} Tf 1 0 0 -1 {mark.x} {baseline} Tm ".encode()
                           + show_text(mark.face, mark.size, mark.text) + b" TJ ET")
        elif isinstance(mark, Bar):
            ops.append(f"{mark.x} {mark.y} {mark.width} {mark.height} re f".encode())
        elif isinstance(mark, Symbol):
            ops.append(f"q {mark.module} 0 0 {mark.module} {mark.x} {mark.y} cm ".encode()
                       + symbol_ops(mark.text) + b" Q")
    ops.append(b"Q")
    return zlib.compress(b"\n".join(ops), 6)


@lru_cache(maxsize=2048)
def symbol_ops(text: str) -> bytes:
    """The dark modules of a code as rectangles, one per run in a row, in module units."""
    runs = [f"{run.start()} {y} {run.end() - run.start()} 1 re"
            for y, row in enumerate(qr_modules(text)) for run in DARK_RUN.finditer(row)]
    return (" ".join(runs) + " f").encode()


def _assemble(objects: list[bytes], info_ref: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    digest = hashlib.md5(bytes(out)).hexdigest()  # a stable file identifier, not security
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_ref} 0 R "
            f"/ID [<{digest}> <{digest}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _points(pixels: int) -> str:
    return f"{pixels * 72 / DPI:.2f}"


def _text(value: str) -> bytes:
    """A PDF text string in UTF-16 with its byte-order mark, as hex: safe for Vietnamese."""
    return b"<" + ("\ufeff" + value).encode("utf-16-be").hex().upper().encode() + b">"
