"""Benchmark the search: index build time, in-process query latency, and the API under gunicorn.

    .venv/bin/python bench/search.py [--seconds 10] [--procedures 400 | --catalogue procedures]

The catalogue is the real 45 communes (procedures/_communes.yml) plus generated sample
procedures written as YAML into a temporary folder and loaded through load_catalogue,
so the benchmark runs the one data path the product uses. The HTTP part starts gunicorn
with 2 workers on 127.0.0.1 and loads it with wrk (Debian package `wrk`); wrk runs on
the same 2 cores, so the figures are a floor. Results replace the "## Search" section of
bench/results.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.communes import CommuneDirectory, CommuneNotFound  # noqa: E402
from api.index import build_index, commune_entry, open_build, publish_index  # noqa: E402
from api.search import search  # noqa: E402
from bench.results import write_section  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402
from generator.site.offline import write_offline_index  # noqa: E402
from generator.text import fold  # noqa: E402


# Names of real procedures (their codes as published), so realistic queries have targets.
KNOWN = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", ["làm giấy khai sinh"]),
    ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", ["báo tử"]),
    ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", ["cưới"]),
    ("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", ["xác nhận độc thân"]),
    ("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch", []),
    ("1.013133", "Thủ tục đăng ký nghĩa vụ quân sự lần đầu", "Nghĩa vụ quân sự", []),
]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Người có công", "Bảo trợ xã hội", "Hợp tác xã",
          "Thủy lợi", "Đường thủy nội địa", "Giáo dục", "Y tế", "Văn hóa", "Nông nghiệp",
          "Lâm nghiệp", "Tôn giáo", "Thi đua khen thưởng", "Dân tộc", "Kinh doanh hộ gia đình",
          "Môi trường", "Xây dựng", "Giao thông", "Lao động", "Nuôi con nuôi", "Quốc tịch",
          "Phòng chống thiên tai", "Giảm nghèo"]
VERBS = ["Cấp", "Cấp lại", "Đăng ký", "Đăng ký thay đổi", "Điều chỉnh", "Xác nhận", "Gia hạn",
         "Thu hồi", "Công nhận", "Hỗ trợ", "Chuyển đổi", "Giải quyết", "Thẩm định", "Phê duyệt",
         "Miễn, giảm", "Đề nghị"]
OBJECTS = ["giấy phép kinh doanh", "giấy chứng nhận quyền sử dụng đất", "trợ cấp xã hội hằng tháng",
           "hộ nghèo, hộ cận nghèo", "hợp tác xã", "nhà ở", "chứng chỉ hành nghề", "trợ cấp mai táng phí",
           "chế độ ưu đãi người có công", "phương tiện thủy nội địa", "công trình thủy lợi nhỏ",
           "cơ sở giáo dục mầm non", "danh hiệu gia đình văn hóa", "lễ hội truyền thống",
           "hoạt động tín ngưỡng", "khen thưởng thành tích", "hỗ trợ sản xuất nông nghiệp",
           "rừng sản xuất", "kế hoạch bảo vệ môi trường", "giấy phép xây dựng nhà ở riêng lẻ",
           "người khuyết tật", "trẻ em có hoàn cảnh đặc biệt", "thay đổi, cải chính hộ tịch",
           "giám hộ", "nuôi con nuôi trong nước", "thiệt hại do thiên tai", "bảo hiểm y tế"]
# Hand-picked queries: what residents type, and the hostile ones from the pitfalls.
QUERIES = [
    "dang ky khai sinh", "đăng ký khai sinh", "khai sinh", "khia sinh", "làm giấy khai sinh",
    "ket hon", "kết hôn", "ket hno", "cưới", "khai tu", "báo tử", "xác nhận độc thân",
    "tinh trang hon nhan", "nghia vu quan su", "quân sự", "cap lai giay phep", "giấy phép xây dựng",
    "so do", "quyen su dung dat", "tro cap", "trợ cấp mai táng", "ho ngheo", "hộ cận nghèo",
    "nguoi co cong", "hop tac xa", "thuy loi", "con nuoi", "giam ho", "khen thuong", "le hoi",
    "bao hiem y te", "nguoi khuyet tat", "tre em", "thien tai", "kh", "dang k", "giay", "1.001193",
    "?*", "[a TO z]", "x" * 150,
]


def typo(word: str, rng: random.Random) -> str:
    """`word` with one slip: two letters swapped, one dropped, one doubled or one replaced."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiouydhnt") + word[i + 1:]


