"""Read a procedure from the 2026 crawl of the portal's public pages (portal_crawl_2026).

The crawler kept each page's tables as flattened text: the cells of a row run together
("Trực tuyến5 Ngày làm việcMiễn phí(...)"). This module splits them back into channels,
documents, legal bases and results, and only ever cuts the text: each piece is a slice
of the record's own text (after NFC and tidy spacing), never retyped, so a test can put
the pieces back together and find the source. Where a cut is ambiguous, the fact is left
out rather than guessed: a channel whose time and fee digits run together ("Trực
tuyến120 VNĐ") gets neither, and a bare number without a unit is no time limit (the
structured record gives the limits per case; see portal_api).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.importers.cleaning import clean_group, clean_item, clean_text, is_commune_body, split_outside_brackets
from generator.importers.portal_api import NATIONAL_PAGE
from generator.importers.records import Imported, Skipped
from generator.text import fold, nfc

ORIGIN = "trang thủ tục trên Cổng (bản thu thập 2026)"
RANK = 1  # see records.merge
# The crawl's commit date, when its folder note does not say.
CRAWLED = date(2026, 7, 20)
CHANNELS_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCUMENTS_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL_HEAD = "Tên văn bản pháp lýMã văn bản"
MODES = {"Trực tuyến": "online", "Trực tiếp": "in_person", "Dịch vụ bưu chính": "post"}
UNITS = ("Ngày làm việc", "Ngày", "Giờ làm việc", "Giờ", "Tháng", "Năm", "Tuần", "Phút")
NO_INFO = "Không có thông tin"

_MODE = "|".join(MODES)
_UNIT = "|".join(UNITS)
_AMOUNT = r"\d[\d.,]* (?:Việt Nam Đồng|VNĐ)"
# One row of the channels table: mode, time, fee. The time is a number with its unit, a
# bare number (the page printed no unit), or "no information".
_ROW = re.compile(
    rf"(?P<mode>{_MODE})(?:"
    rf"(?:(?P<time>\d+(?:[.,]\d+)? (?:{_UNIT}))|(?P<bare>\d+)(?=Miễn phí|{NO_INFO})|{NO_INFO}"
    rf"|(?P<said>[A-ZĐ][^()\n]{{0,120}}?)(?=Miễn phí|{NO_INFO}|Không có))"
    rf"(?P<fee>Miễn phí|{_AMOUNT}|{NO_INFO}|Không(?= ?{NO_INFO}))"
    rf"|(?P<run>{_AMOUNT}))"
)
# The count column of a document row: "1 bản chính" or "0 bản chính,1 bản sao". A count
# written with a leading zero ("01 bản chính") is part of a document's own text.
_COUNT = re.compile(r"(?<![\d/])(0|[1-9]\d*) bản chính(?:,(0|[1-9]\d*) bản sao)?")
_RESULT = re.compile(r"Mã: KQ(?:\.[A-Z]*\d+)+")
_RESULT_END = "Từ khóa"
# Where a legal document's number starts: 123/2015/NĐ-CP, 66.7/2025/NQ-CP, 60/2014/QH13,
# 2338/QĐ-BTP; the rest of it (capitals, digits, hyphens) is read by _number_spans.
# Page text the crawler ran into after the table (the next field's label).
_PAGE_AFTER_LEGAL = "Cơ quan thực hiện"
_NUMBER_HEAD = r"(?:\d{1,3}\.\d{1,2}|\d+)/(?:\d{4}/)?[A-ZĐƯƠÂÊÔĂР]"
_NUMBER_START = re.compile(r"(?<![\d/])" + _NUMBER_HEAD)
# Two-letter beginnings of Vietnamese syllables (folded).
_CLUSTERS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
# A document's kind written in its number column, just before the number.
_KIND_BEFORE = re.compile(r"(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Lệnh)(?: số)? $")
# A number glued to the previous one ("...QH1360/2014/QH13"): it starts where that one ended.
_GLUED_START = re.compile(_NUMBER_HEAD)


@dataclass(frozen=True)
class Cut:
    """How a flattened table was cut: the pieces, and whether every character was placed."""

    rows: list[dict[str, Any]]
    whole: bool


def procedure_from_crawl(record: dict[str, Any], document: str, checked: date,
                         listed: frozenset[str] = frozenset()) -> Imported | Skipped:
    """Map one crawled page; `listed` holds the national commune list's codes, which are
    commune procedures whatever level the page names. Another page is a commune procedure
    when it lists "Cấp xã" and names a commune body as the one acting. Customs, tax and
    social-insurance procedures list "Cấp xã" too but name their own offices (or no body):
    they are published province-wide (level "other"), so a resident finds them, while no
    commune's list or notice board sends people to a counter the record does not name."""
    code = clean_text(record.get("ma_thu_tuc")) or document
    levels = [fold(part).strip() for part in (record.get("cap_thuc_hien") or "").split(",")]
    if code not in listed:
        if "cap xa" not in levels:
            return Skipped(code, document, f"không thực hiện ở cấp xã (cap_thuc_hien: {record.get('cap_thuc_hien')})")
    bodies = [clean_text(record.get(key)) for key in ("co_quan_thuc_hien", "co_quan_co_tham_quyen")]
    level = "commune" if code in listed or any(is_commune_body(body) for body in bodies) else "other"
    name = clean_text(record.get("ten_thu_tuc"))
    facts = {
        "code": code,
        "name": name,
        "level": level,
        "field": clean_text(record.get("linh_vuc")),
        "agency": clean_text(record.get("co_quan_thuc_hien")),
        "authority": clean_text(record.get("co_quan_co_tham_quyen")),
        "applicants": split_outside_brackets(clean_text(record.get("doi_tuong_thuc_hien")) or ""),
        "steps": [s for s in [clean_text(record.get("trinh_tu_thuc_hien"))] if s],
        "channels": channels(record.get("cach_thuc_thuc_hien")).rows,
        "documents": documents(record.get("thanh_phan_ho_so")).rows,
        "results": results(record.get("ket_qua_xu_ly")),
        "legal_basis": legal_basis(record.get("can_cu_phap_ly")).rows,
        "conditions": clean_text(record.get("yeu_cau_dieu_kien")),
    }
    source = {
        "title": f"Cổng Dịch vụ công quốc gia, thủ tục {code} ({ORIGIN})",
        "url": clean_text(record.get("detail_url")) or NATIONAL_PAGE.format(code=code),
        "decision": clean_text(record.get("so_quyet_dinh")),
        "document": document,
        "checked": checked,
    }
    return Imported(code, facts, source, ORIGIN, rank=RANK)


