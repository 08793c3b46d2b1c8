"""Codes read from the distance a resident stands at, as reading.py's phone model sees them."""

from __future__ import annotations

import pytest
from PIL import Image

from generator.posters.draw import draw_board, draw_card, draw_entrance
from generator.posters.layout import A3, BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3
from generator.posters.reading import as_phone_sees, decoded_at, px_per_mm, reading_distance

BASE = "https://niemyet.dienbien.gov.vn"


def codes(sheet) -> list[str]:
    return sorted(d.text for d in sheet.drawn if d.kind == "code")


def test_the_preview_sees_an_a3_sheet_at_45_cm_with_about_525_pixels():
    page = Image.new("1", (A3.width, A3.height), 1)
    seen = as_phone_sees(page, 45)
    width = A3.width * px_per_mm(45) / (300 / 25.4)
    assert 520 <= width <= 530
    assert seen.mode == "L" and seen.width >= width  # turned 5 degrees, so a little wider
    assert px_per_mm(90) == pytest.approx(px_per_mm(45) / 2)


@pytest.mark.parametrize("layout", [BOARD_A3, BOARD_A4])
def test_every_code_of_a_board_sheet_is_read_from_its_reach_and_not_from_far_away(catalogue, layout):
    sheet = draw_board(catalogue.commune("03127"), catalogue.procedures_for("03127"), BASE, layout)[0]
    assert len(codes(sheet)) >= 5
    assert decoded_at(sheet.image, layout.reach) == codes(sheet)
    assert decoded_at(sheet.image, 3 * layout.reach) == []  # the model does fail: it measures


def test_both_codes_of_a_card_are_read_from_its_reach(catalogue):
    sheets = draw_card(catalogue.commune("03328"), catalogue.procedure("1.001193"), BASE, CARD_A5)
    assert [len(codes(s)) for s in sheets] == [1, 1]  # the page's code, the online service's
    for sheet in sheets:
        assert decoded_at(sheet.image, CARD_A5.reach) == codes(sheet)


def test_the_entrance_codes_are_read_from_across_a_room(catalogue):
    sheet = draw_entrance(catalogue.commune("03158"), BASE, ENTRANCE_A3)
    assert decoded_at(sheet.image, ENTRANCE_A3.reach) == codes(sheet)


def test_reading_distance_is_the_last_step_where_every_code_was_read(catalogue):
    sheet = draw_board(catalogue.commune("03127"), catalogue.procedures_for("03127"), BASE, BOARD_A3)[0]
    reach = reading_distance(sheet.image, codes(sheet), start=20, step=5, limit=80)
    assert BOARD_A3.reach <= reach < 80
    assert decoded_at(sheet.image, reach + 5) != codes(sheet)
