"""Plan a procedure card (thẻ thủ tục): one A5 sheet a resident takes home, two sides.

Front: the procedure, its code with the address to type, time limit and fee beside the
code, where to submit, and the papers to bring as a checklist, continued on the back over
the online-service code (where there is one) and the source. A card is always one sheet:
a dossier too long for it ends with how many papers are left and a pointer to the code,
and a very long name or fee is cut with "…"; the code leads to the whole procedure.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.site import markup

from generator import urls
from generator.catalogue.model import Commune, Procedure
from generator.posters import facts
from generator.posters.layout import CODE_MODULES, QUIET, RULE, CardLayout, mm
from generator.posters.fonts import line_height
from generator.posters.plan import (
    Bar, Code, Item, Link, Page, bottom, foot_floor, labelled_lines, running_foot, running_head,
    shift, text_lines,
)
from generator.posters.qr import qr_modules, qr_text, slot_size

SIDES = ("Mặt trước", "Mặt sau")


def plan_card(commune: Commune, proc: Procedure, layout: CardLayout) -> list[Page]:
    """Plan the two sides of one procedure's card for one commune."""
    frame = layout.frame
    floor = foot_floor(frame, layout.small, layout.gap)
    papers = facts.documents_to_bring(proc)
    face = front(commune, proc, layout, floor)
    listed, done = checklist(papers, 0, bottom(face) + layout.gap, floor, layout, False)
    back_side, _ = back(commune, proc, papers, done, layout, floor)
    pages = []
    for n, items in enumerate((face + listed, back_side)):
        foot = running_foot(commune.name, f"{SIDES[n]} · thẻ {proc.code}", frame, layout.small, layout.gap)
        pages.append(Page(frame.paper, tuple(items + foot)))
    return pages


def front(commune: Commune, proc: Procedure, layout: CardLayout, floor: int) -> list[Item]:
    """The front: a long name is set smaller, then the office lines shorter, to fit the side."""
    for size in range(layout.name, layout.name_min - 1, -1):
        for office_lines in (2, 1):
            items = front_items(commune, proc, layout, size, office_lines)
            if bottom(items) <= floor:
                return items
    raise ValueError(f"the front of card {proc.code} does not fit: {bottom(items)} > {floor} px")


