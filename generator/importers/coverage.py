"""How much of the national list of commune procedures niemyet publishes, and how fully.

The list is the portal's export of every procedure code a commune's service centre
handles (shared/data/procedures/commune_index_2026/data/linh-vuc.json: 376 codes in 77
fields). A code "has a file" when procedures/ holds it; it is "published in full" when
its steps, channels, documents and legal basis are all known (`Procedure.is_complete`).
The README and the home page quote these numbers, so they are computed, never typed.

Run: python -m generator.importers.coverage procedures ../shared/data/procedures/commune_index_2026/data/linh-vuc.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import Catalogue


@dataclass(frozen=True)
class FieldCoverage:
    """One field of the national list: its codes, how many have a file, how many in full."""

    name: str
    codes: tuple[str, ...]
    with_file: int
    complete: int


@dataclass(frozen=True)
class Coverage:
    """Coverage of the national list by the catalogue."""

    total: int
    with_file: int
    complete: int
    fields: tuple[FieldCoverage, ...]
    missing: tuple[str, ...]  # listed codes without a file
    extra: tuple[str, ...]  # commune procedures with a file that the list does not name
    exported: str | None = None  # the list's export date as it states it

    def lines(self) -> list[str]:
        """A plain report: totals, then one line per field."""
        when = f" (xuất ngày {self.exported})" if self.exported else ""
        out = [
            f"Danh mục thủ tục cấp xã{when}: {self.total} mã trong {len(self.fields)} lĩnh vực.",
            f"Có tệp: {self.with_file}/{self.total}; công bố đầy đủ: {self.complete}/{self.total}.",
            f"Thủ tục cấp xã có tệp nhưng không có trong danh mục: {len(self.extra)}.",
        ]
        out += [f"  {f.name}: {f.with_file}/{len(f.codes)} có tệp, {f.complete} đầy đủ" for f in self.fields]
        return out


def read_index(index_json: Path | list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """The list's fields, and its export date from meta.json beside it if there is one."""
    if not isinstance(index_json, (str, Path)):
        return list(index_json), None
    path = Path(index_json)
    fields = json.loads(path.read_text(encoding="utf-8"))
    meta = path.with_name("meta.json")
    exported = json.loads(meta.read_text(encoding="utf-8")).get("ngay_xuat") if meta.exists() else None
    return fields, exported


def coverage(cat: Catalogue, index_json: Path | list[dict[str, Any]]) -> Coverage:
    """Measure the catalogue against the national list (a path to linh-vuc.json, or its content)."""
    fields, exported = read_index(index_json)
    procs = {p.code: p for p in cat.procedures}
    rows, listed = [], {}
    for entry in fields:
        codes = tuple(dict.fromkeys(entry["danh_sach_ma_tthc"]))
        listed.update(dict.fromkeys(codes))
        rows.append(FieldCoverage(
            name=entry["ten_linh_vuc"],
            codes=codes,
            with_file=sum(c in procs for c in codes),
            complete=sum(c in procs and procs[c].is_complete for c in codes),
        ))
    return Coverage(
        total=len(listed),
        with_file=sum(c in procs for c in listed),
        complete=sum(c in procs and procs[c].is_complete for c in listed),
        fields=tuple(rows),
        missing=tuple(sorted(c for c in listed if c not in procs)),
        extra=tuple(sorted(c for c, p in procs.items() if p.level == "commune" and c not in listed)),
        exported=exported,
    )


def main(argv: list[str]) -> int:
    """Print the coverage report for `procedures` against a linh-vuc.json list."""
    from generator.catalogue import load_catalogue

    procedures, index_json = (Path(a) for a in argv)
    sys.stdout.write("\n".join(coverage(load_catalogue(procedures), index_json).lines()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
