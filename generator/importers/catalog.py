"""Read the province's procedure catalogue and its per-commune online-service rows.

The catalogue (items with code `ma`, name `ten`, field `lv`, level `cap`) names a
procedure but publishes nothing else: a file made from it alone says so, and its pages
show every other fact as not yet published. The execution rows add, per commune, the
link to the online service and the commune's agency code on the public-service system.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Mapping

from generator.importers.cleaning import clean_text
from generator.importers.portal_api import NATIONAL_PAGE
from generator.importers.records import Imported, Skipped
from generator.text import fold

CATALOG_ORIGIN = "danh mục thủ tục tỉnh Điện Biên"
EXECUTION_ORIGIN = "dịch vụ công trực tuyến theo xã, phường"
# The portal's levels of an online service, as a procedure file spells them.
ONLINE_LEVELS = {"toan trinh": "full", "mot phan": "partial"}
_COMMIT = re.compile(r"^(.*?\(commit [0-9a-f]{7,40}\))")


def public_file(meta: Any, fallback: str) -> str:
    """The public file and commit a mirrored source names in its "_source" note."""
    text = clean_text(meta) or ""
    match = _COMMIT.match(text)
    return match.group(1) if match else (text or fallback)


def levels(text: Any) -> list[str]:
    """"Cấp xã, Cấp Bộ" -> ["cap xa", "cap bo"], folded for comparison."""
    return [fold(part).strip() for part in str(text or "").split(",") if part.strip()]


def procedures_from_catalog(items: list[dict[str, Any]], document: str, checked: date) -> list[Imported | Skipped]:
    """Map catalogue items; only commune-level ones become procedures."""
    out: list[Imported | Skipped] = []
    for item in items:
        code = clean_text(item.get("ma"))
        if not code:
            out.append(Skipped(str(item.get("id")), document, "mục danh mục không có mã ('ma')"))
            continue
        cap = levels(item.get("cap"))
        if "cap xa" not in cap:
            out.append(Skipped(code, document, f"không thực hiện ở cấp xã (cap: {item.get('cap')})"))
            continue
        # The catalogue names no agency; the level alone does not say which body acts,
        # so agency stays unpublished unless another source names it.
        facts = {
            "code": code,
            "name": clean_text(item.get("ten")),
            "level": "commune",
            "field": clean_text(item.get("lv")),
        }
        source = {
            "title": f"Cổng Dịch vụ công quốc gia, {CATALOG_ORIGIN} (chỉ có tên, lĩnh vực, cấp thực hiện)",
            "url": NATIONAL_PAGE.format(code=code),
            "document": document,
            "checked": checked,
        }
        out.append(Imported(code, facts, source, CATALOG_ORIGIN, rank=3))
    return out


def local_from_execution(
    data: dict[str, Any], communes_by_agency: Mapping[str, str], document: str, checked: date
) -> tuple[list[Imported], int]:
    """Per-commune online links from execution rows; also count rows of unknown agencies.

    Two shapes: the mirror's excerpts ("procedures": code -> dvc -> rows with agency "c",
    link "u", level "m") and the province's rows of all communes ("services": one entry per
    online service, its link "links" -> agency codes, its level "m", agency names in
    "agencies")."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for code, entry in (data.get("procedures") or {}).items():
        for service in entry.get("dvc") or ():
            rows.setdefault(code, []).extend(service.get("r") or ())
    names = data.get("agencies") or {}
    for service in data.get("services") or ():
        for link, agencies in (service.get("links") or {}).items():
            rows.setdefault(str(service.get("ma")), []).extend(
                {"c": c, "u": link, "m": (service.get("m") or [None])[0], "a": names.get(c)} for c in agencies)
    out, unknown = [], 0
    for code in sorted(rows):
        local: dict[str, dict[str, Any]] = {}
        for row in rows[code]:
            agency_code = clean_text(row.get("c"))
            commune = communes_by_agency.get(agency_code or "")
            if not commune:
                unknown += 1
                continue
            local.setdefault(commune, {
                "commune": commune,
                "online_service": online_link(row.get("u")),
                "online_level": ONLINE_LEVELS.get(fold(clean_text(row.get("m")) or "")),
                "agency_code": agency_code,
                "agency": clean_text(row.get("a")),
            })
        if local:
            source = {
                "title": f"Cổng Dịch vụ công quốc gia, {EXECUTION_ORIGIN} tỉnh Điện Biên",
                "url": NATIONAL_PAGE.format(code=code),
                "document": document,
                "checked": checked,
            }
            facts = {"code": code, "local": [local[c] for c in sorted(local)]}
            out.append(Imported(code, facts, source, EXECUTION_ORIGIN, rank=4))
    return out, unknown


def online_link(value: Any) -> str | None:
    """"dichvucong...gov.vn/x?" as listed -> "https://dichvucong...gov.vn/x"."""
    text = clean_text(value)
    if not text or any(ch.isspace() for ch in text):
        return None
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    return text[:-1] if text.endswith("?") else text
