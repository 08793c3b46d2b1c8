"""Turn the National Public Service Portal's public records into procedures/ files.

Three shapes of record are read from ../shared/data/procedures (its README says where each
comes from): the 2026 portal API detail, the per-procedure .doc export (Ministry of
National Defence) and the province's catalogue listing, plus the per-commune rows of
online services. Each file keeps its record's source. Only what a record states is
written: an empty fee, "Không có thông tin" or a missing time limit is left out, and the
page then says it is not yet published.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from generator.importers.yamlout import dump_yaml
from generator.text import nfc

PORTAL_PAGE = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
MODES = {"DIRECT": "in_person", "ONLINE": "online", "POSTAL": "post",
         "Trực tiếp": "in_person", "Trực tuyến": "online", "Dịch vụ bưu chính": "post"}
UNITS = {"WORKING_DAY": "ngày làm việc", "DAY": "ngày"}
EMPTY = {"", "không", "không có thông tin", "không quy định."}
# Keys a person may add by hand to an imported file; a re-import keeps them.
HAND_KEYS = ("keywords", "communes", "replaced_by", "withdrawn", "online_service")
# Agencies of the defence exports that are commune bodies; the others (border-guard
# posts at sea ports, army units) do not deliver at a commune's service centre.
COMMUNE_AGENCIES = re.compile(r"cấp xã|Ủy ban nhân dân xã", re.I)
# The mirror's build date (province-configs/11-dien-bien/manifest.json "builtAt").
MIRROR_CHECKED = date(2026, 10, 3)


@dataclass
class ImportReport:
    """What an import wrote, and what it skipped with the reason."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def clean(text: Any) -> str | None:
    """NFC, trimmed text; None for the portal's ways of saying nothing."""
    if not isinstance(text, str):
        return None
    value = nfc(text).strip()
    return None if value.casefold() in EMPTY else value


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def from_api_detail(record: dict[str, Any]) -> dict[str, Any]:
    """A 2026 portal API record (national_portal_mirror/details/*.json)."""
    code = record["code"]
    cases = [c for c in record.get("cases", []) if c.get("processingDay")]
    channels = [_drop_empty({
        "mode": MODES[m["submissionMethod"]],
        "time_limit": _time_limit(m, cases),
        "fee": "; ".join(filter(None, (_fee(f) for f in m.get("fees", [])))) or None,
        "note": clean(m.get("description")),
    }) for m in record.get("executionMethods", [])]
    documents = [_drop_empty({
        "name": clean(p["name"]), "originals": p.get("originalQty"), "copies": p.get("copyQty"),
        "group": clean((case.get("name") or "").strip("*: ")),
    }) for case in record.get("executionCases", []) for p in case.get("profileComponents", [])]
    proposal = record.get("procedureProposal") or {}
    updated = datetime.fromtimestamp(record["updatedAt"] / 1000, timezone.utc).date() if record.get("updatedAt") else None
    return _drop_empty({
        "code": code,
        "name": clean(record["name"]),
        "level": "commune" if record.get("isWard") else "province",
        "field": clean(record["categoriesDetails"][0]["name"]) if record.get("categoriesDetails") else None,
        "agency": clean(record.get("executingAgencies")),
        "authority": clean(record.get("delegatedAgencies")),
        "applicants": [clean(s["name"]) for s in record.get("subjectTypesDetails", [])],
        "steps": [clean(s["description"]) for s in record.get("executionSteps", []) if clean(s.get("description"))],
        "channels": channels,
        "documents": [d for d in documents if d.get("name")],
        "results": [clean(r["name"]) for r in record.get("resultsDetails", [])],
        "legal_basis": [_drop_empty({"number": clean(b["code"]), "title": clean(b["name"])})
                        for b in record.get("legalBasisesDetails", []) if clean(b.get("code"))],
        "conditions": clean(record.get("requirementsAndConditions")),
        "source": _drop_empty({
            "title": f"Cổng Dịch vụ công quốc gia, thủ tục {code} (dữ liệu API 2026"
                     + (f", cập nhật {updated.strftime('%d/%m/%Y')})" if updated else ")"),
            "url": PORTAL_PAGE.format(code=code),
            "decision": clean(proposal.get("proposalNumber")),
            "checked": MIRROR_CHECKED,
        }),
    })


