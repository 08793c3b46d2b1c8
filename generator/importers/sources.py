"""`niemyet import sources`: copy the public records from shared/data into procedures/_sources/.

The product reads its data only from its own repository. This step is how public
records get there: files are copied byte for byte (never re-serialised, so a reviewer
can compare them with the public file), each folder with a `_source.json` note naming
the public repository, path and commit it came from. `niemyet import portal` then
reads procedures/_sources/ alone. Re-running it copies only what changed.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CRAWL = Path("procedures/portal_crawl_2026")
MIRROR = Path("procedures/national_portal_mirror")
PROVINCE = MIRROR / "province-configs/11-dien-bien"
DEFENCE = Path("procedures/defence_ministry_exports/extracted")
NOTE = "_source.json"

# Where each shared folder came from: the notes travel with the copies.
CRAWL_NOTE = {
    "repository": "github.com/chatbot-tthc/chatbot_tthc",
    "commit": "53229487610b07e0d7127f529b87c333f19aeb1e",
    "path": "scripts/crawler/data/raw/<bộ>/<mã>.json",
    "date": "2026-07-20",
    "what": "Trang thủ tục trên Cổng Dịch vụ công quốc gia do dự án chatbot_tthc thu thập (bảng bị "
            "làm phẳng thành văn bản); giữ các bản ghi cấp xã và các mã của danh mục thủ tục cấp xã.",
}
PROVINCE_NOTE = {
    "repository": "github.com/ChippedTopaz/am-sieu-toc-data",
    "path": "province-configs/11-dien-bien/",
    "what": "Cấu hình tỉnh Điện Biên trên Cổng (danh mục, dòng dịch vụ công trực tuyến theo cơ quan); "
            "mỗi tệp ghi tệp và commit nguồn trong khóa '_source'.",
}
DEFENCE_NOTE = {
    "repository": "Cổng Dịch vụ công quốc gia, tệp xuất ChiTietTTHC_<mã>.doc (Bộ Quốc phòng)",
    "date": "2026-11-23",
    "what": "Tệp .doc xuất từ Cổng, đã tách thành JSON; tên tệp gốc trong khóa 'source_file'.",
}


@dataclass
class CopyReport:
    """Files copied (new or changed) and files already identical, by folder."""

    copied: list[str] = field(default_factory=list)
    unchanged: int = 0


def copy_sources(shared_dir: Path, sources_dir: Path) -> CopyReport:
    """Copy the shared folder's public records into `sources_dir` (procedures/_sources)."""
    shared, out = Path(shared_dir), Path(sources_dir)
    report = CopyReport()
    plan = [
        (shared / CRAWL / "records", out / "crawl", "*/*.json", CRAWL_NOTE),
        (shared / MIRROR / "details", out / "details", "*.json", None),
        (shared / PROVINCE, out / "dien-bien", "*.json", PROVINCE_NOTE),
        (shared / PROVINCE / "execution_excerpts", out / "dien-bien" / "execution_excerpts", "*.json", None),
        (shared / DEFENCE, out / "defence", "*.json", DEFENCE_NOTE),
    ]
    for source, target, pattern, note in plan:
        for path in sorted(source.glob(pattern)):
            _copy(path, target / path.relative_to(source), report)
        if note:
            _write_note(target / NOTE, note, report)
    return report


def _copy(source: Path, target: Path, report: CopyReport) -> None:
    if target.exists() and target.read_bytes() == source.read_bytes():
        report.unchanged += 1
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temp)
    os.replace(temp, target)
    report.copied.append(str(target))


def _write_note(target: Path, note: dict[str, str], report: CopyReport) -> None:
    text = json.dumps(note, ensure_ascii=False, indent=1) + "\n"
    if target.exists() and target.read_text(encoding="utf-8") == text:
        report.unchanged += 1
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    report.copied.append(str(target))


def read_note(folder: Path) -> dict[str, str]:
    """The `_source.json` note of a folder of copies, or of the nearest folder above it."""
    for parent in [folder, *folder.parents]:
        path = parent / NOTE
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        if parent.name == "_sources":
            break
    return {}
