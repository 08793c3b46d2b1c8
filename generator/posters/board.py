"""Plan the notice board (bảng niêm yết): a commune's procedures in a table per field.

Each row holds the procedure's number, its name, time limit and fee, and its code at the
right with the site path under it; the text runs beside the code and then under it, so
a row is as tall as its code unless its name is long. Tables stand side by side, four
to an A3 sheet.

Fields come in the commune's order (`_poster_order.yml`: the fields residents come for
first), then the others alphabetically. A named field goes on a new sheet unless it fits
whole in what is left of the current one: it is never split between sheets unless it is
longer than a sheet, so a counter posts the sheets of its fields and a changed field
reprints only its own sheets. One sheet per field, as first asked, would take some 80
sheets for the 77 fields of the national list; the other fields (most with one to five
procedures) follow one another. Every sheet says whose board it is, how to use the
codes, and which fields it carries.
"""

from __future__ import annotations

from generator.site import markup

from generator import urls
from generator.catalogue.model import Commune, Procedure
from generator.posters import facts
from generator.posters.fonts import ink_span, text_width
from generator.posters.layout import CODE_MODULES, QUIET, RULE, BoardLayout, mm
from generator.posters.flow import Block, Flow
from generator.posters.plan import (
    WHITE, Bar, Code, Item, Link, Page, Text, around_lines, bottom, foot_floor, labelled_around,
    labelled_lines, running_foot, text_lines,
)
from generator.posters.qr import slot_size

PATH_CHARS = "0123456789./"  # what a procedure's path is made of (urls.procedure_path)



def plan_board(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
               layout: BoardLayout, first: tuple[str, ...] = ()) -> list[Page]:
    """Plan every sheet of the commune's board; `first` is the commune's field order."""
    shown = facts.posted(procs)
    frame = layout.frame
    width = (frame.width - (layout.tables - 1) * layout.gutter) // layout.tables
    columns = [frame.left + i * (width + layout.gutter) for i in range(layout.tables)]
    sample = any(proc.sample for proc in shown)
    heads = (sheet_head(commune, layout, True, sample), sheet_head(commune, layout, False, sample))
    tops = (bottom(heads[0]) + layout.gap, bottom(heads[1]) + layout.gap)
    floor = foot_floor(frame, layout.small, layout.gap)
    sheets = Flow(columns, tops, floor)
    owners: list[tuple[str, Procedure | None]] = []
    for own, groups in sections(shown, first):
        blocks, carries, fields = section_blocks(commune, groups, width, layout)
        if owners and own and not sheets.fits(blocks, carries.get):
            sheets.next_page()
        sheets.add(blocks, carries.get)
        owners += fields
    if not owners:
        sheets.pages[0] = text_lines("Chưa có thủ tục nào được công bố cho đơn vị này.", frame.left,
                                     tops[0], frame.width, "regular", layout.body)
    return [Page(frame.paper, tuple((heads[0] if n == 0 else heads[1]) + items
                                    + sheet_foot(commune, n, len(sheets.pages), carried, layout)))
            for n, items in enumerate(sheets.pages)
            for carried in [[owner for owner, page in zip(owners, sheets.placed) if page == n]]]


def sections(shown: list[Procedure], first: tuple[str, ...]) -> list[tuple[bool, list[tuple[str, list[Procedure]]]]]:
    """(named, fields) of each run of tables: each named field alone, then the others together."""
    groups = facts.group_by_field(shown, first)
    own = [(True, [(name, group)]) for name, group in groups if name in first]
    rest = [(name, group) for name, group in groups if name not in first]
    return own + ([(False, rest)] if rest else [])


def sheet_foot(commune: Commune, number: int, total: int, rows: list[tuple[str, Procedure | None]],
               layout: BoardLayout) -> list[Item]:
    """"Tờ n: the fields on it", when its facts were checked, and whose board it is."""
    names = list(dict.fromkeys(field for field, _ in rows))
    checked = facts.checked_on([proc for _, proc in rows if proc])
    place = f"Tờ {number + 1} (bảng có {total} tờ)" if number == 0 else f"Tờ {number + 1}"
    when = f" · đối chiếu nguồn đến {markup.day(checked)}" if checked else ""
    room = layout.frame.width - text_width("bold", layout.small, commune.name) - layout.gap
    listed = ", ".join(names)
    while names and text_width("regular", layout.small, f"{place}: {listed}{when}") > room:
        names.pop()
        listed = ", ".join(names) + ", …"
    left = f"{place}: {listed}{when}" if rows else place
    return running_foot(left, commune.name, layout.frame, layout.small, layout.gap)


def section_blocks(commune: Commune, groups: list[tuple[str, list[Procedure]]], width: int,
                   layout: BoardLayout) -> tuple[list[Block], dict[int, Block], list[tuple[str, Procedure | None]]]:
    """The blocks of a run of tables; for each row the heading to repeat above it when it
    opens a table (its field's band, "tiếp theo"); and the field and procedure of each block."""
    blocks: list[Block] = []
    carries: dict[int, Block] = {}
    owners: list[tuple[str, Procedure | None]] = []
    for field, group in groups:
        blocks.append(field_band(f"{field.upper()} ({len(group)} thủ tục)", width, layout))
        owners.append((field, None))
        again = field_band(f"{field.upper()} (tiếp theo)", width, layout)
        for number, proc in enumerate(group, 1):
            carries[len(blocks)] = again
            blocks.append(row_block(commune, proc, number, width, layout))
            owners.append((field, proc))
    return blocks, carries, owners


