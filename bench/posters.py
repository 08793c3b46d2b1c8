"""Benchmark the posters: every poster of all 45 communes, cold, unchanged, one edit; and
how well they do their job: A3 sheets per 100 procedures, codes read from the printed PDF
and from a resident's distance, and how far each code size is read.

Runs on a copy of the bundled catalogue (procedures/, real records) and on a synthetic
one of a given size (bench/synthetic.py, every file labelled sample, with the bundled
field order and national list), both loaded with load_catalogue: the same data path as a
real build. Writes the "Posters" section of bench/results.md.

    .venv/bin/python bench/posters.py [--procedures 400] [--workers 2] [--sample 2]
    .venv/bin/python bench/posters.py --images readme-images   # the README's pictures
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from bench.synthetic import edit_a_name, write_synthetic  # noqa: E402
from generator import urls  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402
from generator.catalogue.model import Catalogue  # noqa: E402
from generator.posters import facts, write_posters  # noqa: E402
from generator.posters.board import plan_board  # noqa: E402
from generator.posters.draw import draw_board, draw_card, draw_entrance  # noqa: E402
from generator.posters.files import poster_set  # noqa: E402
from generator.posters.plan import Code  # noqa: E402
from generator.posters.qr import qr_text  # noqa: E402
from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3, px_to_mm  # noqa: E402
from generator.posters.reading import decode, decoded_at, reading_distance  # noqa: E402

BASE_URL = "https://niemyet.dienbien.gov.vn"  # 31 characters, a realistic public origin
SETTINGS = ("_poster_order.yml", "_national_list.yml")


def peak_mib() -> float:
    """Peak resident memory of this process or of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def timed_build(cat: Catalogue, out: Path, workers: int, cache: Path) -> tuple[str, list[Path]]:
    shutil.rmtree(out, ignore_errors=True)
    start, cpu = time.perf_counter(), os.times()
    paths = write_posters(cat, out, BASE_URL, workers=workers, cache_dir=cache)
    wall, used = time.perf_counter() - start, os.times()
    busy = (used.user - cpu.user) + (used.children_user - cpu.children_user)
    return f"{wall:.1f} s ({busy:.0f} s CPU)", paths


def sheets_per_100(cat: Catalogue) -> str:
    """A3 sheets per 100 procedures, over all communes (min-max), and the A4 pages."""
    a3, a4 = [], []
    for commune in cat.communes:
        procs = facts.posted(cat.procedures_for(commune.code))
        first = cat.field_order.for_commune(commune.code)
        if procs:
            a3.append(100 * len(plan_board(commune, procs, BOARD_A3, first)) / len(procs))
            a4.append(100 * len(plan_board(commune, procs, BOARD_A4, first)) / len(procs))
    return f"{min(a3):.2f}-{max(a3):.2f} (A4 pages: {min(a4):.1f}-{max(a4):.1f})"


def pdf_pages(pdf: Path, work: Path, last: int | None = None) -> list[Image.Image]:
    """The PDF's pages as poppler draws them at 300 DPI, greyscale (the first `last`)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pages = ["-l", str(last)] if last else []
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", *pages, str(pdf), str(work / "p")], check=True)
    return [Image.open(path).convert("L") for path in sorted(work.glob("p-*.png"))]


def codes_read(site: Path, cat: Catalogue, sample: int, cards: int, work: Path) -> tuple[str, str]:
    """Of the codes planned in the PDFs of the first `sample` communes (boards, the first
    `cards` cards, the entrance poster): how many poppler's rendering of the file reads at
    300 DPI, and how many the phone model reads from each layout's reach."""
    layouts = {"board": {"A3": BOARD_A3, "A4": BOARD_A4}, "card": {"A5": CARD_A5}, "entrance": {"A3": ENTRANCE_A3}}
    printed = near = total = 0
    for commune in cat.communes[:sample]:
        procs = cat.procedures_for(commune.code)
        for item in poster_set(commune, procs, cat.field_order.for_commune(commune.code)):
            if item.file.format != "pdf":
                continue
            layout = layouts[item.file.kind][item.file.size]
            last = 2 * cards if item.file.kind == "card" else None
            shown = pdf_pages(site / commune.code / "in" / item.file.filename, work, last)
            for page, image in zip(item.pages, shown):
                planned = {qr_text(code.url or urls.absolute(BASE_URL, code.path or ""))
                           for code in page.items if isinstance(code, Code)}
                total += len(planned)
                printed += len(planned & set(decode(image)))
                near += len(planned & set(decoded_at(image, layout.reach)))
    return (f"{printed}/{total} ({100 * printed / total:.0f}%)", f"{near}/{total} ({100 * near / total:.0f}%)")


