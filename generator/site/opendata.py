"""The catalogue as open data (JSON, CSV) and the sitemap, written into the built site."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from generator import urls
from generator.site.markup import MODE_LABELS
from generator.catalogue.model import Catalogue, Procedure
from generator.release.publish import write_new

OPEN_DATA_FILES = ("thu-tuc.json", "thu-tuc.csv", "xa-phuong.json")
CSV_COLUMNS = ("code", "name", "level", "field", "agency", "channels", "communes", "in_force",
               "sample", "source_title", "source_url", "source_decision", "source_checked")


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.name
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def procedure_record(proc: Procedure) -> dict:
    """One procedure as a JSON object: every field of the model, nothing added."""
    record = _plain(dataclasses.asdict(proc))
    record["file"] = record.pop("path")
    return record


def catalogue_json(cat: Catalogue) -> str:
    """Every procedure, with the province and where the commune list came from."""
    doc = {"province": cat.province, "procedures": [procedure_record(p) for p in cat.procedures]}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def communes_json(cat: Catalogue) -> str:
    """The communes with their former units and page paths."""
    rows = [dict(_plain(dataclasses.asdict(c)), page=urls.commune_path(c.code)) for c in cat.communes]
    return json.dumps({"province": cat.province, "source": cat.communes_source, "communes": rows},
                      ensure_ascii=False, indent=1)


# What makes a spreadsheet read a cell as a formula (OWASP's list, with the full-width
# forms some locales also accept), at its start or after leading spaces.
_FORMULA_START = re.compile(r"^[\s]*[=+\-@＝＋－＠]|^[\t\r\n]")


def spreadsheet_text(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading
    apostrophe (Excel and LibreOffice hide it and never run the cell)."""
    text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def catalogue_csv(cat: Catalogue) -> str:
    """A flat summary table, one procedure a row, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for p in cat.procedures:
        channels = "; ".join(MODE_LABELS[c.mode] for c in p.channels)
        communes = "tất cả" if p.communes is None else " ".join(p.communes)
        row = [p.code, p.name, p.level, p.field, p.agency or "", channels, communes, p.in_force,
               p.sample, p.source.title, p.source.url or "", p.source.decision or "",
               p.source.checked.isoformat()]
        writer.writerow([spreadsheet_text(cell) for cell in row])
    return out.getvalue()


def sitemap(base_url: str, paths: list[str]) -> str:
    """sitemap.xml for every page path (one sitemap holds up to 50,000 URLs)."""
    rows = "".join(f"<url><loc>{escape(urls.absolute(base_url, p))}</loc></url>\n" for p in sorted(paths))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</urlset>\n")


def write_open_data(cat: Catalogue, site: Path, base_url: str, page_paths: list[str]) -> list[Path]:
    """Write the open-data files and the sitemap into the built `site`."""
    folder = site / urls.OPEN_DATA.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        folder / "thu-tuc.json": catalogue_json(cat),
        folder / "thu-tuc.csv": catalogue_csv(cat),
        folder / "xa-phuong.json": communes_json(cat),
        site / "sitemap.xml": sitemap(base_url, page_paths),
    }
    for path, text in files.items():
        write_new(path, text.encode("utf-8"))  # may be a hard link into a shard: never write through it
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    return list(files)