def field_band(title: str, width: int, layout: BoardLayout) -> Block:
    """A black band with the field's name in white, then the table's column heads; kept
    with the first row under it."""
    pad = layout.field // 4
    lines = text_lines(title, pad, pad, width - 2 * pad, "bold", layout.field, WHITE)
    band = Bar(0, 0, width, bottom(lines) + pad)
    y = band.height + pad
    code_width = CODE_MODULES * layout.module
    heads: list[Item] = [
        Text(0, y, "Thủ tục, thời hạn, phí", "bold", layout.small),
        Text(width - code_width, y, "Mã QR", "bold", layout.small),
    ]
    return Block(bottom(heads), (band, *lines, *heads), keep_with_next=True)


def row_block(commune: Commune, proc: Procedure, number: int, width: int, layout: BoardLayout) -> Block:
    """One procedure: its number and name, then its facts, beside and under its code; a rule above.

    The code keeps four modules of white on every side: the rule above, the text beside
    and the path under it all stay that far away; the next table's gutter is at least as
    wide, and the next row's code starts as far below its own rule.
    """
    module = layout.module
    side = CODE_MODULES * module
    quiet = QUIET * module
    code = Code(width - side - quiet, RULE, slot_size(CODE_MODULES, module), module, module,
                path=urls.procedure_path(commune.code, proc.code))
    # the path's ink, not its line box, keeps the quiet zone: digits, dots and slashes only
    ink_top, ink_bottom = ink_span("regular", layout.url, PATH_CHARS)
    path = Link(width - side, RULE + quiet + side + quiet - ink_top, side, code.path or "", "regular",
                layout.url, layout.url_min, show="path")
    path_end = path.y + ink_bottom
    until = path_end + mm(0.5)
    narrow, wide = width - side - quiet - mm(1), width
    x, y = 0, RULE + mm(1.5)
    text = around_lines(f"{number}. {proc.name}", x, y, narrow, wide, until, "bold", layout.name,
                        layout.name_lines)
    if proc.sample:
        text += around_lines("Dữ liệu mẫu", x, bottom(text), narrow, wide, until,
                             "bold", layout.small)
    for label, value in row_facts(proc):
        text += labelled_around(label, value, x, bottom(text), narrow, wide, until, layout.fact,
                                layout.fact_lines)
    height = max(path_end + mm(1), bottom(text) + mm(1.5))
    return Block(height, (Bar(0, 0, width, RULE), code, path, *text))


def row_facts(proc: Procedure) -> list[tuple[str, str]]:
    """(label, value) of the time limit and fee; one line when neither is published yet."""
    time_limit, fee = facts.time_limit_text(proc), facts.fee_text(proc)
    if time_limit == fee == facts.NOT_PUBLISHED:
        return [("Thời hạn, phí", facts.NOT_PUBLISHED)]
    return [("Thời hạn", time_limit), ("Phí, lệ phí", fee)]


def sheet_head(commune: Commune, layout: BoardLayout, first: bool, sample: bool) -> list[Item]:
    """Whose board, how to use its codes and, on the first sheet, where to submit."""
    frame = layout.frame
    left, width = frame.left, frame.width
    items: list[Item] = text_lines(f"BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH · {commune.name.upper()}", left,
                                   frame.top, width, "bold", layout.title)
    how = ("Quét mã QR của thủ tục bằng camera điện thoại để xem giấy tờ cần chuẩn bị, các bước và cách "
           "nộp trực tuyến. Nội dung dài được rút gọn (…): mã QR dẫn tới đầy đủ.")
    items += text_lines(how, left, bottom(items), width, "regular", layout.body)
    lead = "Hoặc gõ vào trình duyệt địa chỉ in dưới mã, đứng sau: "
    y = bottom(items)
    items.append(Text(left, y, lead, "bold", layout.body))
    shift = text_width("bold", layout.body, lead)
    items.append(Link(left + shift, y, width - shift, "/", "bold", layout.body, layout.small,
                      show="host", align="left"))
    if first:
        y = bottom(items) + layout.gap // 2
        items += labelled_lines("Nơi tiếp nhận hồ sơ", commune.service_centre, left, y, width, layout.body)
        office = " · ".join(f"{label}: {value}" for label, value in facts.office_lines(commune))
        items += text_lines(office, left, bottom(items), width, "regular", layout.body, most=3)
    if sample:
        items += text_lines("DỮ LIỆU MẪU: có thủ tục dưới đây là dữ liệu kiểm thử, chưa dùng để niêm yết.",
                            left, bottom(items), width, "bold", layout.body)
    items.append(Bar(left, bottom(items) + layout.gap // 2, width, 2 * RULE))
    return items