def reach_table(cat: Catalogue) -> str:
    """How far each code size is read, in the phone model (1 cm steps)."""
    commune = cat.communes[0]
    procs = cat.procedures_for(commune.code)
    first = cat.field_order.for_commune(commune.code)
    online = next((p for p in procs if p.online_link(commune.code)), None)
    card = draw_card(commune, online or procs[0], BASE_URL, CARD_A5)
    rows = [("board A3, first sheet", BOARD_A3.module, draw_board(commune, procs, BASE_URL, BOARD_A3, first)[0]),
            ("board A4, first page", BOARD_A4.module, draw_board(commune, procs, BASE_URL, BOARD_A4, first)[0]),
            ("card, its page's code", CARD_A5.module, card[0])]
    if online:
        rows.append(("card, online-service code", CARD_A5.online_module, card[1]))
    rows.append(("entrance poster", ENTRANCE_A3.module, draw_entrance(commune, BASE_URL, ENTRANCE_A3)))
    out = ["| code | module | codes | read from (every code) |", "| --- | --- | --- | --- |"]
    for name, module, sheet in rows:
        codes = [d.text for d in sheet.drawn if d.kind == "code"]
        size = min(d.module for d in sheet.drawn if d.kind == "code")
        start = 20 if module < 40 else 60
        far = reading_distance(sheet.image, codes, start=start, step=1, limit=300)
        out.append(f"| {name} | {size} px = {px_to_mm(size):.2f} mm | {len(codes)} | {far} cm |")
    return "\n".join(out)


def builds(procedures: Path, workers: int, work: Path) -> dict:
    """Build a catalogue's posters cold, unchanged and after one edit; keep the first site."""
    cat = load_catalogue(procedures)
    cache, out = work / "cache", work / "site"
    cold, paths = timed_build(cat, out, workers, cache)
    peak = peak_mib()  # of the builds so far: read-backs (poppler) come after every build
    same, _ = timed_build(load_catalogue(procedures), work / "again", workers, cache)
    edit_a_name(cat)
    edited, _ = timed_build(load_catalogue(procedures), work / "again", workers, cache)
    return {"cat": cat, "site": out, "paths": paths, "cold": cold, "same": same, "edited": edited,
            "peak": peak}


def row(name: str, built: dict, sample: int, work: Path) -> tuple[str, str]:
    """A catalogue's row in the table, read back from its first build, and its details."""
    cat, paths = built["cat"], built["paths"]
    printed, near = codes_read(built["site"], cat, sample, 50, work)
    size = sum(p.stat().st_size for p in paths)
    counts = [len(cat.procedures_for(c.code)) for c in cat.communes]
    line = (f"| {name} | {len(counts)} x {min(counts)}-{max(counts)} | {sheets_per_100(cat)} | {printed} | "
            f"{near} | {len(paths)} | {size / 1e6:.0f} MB | {built['cold']} | {built['same']} | "
            f"{built['edited']} | {built['peak']:.0f} MiB |")
    return line, describe(name, paths) + "\n\n" + reach_table(cat)


def describe(name: str, paths: list[Path]) -> str:
    """Files and mean size per file name."""
    groups: dict[str, list[int]] = {}
    for path in paths:
        groups.setdefault(path.name, []).append(path.stat().st_size)
    rows = [f"| {kind} | {len(sizes)} | {sum(sizes) / len(sizes) / 1024:.0f} KiB |"
            for kind, sizes in sorted(groups.items())]
    return f"| {name}: file | files | mean size |\n| --- | --- | --- |\n" + "\n".join(rows)


