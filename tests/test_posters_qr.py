"""QR codes as printed: level M, four modules of quiet zone, capital hosts for small codes."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from generator.posters.layout import BOARD_A3, BOARD_A4, CODE_VERSION, QUIET
from generator.posters.qr import qr_image, qr_modules, qr_text, qr_version, slot_size

URL = "https://niemyet.dienbien.gov.vn/03127/1.001193/"
SEARCH = "https://niemyet.dienbien.gov.vn/tim-kiem/?xa=03127"


def test_code_is_level_m_and_holds_the_url_with_a_capital_host():
    image = qr_image(qr_text(URL), 4)
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results] == ["HTTPS://NIEMYET.DIENBIEN.GOV.VN/03127/1.001193/"]
    assert results[0].ec_level == "M"


def test_only_the_scheme_and_host_are_put_in_capitals():
    assert qr_text("https://Thu-Tuc.example.vn:8443/Tim-Kiem/?xa=03127#a") == \
        "HTTPS://THU-TUC.EXAMPLE.VN:8443/Tim-Kiem/?xa=03127#a"
    assert qr_text("not a url") == "not a url"


def test_capitals_make_a_procedure_code_one_version_smaller():
    assert qr_version(qr_text(URL)) == CODE_VERSION == 3
    assert qr_version(URL) == 4  # the same URL in byte mode
    assert qr_version(qr_text(SEARCH)) <= 4  # lower-case path: byte mode, still small


def test_quiet_zone_is_four_white_modules_and_modules_are_whole_pixels():
    module = 5
    image = qr_image(URL, module)
    side = len(qr_modules(URL))
    assert image.size == (slot_size(side, module),) * 2
    assert QUIET >= 4
    border = 4 * module  # the standard minimum, whatever QUIET says
    inner = image.crop((border, border, image.width - border, image.height - border))
    assert inner.convert("L").getextrema() == (0, 255)
    for strip in [(0, 0, image.width, border), (0, image.height - border, image.width, image.height),
                  (0, 0, border, image.height), (image.width - border, 0, image.width, image.height)]:
        assert image.crop(strip).convert("L").getextrema() == (255, 255)
    assert image.getpixel((border, border)) == 0  # the finder pattern's corner is one module
    assert image.getpixel((border + module - 1, border + module - 1)) == 0


def test_board_tables_leave_a_quiet_zone_between_them():
    for layout in (BOARD_A3, BOARD_A4):
        assert layout.gutter >= QUIET * layout.module


def test_code_is_black_on_white_1_bit():
    image = qr_image(URL, 3)
    assert image.mode == "1"
    assert image.convert("L").getextrema() == (0, 255)
    assert isinstance(image, Image.Image)
