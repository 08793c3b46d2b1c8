"""Planning: blocks flow into tables and sheets in order, fields start where they should,
every sheet and card side is labelled."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5
from generator.posters.flow import Block, flow
from generator.posters.plan import Code, Foot, Link, Text


def block(name: str, height: int, keep: bool = False) -> Block:
    return Block(height, (Text(0, 0, name, "regular", 40),), keep_with_next=keep)


def placed(pages) -> list[list[tuple[str, int, int]]]:
    return [[(item.text, item.x, item.y) for item in items] for items in pages]


def test_flow_fills_columns_then_pages_in_order():
    blocks = [block(str(i), 40) for i in range(7)]
    pages = flow(blocks, [0, 500], tops=(100, 20), floor=200)
    assert placed(pages) == [
        [("0", 0, 100), ("1", 0, 140), ("2", 500, 100), ("3", 500, 140)],
        [("4", 0, 20), ("5", 0, 60), ("6", 0, 100)],
    ]


def test_heading_is_carried_over_with_the_block_it_introduces():
    blocks = [block("a", 60), block("heading", 30, keep=True), block("b", 60)]
    pages = flow(blocks, [0], tops=(0, 0), floor=120)
    assert placed(pages) == [[("a", 0, 0)], [("heading", 0, 0), ("b", 0, 30)]]


def test_block_too_tall_for_the_first_page_waits_for_the_next():
    pages = flow([block("big", 150)], [0, 500], tops=(100, 0), floor=200)
    assert placed(pages) == [[], [("big", 0, 0)]]


def test_block_taller_than_any_column_is_an_error_not_a_cut():
    with pytest.raises(ValueError, match="taller than a column"):
        flow([block("huge", 500)], [0], tops=(0, 0), floor=200)


def many(catalogue, count: int, field: str = "Hộ tịch", start: int = 0) -> list:
    """`count` copies of a fixture procedure in `field`, with codes of their own."""
    base = catalogue.procedure("1.001193")
    return [replace(base, code=f"9.{start + i:06d}", field=field) for i in range(count)]


def codes_on(page) -> list[str]:
    return [item.path.split("/")[2] for item in page.items if isinstance(item, Code)]


def foot(page) -> str:
    return next(item.left for item in page.items if isinstance(item, Foot))


def test_board_page_count_grows_with_procedures(catalogue):
    commune = catalogue.commune("03127")
    procs = many(catalogue, 120)
    a4 = [len(plan_board(commune, procs[:n], BOARD_A4)) for n in range(0, 121, 10)]
    assert a4 == sorted(a4) and a4[0] == 1 and a4[-1] > 3
    assert len(plan_board(commune, procs, BOARD_A3)) < a4[-1]


def test_every_sheet_says_whose_board_how_to_use_it_and_where_it_belongs(catalogue):
    commune = catalogue.commune("03127")
    pages = plan_board(commune, many(catalogue, 120), BOARD_A3)
    assert len(pages) > 2
    for number, page in enumerate(pages, 1):
        texts = [item.text for item in page.items if isinstance(item, Text)]
        assert texts[0] == "BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH · PHƯỜNG ĐIỆN BIÊN PHỦ"
        assert any(isinstance(item, Link) and item.show == "host" for item in page.items)
        assert foot(page).startswith(f"Tờ {number}")
        assert ("Nơi tiếp nhận hồ sơ: " in texts) == (number == 1)  # the office, on the first only
    assert foot(pages[0]).startswith(f"Tờ 1 (bảng có {len(pages)} tờ): Hộ tịch")


def test_a_named_field_starts_a_new_sheet_unless_it_fits_whole(catalogue):
    commune = catalogue.commune("03127")
    order = ("Hộ tịch", "Chứng thực")
    small = many(catalogue, 3) + many(catalogue, 3, "Chứng thực", 100)
    assert [codes_on(page) for page in plan_board(commune, small, BOARD_A3, order)] == [
        [p.code for p in small]]
    large = many(catalogue, 3) + many(catalogue, 60, "Chứng thực", 100) + many(catalogue, 2, "Trẻ em", 200)
    pages = plan_board(commune, large, BOARD_A3, order)
    assert codes_on(pages[0]) == [p.code for p in large[:3]]  # the rest of this sheet stays empty
    assert codes_on(pages[1])[0] == "9.000100"
    assert "Trẻ em" in foot(pages[-1])  # the others follow on, wherever there is room


def test_a_field_continued_in_the_next_table_repeats_its_band(catalogue):
    pages = plan_board(catalogue.commune("03127"), many(catalogue, 40), BOARD_A3)
    bands = [item.text for item in pages[0].items if isinstance(item, Text) and item.fill == 1]
    assert bands[0] == "HỘ TỊCH (40 thủ tục)"
    assert bands[1:] and set(bands[1:]) == {"HỘ TỊCH (tiếp theo)"}


def test_card_keeps_its_code_on_the_front(catalogue):
    for proc in catalogue.procedures_for("03127"):
        pages = plan_card(catalogue.commune("03127"), proc, CARD_A5)
        codes = [[item for item in page.items if type(item).__name__ == "Code"] for page in pages]
        assert len(codes[0]) == 1 and codes[0][0].path == f"/03127/{proc.code}/"
