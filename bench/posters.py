"""Benchmark: print every poster of all 45 communes, first build and rebuild from cache.

The real catalogue is still being imported, so this writes a generated catalogue of
realistic size (procedure names, dossiers, fees and time limits drawn to the lengths seen
in the national portal's records, labelled `sample: true`) as YAML into a temporary
folder beside the real procedures/_communes.yml, and loads it with load_catalogue: the
same data path as a real build. Results are appended to bench/results.md under "## Posters".

    python bench/posters.py [--procedures 120] [--workers 2] [--communes 45]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalogue import load_catalogue  # noqa: E402
from generator.posters import write_posters  # noqa: E402
from generator.posters.draw import draw_page  # noqa: E402
from generator.posters.files import poster_set  # noqa: E402
from generator.posters.png import encode_png  # noqa: E402
from generator.posters.plan import Code  # noqa: E402
from generator.posters.qr import qr_modules  # noqa: E402
from generator import urls  # noqa: E402

BASE_URL = "https://niemyet.dienbien.gov.vn"  # 31 characters, a realistic public origin
FIELDS = ["Hộ tịch", "Chứng thực", "Người có công", "Bảo trợ xã hội", "Đất đai", "Thủy lợi",
          "Kinh tế hợp tác và hợp tác xã", "Đường thủy nội địa", "Nghĩa vụ quân sự",
          "Giáo dục và Đào tạo", "Văn hóa cơ sở", "Thi đua, khen thưởng", "Tôn giáo", "Dân tộc",
          "Nuôi con nuôi", "Lâm nghiệp", "Trồng trọt", "Phòng, chống thiên tai"]
WORDS = ("đăng ký khai sinh kết hôn khai tử thay đổi cải chính bổ sung thông tin hộ tịch xác nhận "
         "tình trạng hôn nhân cấp bản sao trích lục chứng thực chữ ký hợp đồng giao dịch giấy tờ văn "
         "bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận trợ cấp hằng tháng người có "
         "công với cách mạng thân nhân liệt sĩ hỗ trợ mai táng phí đối tượng bảo trợ xã hội hộ nghèo "
         "người khuyết tật giao đất cho thuê chuyển mục đích sử dụng hòa giải tranh chấp thành lập "
         "hợp tác xã tổ hợp tác phương tiện thủy nội địa công nhận gia đình văn hóa thôn bản khu "
         "dân cư giải quyết chế độ quân nhân xuất ngũ đăng ký nghĩa vụ quân sự lần đầu tạm vắng").split()
TIME_LIMITS = ["Ngay trong ngày làm việc", "03 ngày làm việc", "05 ngày làm việc",
               "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "15 ngày",
               "Trường hợp cần xác minh thì thời hạn giải quyết không quá 05 ngày làm việc"]
FEES = ["Miễn lệ phí", "Phí : 0 Đồng", "8.000 đồng/bản", "Lệ phí: 10.000 đồng/trường hợp",
        "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. "
        "Miễn lệ phí đối với trường hợp đăng ký đúng hạn, người thuộc gia đình có công với cách "
        "mạng; người thuộc hộ nghèo; người khuyết tật. Phí cấp bản sao trích lục (nếu có yêu cầu) "
        "thực hiện theo quy định tại Thông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính."]


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Vietnamese words until the text is between `low` and `high` characters long."""
    goal = rng.randint(low, high)
    words: list[str] = []
    while len(" ".join(words)) < goal:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def procedure(code: str, rng: random.Random) -> dict:
    """One generated commune-level procedure with realistic text lengths."""
    modes = rng.sample(["in_person", "online", "post"], rng.randint(1, 3))
    time_limit, fee = rng.choice(TIME_LIMITS), rng.choice(FEES)
    data = {
        "code": code,
        "name": "Thủ tục " + sentence(rng, 30, 170).lower(),
        "level": "commune",
        "field": rng.choice(FIELDS),
        "agency": "Ủy ban nhân dân cấp xã",
        "channels": [{"mode": m, "time_limit": time_limit, "fee": fee} for m in modes],
        "documents": [{"name": sentence(rng, 25, 260), "originals": rng.randint(0, 1),
                       "copies": rng.randint(0, 1)} for _ in range(rng.randint(1, 10))],
        "sample": True,
        "source": {"title": "Dữ liệu sinh tự động cho đo hiệu năng", "checked": date(2026, 10, 3)},
    }
    if rng.random() < 0.6:
        data["online_service"] = ("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh"
                                  f"-chi-tiet.html?ma_thu_tuc={code}")
    return data


def make_catalogue(folder: Path, count: int, communes: int, seed: int = 2026) -> Path:
    """Write `count` generated procedures and the real communes list (first `communes`)."""
    rng = random.Random(seed)
    listing = yaml.safe_load((ROOT / "procedures" / "_communes.yml").read_text(encoding="utf-8"))
    listing["communes"] = listing["communes"][:communes]
    (folder / "_communes.yml").write_text(yaml.safe_dump(listing, allow_unicode=True), encoding="utf-8")
    for i in range(count):
        code = f"1.{900000 + i:06d}"
        text = yaml.safe_dump(procedure(code, rng), allow_unicode=True, sort_keys=False)
        (folder / f"{code}.yml").write_text(text, encoding="utf-8")
    return folder