def distinct_requests(cat, count: int, seed: int = 11) -> list[tuple[str, str, str | None]]:
    """`count` different (endpoint, query, commune) a province's residents might send.

    Half are runs of 2-4 words of a real procedure name, a fifth an everyday phrase from
    the synonyms, the rest 1-3 words from anywhere in the names; each word typed without
    diacritics half the time, with a slip 15% of the time, in capitals now and then.
    Four in ten searches name a commune (by code, or by a former name); 15% are the
    box's suggestions for what is being typed.
    """
    rng = random.Random(seed)
    names = [[w for w in re.findall(r"\w+", p.name.lower()) if len(w) > 1] for p in cat.procedures]
    vocabulary = sorted({w for name in names for w in name})
    phrases = [phrase for phrase, _ in cat.synonyms]
    directory = CommuneDirectory([commune_entry(c) for c in cat.communes])
    places = [c.code for c in cat.communes] + sorted({f.name for c in cat.communes for f in c.former
                                                      if names_one(directory, f.name)})
    seen: set[tuple[str, str, str | None]] = set()
    found = []
    while len(found) < count:
        roll = rng.random()
        if roll < 0.5:
            name = rng.choice(names)
            size = min(len(name), rng.randint(2, 4))
            start = rng.randrange(len(name) - size + 1)
            words = name[start:start + size]
        elif roll < 0.7 and phrases:
            words = rng.choice(phrases).split() + ([rng.choice(vocabulary)] if rng.random() < 0.3 else [])
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 3))]
        typed = []
        for word in words:
            word = fold(word) if rng.random() < 0.5 else word
            word = typo(word, rng) if rng.random() < 0.15 else word
            typed.append(word.upper() if rng.random() < 0.05 else word)
        query = " ".join(typed)
        if rng.random() < 0.15:
            request = ("suggest", query[:rng.randint(2, max(2, len(query)))], None)
        else:
            request = ("search", query, rng.choice(places) if rng.random() < 0.4 else None)
        if request not in seen:
            seen.add(request)
            found.append(request)
    return found


def names_one(directory: CommuneDirectory, name: str) -> bool:
    """Whether a former name points at one commune (some were split between two)."""
    try:
        directory.resolve(name)
    except CommuneNotFound:
        return False
    return True


def request_url(request: tuple[str, str, str | None]) -> str:
    endpoint, query, commune = request
    url = f"/api/{endpoint}?q={quote(query)}"
    return url + (f"&commune={quote(commune)}" if commune else "")


def write_catalogue(out: Path, count: int, seed: int = 7) -> Path:
    """Write the real communes file and `count` procedure files (sample data) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "procedures" / "_communes.yml", out / "_communes.yml")
    (out / "_synonyms.yml").write_text(yaml.safe_dump({"source": "benchmark sample", "synonyms": [
        {"words": ["làm giấy khai sinh"], "means": ["đăng ký khai sinh"]},
        {"words": ["báo tử"], "means": ["khai tử"]},
        {"words": ["sổ đỏ"], "means": ["giấy chứng nhận quyền sử dụng đất"]},
        {"words": ["xác nhận độc thân"], "means": ["xác nhận tình trạng hôn nhân"]},
    ]}, allow_unicode=True), encoding="utf-8")
    rng = random.Random(seed)
    names = [(code, name, field, kw) for code, name, field, kw in KNOWN]
    combos = [(v, o) for v in VERBS for o in OBJECTS]
    rng.shuffle(combos)
    for i, (verb, obj) in enumerate(combos[:max(0, count - len(names))]):
        names.append((f"2.{900000 + i:06d}", f"Thủ tục {verb.lower()} {obj}", rng.choice(FIELDS), []))
    for code, name, field, keywords in names:
        data = {
            "code": code, "name": name, "level": "commune", "field": field,
            "agency": "Ủy ban nhân dân cấp xã",
            "steps": ["Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.", f"Giải quyết: {name.lower()}."],
            "channels": [{"mode": "in_person"}, {"mode": "online"}],
            "documents": [{"name": f"Tờ khai {name.lower()}", "originals": 1},
                          {"name": "Giấy tờ tùy thân", "copies": 1}],
            "results": [f"Kết quả {name.lower()}"],
            "keywords": keywords,
            "sample": True,
            "source": {"title": "Dữ liệu sinh tự động cho benchmark", "checked": date(2026, 11, 23)},
        }
        if not keywords:
            del data["keywords"]
        (out / f"{code}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    return out


def cpu_model() -> str:
    """The processor's name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def bench_build(cat, work: Path, runs: int = 3) -> list[float]:
    """Seconds to build the index, `runs` times."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        build_index(cat, work / f"build-{i}")
        times.append(time.perf_counter() - start)
    return times


def bench_queries(loaded, requests: list[tuple[str, str, str | None]], cpu: list[float] | None = None) -> list[float]:
    """Milliseconds per in-process search (no answer cache), one per request, as the API runs it.

    `cpu`, if given, receives each search's CPU time too: on a machine other work shares,
    the wall clock also counts the time this process waited for a core."""
    times = []
    for endpoint, query, commune in requests:
        code = loaded.communes.resolve(commune)["code"] if commune else None
        start, thread = time.perf_counter(), time.thread_time()
        search(loaded, query, commune=code, limit=10 if endpoint == "search" else 8)
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - thread) * 1000)
    return times


def wait_for(url: str, seconds: float = 20) -> None:
    """Wait until `url` answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def wrk_script(path: Path, urls: list[str]) -> Path:
    """A wrk Lua script sending `urls` in turn, each thread starting at its own share of them,
    so two threads do not send the same request twice in a row."""
    lines = ",\n".join(f'  "{u}"' for u in urls)
    path.write_text(
        "urls = {\n" + lines + "\n}\n"
        "local made = 0\n"
        "function setup(thread)\n  thread:set(\"id\", made)\n  made = made + 1\nend\n"
        "function init(args)\n  i = (id or 0) * math.floor(#urls / 2)\nend\n"
        "request = function()\n  i = i % #urls + 1\n  return wrk.format(\"GET\", urls[i])\nend\n",
        encoding="utf-8")
    return path