def _time_limit(method: dict[str, Any], cases: list[dict[str, Any]]) -> str | None:
    if method.get("processingTimeUnit") in UNITS and method.get("processingTime"):
        return f"{method['processingTime']} {UNITS[method['processingTimeUnit']]}"
    # "OTHER": the portal gives the real limit per case (service variant), so say which.
    parts = [f"{c['processingDay']['qty']} {UNITS.get(c['processingDay']['type'], c['processingDay']['type'])}"
             f" (trường hợp {c['code']})" for c in cases if c["processingDay"].get("qty")]
    return "; ".join(parts) or None


def _fee(fee: dict[str, Any]) -> str | None:
    text = clean(fee.get("description"))
    value = fee.get("value")
    amount = f"{value:,} đồng".replace(",", ".") if isinstance(value, int) and value else None
    return "; ".join(filter(None, (amount, text))) or None


def from_doc_export(record: dict[str, Any]) -> dict[str, Any] | None:
    """A parsed .doc export (defence_ministry_exports/extracted/*.json); None if not commune level."""
    meta, content, tables = record["metadata"], record["content"], record["tables"]
    agency = clean(content.get("cơ_quan_thực_hiện"))
    if "xã" not in meta.get("cấp_thực_hiện", "").casefold() or not agency or not COMMUNE_AGENCIES.search(agency):
        return None
    code = record["thu_tuc_id"]
    steps = clean(content.get("trình_tự_thực_hiện"))
    return _drop_empty({
        "code": code,
        "name": clean(meta["tên_thủ_tục"]),
        "level": "commune",
        "field": clean(meta["lĩnh_vực"]),
        "agency": agency,
        "authority": clean(content.get("cơ_quan_có_thẩm_quyền")),
        "applicants": [a.strip() for a in (clean(content.get("đối_tượng_thực_hiện")) or "").split(",") if a.strip()],
        "steps": [s.strip() for s in re.split(r"(?=Bước \d+\s*:)", steps) if s.strip()] if steps else [],
        "channels": [_drop_empty({"mode": MODES[h["hinh_thuc"]], "time_limit": clean(h.get("thoi_han_giai_quyet")),
                                  "fee": clean(h.get("phi_le_phi"))})
                     for h in tables.get("hinh_thuc_nop", []) if h.get("hinh_thuc") in MODES],
        "documents": [_drop_empty({"name": clean(d["ten_giay_to"]), **_counts(d.get("ghi_chu", ""))})
                      for d in tables.get("thanh_phan_ho_so", []) if clean(d.get("ten_giay_to"))],
        "results": [clean(content.get("kết_quả_thực_hiện"))] if clean(content.get("kết_quả_thực_hiện")) else [],
        "legal_basis": [_drop_empty({"number": clean(b["so_ky_hieu"]), "title": clean(b.get("trich_yeu"))})
                        for b in tables.get("can_cu_phap_ly", []) if clean(b.get("so_ky_hieu"))],
        "conditions": clean(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        "source": _drop_empty({
            "title": f"Cổng Dịch vụ công quốc gia, tệp xuất thủ tục {code} (Bộ Quốc phòng)",
            "url": PORTAL_PAGE.format(code=code),
            "decision": clean(meta.get("số_quyết_định")),
            "document": record.get("source_file"),
            "checked": MIRROR_CHECKED,
        }),
    })


def _counts(note: str) -> dict[str, int]:
    found = dict(re.findall(r"Bản (chính|sao):\s*(\d+)", note))
    return {key: int(found[word]) for key, word in (("originals", "chính"), ("copies", "sao")) if word in found}


def from_catalogue_item(item: dict[str, Any], source: str) -> dict[str, Any]:
    """A province catalogue listing: code, name, field and level only."""
    return _drop_empty({
        "code": item["ma"],
        "name": clean(item["ten"]),
        "level": "commune" if "xã" in item.get("cap", "").casefold() else "province",
        "field": clean(item.get("lv")),
        "source": {"title": f"Danh mục thủ tục tỉnh Điện Biên trên Cổng Dịch vụ công quốc gia ({source})",
                   "url": PORTAL_PAGE.format(code=item["ma"]), "checked": MIRROR_CHECKED},
    })


def local_services(rows: dict[str, Any], agency_to_commune: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Per-commune online-service links from execution rows, keyed by procedure code."""
    out: dict[str, list[dict[str, str]]] = {}
    for code, entry in rows.items():
        for variant in entry.get("dvc", []):
            for row in variant.get("r", []):
                commune = agency_to_commune.get(row.get("c", ""))
                link = row.get("u", "").strip()
                if commune and link:
                    url = (link if link.startswith("http") else "https://" + link).rstrip("?")
                    out.setdefault(code, []).append({"commune": commune, "online_service": url,
                                                     "agency_code": row["c"]})
    return {code: sorted(items, key=lambda i: i["commune"]) for code, items in out.items()}


def merge(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Combine records of one code: earlier (richer) records win field by field."""
    merged: dict[str, Any] = {}
    for record in records:
        for key, value in record.items():
            merged.setdefault(key, value)
    if len(records) > 1:
        others = "; ".join(r["source"]["title"] for r in records[1:] if r["source"]["title"] != merged["source"]["title"])
        if others:
            merged["source"] = {**merged["source"], "title": f"{merged['source']['title']}; đối chiếu: {others}"}
    return merged


ORDER = ("code", "name", "level", "field", "agency", "authority", "applicants", "steps", "channels",
         "documents", "results", "legal_basis", "conditions", "online_service", "keywords", "communes",
         "local", "replaced_by", "withdrawn", "sample", "source")


def import_records(shared: Path, out: Path, agency_to_commune: dict[str, str]) -> ImportReport:
    """Write one procedures/ file per commune-level record found under `shared`/procedures."""
    base = Path(shared) / "procedures"
    report = ImportReport()
    found: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((base / "national_portal_mirror" / "details").glob("*.json")):
        record = from_api_detail(json.loads(path.read_text(encoding="utf-8")))
        found.setdefault(record["code"], []).append(record)
    for path in sorted((base / "defence_ministry_exports" / "extracted").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        record = from_doc_export(raw)
        if record is None:
            report.skipped[raw["thu_tuc_id"]] = "không do cơ quan cấp xã thực hiện: " + (
                raw["content"].get("cơ_quan_thực_hiện") or raw["metadata"].get("cấp_thực_hiện", ""))
            continue
        found.setdefault(record["code"], []).append(record)
    province = base / "national_portal_mirror" / "province-configs" / "11-dien-bien"
    listing = json.loads((province / "catalog_excerpt_ho_tich.json").read_text(encoding="utf-8"))
    for item in listing["items"]:
        found.setdefault(item["ma"], []).append(from_catalogue_item(item, "catalog.json"))
    local: dict[str, list[dict[str, str]]] = {}
    for path in sorted((province / "execution_excerpts").glob("*.json")):
        local.update(local_services(json.loads(path.read_text(encoding="utf-8"))["procedures"], agency_to_commune))
    out.mkdir(parents=True, exist_ok=True)
    for code, records in sorted(found.items()):
        doc = merge(records)
        if doc.get("level") != "commune":
            report.skipped[code] = "thủ tục cấp tỉnh"
            continue
        if code in local:
            doc["local"] = local[code]
        _write(out / f"{code}.yml", doc, report)
    return report


def _write(path: Path, doc: dict[str, Any], report: ImportReport) -> None:
    if path.exists():
        current = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        doc.update({key: current[key] for key in HAND_KEYS if key in current and key not in doc})
    ordered = {key: doc[key] for key in ORDER if key in doc}
    text = dump_yaml(ordered, header="# Imported by `niemyet import portal`; edit keywords, communes, "
                                     "replaced_by or withdrawn by hand (kept on re-import).\n")
    if path.exists() and path.read_text(encoding="utf-8") == text:
        report.unchanged.append(doc["code"])
        return
    path.write_text(text, encoding="utf-8")
    report.written.append(doc["code"])
