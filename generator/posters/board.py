"""Plan the notice board (bảng niêm yết): a commune's procedures by field, each with its code.

Each entry is a code on the left, with the typed URL under it, and on the right the
procedure's number, name, time limit, fee and code. Entries flow down columns and onto
as many pages as they need; nothing is cut, and every page says whose board it is.
"""

from __future__ import annotations

from generator import markup, urls
from generator.model import Commune, Procedure
from generator.posters import facts
from generator.posters.layout import MAX_MODULES, QUIET, RULE, BoardLayout
from generator.posters.plan import (
    WHITE, Bar, Block, Code, Item, Link, Page, Text, bottom, centred, flow, foot_floor,
    labelled_lines, line_blocks, paginate, running_foot, running_head, text_lines,
)
from generator.posters.qr import slot_size


def plan_board(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
               layout: BoardLayout) -> list[Page]:
    """Plan every page of the commune's board; `procs` are the commune's procedures."""
    shown = facts.posted(procs)
    frame = layout.frame
    col_w = (frame.width - (layout.columns - 1) * layout.gutter) // layout.columns
    columns = [frame.left + i * (col_w + layout.gutter) for i in range(layout.columns)]
    first = first_header(commune, shown, layout)
    later = running_head(f"{commune.name}: bảng niêm yết thủ tục hành chính (tiếp theo)",
                         frame, layout.small)
    tops = (bottom(first) + layout.gap, bottom(later) + layout.gap)
    floor = foot_floor(frame, layout.small, layout.gap)
    blocks = board_blocks(commune, shown, col_w, floor - tops[1], layout)
    checked = facts.checked_on(shown)
    note = (f"Thông tin đối chiếu với nguồn công bố đến ngày {markup.day(checked)}."
            if checked else None)
    return paginate(frame.paper, first, later, flow(blocks, columns, tops, floor),
                    lambda n, total: running_foot(note, n, total, frame, layout.small, layout.gap))


def board_blocks(commune: Commune, shown: list[Procedure], col_w: int, room: int,
                 layout: BoardLayout) -> list[Block]:
    """The field headings and entries of the board, in order, none taller than `room`."""
    if not shown:
        lines = text_lines("Chưa có thủ tục nào được công bố cho đơn vị này.", 0, 0, col_w,
                           "regular", layout.name)
        return line_blocks(lines)
    blocks = []
    number = 0
    for field, group in facts.group_by_field(shown):
        heading = field_block(field, len(group), col_w, layout)
        blocks.append(heading)
        for proc in group:
            number += 1
            # leave room for the heading kept with an entry's first part
            blocks.extend(entry_blocks(commune, proc, number, col_w, room - heading.height, layout))
    return blocks


def field_block(field: str, count: int, width: int, layout: BoardLayout) -> Block:
    """A black band with the field's name in white, kept with the first entry under it."""
    pad = layout.field // 3
    lines = text_lines(f"{field.upper()} ({count} thủ tục)", pad, pad, width - 2 * pad,
                       "bold", layout.field, WHITE)
    height = bottom(lines) + pad
    band = Bar(0, 0, width, height)
    return Block(height + layout.gap, (band, *lines), keep_with_next=True)


def entry_blocks(commune: Commune, proc: Procedure, number: int, width: int, room: int,
                 layout: BoardLayout) -> list[Block]:
    """One procedure: its code and typed URL on the left, its facts on the right.

    An entry taller than a whole column (a very long published fee) continues in the next
    column as text only, so no words are lost.
    """
    module = layout.module
    slot = slot_size(MAX_MODULES, module)
    path = urls.procedure_path(commune.code, proc.code)
    left: list[Item] = [
        Code(0, 0, slot, module, module, path=path),
        Link(0, slot, slot, path, "regular", layout.url, layout.url_min),
    ]
    text = entry_text(proc, number, slot, QUIET * module, width - slot, layout)
    height = max(bottom(left), bottom(text)) + layout.gap
    if height + layout.gap <= room:
        rule = Bar(0, height, width, RULE)
        return [Block(height + RULE + layout.gap, (*left, *text, rule))]
    fits = [item for item in text if item.box[3] + layout.gap <= room]
    rest = [item for item in text if item.box[3] + layout.gap > room]
    first = Block(max(bottom(left), bottom(fits)) + layout.gap, (*left, *fits))
    return [first, *line_blocks(rest, layout.gap + RULE + layout.gap)]


def entry_text(proc: Procedure, number: int, x: int, y: int, width: int,
               layout: BoardLayout) -> list[Text]:
    """The name, time limit, fee and code of one entry, wrapped into `width`."""
    items = text_lines(f"{number}. {proc.name}", x, y, width, "bold", layout.name)
    if proc.sample:
        items += text_lines("Dữ liệu mẫu, không dùng để niêm yết", x, bottom(items), width,
                            "bold", layout.small)
    items += labelled_lines("Thời hạn", facts.time_limit_text(proc), x, bottom(items), width, layout.fact)
    items += labelled_lines("Phí, lệ phí", facts.fee_text(proc), x, bottom(items), width, layout.fact)
    items += text_lines(f"Mã thủ tục: {proc.code}", x, bottom(items), width, "regular", layout.small)
    return items


def first_header(commune: Commune, shown: list[Procedure], layout: BoardLayout) -> list[Item]:
    """Title, the commune's name, where its office is and how to use the codes."""
    frame = layout.frame
    items: list[Item] = centred("BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH", frame.left, frame.top,
                                frame.width, "bold", layout.title)
    items += centred(commune.name.upper(), frame.left, bottom(items), frame.width, "bold",
                     layout.commune)
    y = bottom(items) + layout.gap
    items += labelled_lines("Nơi tiếp nhận hồ sơ", commune.service_centre, frame.left, y,
                            frame.width, layout.body)
    for label, value in facts.office_lines(commune):
        items += labelled_lines(label, value, frame.left, bottom(items), frame.width, layout.body)
    how = ("Quét mã QR bên cạnh mỗi thủ tục bằng camera điện thoại để xem hồ sơ cần chuẩn bị, "
           "thời hạn, lệ phí và cách nộp trực tuyến; hoặc gõ địa chỉ in dưới mã vào trình duyệt.")
    items += text_lines(how, frame.left, bottom(items) + layout.gap // 2, frame.width,
                        "regular", layout.body)
    if any(proc.sample for proc in shown):
        items += text_lines("DỮ LIỆU MẪU: có thủ tục dưới đây là dữ liệu kiểm thử, chưa dùng để "
                            "niêm yết.", frame.left, bottom(items), frame.width, "bold", layout.body)
    items.append(Bar(frame.left, bottom(items) + layout.gap // 2, frame.width, 2 * RULE))
    return items