def table_text(value: Any, head: str) -> str:
    """The table's text in NFC without its header row."""
    text = nfc(str(value or ""))
    return text[len(head):] if text.startswith(head) else text


def channels(value: Any) -> Cut:
    """Cut the channels table into rows of mode, time limit, fee and description."""
    text = table_text(value, CHANNELS_HEAD)
    rows_at = list(_ROW.finditer(text))
    if not rows_at or rows_at[0].start() != 0:
        return Cut([], not text.strip())
    rows = []
    for here, after in zip(rows_at, [*rows_at[1:], None]):
        rest = text[here.end():after.start() if after else len(text)]
        fee_note, note = _leading_brackets(rest)
        rows.append({
            "mode": MODES[here["mode"]],
            "time_limit": clean_text(here["time"] or here["said"]),
            "fee": _fee(here["fee"], fee_note),
            "note": clean_text(note),
        })
    return Cut(rows, True)


def _leading_brackets(text: str) -> tuple[str | None, str]:
    """Split "(a (b) c)rest" into "a (b) c" and "rest"; text not starting with "(" is all rest."""
    if not text.startswith("("):
        return None, text
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return text[1:i], text[i + 1:]
    return None, text


def _fee(fee: str | None, note: str | None) -> str | None:
    """The fee as the page printed it, with its explanation. A "Miễn phí" printed for a zero
    beside a text saying who sets the fee is not the published fee: the text is."""
    fee, note = clean_text(fee), clean_text(note)
    if fee is None or fee == NO_INFO:
        return note
    if note is None:
        return fee
    if fee == "Miễn phí":
        return note
    return f"{fee}{note}" if note.startswith("/") else f"{fee} ({note})"


def documents(value: Any) -> Cut:
    """Cut the dossier table into documents, each with its counts and the source's group."""
    text = nfc(str(value or ""))
    blocks = text.split(DOCUMENTS_HEAD)
    rows: list[dict[str, Any]] = []
    whole = True
    group = _group(blocks[0])
    for block in blocks[1:]:
        counts = list(_COUNT.finditer(block))
        start = 0
        for count in counts:
            name = clean_item(block[start:count.start()])
            if name:  # the table has rows with only a count: nothing to publish
                rows.append({"name": name, "originals": int(count[1]),
                             "copies": int(count[2]) if count[2] else 0, "group": group})
            start = count.end()
        group = _group(block[start:])  # what follows the last row heads the next block
    return Cut(rows, whole and bool(rows) == bool(text.strip()))


