"""QR codes as printed: level M, four modules of quiet zone, modules big enough to scan."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3, QUIET, px_to_mm
from generator.posters.qr import qr_image, qr_modules, qr_version, slot_size

URL = "https://niemyet.dienbien.gov.vn/03127/1.001193/"


def test_code_is_level_m_and_decodes():
    image = qr_image(URL, 4)
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results] == [URL]
    assert results[0].ec_level == "M"


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


def test_site_links_stay_small_versions():
    assert qr_version(URL) <= 4
    assert qr_version("https://niemyet.dienbien.gov.vn/03127/") <= 3


def test_printed_module_sizes():
    # ~3 mm of module per metre of scan distance (PITFALLS): board at arm's length (0.5-0.7 m)
    for layout in (BOARD_A3, BOARD_A4):
        assert 2.0 <= px_to_mm(layout.module) <= 2.1
    assert px_to_mm(CARD_A5.module) >= 2.5  # across the counter, ~0.85 m
    assert px_to_mm(ENTRANCE_A3.module_min) >= 3.0  # from the doorway, 1 m and more


def test_code_is_black_on_white_1_bit():
    image = qr_image(URL, 3)
    assert image.mode == "1"
    assert image.convert("L").getextrema() == (0, 255)
    assert isinstance(image, Image.Image)
