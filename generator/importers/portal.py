"""`niemyet import portal`: turn the public records in shared/data into procedures/ files.

Sources read (paths under the shared data folder, see its README):
- national_portal_mirror/details/*.json: full records in the 2026 portal API shape;
- national_portal_mirror/province-configs/11-dien-bien/catalog*.json: catalogue entries
  (name, field, level only) and execution_excerpts/*.json: per-commune online links;
- defence_ministry_exports/extracted/*.json: the Defence Ministry's .doc exports;
- and any public file saved by hand under procedures/_sources/ in one of those shapes.

Re-running gives byte-identical files: output depends only on the sources and on the
keys a person added by hand, which are kept (see HAND_KEYS). A source file that cannot
be read, or an existing procedure file that cannot be parsed, is reported and left
alone, so a bad input never damages what is published.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from generator import schema
from generator.importers import catalog, defence, portal_api
from generator.importers.cleaning import drop_empty
from generator.importers.records import FACT_KEYS, Imported, Skipped, merge
from generator.importers.yamlout import dump_yaml
from generator.model import Catalogue, Commune

log = logging.getLogger(__name__)

MIRROR = Path("procedures/national_portal_mirror")
PROVINCE = MIRROR / "province-configs/11-dien-bien"
DEFENCE = Path("procedures/defence_ministry_exports/extracted")
SOURCES_DIR = "_sources"
# Keys no public source gives: a person adds them, and a re-import keeps them.
HAND_KEYS = ("keywords", "communes", "online_service", "replaced_by", "withdrawn")
REQUIRED = ("name", "level", "field")
HEADER = (
    "# Nhập từ nguồn công khai bằng `niemyet import portal`; nhập lại sẽ ghi đè các trường lấy từ nguồn.\n"
    "# Được giữ khi nhập lại: keywords, communes, online_service, replaced_by, withdrawn\n"
    "# và các mục 'local' của xã/phường mà nguồn không nêu.\n"
)


@dataclass
class ImportReport:
    """What an import did: files written or already identical, and records skipped with why."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # code (or file) -> why, in Vietnamese
    merged: dict[str, list[str]] = field(default_factory=dict)  # code -> origins, main one first
    notes: list[str] = field(default_factory=list)

    def skip(self, item: Skipped) -> None:
        """Record a skipped record; another reason for the same code is added to it."""
        reasons = self.skipped.get(item.code)
        if reasons is None:
            self.skipped[item.code] = item.reason
        elif item.reason not in reasons.split("; "):
            self.skipped[item.code] = f"{reasons}; {item.reason}"

    def lines(self) -> list[str]:
        """A short summary for the command line, reasons grouped with their counts."""
        out = [
            f"{len(self.written)} tệp được ghi, {len(self.unchanged)} tệp không đổi, "
            f"{len(self.skipped)} bản ghi bỏ qua, {len(self.merged)} thủ tục gộp từ nhiều nguồn."
        ]
        reasons = Counter(_reason_kind(r) for why in self.skipped.values() for r in why.split("; "))
        out += [f"  bỏ qua {n}: {reason}" for reason, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0]))]
        out += [f"  ghi chú: {note}" for note in self.notes]
        return out


def import_records(
    shared_dir: Path, out_dir: Path, communes: Catalogue | Iterable[Commune] | Mapping[str, str]
) -> ImportReport:
    """Write one procedures/<code>.yml per commune-level procedure found in the sources.

    Args:
        shared_dir: the shared data folder (the one holding README.md and procedures/).
        out_dir: the procedures/ folder to write into.
        communes: the province's communes (a Catalogue, its communes, or a mapping of agency
            code to commune code), used to turn an agency code such as H18.132 into the
            commune it belongs to.
    """
    shared_dir, out_dir = _data_root(Path(shared_dir)), Path(out_dir)
    by_agency = agency_map(communes)
    report = ImportReport()
    reads = list(_read_sources(shared_dir, out_dir, by_agency, report))
    groups: dict[str, list[Imported]] = {}
    for item in reads:
        if isinstance(item, Skipped):
            report.skip(item)
        else:
            groups.setdefault(item.code, []).append(item)
    for code in sorted(groups):
        record = merge(groups[code])
        if record.also:
            report.merged[code] = [record.origin, *record.also]
        _write(record, out_dir, report)
    for code in (*report.written, *report.unchanged):
        report.skipped.pop(code, None)  # one source passed it over, another gave the file
    return report


def agency_map(communes: Catalogue | Iterable[Commune] | Mapping[str, str]) -> dict[str, str]:
    """Agency code on the public-service system (H18.132) -> commune code (03127)."""
    if isinstance(communes, Mapping):
        return dict(communes)
    units = communes.communes if isinstance(communes, Catalogue) else tuple(communes)
    return {c.agency_code: c.code for c in units if c.agency_code}


def _data_root(path: Path) -> Path:
    if not (path / "procedures").is_dir() and (path / "data/procedures").is_dir():
        return path / "data"
    return path