def readme_images(out: Path, work: Path) -> list[Path]:
    """The pictures the README shows, drawn by poppler from the PDFs of the bundled
    catalogue: a board sheet, a card's two sides, and a close-up of the board at print size."""
    cat = load_catalogue(ROOT / "procedures")
    commune = cat.communes[0]
    site = work / "images"
    write_posters(cat, site, BASE_URL, workers=1)
    folder = site / commune.code / "in"
    out.mkdir(parents=True, exist_ok=True)
    board = pdf_pages(folder / "bang-niem-yet-a3.pdf", work / "board", 1)[0]
    card_page = 2 * next(n for n, p in enumerate(facts.posted(cat.procedures_for(commune.code)))
                         if p.code == "1.001193")
    sides = pdf_pages(folder / "the-thu-tuc-a5.pdf", work / "card", card_page + 2)[card_page:]
    pair = Image.new("L", (2 * sides[0].width + 60, sides[0].height), 160)
    pair.paste(sides[0], (0, 0))
    pair.paste(sides[1], (sides[0].width + 60, 0))
    pictures = {"bang-niem-yet-a3.png": board.reduce(4),  # the whole sheet, 75 DPI
                "bang-niem-yet-a3-chi-tiet.png": board.crop((0, 0, 1400, 1100)).reduce(2),  # 150 DPI
                "the-thu-tuc-a5.png": pair.reduce(3)}  # front and back, 100 DPI
    written = []
    for name, picture in pictures.items():
        levels = picture.point(lambda v: v >> 4)
        png = Image.frombytes("P", levels.size, levels.tobytes())
        png.putpalette(bytes(v * 17 for v in range(16) for _ in range(3)))
        png.save(out / name, bits=4, optimize=True)
        written.append(out / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=400, help="size of the synthetic catalogue")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=2, help="communes whose PDFs are read back")
    parser.add_argument("--images", type=Path, help="only draw the README's pictures into this folder")
    args = parser.parse_args()
    if args.images:
        with tempfile.TemporaryDirectory() as tmp:
            for path in readme_images(args.images, Path(tmp)):
                sys.stdout.write(f"{path} {path.stat().st_size // 1024} KiB\n")
        return
    rows, details = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundled = work / "bundled"
        shutil.copytree(ROOT / "procedures", bundled)
        synthetic = write_synthetic(work / "synthetic", args.procedures)
        for setting in SETTINGS:
            if (ROOT / "procedures" / setting).exists():
                shutil.copyfile(ROOT / "procedures" / setting, synthetic / setting)
        catalogues = (("bundled catalogue", bundled), (f"synthetic, {args.procedures}", synthetic))
        built = {name: builds(procedures, args.workers, work / f"build-{n}")
                 for n, (name, procedures) in enumerate(catalogues)}
        for name, _ in catalogues:
            line, detail = row(name, built[name], args.sample, work / "pages")
            rows.append(line)
            details.append(detail)
            sys.stdout.write(line + "\n")
    body = (f"{machine()}; workers={args.workers}; base URL {BASE_URL}. Command: "
            f"`.venv/bin/python bench/posters.py --procedures {args.procedures} --workers {args.workers} "
            f"--sample {args.sample}`.\n\n"
            "Each build writes every poster of every commune: per commune a PDF and a preview image "
            "of the A3 board, the A4 board, the A5 cards and the entrance poster. Codes are read back "
            f"from the PDFs of the first {args.sample} communes (boards, the first 50 cards, entrance) as "
            "poppler draws them at 300 DPI, and from each layout's reach in the phone model "
            f"(generator/posters/reading.py: board {BOARD_A3.reach} cm, card {CARD_A5.reach} cm, "
            f"entrance {ENTRANCE_A3.reach} cm). Unchanged communes are hard-linked from the cache; an "
            "edited procedure redraws every commune that has it. Times were taken on a machine shared "
            "with other builds: rough.\n\n"
            "| catalogue | communes x procedures | A3 sheets per 100 procedures | codes read at 300 DPI | "
            "codes read at reach | files | total size | first build (empty cache) | rebuild, nothing "
            "changed | rebuild, one name edited | peak RSS |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)
            + "\n\n" + "\n\n".join(details))
    write_section("Posters", body)


if __name__ == "__main__":
    main()
