"""A synthetic catalogue of realistic size, for benchmarks only (every file says sample).

Procedure files are written as YAML and loaded through load_catalogue, so a benchmark
measures the same data path as a real build. Text lengths follow the real records in
procedures/ (steps, documents, legal bases), with names and fields varied.
"""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

from generator.importers.yamlout import dump_yaml

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["Hộ tịch", "Chứng thực", "Người có công", "Bảo trợ xã hội", "Đất đai", "Thủy lợi",
          "Đường thủy nội địa", "Hợp tác xã", "Nghĩa vụ quân sự", "Giáo dục và Đào tạo", "Văn hóa",
          "Nông nghiệp", "Lâm nghiệp", "Y tế", "Tôn giáo", "Thi đua, khen thưởng"]
VERBS = ["Thủ tục đăng ký", "Thủ tục cấp", "Thủ tục xác nhận", "Thủ tục giải quyết", "Thủ tục công nhận",
         "Thủ tục thay đổi", "Thủ tục hỗ trợ", "Thủ tục thẩm định"]
OBJECTS = ["giấy chứng nhận", "trợ cấp hằng tháng", "hồ sơ đề nghị", "quyền sử dụng", "bản sao trích lục",
           "chế độ ưu đãi", "hoạt động tín ngưỡng", "danh hiệu gia đình văn hóa", "khai thác thủy sản",
           "tình trạng hôn nhân", "hỗ trợ sản xuất", "học bổng chính sách"]
STEP = ("Bước {n}: Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc nộp "
        "trực tuyến trên Cổng Dịch vụ công quốc gia. Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của "
        "hồ sơ; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng văn bản.")


def procedure(code: str, rng: random.Random) -> dict:
    """One synthetic procedure with the shape and text volume of a real record."""
    name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({code})"
    return {
        "code": code, "name": name, "level": "commune", "field": rng.choice(FIELDS),
        "agency": "Ủy ban nhân dân cấp xã",
        "applicants": ["Công dân Việt Nam", "Tổ chức"][: rng.randint(1, 2)],
        "steps": ["\n".join(STEP.format(n=i) for i in range(1, rng.randint(3, 6)))],
        "channels": [{"mode": m, "time_limit": f"{rng.randint(1, 20)} ngày làm việc",
                      "fee": "Dữ liệu mẫu"} for m in ("in_person", "online", "post")[: rng.randint(1, 3)]],
        "documents": [{"name": f"Giấy tờ mẫu số {i}: tờ khai, bản sao giấy tờ tùy thân và giấy tờ chứng minh",
                       "originals": 1, "copies": rng.randint(0, 1)} for i in range(rng.randint(2, 8))],
        "results": ["Quyết định hoặc giấy chứng nhận"],
        "legal_basis": [{"number": f"{rng.randint(1, 200)}/20{rng.randint(10, 25)}/NĐ-CP",
                         "title": "Nghị định mẫu"} for _ in range(rng.randint(1, 5))],
        "sample": True,
        "source": {"title": "Dữ liệu mẫu sinh tự động cho đo hiệu năng", "decision": "không có",
                   "checked": date(2026, 11, 1)},
    }


def write_synthetic(out: Path, procedures: int, seed: int = 1) -> Path:
    """Write `procedures` synthetic files plus the real _communes.yml into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "procedures" / "_communes.yml", out / "_communes.yml")
    rng = random.Random(seed)
    for i in range(procedures):
        code = f"9.{i:06d}"
        (out / f"{code}.yml").write_text(dump_yaml(procedure(code, rng)), encoding="utf-8")
    return out


def edit_a_name(cat) -> Path:
    """Lengthen the name of the first procedure every commune delivers, as an editor fixing a
    title would, so the edit shows in every commune's pages and posters; its file."""
    path = next(p.path for p in sorted(cat.procedures, key=lambda p: p.code)
                if p.level == "commune" and p.communes is None)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nname: ", "\nname: (sửa) ", 1), encoding="utf-8")
    return path