def front_items(commune: Commune, proc: Procedure, layout: CardLayout, size: int,
                office_lines: int) -> list[Item]:
    """Whose card, the name, the code with the facts beside it, where to submit."""
    frame = layout.frame
    left, width = frame.left, frame.width
    items: list[Item] = text_lines(f"THỦ TỤC HÀNH CHÍNH · {commune.name.upper()}", left, frame.top,
                                   width, "bold", layout.small, most=2)
    items.append(Bar(left, bottom(items), width, RULE))
    items += text_lines(proc.name, left, bottom(items) + layout.gap // 2, width, "bold", size,
                        most=layout.name_lines)
    items += text_lines(f"Mã thủ tục: {proc.code} · Lĩnh vực: {proc.field}", left, bottom(items),
                        width, "regular", layout.small, most=2)
    if proc.sample:
        items += text_lines("DỮ LIỆU MẪU, không dùng để niêm yết", left, bottom(items), width, "bold",
                            layout.small)
    if not proc.in_force:
        items += text_lines("THỦ TỤC NÀY KHÔNG CÒN ÁP DỤNG", left, bottom(items), width, "bold", layout.body)
    items += code_row(commune, proc, bottom(items) + layout.gap // 2, layout)
    y = bottom(items) + layout.gap
    items += text_lines("NƠI NỘP HỒ SƠ", left, y, width, "bold", layout.heading)
    items += text_lines(commune.service_centre, left, bottom(items), width, "regular", layout.body, most=2)
    for label, value in facts.office_lines(commune):
        items += labelled_lines(label, value, left, bottom(items), width, layout.body, most=office_lines)
    items += labelled_lines("Cơ quan giải quyết", proc.agency or facts.NOT_PUBLISHED, left, bottom(items),
                            width, layout.body, most=2)
    return items


def code_row(commune: Commune, proc: Procedure, top: int, layout: CardLayout) -> list[Item]:
    """The code at the left with the time limit and fee beside it, the address under it.

    The slot's quiet zone reaches into the page margin, so the code lines up with the text.
    """
    frame = layout.frame
    module, quiet = layout.module, QUIET * layout.module
    side = CODE_MODULES * module
    path = urls.procedure_path(commune.code, proc.code)
    x = frame.left + side + quiet
    y = top + quiet
    beside: list[Item] = []
    for title, value in (("THỜI HẠN GIẢI QUYẾT", facts.time_limit_text(proc)),
                         ("PHÍ, LỆ PHÍ", facts.fee_text(proc))):
        beside += text_lines(title, x, y, frame.right - x, "bold", layout.heading)
        beside += text_lines(value, x, bottom(beside), frame.right - x, "regular", layout.body,
                             most=layout.fact_lines)
        y = bottom(beside) + layout.gap // 2
    address = top + quiet + side + quiet
    if bottom(beside) > address:
        raise ValueError(f"the facts of card {proc.code} run past its code")
    items: list[Item] = [Code(frame.left - quiet, top, slot_size(CODE_MODULES, module), module, module,
                              path=path), *beside]
    items.append(Link(frame.left, address, frame.width, path, "bold", layout.url, layout.url_min,
                      align="left"))
    items += text_lines("Quét mã hoặc gõ địa chỉ trên để xem đủ giấy tờ, mẫu đơn, các bước và cách nộp.",
                        frame.left, bottom(items), frame.width, "regular", layout.small)
    return items


def back(commune: Commune, proc: Procedure, papers: list[str], done: int, layout: CardLayout,
         floor: int) -> tuple[list[Item], int]:
    """The rest of the checklist over what the back keeps for the online code and the
    source; papers that do not fit are counted, not dropped silently."""
    frame = layout.frame
    items: list[Item] = running_head(f"Thẻ thủ tục mã {proc.code}: giấy tờ cần mang theo", frame, layout.small)
    tail = back_tail(commune, proc, layout)
    room = floor - bottom(tail) - layout.gap
    y = bottom(items) + layout.gap // 2
    if not papers:
        items += text_lines(f"Thành phần hồ sơ: {facts.NOT_PUBLISHED}. Quét mã ở mặt trước để xem khi có.",
                            frame.left, y, frame.width, "regular", layout.body)
    elif done < len(papers):
        listed, done = checklist(papers, done, y, room, layout, done > 0)
        items += listed
        if done < len(papers):
            left_over = len(papers) - done
            items += text_lines(f"Còn {left_over} giấy tờ khác: quét mã ở mặt trước để xem đủ danh sách.",
                                frame.left, bottom(items) + layout.gap // 3, frame.width, "bold", layout.body)
    lift = floor - bottom(tail)
    return items + [shift(item, 0, lift) for item in tail], done


def checklist(papers: list[str], start: int, y: int, floor: int, layout: CardLayout,
              continued: bool) -> tuple[list[Item], int]:
    """A heading and the papers from `start` that fit above `floor` (leaving room to say how
    many are left); returns the items and the index of the first paper not listed."""
    frame = layout.frame
    heading = "GIẤY TỜ CẦN MANG THEO" + (" (tiếp theo)" if continued else " (đánh dấu vào ô khi đã chuẩn bị)")
    items: list[Item] = text_lines(heading, frame.left, y, frame.width, "bold", layout.heading)
    more = line_height(layout.body) * 2 + layout.gap
    y = bottom(items) + layout.gap // 3
    done = start
    for i in range(start, len(papers)):
        entry = checklist_entry(papers[i], y, layout)
        if bottom(entry) > floor - (more if i < len(papers) - 1 else 0):
            break
        items += entry
        y = bottom(entry) + layout.gap // 3
        done = i + 1
    return (items, done) if done > start else ([], start)


def checklist_entry(paper: str, y: int, layout: CardLayout) -> list[Item]:
    """An empty box to tick, then the paper's name and how many copies."""
    frame = layout.frame
    box, edge = layout.box, RULE
    top = y + (line_height(layout.body) - box) // 2
    x = frame.left
    outline: list[Item] = [Bar(x, top, box, edge), Bar(x, top + box - edge, box, edge),
                           Bar(x, top, edge, box), Bar(x + box - edge, top, edge, box)]
    indent = box + mm(2)
    return outline + text_lines(paper, x + indent, y, frame.width - indent, "regular", layout.body,
                                most=layout.doc_lines)


def back_tail(commune: Commune, proc: Procedure, layout: CardLayout) -> list[Item]:
    """What closes the back, laid out from y = 0: a note on the dossier's remarks, the
    online-service code where there is one, and the source."""
    frame = layout.frame
    left, width = frame.left, frame.width
    items: list[Item] = []
    if any(doc.group == facts.NOTES_GROUP for doc in proc.documents):
        items += text_lines("Các lưu ý về hồ sơ: xem trên trang của thủ tục (quét mã ở mặt trước).",
                            left, 0, width, "regular", layout.small)
    link = proc.online_link(commune.code)
    if link:
        items += online_items(link, bottom(items) + layout.gap // 2, layout)
    source = f"Nguồn: {proc.source.title}; đối chiếu ngày {markup.day(proc.source.checked)}."
    items += text_lines(source, left, bottom(items) + layout.gap // 2, width, "regular", layout.small, most=2)
    return items


def online_items(link: str, top: int, layout: CardLayout) -> list[Item]:
    """The online-service code (it points off-site, so no typed address) and what it opens."""
    frame = layout.frame
    quiet = QUIET * layout.online_module
    modules = len(qr_modules(qr_text(link)))
    slot = min(slot_size(modules, layout.online_module), frame.width // 2 + 2 * quiet)
    x = frame.left + slot - quiet
    host = urlsplit(link).hostname or ""
    text = text_lines("NỘP HỒ SƠ TRỰC TUYẾN", x, top + RULE + quiet, frame.right - x, "bold", layout.heading)
    text += text_lines(f"Quét mã bên cạnh để mở trang nộp hồ sơ trực tuyến của thủ tục ({host}).", x,
                       bottom(text), frame.right - x, "regular", layout.body, most=4)
    return [Bar(frame.left, top, frame.width, RULE),
            Code(frame.left - quiet, top + RULE, slot, layout.online_module, layout.online_module_min, url=link),
            *text]
