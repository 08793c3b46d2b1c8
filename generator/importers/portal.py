"""`niemyet import portal`: turn the public records in procedures/_sources/ into procedure files.

Every JSON file under procedures/_sources/ is read and recognised by its shape, so a
public file saved there by `niemyet import sources` or by hand needs no registry:
- details/*.json: records in the 2026 portal API shape (whole, or a partial extract);
- crawl/<ministry>/<code>.json: the crawl of the portal's pages (portal_crawl_2026);
- dien-bien/catalog*.json: catalogue entries (name, field, level only);
- dien-bien/execution_commune_rows.json (and execution excerpts): per-commune online links;
- defence/*.json: the Defence Ministry's .doc exports.
Files whose name starts with "_" are notes about a folder (its public source), not records.

Re-running gives byte-identical files: output depends only on the sources and on the
keys a person added by hand, which are kept (see HAND_KEYS). A source file that cannot
be read, or an existing procedure file that cannot be parsed, is reported and left
alone, so a bad input never damages what is published.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from generator.catalogue import schema
from generator.importers import catalog, crawl, defence, portal_api
from generator.importers.sources import read_note
from generator.importers.cleaning import drop_empty
from generator.importers.records import FACT_KEYS, Imported, Skipped, merge
from generator.importers.yamlout import dump_yaml
from generator.catalogue.model import MILITARY_AGENCY, Catalogue, Commune

log = logging.getLogger(__name__)

SOURCES_DIR = "_sources"
# Keys no public source gives: a person adds them, and a re-import keeps them.
HAND_KEYS = ("keywords", "communes", "replaced_by", "withdrawn")
REQUIRED = ("name", "level", "field")
HEADER = (
    "# Nhập từ nguồn công khai bằng `niemyet import portal`; nhập lại sẽ ghi đè các trường lấy từ nguồn.\n"
    "# Được giữ khi nhập lại: keywords, communes, replaced_by, withdrawn\n"
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
    sources_dir: Path, out_dir: Path, communes: Catalogue | Iterable[Commune] | Mapping[str, str],
    listed: Iterable[str] = (),
) -> ImportReport:
    """Write one procedures/<code>.yml per commune-level procedure found in the sources.

    Args:
        sources_dir: the folder of public records (procedures/_sources).
        out_dir: the procedures/ folder to write into.
        communes: the province's communes (a Catalogue, its communes, or a mapping of agency
            code to commune code), used to turn an agency code such as H18.132 into the
            commune it belongs to.
        listed: the national list of commune procedure codes (taken from the Catalogue when
            one is given): a crawled page of a listed code is a commune procedure.
    """
    sources_dir, out_dir = Path(sources_dir), Path(out_dir)
    by_agency = agency_map(communes)
    if isinstance(communes, Catalogue) and communes.national_list and not listed:
        listed = [code for _, codes in communes.national_list.fields for code in codes]
    report = ImportReport()
    reads = list(_read_sources(sources_dir, by_agency, frozenset(listed), report))
    groups: dict[str, list[Imported]] = {}
    for item in reads:
        if isinstance(item, Skipped):
            report.skip(item)
        else:
            groups.setdefault(item.code, []).append(item)
    for code in sorted(groups):
        record = compact_local(merge(groups[code]), by_agency)
        if record.also:
            report.merged[code] = [record.origin, *record.also]
        _write(record, out_dir, report)
    for code in (*report.written, *report.unchanged):
        report.skipped.pop(code, None)  # one source passed it over, another gave the file
    return report


def compact_local(record: Imported, by_agency: dict[str, str]) -> Imported:
    """One procedure-wide online link and level instead of 45 identical commune entries,
    when every commune's People's Committee offers the same service (the usual case: the
    links are the ministries' portals). A commune that differs keeps its own entry."""
    local = record.facts.get("local") or []
    own = {commune: agency for agency, commune in by_agency.items() if not agency.startswith(MILITARY_AGENCY)}
    offers = {(e.get("online_service"), e.get("online_level")) for e in local}
    if (len(offers) != 1 or {e["commune"] for e in local} != set(own)
            or any(e.get("agency_code") != own[e["commune"]] for e in local)):
        return record
    (link, level), = offers
    facts = {**record.facts, "online_service": link, "online_level": level, "local": []}
    return dataclasses.replace(record, facts=facts)


def agency_map(communes: Catalogue | Iterable[Commune] | Mapping[str, str]) -> dict[str, str]:
    """Agency code on the public-service system (H18.132, or G11.09.002.001 for the
    commune's military command) -> commune code (03127)."""
    if isinstance(communes, Mapping):
        return dict(communes)
    units = communes.communes if isinstance(communes, Catalogue) else tuple(communes)
    out = {c.agency_code: c.code for c in units if c.agency_code}
    out.update({c.military_agency_code: c.code for c in units if c.military_agency_code})
    return out


def _read_sources(
    sources: Path, by_agency: dict[str, str], listed: frozenset[str], report: ImportReport
) -> Iterable[Imported | Skipped]:
    files = sorted(p for p in sources.rglob("*.json") if not p.name.startswith(("_", ".")))
    if not files:
        report.notes.append(f"không tìm thấy tệp nguồn nào trong {sources}")
    mirror_day = _manifest_day(sources, report)
    for path in files:
        data = _load_json(path, report)
        if data is not None:
            yield from _read_one(path, data, mirror_day, by_agency, listed, report)


def _read_one(
    path: Path, data: Any, mirror_day: date | None, by_agency: dict[str, str], listed: frozenset[str],
    report: ImportReport,
) -> Iterable[Imported | Skipped]:
    """Dispatch on the record's shape, so a file saved under _sources/ needs no registry."""
    if not isinstance(data, dict):
        yield Skipped(path.name, str(path), "tệp JSON không phải một bảng khóa/giá trị")
        return
    checked = _day(data.get("_built")) or mirror_day
    document = catalog.public_file(data.get("_source"), path.name)
    if "thu_tuc_id" in data:
        yield defence.procedure_from_export(data, _day(data.get("_built")) or defence.EXPORT_COPIED)
    elif "ma_thu_tuc" in data:
        yield crawl.procedure_from_crawl(data, _crawl_name(path), _crawl_day(path), listed)
    elif "shardCount" in data:
        return  # the mirror's manifest: its date is the mirror's, read above
    elif checked is None:
        yield Skipped(path.name, str(path), "không biết ngày của nguồn ('_built' hoặc manifest.json builtAt)")
    elif "items" in data:
        yield from catalog.procedures_from_catalog(data["items"], document, checked)
    elif "procedures" in data or "services" in data:
        records, unknown = catalog.local_from_execution(data, by_agency, document, checked)
        if unknown:
            report.notes.append(f"{path.name}: {unknown} dòng của cơ quan không phải xã/phường trong _communes.yml, bỏ qua")
        yield from records
    elif "executionMethods" in data or "codeNotation" in data:
        yield portal_api.procedure_from_api(data, _detail_name(path, data), checked)
    else:
        yield Skipped(path.name, str(path), "không nhận ra dạng bản ghi (không có thu_tuc_id, ma_thu_tuc, items, "
                                             "procedures, services hay codeNotation)")


def _crawl_name(path: Path) -> str:
    """"github.com/chatbot-tthc/chatbot_tthc scripts/.../bo-tu-phap/1.000656.json (commit ...)"."""
    note = read_note(path.parent)
    if not note.get("repository"):
        return path.name
    where = note.get("path", "").replace("<bộ>", path.parent.name).replace("<mã>", path.stem)
    return f"{note['repository']} {where or path.name} (commit {note.get('commit', '?')})"


def _crawl_day(path: Path) -> date:
    """The crawl's own date (its commit), the latest day we know its text was the portal's."""
    return _day(read_note(path.parent).get("date")) or crawl.CRAWLED


def _detail_name(path: Path, data: dict[str, Any]) -> str:
    """"details/<id>.json", plus the mirror's file and commit when the file names them."""
    return catalog.public_file(data.get("_source"), f"{portal_api.MIRROR_REPO} details/{path.name}")


def _load_json(path: Path, report: ImportReport) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.skip(Skipped(path.name, str(path), f"không đọc được tệp nguồn: {exc}"))
        return None


def _manifest_day(sources: Path, report: ImportReport) -> date | None:
    """The mirror's build day (its manifest's builtAt): the date of its province files."""
    for path in sorted(sources.rglob("manifest.json")):
        data = _load_json(path, report) or {}
        if data.get("builtAt"):
            return _day(str(data["builtAt"])[:10])
    return None


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
    kept_local = [e for e in existing.get("local") or () if isinstance(e, dict) and e.get("commune") not in imported_local
                  and e.get("online_service") != values["online_service"]]  # what the procedure-wide link says
    values["local"] = sorted([*(record.facts.get("local") or ()), *kept_local], key=lambda e: str(e.get("commune")))
    values["source"] = record.source
    return {key: values[key] for key in schema.PROCEDURE.fields if key in values}


def _reason_kind(reason: str) -> str:
    """Group "không thực hiện ở cấp xã (cap: Cấp tỉnh)" and its variants under one line."""
    return reason.split(" (")[0]
