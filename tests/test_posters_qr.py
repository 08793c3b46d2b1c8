"""QR codes as printed: level M, four modules of quiet zone, capital hosts for small codes."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("size", [1, 4, 12, 40])
def test_best_mask_is_the_mask_qrcode_itself_chooses(size):
    """One layout and flips must pick exactly the mask qrcode's eight layouts pick, for
    short and long codes (version 7 and up carry version cells too)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    from generator.posters.qr import best_mask

    for i in range(60):
        text = f"HTTPS://NIEMYET.DIENBIEN.GOV.VN/03{i % 45:03d}/1.{i:06d}/" * size
        ours, theirs = (qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0) for _ in range(2))
        for code in (ours, theirs):
            code.add_data(text)
            code.best_fit()
        assert best_mask(ours) == theirs.best_mask_pattern(), text


def test_penalty_counts_as_qrcode_does():
    """The four rules on strings and integers give qrcode's own score, on real layouts and on
    random matrices (runs, 2 x 2 blocks, finder-like patterns and dark share all vary)."""
    import random

    import qrcode
    from qrcode import util
    from qrcode.constants import ERROR_CORRECT_M

    from generator.posters.qr import penalty

    rng = random.Random(5)
    matrices = [[[rng.random() < share for _ in range(side)] for _ in range(side)]
                for side in (21, 25, 29, 57) for share in (0.2, 0.5, 0.8) for _ in range(5)]
    for mask in range(8):
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data("HTTPS://NIEMYET.DIENBIEN.GOV.VN/03127/1.001193/")
        code.best_fit()
        code.makeImpl(True, mask)
        matrices.append(code.modules)
    for modules in matrices:
        assert penalty(modules) == util.lost_point(modules)