def _read_sources(
    shared: Path, out_dir: Path, by_agency: dict[str, str], report: ImportReport
) -> Iterable[Imported | Skipped]:
    mirror_day = _manifest_day(shared / PROVINCE / "manifest.json", report)
    files = sorted((shared / MIRROR / "details").glob("*.json"))
    files += sorted((shared / PROVINCE).glob("catalog*.json"))
    files += sorted((shared / PROVINCE / "execution_excerpts").glob("*.json"))
    files += sorted((shared / DEFENCE).glob("*.json"))
    files += sorted((out_dir / SOURCES_DIR).rglob("*.json"))
    if not files:
        report.notes.append(f"không tìm thấy tệp nguồn nào trong {shared} hoặc {out_dir / SOURCES_DIR}")
    for path in files:
        data = _load_json(path, report)
        if data is not None:
            yield from _read_one(path, data, mirror_day, by_agency, report)


def _read_one(
    path: Path, data: Any, mirror_day: date | None, by_agency: dict[str, str], report: ImportReport
) -> Iterable[Imported | Skipped]:
    """Dispatch on the record's shape, so a file saved under _sources/ needs no registry."""
    if not isinstance(data, dict):
        yield Skipped(path.name, str(path), "tệp JSON không phải một bảng khóa/giá trị")
        return
    checked = _day(data.get("_built")) or mirror_day
    document = catalog.public_file(data.get("_source"), path.name)
    if "thu_tuc_id" in data:
        yield defence.procedure_from_export(data, _day(data.get("_built")) or defence.EXPORT_COPIED)
    elif checked is None:
        yield Skipped(path.name, str(path), "không biết ngày của nguồn ('_built' hoặc manifest.json builtAt)")
    elif "items" in data:
        yield from catalog.procedures_from_catalog(data["items"], document, checked)
    elif "procedures" in data:
        records, unknown = catalog.local_from_execution(data, by_agency, document, checked)
        if unknown:
            report.notes.append(f"{path.name}: {unknown} dòng của cơ quan không phải xã/phường trong _communes.yml, bỏ qua")
        yield from records
    elif "executionMethods" in data or "codeNotation" in data:
        yield portal_api.procedure_from_api(data, _detail_name(path, data), checked)
    else:
        yield Skipped(path.name, str(path), "không nhận ra dạng bản ghi (không có thu_tuc_id, items, procedures hay codeNotation)")


def _detail_name(path: Path, data: dict[str, Any]) -> str:
    """"details/<id>.json", plus the mirror's file and commit when the file names them."""
    return catalog.public_file(data.get("_source"), f"{portal_api.MIRROR_REPO} details/{path.name}")


def _load_json(path: Path, report: ImportReport) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.skip(Skipped(path.name, str(path), f"không đọc được tệp nguồn: {exc}"))
        return None


def _manifest_day(path: Path, report: ImportReport) -> date | None:
    if not path.exists():
        return None
    data = _load_json(path, report) or {}
    return _day(str(data.get("builtAt") or "")[:10])


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _write(record: Imported, out_dir: Path, report: ImportReport) -> None:
    missing = [key for key in REQUIRED if not record.facts.get(key)]
    if missing:
        report.skip(Skipped(record.code, record.origin, f"nguồn không có trường bắt buộc: {', '.join(missing)}"))
        return
    target = out_dir / f"{record.code}.yml"
    try:
        existing = _existing(target)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        report.skip(Skipped(record.code, str(target), f"tệp hiện có không đọc được, không ghi đè: {exc}"))
        return
    data = drop_empty(procedure_data(record, existing))
    problems: list[str] = []
    schema.check(data, schema.PROCEDURE, (), lambda at, msg: problems.append(msg))
    if problems:
        report.skip(Skipped(record.code, record.origin, "; ".join(problems)))
        return
    text = dump_yaml(data, header=HEADER)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        report.unchanged.append(record.code)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)
    report.written.append(record.code)


def _existing(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise yaml.YAMLError("nội dung không phải một bảng khóa/giá trị")
    return data


def procedure_data(record: Imported, existing: dict[str, Any]) -> dict[str, Any]:
    """The file's content: imported facts, hand-added keys kept, keys in schema order."""
    values: dict[str, Any] = {key: record.facts.get(key) for key in FACT_KEYS}
    for key in HAND_KEYS:
        values[key] = existing.get(key)
    imported_local = {e["commune"] for e in record.facts.get("local") or ()}
    kept_local = [e for e in existing.get("local") or () if isinstance(e, dict) and e.get("commune") not in imported_local]
    values["local"] = sorted([*(record.facts.get("local") or ()), *kept_local], key=lambda e: str(e.get("commune")))
    values["source"] = record.source
    return {key: values[key] for key in schema.PROCEDURE.fields if key in values}


def _reason_kind(reason: str) -> str:
    """Group "không thực hiện ở cấp xã (cap: Cấp tỉnh)" and its variants under one line."""
    return reason.split(" (")[0]
