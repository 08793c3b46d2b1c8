"""Flowing blocks into columns and pages: order kept, headings kept with what follows."""

from __future__ import annotations

import pytest

from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5
from generator.posters.plan import Bar, Block, Text, flow, labelled_lines, line_blocks


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


def test_line_blocks_keep_a_label_with_its_value():
    lines = labelled_lines("Thời hạn", "năm ngày làm việc kể từ ngày nhận đủ hồ sơ", 0, 0, 400, 40)
    blocks = line_blocks(lines, gap_after=7)
    assert [len(b.items) for b in blocks][0] == 2  # bold label and first words share a line
    assert sum(b.height for b in blocks) == max(item.box[3] for item in lines) + 7


def test_board_page_count_grows_with_procedures(catalogue):
    commune = catalogue.commune("03127")
    procs = catalogue.procedures_for("03127")
    a4 = [len(plan_board(commune, procs[:n], BOARD_A4)) for n in range(len(procs) + 1)]
    assert a4 == sorted(a4) and a4[0] == 1 and a4[-1] > 1
    assert len(plan_board(commune, procs, BOARD_A3)) <= a4[-1]


def test_every_page_has_the_header_rule_and_footer(catalogue):
    commune = catalogue.commune("03127")
    pages = plan_board(commune, catalogue.procedures_for("03127"), BOARD_A4)
    for number, page in enumerate(pages, 1):
        texts = [item.text for item in page.items if isinstance(item, Text)]
        assert f"Trang {number}/{len(pages)}" in texts
        assert any(isinstance(item, Bar) for item in page.items)
    first = [item.text for item in pages[0].items if isinstance(item, Text)]
    assert "BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH" in first
    later = [item.text for item in pages[1].items if isinstance(item, Text)]
    assert later[0].startswith("Phường Điện Biên Phủ: bảng niêm yết")


def test_card_keeps_its_code_on_the_front(catalogue):
    for proc in catalogue.procedures_for("03127"):
        pages = plan_card(catalogue.commune("03127"), proc, CARD_A5)
        codes = [[item for item in page.items if type(item).__name__ == "Code"] for page in pages]
        assert len(codes[0]) == 1 and codes[0][0].path == f"/03127/{proc.code}/"
