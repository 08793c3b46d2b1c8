"""The PDFs as a real reader (poppler) sees them: the drawn pages, the text, the fonts."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from PIL import Image, ImageChops

from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.draw import draw_page
from generator.posters.layout import BOARD_A3, CARD_A5
from generator.posters.pdf import pdf_document
from generator.posters.reading import decode
from tests.conftest import poppler

BASE = "https://niemyet.dienbien.gov.vn"
TITLE = "Thẻ thủ tục – Xã Sín Thầu"


@pytest.fixture(scope="module")
def pages(catalogue):
    commune = catalogue.commune("03127")
    board = plan_board(commune, catalogue.procedures_for("03127"), BOARD_A3)
    return [board[0], *plan_card(commune, catalogue.procedure("1.001193"), CARD_A5)]


@pytest.fixture(scope="module")
def pdf(pages, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "posters.pdf"
    path.write_bytes(pdf_document(pages, BASE, TITLE, date(2026, 10, 3)))
    return path


def test_a_real_reader_opens_it_with_its_title_and_pages(pdf, pages):
    run = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert run.stderr == ""  # no syntax errors or warnings
    assert re.search(rf"^Title:\s+{TITLE}$", run.stdout, re.M)
    assert re.search(rf"^Pages:\s+{len(pages)}$", run.stdout, re.M)
    assert re.search(r"^CreationDate:.*2026", run.stdout, re.M)


def test_fonts_are_embedded_subsets(pdf):
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert len(fonts) == 2
    for line in fonts:
        assert re.match(r"[A-Z]{6}\+BeVietnamPro-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes", line), line


@pytest.mark.parametrize("number", [0, 1, 2])
def test_the_reader_draws_each_page_as_the_preview_does_and_its_codes_read_the_same(pdf, pages, tmp_path, number):
    poppler("pdftoppm", "-r", "300", "-gray", "-png", "-f", str(number + 1), "-l", str(number + 1),
            str(pdf), str(tmp_path / "page"))
    drawn = draw_page(pages[number], BASE).image
    with Image.open(next(tmp_path.glob("page*.png"))) as shown:
        assert shown.size == drawn.size
        codes = [d.text for d in draw_page(pages[number], BASE).drawn if d.kind == "code"]
        assert decode(shown) == decode(drawn) == sorted(codes)
        # different rasterisers (anti-aliased against hinted 1-bit) differ at glyph edges; at a
        # sixth of the size that blurs away, while a glyph or a line 6 px out of place stands out
        diff = ImageChops.difference(shown.convert("L").reduce(6), drawn.convert("L").reduce(6))
        assert sum(diff.histogram()[128:]) == 0, diff.getbbox()


def test_the_text_can_be_searched_and_copied_in_vietnamese(pdf):
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    for expected in ("BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH · PHƯỜNG ĐIỆN BIÊN PHỦ", "Thủ tục đăng ký khai sinh",
                     "Tờ khai đăng ký khai sinh (1 bản chính)", "niemyet.dienbien.gov.vn/03127/1.001193/",
                     "GIẤY TỜ CẦN MANG THEO"):
        assert expected in text


def test_same_pages_give_the_same_bytes_dated_as_asked(pages):
    data = pdf_document(pages, BASE, TITLE, date(2026, 10, 3))
    assert data == pdf_document(pages, BASE, TITLE, date(2026, 10, 3))
    assert b"/CreationDate (D:20261003000000Z)" in data
    assert b"/CreationDate" not in pdf_document(pages, BASE, TITLE, None)
    assert ("\ufeff" + TITLE).encode("utf-16-be").hex().upper().encode() in data


def test_xref_offsets_point_at_objects(pages):
    data = pdf_document(pages[:1], BASE, "t", None)
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    table = data[start:].split(b"\n")
    count = int(table[1].split()[1])
    for number in range(1, count):
        offset = int(table[2 + number].split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode())


def test_pages_are_their_paper_size(pdf):
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts",
                       poppler("pdfinfo", "-f", "1", "-l", "3", str(pdf)))
    assert sizes == [("841.92", "1190.64"), ("419.52", "595.2"), ("419.52", "595.2")]  # A3, A5, A5
