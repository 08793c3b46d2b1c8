"""Plan a procedure card (thẻ thủ tục): one procedure, for the counter or beside a desk.

A large code to the procedure's page, then what a resident needs before coming: time
limit, fee, where to submit, the papers to bring, and a second code for the online
service where there is one. A long dossier continues on a second page; nothing is cut.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator import markup, urls
from generator.model import Commune, Procedure
from generator.posters import facts
from generator.posters.fonts import text_width
from generator.posters.layout import MAX_MODULES, RULE, CardLayout
from generator.posters.plan import (
    Bar, Block, Code, Item, Link, Page, Text, bottom, centred, flow, foot_floor, labelled_lines,
    line_blocks, paginate, running_foot, running_head, text_lines,
)
from generator.posters.qr import qr_modules, slot_size

BULLET = "• "


def plan_card(commune: Commune, proc: Procedure, layout: CardLayout) -> list[Page]:
    """Plan the pages of one procedure's card for one commune."""
    frame = layout.frame
    floor = foot_floor(frame, layout.small, layout.gap)
    blocks = card_blocks(commune, proc, layout)
    for size in range(layout.name, layout.name_min - 1, -1):
        first = card_header(commune, proc, layout, size)
        if bottom(first) + layout.gap + blocks[0].height <= floor:
            break  # a long name is set smaller, within limits, to keep the code on the front
    # the running head names the code: a long name wrapped there would crowd the page
    later = running_head(f"Thẻ thủ tục mã {proc.code} (tiếp theo)", frame, layout.small)
    tops = (bottom(first) + layout.gap, bottom(later) + layout.gap)
    return paginate(frame.paper, first, later, flow(blocks, [frame.left], tops, floor),
                    lambda n, total: running_foot(commune.name, n, total, frame, layout.small,
                                                  layout.gap))


def card_blocks(commune: Commune, proc: Procedure, layout: CardLayout) -> list[Block]:
    """The card's content in reading order, as blocks a page may break between."""
    width = layout.frame.width
    blocks = [main_code_block(commune, proc, layout)]
    blocks += section("Thời hạn giải quyết", [facts.time_limit_text(proc)], layout)
    blocks += section("Phí, lệ phí", [facts.fee_text(proc)], layout)
    blocks += where_block(commune, proc, layout)
    papers = facts.documents_to_bring(proc)
    blocks += section("Giấy tờ cần mang theo", papers or [facts.NOT_PUBLISHED], layout,
                      bullets=bool(papers))
    if any(doc.group == facts.NOTES_GROUP for doc in proc.documents):
        note = "Các lưu ý về hồ sơ: xem trên trang của thủ tục (quét mã ở trên)."
        blocks += line_blocks(text_lines(note, 0, 0, width, "regular", layout.small), layout.gap)
    link = proc.online_link(commune.code)
    if link:
        blocks += online_blocks(link, layout)
    source = f"Nguồn: {proc.source.title}; đối chiếu ngày {markup.day(proc.source.checked)}."
    blocks += line_blocks(text_lines(source, 0, 0, width, "regular", layout.small))
    return blocks


def main_code_block(commune: Commune, proc: Procedure, layout: CardLayout) -> Block:
    """The large code to the procedure's page, centred, its typed URL and a caption under it."""
    width = layout.frame.width
    slot = slot_size(MAX_MODULES, layout.module)
    x = (width - slot) // 2
    path = urls.procedure_path(commune.code, proc.code)
    items: list[Item] = [
        Code(x, 0, slot, layout.module, layout.module, path=path),
        Link(0, slot, width, path, "bold", layout.url, layout.url_min),
    ]
    items += centred("Quét mã để xem đầy đủ hồ sơ, mẫu đơn và các bước thực hiện", 0,
                     bottom(items), width, "regular", layout.small)
    return Block(bottom(items) + layout.gap, tuple(items))


def section(title: str, paragraphs: list[str], layout: CardLayout,
            bullets: bool = False) -> list[Block]:
    """A bold heading kept with the first line under it, then the paragraphs line by line."""
    width = layout.frame.width
    heading = text_lines(title.upper(), 0, 0, width, "bold", layout.heading)
    blocks = [Block(bottom(heading), tuple(heading), keep_with_next=True)]
    for i, text in enumerate(paragraphs):
        last = i == len(paragraphs) - 1
        gap = layout.gap if last else layout.gap // 3
        if bullets:
            indent = text_width("regular", layout.body, BULLET)
            lines = text_lines(text, indent, 0, width - indent, "regular", layout.body)
            lines.insert(0, Text(0, 0, BULLET.strip(), "regular", layout.body))
        else:
            lines = text_lines(text, 0, 0, width, "regular", layout.body)
        blocks += line_blocks(lines, gap)
    return blocks


def where_block(commune: Commune, proc: Procedure, layout: CardLayout) -> list[Block]:
    """Where to submit: the commune's service centre, its office details and the agency."""
    width = layout.frame.width
    heading = text_lines("NƠI NỘP HỒ SƠ", 0, 0, width, "bold", layout.heading)
    lines = text_lines(commune.service_centre, 0, 0, width, "regular", layout.body)
    for label, value in facts.office_lines(commune):
        lines += labelled_lines(label, value, 0, bottom(lines), width, layout.body)
    lines += labelled_lines("Cơ quan giải quyết", proc.agency or facts.NOT_PUBLISHED, 0, bottom(lines),
                            width, layout.body)
    return [Block(bottom(heading), tuple(heading), keep_with_next=True),
            *line_blocks(lines, layout.gap)]


def online_blocks(link: str, layout: CardLayout) -> list[Block]:
    """The online-service code (pointing off-site, so no typed URL), with what it is for."""
    width = layout.frame.width
    heading = text_lines("NỘP HỒ SƠ TRỰC TUYẾN", 0, 0, width, "bold", layout.heading)
    host = urlsplit(link).hostname or ""
    text = text_lines(f"Quét mã dưới đây để mở trang nộp hồ sơ trực tuyến ({host}).", 0, 0,
                      width, "regular", layout.body)
    slot = min(slot_size(len(qr_modules(link)), layout.online_module), width)
    code = Code((width - slot) // 2, 0, slot, layout.online_module, layout.online_module_min,
                url=link)
    return [Block(bottom(heading), tuple(heading), keep_with_next=True),
            *[Block(b.height, b.items, keep_with_next=True) for b in line_blocks(text)],
            Block(slot, (code,))]


def card_header(commune: Commune, proc: Procedure, layout: CardLayout, size: int) -> list[Item]:
    """Whose card this is, the procedure's name large, its code and field."""
    frame = layout.frame
    kicker = f"THỦ TỤC HÀNH CHÍNH · {commune.name.upper()}"
    items: list[Item] = text_lines(kicker, frame.left, frame.top, frame.width, "bold", layout.small)
    items.append(Bar(frame.left, bottom(items), frame.width, RULE))
    items += text_lines(proc.name, frame.left, bottom(items) + layout.gap // 2, frame.width,
                        "bold", size)
    items += text_lines(f"Mã thủ tục: {proc.code} · Lĩnh vực: {proc.field}", frame.left,
                        bottom(items), frame.width, "regular", layout.small)
    if proc.sample:
        items += text_lines("DỮ LIỆU MẪU, không dùng để niêm yết", frame.left, bottom(items),
                            frame.width, "bold", layout.small)
    if not proc.in_force:
        items += text_lines("THỦ TỤC NÀY KHÔNG CÒN ÁP DỤNG", frame.left, bottom(items),
                            frame.width, "bold", layout.body)
    return items