def _group(text: str) -> str | None:
    """A block's heading ("* Giấy tờ phải nộp:"), or None for the source's unnamed group ("--")."""
    heading = clean_group(text.replace("--", ""))
    return heading or None


def results(value: Any) -> list[str]:
    """Result documents: each name printed before its code ("Trích lục khai tửMã: KQ.G15.000034")."""
    text = nfc(str(value or "")).split(_RESULT_END)[0]
    names, start = [], 0
    for match in _RESULT.finditer(text):
        name = clean_text(text[start:match.start()])
        if name:
            names.append(name)
        start = match.end()
    if not names:
        name = clean_text(text)
        return [name] if name else []
    return names


def legal_basis(value: Any) -> Cut:
    """Cut the legal-basis table into (title, number) rows.

    Each row is printed as its title then its number, glued: "...Luật Hộ tịch123/2015/NĐ-CP".
    A number closes a row when it is glued to the text before it and the next title
    starts right after it; a number inside a title has a space before it ("số 123/2015").
    The table's last number always closes the last row."""
    text = table_text(value, LEGAL_HEAD).split(_PAGE_AFTER_LEGAL)[0]
    spans = [(_column_start(text, begin), end) for begin, end in _number_spans(text)]
    rows, start = [], 0
    for i, (begin, end) in enumerate(spans):
        last = i == len(spans) - 1 and not clean_text(text[end:])
        number_follows = i + 1 < len(spans) and spans[i + 1][0] == end  # "...TT-BTP01/2020/TT-BTP": a title's
        if not last and (number_follows or not _closes_row(text, begin, end)):
            continue
        rows.append({"number": clean_text(text[begin:end]), "title": clean_text(text[start:begin])})
        start = end
    tail = clean_text(text[start:])
    if tail and rows:
        rows[-1]["number"] += tail  # never drop text: it stays with its row, and the cut is not whole
    return Cut(rows, tail is None and bool(rows) == bool(clean_text(text)))


def _number_spans(text: str) -> list[tuple[int, int]]:
    """Every legal number's span, without what belongs to the next row: the capital that
    starts the next title ("TT-BTCNghị") or the digits that start the next number
    ("TT-BTP01/2020", "QH1547/2024": a law's "QH" keeps its two digits)."""
    spans, pos = [], 0
    while found := (spans and _GLUED_START.match(text, pos)) or _NUMBER_START.search(text, pos):
        begin, end = found.start(), found.end() - 1
        while end < len(text) and (text[end].isupper() or text[end].isdigit() or text[end] == "-"):
            if _starts_word(text, end):
                break  # the first letter of the next title's first word
            end += 1
        glued = re.search(r"(QH\d\d)?(\d+)$", text[begin:end])
        if glued and glued.group(2) and text[end:end + 1] == "/":
            end -= len(glued.group(2))
        spans.append((begin, end))
        pos = max(end, found.end())
    return spans


def _starts_word(text: str, at: int) -> bool:
    """True when a Vietnamese word starts at `at` with a capital ("Nghị", "Thông", "Ủy"), as
    opposed to a number's capitals running into a lower-case title ("TT-VPCPquy")."""
    pair = fold(text[at:at + 2])
    if len(pair) < 2 or not text[at].isupper() or not text[at + 1].islower():
        return False
    return pair in _CLUSTERS or pair[0] in "aeiouy" or (pair[0] in "bcdghklmnrstvx" and pair[1] in "aeiouy")


def _column_start(text: str, begin: int) -> int:
    """Where a number column starts when it names the kind of document before the number
    ("...Bộ Tư phápThông tư số 03/2023/TT-BTP"): that name is glued to the title before."""
    kind = _KIND_BEFORE.search(text, 0, begin)
    before = text[kind.start() - 1] if kind and kind.start() > 0 else " "
    if before.isspace() or before.isdigit() or before.isupper():
        return begin  # not glued to a title's end: after a number, the kind starts the next title
    return kind.start()


def _closes_row(text: str, begin: int, end: int) -> bool:
    glued_before = begin == 0 or not text[begin - 1].isspace()
    after = text[end:end + 2]
    glued_after = after[:1] != "" and not after[:1].isspace() and after[:1] not in ",;.)"
    spaced_title = after[:1] == " " and after[1:2].isupper()  # the source's trailing space
    return glued_before and (glued_after or spaced_title)
