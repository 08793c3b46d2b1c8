"""PNG and PDF files: 1-bit, 300 DPI, the PDF pages are exactly the PNGs, fixed dates."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import date

import pytest
from PIL import Image, ImageChops, ImageDraw

from generator.posters.layout import A4, A5
from generator.posters.pdf import pdf_from_pngs
from generator.posters.png import SIGNATURE, encode_png, read_png
from tests.conftest import poppler


def page(text: str, size=(300, 200)) -> Image.Image:
    image = Image.new("1", size, 1)
    ImageDraw.Draw(image).rectangle((10, 10, 120, 60), fill=0)
    ImageDraw.Draw(image).text((20, 100), text, fill=0)
    return image


def test_png_round_trips_through_pillow_at_300_dpi():
    image = page("a", size=(301, 203))  # a width that is not a multiple of 8
    with Image.open(io.BytesIO(encode_png(image))) as back:
        assert back.mode == "1" and back.size == image.size
        assert [round(v) for v in back.info["dpi"]] == [300, 300]
        assert ImageChops.difference(back.convert("L"), image.convert("L")).getbbox() is None


def test_png_refuses_other_modes():
    with pytest.raises(ValueError, match="1-bit"):
        encode_png(Image.new("L", (10, 10)))
    rgb = io.BytesIO()
    Image.new("RGB", (4, 4)).save(rgb, "PNG")
    with pytest.raises(ValueError, match="1-bit greyscale"):
        read_png(rgb.getvalue())


def pdf_images(data: bytes) -> list[Image.Image]:
    """Rebuild each page's image from the PDF's own stream (FlateDecode + PNG predictor)."""
    images = []
    pattern = rb"/Width (\d+) /Height (\d+) .*?/Length (\d+) >>\nstream\n"
    for match in re.finditer(pattern, data):
        width, height, length = (int(v) for v in match.groups())
        stream = data[match.end():match.end() + length]
        ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
        png = SIGNATURE + b"".join(
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
            for kind, body in ((b"IHDR", ihdr), (b"IDAT", stream), (b"IEND", b"")))
        images.append(Image.open(io.BytesIO(png)))
    return images


def test_pdf_pages_are_the_pngs_with_title_and_fixed_date():
    pngs = [encode_png(page("one")), encode_png(page("two"))]
    data = pdf_from_pngs(pngs, "Thẻ thủ tục – Xã Sín Thầu", date(2026, 10, 3))
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert b"/Count 2" in data
    assert b"/CreationDate (D:20261003000000Z)" in data
    assert ("\ufeffThẻ thủ tục – Xã Sín Thầu".encode("utf-16-be").hex().upper()).encode() in data
    back = pdf_images(data)
    assert len(back) == 2
    for png, image in zip(pngs, back):
        with Image.open(io.BytesIO(png)) as original:
            assert ImageChops.difference(original.convert("L"), image.convert("L")).getbbox() is None
    assert data == pdf_from_pngs(pngs, "Thẻ thủ tục – Xã Sín Thầu", date(2026, 10, 3))


def test_pdf_xref_offsets_point_at_objects():
    data = pdf_from_pngs([encode_png(page("x"))], "t", None)
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    table = data[start:].split(b"\n")
    count = int(table[1].split()[1])
    for number in range(1, count):
        offset = int(table[2 + number].split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
    assert b"/CreationDate" not in data


def test_pdf_can_print_pages_on_other_paper():
    a5 = encode_png(page("a5", size=(A5.width, A5.height)))
    own = pdf_from_pngs([a5], "t", None)
    on_a4 = pdf_from_pngs([a5], "t", None, A4)
    assert b"/MediaBox [0 0 419.52 595.20]" in own
    assert b"/MediaBox [0 0 595.20 841.92]" in on_a4
    assert read_png(a5).width == A5.width


def test_a_real_pdf_reader_opens_it_and_renders_the_pages_as_drawn(tmp_path):
    drawn = [page("one", size=(A5.width, A5.height)), page("two", size=(A5.width, A5.height))]
    pdf = tmp_path / "the.pdf"
    pdf.write_bytes(pdf_from_pngs([encode_png(p) for p in drawn], "Thẻ thủ tục – Xã Sín Thầu", date(2026, 10, 3)))
    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"^Title:\s+Thẻ thủ tục – Xã Sín Thầu$", info, re.M)
    assert re.search(r"^Pages:\s+2$", info, re.M) and "Syntax Error" not in info
    poppler("pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(tmp_path / "page"))
    for n, original in enumerate(drawn, 1):
        with Image.open(tmp_path / f"page-{n}.png") as shown:
            assert shown.size == original.size
            diff = ImageChops.difference(shown.convert("1").convert("L"), original.convert("L"))
            differing = shown.width * shown.height - diff.histogram()[0]
            assert differing < 0.001 * shown.width * shown.height
