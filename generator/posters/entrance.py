"""Plan the entrance poster (áp phích lối vào): the commune's catalogue and the search.

Two codes as large as an A3 sheet allows, for residents scanning from the doorway or the
queue, each with what it opens and the address to type, and the office details below.
"""

from __future__ import annotations

from generator import urls
from generator.catalogue.model import Commune
from generator.posters import facts
from generator.posters.layout import MAX_MODULES, RULE, EntranceLayout
from generator.posters.plan import (
    Bar, Code, Item, Link, Page, bottom, centred, foot_floor, labelled_lines, running_foot, shift,
    text_lines,
)
from generator.posters.qr import slot_size


def plan_entrance(commune: Commune, layout: EntranceLayout) -> Page:
    """Plan the single page of the commune's entrance poster."""
    frame = layout.frame
    items: list[Item] = centred("TRA CỨU THỦ TỤC HÀNH CHÍNH", frame.left, frame.top,
                                frame.width, "bold", layout.title)
    items += centred(commune.name.upper(), frame.left, bottom(items), frame.width, "bold",
                     layout.commune)
    items += centred("Mở camera điện thoại, hướng vào mã; hoặc gõ địa chỉ vào trình duyệt.",
                     frame.left, bottom(items) + layout.gap // 2, frame.width, "regular",
                     layout.body)
    items.append(Bar(frame.left, bottom(items) + layout.gap // 2, frame.width, 2 * RULE))
    floor = foot_floor(frame, layout.url_min, layout.gap // 2)
    foot = running_foot("Áp phích lối vào", commune.name, frame, layout.url_min, layout.gap // 2)
    office = office_items(commune, floor, layout)
    top = bottom(items) + layout.gap
    room = min(item.y for item in office) - layout.gap - top
    slot = min(slot_size(MAX_MODULES, layout.module), frame.width // 2,
               (room - layout.gap) // 2)
    rows = [
        (urls.commune_path(commune.code), "1. Danh mục thủ tục",
         f"Mọi thủ tục hành chính của {commune.name}, theo lĩnh vực: giấy tờ cần chuẩn bị, "
         "thời hạn, lệ phí và cách nộp trực tuyến."),
        (urls.search_path(commune.code), "2. Tìm thủ tục",
         "Gõ việc cần làm, ví dụ: khai sinh, kết hôn, chứng thực."),
    ]
    for i, (path, heading, text) in enumerate(rows):
        y = top + i * (slot + layout.gap)
        items += code_row(path, heading, text, y, slot, layout)
    return Page(frame.paper, tuple(items + office + foot))


def code_row(path: str, heading: str, text: str, y: int, slot: int,
             layout: EntranceLayout) -> list[Item]:
    """One large code on the left; what it opens and its typed address on the right."""
    frame = layout.frame
    x = frame.left + slot
    width = frame.right - x
    text_items: list[Item] = text_lines(heading, x, 0, width, "bold", layout.heading)
    text_items += text_lines(text, x, bottom(text_items) + layout.gap // 2, width, "regular",
                             layout.body)
    text_items.append(Link(x, bottom(text_items) + layout.gap, width, path, "bold", layout.url,
                           layout.url_min))
    middle = y + (slot - bottom(text_items)) // 2
    code = Code(frame.left, y, slot, layout.module, layout.module_min, path=path)
    return [code, *(shift(item, 0, middle) for item in text_items)]


def office_items(commune: Commune, floor: int, layout: EntranceLayout) -> list[Item]:
    """The service centre's name, address, hours and phone, set above `floor`."""
    frame = layout.frame
    lines = text_lines(commune.service_centre, frame.left, 0, frame.width, "bold", layout.body)
    for label, value in facts.office_lines(commune):
        lines += labelled_lines(label, value, frame.left, bottom(lines), frame.width, layout.body, most=2)
    lift = floor - bottom(lines)
    items: list[Item] = [Bar(frame.left, lift - layout.gap // 2, frame.width, RULE)]
    return items + [shift(line, 0, lift) for line in lines]