def bench_http(index_root: Path, work: Path, seconds: int, cache_size: int, urls: list[str],
               during=None) -> dict:
    """Requests/s and latency percentiles of gunicorn (2 workers) under wrk.

    `during`, if given, is called with the gunicorn master process while wrk runs (to
    publish new builds, or kill a worker, under load).
    """
    port = 5311
    env = {**os.environ, "NIEMYET_INDEX_DIR": str(index_root), "NIEMYET_CACHE_SIZE": str(cache_size)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2", "-b", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "api.app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        for _ in range(4):  # each worker opens the build before the clock starts
            wait_for(f"http://127.0.0.1:{port}{urls[0]}")
        script = wrk_script(work / "urls.lua", urls)
        server_cpu = cpu_seconds(server.pid)
        wrk_cpu = children_cpu()
        load = subprocess.Popen(["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "-s", str(script),
                                 f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
        if during:
            during(server)
        out, _ = load.communicate(timeout=seconds + 30)
        wrk_cpu = children_cpu() - wrk_cpu
        server_cpu = cpu_seconds(server.pid) - server_cpu
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    found = parse_wrk(out)
    # CPU per request, which other work on a shared machine does not inflate as it does
    # latency: gunicorn's (master and workers alive now; a worker killed during the run is
    # not counted) and wrk's own.
    found["server_ms"] = server_cpu / max(1, found["requests"]) * 1000
    found["wrk_ms"] = wrk_cpu / max(1, found["requests"]) * 1000
    return found


def cpu_seconds(master: int) -> float:
    """User + system CPU seconds used so far by a process and its living children (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    total = 0.0
    for pid in [master, *map(int, out.split())]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def children_cpu() -> float:
    """CPU seconds of this process's finished children (wrk, once it has been waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_wrk(text: str) -> dict:
    """Requests/s, latency percentiles (ms) and error counts from wrk's --latency output."""
    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    found = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "90", "99"):
        found[f"p{pct}"] = ms(re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M).group(1))
    found["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: (.*)", text)
    found["errors"] = (int(errors.group(1)) if errors else 0, socket.group(1) if socket else "none")
    return found


def popular_urls(communes: list[str]) -> list[str]:
    """The hand-picked queries as search, search in a commune and suggest: few, repeated."""
    urls = []
    for i, q in enumerate(QUERIES):
        urls.append(f"/api/search?q={quote(q)}")
        urls.append(f"/api/search?q={quote(q)}&commune={communes[i % len(communes)]}")
        urls.append(f"/api/suggest?q={quote(q[:3])}")
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=400, help="size of the generated catalogue")
    parser.add_argument("--catalogue", type=Path, help="a procedures folder instead (e.g. procedures)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--requests", type=int, default=20000, help="distinct requests sent by wrk")
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn + wrk part")
    args = parser.parse_args()
    import whoosh

    with tempfile.TemporaryDirectory(prefix="niemyet-bench-") as tmp:
        work = Path(tmp)
        if args.catalogue:
            cat = load_catalogue(args.catalogue)
            described = f"the catalogue in {args.catalogue}/"
        else:
            cat = load_catalogue(write_catalogue(work / "procedures", args.procedures))
            described = "generated sample data + real names"
        builds = bench_build(cat, work)
        start = time.perf_counter()
        publish_index(cat, work / "index")
        publish_s = time.perf_counter() - start
        opens = []
        for _ in range(3):
            start = time.perf_counter()
            loaded = open_build(work / "index" / "current")
            opens.append(time.perf_counter() - start)
        requests = distinct_requests(cat, args.requests)
        bench_queries(loaded, requests[:200])  # warm up
        cpu: list[float] = []
        lat = bench_queries(loaded, requests[:5000], cpu)
        picked = bench_queries(loaded, [("search", q, None) for q in QUERIES] * 5)
        size_kb = sum(p.stat().st_size for p in (work / "index" / "current").resolve().iterdir()) / 1024
        lines = [
            f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node()}: {os.cpu_count()} cores "
            f"({cpu_model()}), Python {platform.python_version()}, "
            f"Whoosh fork {whoosh.versionstring()} (`bench/search.py{' --catalogue ' + str(args.catalogue) if args.catalogue else ''}`); "
            f"load average {os.getloadavg()[0]:.1f} at the start (the minute before included).",
            f"Catalogue: {len(cat.procedures)} procedures ({described}), "
            f"{len(cat.communes)} communes; one document per procedure; index {size_kb:.0f} KB.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| index build (median of {len(builds)}) | {statistics.median(builds) * 1000:.0f} ms |",
            f"| publish (build + verify + swap) | {publish_s * 1000:.0f} ms |",
            f"| open a build (read its tables; once per worker per build, median of 3) | "
            f"{statistics.median(opens) * 1000:.0f} ms |",
            f"| in-process query p50 / p95 / p99 / max ({len(lat)} distinct queries, no cache) | "
            f"{percentile(lat, 50):.2f} / {percentile(lat, 95):.2f} / {percentile(lat, 99):.2f} / {max(lat):.2f} ms |",
            f"| the same, CPU time p50 / p95 / p99 / max | {percentile(cpu, 50):.2f} / {percentile(cpu, 95):.2f} / "
            f"{percentile(cpu, 99):.2f} / {max(cpu):.2f} ms |",
            f"| in-process, the {len(QUERIES)} hand-picked queries p50 / p99 / max | "
            f"{percentile(picked, 50):.2f} / {percentile(picked, 99):.2f} / {max(picked):.2f} ms |",
        ]
        offline = write_offline_index(cat, work / "site")
        sizes = [(len(p.read_bytes()), len(gzip.compress(p.read_bytes(), 6))) for p in offline]
        biggest = max(sizes)
        lines.append(f"| offline search files ({len(offline)}), largest | {biggest[0] / 1024:.1f} KB, "
                     f"{biggest[1] / 1024:.1f} KB gzipped |")
        if not args.no_http:
            swaps: list[float] = []

            def publish_under_load(_server) -> None:
                for _ in range(5):
                    time.sleep(args.seconds / 7)
                    start = time.perf_counter()
                    publish_index(cat, work / "index")
                    swaps.append(time.perf_counter() - start)

            distinct = [request_url(r) for r in requests]
            popular = popular_urls([c.code for c in cat.communes])
            runs = [(f"answer cache on (default), {len(popular)} popular URLs repeated", 2048, popular, None),
                    (f"answer cache off, {len(distinct)} distinct URLs", 0, distinct, None),
                    ("answer cache off, distinct URLs, 5 index rebuilds + swaps during the run", 0, distinct,
                     publish_under_load)]
            for label, size, urls, during in runs:
                r = bench_http(work / "index", work, args.seconds, size, urls, during)
                lines.append(
                    f"| API, gunicorn 2 workers, wrk 2 threads 8 connections {args.seconds} s, {label} | "
                    f"**{r['rps']:.0f} req/s**; p50 {r['p50']:.1f} / p90 {r['p90']:.1f} / **p99 {r['p99']:.1f} ms**; "
                    f"{r['requests']} requests, non-2xx {r['errors'][0]}, socket errors {r['errors'][1]}; "
                    f"CPU per request: server {r['server_ms']:.2f} ms, wrk {r['wrk_ms']:.2f} ms |")
            lines.append(f"| publish under that load (5 runs) | median {statistics.median(swaps) * 1000:.0f} ms |")
    if not args.no_http:
        lines += ["", "Distinct requests (`distinct_requests`): runs of real procedure names, everyday phrases "
                  "and loose words, half without diacritics, 15% with a slip, 40% in a commune (code or "
                  "former name), 15% suggestions; wrk sends each once per thread at most in a run. wrk "
                  "shares the 2 cores with gunicorn, so the figures are a floor; on a machine shared with "
                  "other work they are rough. CPU per request depends less on that sharing (it still grows "
                  "when other work thrashes the caches): 2 cores divided by (server + wrk) CPU per request "
                  "bounds the rate both cores could serve."]
    write_section("Search", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
