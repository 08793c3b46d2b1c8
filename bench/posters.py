"""Benchmark the posters: every poster of all 45 communes, cold, unchanged, one edit.

Runs on a copy of the bundled catalogue (procedures/, real records) and on a synthetic
one of a given size (bench/synthetic.py, every file labelled sample), both loaded with
load_catalogue: the same data path as a real build. Records wall and CPU time, peak
memory, files and bytes, and the cost of each kind of page; writes the "Posters" section
of bench/results.md.

    .venv/bin/python bench/posters.py [--procedures 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from bench.synthetic import write_synthetic  # noqa: E402
from generator import urls  # noqa: E402
from generator.catalogue import load_catalogue  # noqa: E402
from generator.model import Catalogue  # noqa: E402
from generator.posters import write_posters  # noqa: E402
from generator.posters.draw import draw_page  # noqa: E402
from generator.posters.files import poster_set  # noqa: E402
from generator.posters.plan import Code  # noqa: E402
from generator.posters.png import encode_png  # noqa: E402
from generator.posters.qr import qr_modules  # noqa: E402

BASE_URL = "https://niemyet.dienbien.gov.vn"  # 31 characters, a realistic public origin


def peak_mib() -> float:
    """Peak resident memory of this process or of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def edit_name(procedures: Path) -> None:
    """Lengthen one procedure's name, as an editor fixing a title would."""
    path = sorted(p for p in procedures.glob("*.yml") if not p.name.startswith("_"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nname: ", "\nname: (sửa) ", 1), encoding="utf-8")


def timed_build(cat: Catalogue, out: Path, workers: int, cache: Path) -> tuple[str, list[Path]]:
    shutil.rmtree(out, ignore_errors=True)
    start, cpu = time.perf_counter(), os.times()
    paths = write_posters(cat, out, BASE_URL, workers=workers, cache_dir=cache)
    wall, used = time.perf_counter() - start, os.times()
    busy = (used.user - cpu.user) + (used.children_user - cpu.children_user)
    return f"{wall:.1f} s ({busy:.0f} s CPU)", paths


def run(name: str, procedures: Path, workers: int, work: Path) -> tuple[str, str]:
    """One catalogue: its row in the builds table, and its per-file table."""
    cat = load_catalogue(procedures)
    cache, out = work / "cache", work / "site"
    cold, paths = timed_build(cat, out, workers, cache)
    same, _ = timed_build(load_catalogue(procedures), out, workers, cache)
    edit_name(procedures)
    edited, paths = timed_build(load_catalogue(procedures), out, workers, cache)
    size = sum(p.stat().st_size for p in paths)
    counts = [len(cat.procedures_for(c.code)) for c in cat.communes]
    row = (f"| {name} | {len(counts)} x {min(counts)}-{max(counts)} | {cold} | {same} | {edited} | "
           f"{len(paths)} | {size / 2**20:.0f} MiB | {peak_mib():.0f} MiB |")
    return row, describe(name, paths) + "\n\n" + per_item(name, cat)


def describe(name: str, paths: list[Path]) -> str:
    """Files and mean size per kind of file."""
    groups: dict[str, list[int]] = {}
    for path in paths:
        stem = path.name
        kind = ("board" if stem.startswith("bang") else "entrance" if stem.startswith("ap-phich")
                else "all cards" if stem.startswith("the-thu-tuc") else "one card page")
        size = "A4" if "-a4" in stem else "A3" if "-a3" in stem else "A5"
        groups.setdefault(f"{kind}, {path.suffix[1:].upper()}, {size}", []).append(path.stat().st_size)
    rows = [f"| {kind} | {len(sizes)} | {sum(sizes) / len(sizes) / 1024:.0f} KiB |"
            for kind, sizes in sorted(groups.items())]
    return f"| {name}: file | files | mean size |\n| --- | --- | --- |\n" + "\n".join(rows)


def per_item(name: str, cat: Catalogue) -> str:
    """Mean cost of planning, drawing and encoding each kind of page, in one process.

    Measured on the second commune, as in a build where each worker has already drawn the
    glyphs it needs; planning is for the whole commune; QR codes are timed on their own.
    """
    first, commune = cat.communes[0], cat.communes[1]
    procs = cat.procedures_for(commune.code)
    poster_set(first, cat.procedures_for(first.code))
    start = time.perf_counter()
    printables = poster_set(commune, procs)
    rows = [f"| plan every poster of one commune ({len(procs)} procedures) | "
            f"{(time.perf_counter() - start) * 1000:.0f} ms | | |"]
    links = [code.url or urls.absolute(BASE_URL, code.path or "")
             for item in printables for page in item.pages for code in page.items
             if isinstance(code, Code)]
    qr_modules.cache_clear()
    start = time.perf_counter()
    for link in set(links):
        qr_modules(link)
    rows.append(f"| one QR code (qrcode, level M, best of 8 masks) | "
                f"{(time.perf_counter() - start) / len(set(links)) * 1000:.1f} ms | | |")
    pages: dict[str, list] = {}
    for item in printables:
        if item.file.format == "pdf" and item.paper is None:
            pages.setdefault(f"{item.file.kind} {item.file.size}", []).extend(item.pages)
        elif item.file.filename == "the-thu-tuc-a5.pdf":
            pages["card A5"] = list(item.pages)
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
    return (f"| {name}: per item, one process | time | | size |\n| --- | --- | --- | --- |\n"
            + "\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=400, help="size of the synthetic catalogue")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows, details = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundled = work / "bundled"
        shutil.copytree(ROOT / "procedures", bundled)
        for name, procedures in (("bundled catalogue", bundled),
                                 (f"synthetic, {args.procedures}",
                                  write_synthetic(work / "synthetic", args.procedures))):
            shutil.rmtree(work / "cache", ignore_errors=True)
            row, detail = run(name, procedures, args.workers, work)
            rows.append(row)
            details.append(detail)
            sys.stdout.write(row + "\n")
    body = (f"{machine()}; workers={args.workers}; base URL {BASE_URL}.\n\n"
            "Each build writes every poster of every commune (bench/posters.py). Unchanged "
            "communes are hard-linked from the cache; an edited procedure redraws its cards and "
            "the board pages it moves, in every commune.\n\n"
            "| catalogue | communes x procedures | first build (empty cache) | rebuild, nothing "
            "changed | rebuild, one name edited | files | total size | peak RSS |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)
            + "\n\n" + "\n\n".join(details))
    write_section("Posters", body)


if __name__ == "__main__":
    main()
