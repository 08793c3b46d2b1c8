"""Benchmark the site build: the bundled catalogue and a generated one of province size.

Records, for each: pages, wall time of a clean build, of a rebuild with nothing changed,
after one procedure changed and after one commune changed; peak memory (this process
and its mkdocs workers); output size and bytes per page. The bundled catalogue is built
twice: the site alone, and with its posters as `niemyet build` does (poster cache kept
between the runs, as on a real server). Writes the "Site build" section of
bench/results.md.

    .venv/bin/python bench/build.py [--procedures 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from bench.synthetic import edit_a_name, write_synthetic  # noqa: E402
from generator.release.build import build_site, work_dir  # noqa: E402
from generator.posters import printed_urls, write_posters  # noqa: E402
from generator.site.pages import poster_links  # noqa: E402
from generator.release.checks import page_weight  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402

BASE = "https://niemyet.example.vn/"


def site_size(site: Path) -> tuple[int, int, int, int]:
    """Total bytes, page count, median and max page bytes of a built site."""
    pages = [p.stat().st_size for p in site.rglob("index.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return total, len(pages), int(statistics.median(pages)), max(pages)


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def with_posters(out: Path, workers: int) -> dict:
    """The options `niemyet build` adds for posters (see generator/cli.py)."""
    cache = work_dir(out) / "posters"

    def print_posters(cat, release, base_url):
        return write_posters(cat, release, base_url, workers=workers, cache_dir=cache)
    return {"posters": lambda cat, commune: poster_links(cat, commune, cache),
            "steps": (print_posters,), "printed": printed_urls}


def run(name: str, procedures: Path, workers: int, work: Path, posters: bool = False) -> str:
    out = work / "site"
    options = with_posters(out, workers) if posters else {}

    def build():
        return build_site(load_catalogue(procedures), ROOT, out, BASE, workers=workers, **options)

    cat = load_catalogue(procedures)
    clean = build()
    same = build()
    edit_a_name(cat)
    proc = build()
    edit(procedures / "_communes.yml", "  kind: xã\n", "  kind: xã\n  office:\n    phone: 0215 000 000\n")
    commune = build()
    total, pages, median, biggest = site_size(out)
    first_page = sorted(p.parent for p in out.glob("[0-9]*/*/index.html"))[0]
    raw, packed = page_weight(out, "/" + str(first_page.relative_to(out)) + "/")
    return (f"| {name} | {len(cat.communes)} x {len(cat.procedures)} | {pages} | {clean.seconds:.1f} s "
            f"(mkdocs {clean.timings['mkdocs']:.1f} s) | {same.seconds:.1f} s | {proc.seconds:.1f} s "
            f"({proc.rendered} pages) | {commune.seconds:.1f} s ({commune.rendered} pages) | "
            f"{total / 1e6:.0f} MB | {median / 1000:.1f} kB | {biggest / 1000:.1f} kB | "
            f"{raw / 1000:.0f} kB ({packed / 1000:.0f} kB gzip) |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "procedures", work / "bundled")
        rows.append(run("bundled catalogue", work / "bundled", args.workers, work / "b"))
        shutil.copytree(ROOT / "procedures", work / "bundled-posters")
        rows.append(run("bundled, with posters", work / "bundled-posters", args.workers, work / "p", posters=True))
        write_synthetic(work / "generated", args.procedures)
        rows.append(run("generated (sample)", work / "generated", args.workers, work / "g"))
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    body = "\n".join([
        f"Run: {machine()}, {args.workers} workers. Command: `.venv/bin/python bench/build.py`.",
        "",
        "| catalogue | communes x procedures | pages | clean build | nothing changed | one procedure changed | one commune changed | site size | median page | largest page | first visit to a procedure page (HTML+CSS+JS) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Peak memory: {self_mb:.0f} MB in the main process, {child_mb:.0f} MB in the largest mkdocs worker.",
    ])
    write_section("Site build", body)
    print(body)


if __name__ == "__main__":
    main()