def edit_one(folder: Path) -> Path:
    """Lengthen the name of one procedure, as an editor fixing a title would."""
    path = sorted(folder.glob("1.*.yml"))[len(list(folder.glob("1.*.yml"))) // 2]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] += " (đã sửa tên)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def peak_mib() -> float:
    """Peak resident memory of this process and of its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run(procedures: int, workers: int, communes: int) -> str:
    """Build twice (cold cache, then warm) and describe what it took."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        data = tmp_path / "procedures"
        data.mkdir()
        cat = load_catalogue(make_catalogue(data, procedures, communes))
        cache = tmp_path / "cache"
        lines = []
        runs = ("first build (empty cache)", "rebuild (nothing changed)",
                "rebuild (one procedure's name edited)")
        for label in runs:
            if label == runs[2]:
                cat = load_catalogue(edit_one(data))
            out = tmp_path / "site"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            cpu = os.times()
            paths = write_posters(cat, out, BASE_URL, workers=workers, cache_dir=cache)
            wall = time.perf_counter() - start
            used = os.times()
            busy = (used.user - cpu.user) + (used.children_user - cpu.children_user)
            size = sum(p.stat().st_size for p in paths)
            lines.append(f"| {label} | {wall:.1f} s | {busy:.1f} s | {len(paths)} | "
                         f"{size / 2**20:.0f} MiB | {peak_mib():.0f} MiB |")
        kinds = describe(paths)
        items = per_item(cat)
    head = (f"\n### {date.today().isoformat()}: {len(cat.communes)} communes x {procedures} "
            f"procedures, workers={workers}\n\nMachine: {os.cpu_count()} cores (nproc), Python "
            f"{platform.python_version()}, {platform.machine()}. Base URL {BASE_URL}.\n\n"
            "| run | wall | CPU (user, all processes) | files | total size | peak RSS |\n"
            "| --- | --- | --- | --- | --- | --- |\n")
    return head + "\n".join(lines) + "\n\n" + kinds + "\n\n" + items + "\n"


def per_item(cat) -> str:
    """Mean cost of planning, drawing and encoding one page of each kind, in one process.

    Measured on the second commune, as in a real build where each worker has already drawn
    the glyphs it needs; planning is for the whole commune.
    """
    commune = cat.communes[1]
    procs = cat.procedures_for(commune.code)
    poster_set(cat.communes[0], cat.procedures_for(cat.communes[0].code))
    start = time.perf_counter()
    printables = poster_set(commune, procs)
    plan = time.perf_counter() - start
    for page in (p for item in printables for p in item.pages):
        for code in page.items:
            if isinstance(code, Code):
                qr_modules(code.url or urls.absolute(BASE_URL, code.path or ""))
    pages: dict[str, list] = {}
    for item in printables:
        if item.file.format == "pdf" and item.paper is None or item.file.filename.endswith("a5.pdf"):
            pages.setdefault(f"{item.file.kind} {item.file.size}", []).extend(item.pages)
    rows = [f"| plan all posters of one commune ({len(procs)} procedures) | {plan * 1000:.0f} ms | | |"]
    links = {urls.absolute(BASE_URL, urls.procedure_path(commune.code, p.code)) for p in procs}
    qr_modules.cache_clear()
    start = time.perf_counter()
    for link in links:
        qr_modules(link)
    rows.append(f"| QR code, one URL (qrcode, level M, best of 8 masks) | "
                f"{(time.perf_counter() - start) / len(links) * 1000:.1f} ms | | |")
    for link in {p.online_link(commune.code) for p in procs} - {None}:
        qr_modules(link)  # pages below are timed with their codes already made
    for kind, group in sorted(pages.items()):
        draw = encode = size = 0.0
        for page in group:
            t0 = time.perf_counter()
            image = draw_page(page, BASE_URL).image
            t1 = time.perf_counter()
            size += len(encode_png(image))
            encode += time.perf_counter() - t1
            draw += t1 - t0
        n = len(group)
        rows.append(f"| {kind} page (x{n}) | {draw / n * 1000:.1f} ms draw | "
                    f"{encode / n * 1000:.1f} ms PNG | {size / n / 1024:.0f} KiB |")
    return ("| per item (one process) | time | | size |\n| --- | --- | --- | --- |\n"
            + "\n".join(rows))


def describe(paths: list[Path]) -> str:
    """Count and average size per kind of file, for the results table."""
    groups: dict[str, list[int]] = {}
    for path in paths:
        name = path.name
        kind = ("board " if name.startswith("bang") else "entrance " if name.startswith("ap-phich")
                else "cards PDF " if name.startswith("the-thu-tuc") else "card ") + path.suffix[1:]
        kind += " A4" if "-a4" in name else " A3" if "-a3" in name else " A5"
        groups.setdefault(kind, []).append(path.stat().st_size)
    rows = [f"| {kind} | {len(sizes)} | {sum(sizes) / len(sizes) / 1024:.0f} KiB |"
            for kind, sizes in sorted(groups.items())]
    return "| file kind | files | mean size |\n| --- | --- | --- |\n" + "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--communes", type=int, default=45)
    parser.add_argument("--no-save", action="store_true", help="print, do not append to results.md")
    args = parser.parse_args()
    text = run(args.procedures, args.workers, args.communes)
    sys.stdout.write(text)
    if not args.no_save:
        append_section(ROOT / "bench" / "results.md", "## Posters", text)


def append_section(results: Path, heading: str, text: str) -> None:
    """Add `text` at the end of the `heading` section, creating the file or section if need be."""
    body = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if heading not in body.splitlines():
        body = body.rstrip("\n") + f"\n\n{heading}\n"
    start = body.index(f"{heading}\n") + len(heading) + 1
    after = body.find("\n## ", start)
    end = len(body) if after < 0 else after + 1
    body = body[:end].rstrip("\n") + "\n" + text + ("\n" + body[end:] if after >= 0 else "")
    results.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    main()
