"""Read the Ministry of National Defence's procedures from the portal's .doc exports.

shared/data/procedures/defence_ministry_exports/extracted/ holds each ChiTietTTHC_<code>.doc
already parsed into JSON. Only procedures whose level list includes "Xã" are commune
procedures. Fees stay as printed ("Phí : 0 Đồng"), since a 0 beside "Phí" is what the
ministry published; an empty fee cell, or one with no amount at all, says nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.importers.cleaning import clean_item, clean_text, is_commune_body, split_outside_brackets
from generator.importers.portal_api import NATIONAL_PAGE
from generator.importers.records import Imported, Skipped
from generator.text import fold

# The exports carry no date. This is the day they were copied into shared/data (the
# folder's timestamp): the latest day we know they matched the portal.
EXPORT_COPIED = date(2026, 11, 23)
ORIGIN = "bản xuất .doc (Bộ Quốc phòng)"
RANK = 2  # see records.merge
MODES = {"truc tiep": "in_person", "truc tuyen": "online", "dich vu buu chinh": "post"}
_COUNTS = re.compile(r"Bản chính:\s*(\d+)\s*\n?\s*Bản sao:\s*(\d+)", re.IGNORECASE)
_STEP = re.compile(r"(?=Bước\s*\d+\s*:)")
_LIMIT = re.compile(r"^(\d+(?:[.,]\d+)?) (Ngày làm việc|Ngày|Giờ|Tháng|Năm|Phút)$")
_EMPTY_FEE = re.compile(r"^(Lệ phí|Phí)\s*:\s*(Đồng)?$", re.IGNORECASE)


def is_commune_level(record: dict[str, Any]) -> bool:
    """True when the export lists "Cấp Xã" among the levels that carry it out."""
    levels = (record.get("metadata") or {}).get("cấp_thực_hiện") or ""
    return any(fold(part).strip() == "cap xa" for part in levels.split(","))


def procedure_from_export(record: dict[str, Any], checked: date = EXPORT_COPIED) -> Imported | Skipped:
    """Map one parsed .doc export to procedure-file keys."""
    meta, content, tables = record.get("metadata") or {}, record.get("content") or {}, record.get("tables") or {}
    document = clean_text(record.get("source_file")) or f"ChiTietTTHC_{record.get('thu_tuc_id')}.doc"
    code = clean_text(meta.get("mã_thủ_tục")) or clean_text(record.get("thu_tuc_id")) or document
    if not is_commune_level(record):
        return Skipped(code, document, f"không thực hiện ở cấp xã (cấp_thực_hiện: {meta.get('cấp_thực_hiện')})")
    name, field = clean_text(meta.get("tên_thủ_tục")), clean_text(meta.get("lĩnh_vực"))
    agency = clean_text(content.get("cơ_quan_thực_hiện"))
    for key, value in (("tên_thủ_tục", name), ("lĩnh_vực", field), ("cơ_quan_thực_hiện", agency)):
        if not value:
            return Skipped(code, document, f"thiếu '{key}'")
    if not is_commune_body(agency):
        # Border-guard posts, army units: listed with "Cấp Xã" but not delivered at a
        # commune's service centre, so no commune page should tell a resident to go there.
        return Skipped(code, document, f"không do cơ quan cấp xã thực hiện (cơ_quan_thực_hiện: {agency})")
    facts = {
        "code": code,
        "name": name,
        "level": "commune",
        "field": field,
        "agency": agency,
        "authority": clean_text(content.get("cơ_quan_có_thẩm_quyền")),
        "applicants": split_outside_brackets(clean_text(content.get("đối_tượng_thực_hiện")) or ""),
        "steps": _steps(content.get("trình_tự_thực_hiện")),
        "channels": [c for c in (_channel(row) for row in tables.get("hinh_thuc_nop") or ()) if c],
        "documents": [d for d in (_document(row) for row in tables.get("thanh_phan_ho_so") or ()) if d],
        "results": [r for r in (clean_text(x) for x in (clean_text(content.get("kết_quả_thực_hiện")) or "").split("\n")) if r],
        "legal_basis": _legal_basis(tables.get("can_cu_phap_ly") or ()),
        "conditions": clean_text(content.get("yêu_cầu_điều_kiện_thực_hiện")),
    }
    source = {
        "title": f"Cổng Dịch vụ công quốc gia, bản xuất chi tiết thủ tục {code} (Bộ Quốc phòng)",
        "url": NATIONAL_PAGE.format(code=code),
        "decision": clean_text(meta.get("số_quyết_định")),
        "document": document,
        "checked": checked,
    }
    return Imported(code, facts, source, ORIGIN, rank=RANK)


def _steps(text: Any) -> list[str]:
    """Split "Bước 1: ... Bước 2: ..." into steps; a text without numbered steps is one step."""
    text = clean_text(text)
    if not text:
        return []
    parts = [clean_text(p.strip().rstrip(";")) for p in _STEP.split(text)]
    # Some exports repeat the section heading before "Bước 1"; it is not a step.
    return [p for p in parts if p and fold(p) != "trinh tu thuc hien"]


def _channel(row: dict[str, Any]) -> dict[str, Any] | None:
    mode = MODES.get(fold(clean_text(row.get("hinh_thuc")) or ""))
    if not mode:
        return None
    limit = clean_text(row.get("thoi_han_giai_quyet"))
    match = _LIMIT.match(limit or "")
    if match:  # "1 Ngày làm việc" -> "1 ngày làm việc": the unit is not a name
        limit = f"{match.group(1)} {match.group(2).lower()}"
    fee = clean_text(row.get("phi_le_phi"))
    if fee and _EMPTY_FEE.match(fee):
        fee = None
    return {"mode": mode, "time_limit": limit, "fee": fee}


def _document(row: dict[str, Any]) -> dict[str, Any] | None:
    name = clean_item(row.get("ten_giay_to"))
    if not name:
        return None
    # "so_luong" sometimes holds a form's file name rather than a count: counts are read
    # from whichever cell has them, and a bare file name is not a downloadable link.
    counts = None
    for cell in (row.get("ghi_chu"), row.get("so_luong")):
        counts = counts or _COUNTS.search(clean_text(cell) or "")
    return {
        "name": name,
        "originals": int(counts.group(1)) if counts else None,
        "copies": int(counts.group(2)) if counts else None,
    }


def _legal_basis(rows: Any) -> list[dict[str, Any]]:
    out, seen = [], set()
    for row in rows:
        number, title = clean_text(row.get("so_ky_hieu")), clean_text(row.get("trich_yeu"))
        number = number or title
        if not number or number in seen:
            continue
        seen.add(number)
        out.append({"number": number, "title": title})
    return out
