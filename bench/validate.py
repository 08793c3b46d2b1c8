"""Benchmark validation: a whole catalogue of about 400 procedures, and hostile files.

Validation runs before every build and whenever a clerk saves a file, so it must stay
fast (target: the full catalogue under 5 s) and a hostile file must cost nothing: the
audit's 456-byte alias bomb took 15.6 s and 2.2 GB before aliases were refused. Times
`niemyet validate` end to end (a new process, as a clerk runs it) and load_catalogue in
process; the hostile files in a child process, for its peak memory. Writes the
"Validation" section of bench/results.md.

    .venv/bin/python bench/validate.py [--copies 2]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from bench.synthetic import write_synthetic  # noqa: E402
from generator.catalogue.load import CatalogueError, load_catalogue, procedure_files  # noqa: E402

NIEMYET = Path(sys.executable).with_name("niemyet")


def real_copies(out: Path, copies: int) -> Path:
    """The bundled catalogue's procedure files `copies` times over, under new codes: real
    text lengths (the longest steps, documents and names there are)."""
    out.mkdir(parents=True)
    shutil.copyfile(ROOT / "procedures" / "_communes.yml", out / "_communes.yml")
    shutil.copyfile(ROOT / "procedures" / "_synonyms.yml", out / "_synonyms.yml")
    n = 0
    for copy in range(copies):
        for path in procedure_files(ROOT / "procedures"):
            code = f"9.{n:06d}"
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"^code: .*$", f"code: '{code}'", text, count=1, flags=re.M)
            text = re.sub(r"^replaced_by: .*$", "", text, flags=re.M)
            (out / f"{code}.yml").write_text(text, encoding="utf-8")
            n += 1
    return out


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _verdict(folder: Path) -> str:
    """What validation says of a catalogue, in a few words."""
    try:
        load_catalogue(folder)
    except CatalogueError as exc:
        return f"refused: {exc.summary()} ({exc.problems[0].message.split(':')[0]} ...)"
    return "accepted"


def timed(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# Runs `niemyet validate` and reports its own peak memory: the parent's RUSAGE_CHILDREN
# would be the largest of every child so far.
_MEASURE = ("import json, resource, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "print(time.perf_counter() - start, done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "print(json.dumps((done.stdout + done.stderr).strip().splitlines()[-1:]))")


def cli(folder: Path) -> tuple[float, int, int, str]:
    """`niemyet validate` in a new process: wall seconds, exit code, peak memory (MB), last line."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(NIEMYET), "validate", "--procedures", str(folder)],
                          capture_output=True, text=True, check=True)
    first, last = done.stdout.splitlines()[:2]
    seconds, code, peak = first.split()
    return float(seconds), int(code), int(peak) // 1024, (json.loads(last) or [""])[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        catalogues = {
            f"bundled catalogue x {args.copies} (real text lengths)": real_copies(work / "real", args.copies),
            "generated, 400 procedures (bench/synthetic.py)": write_synthetic(work / "synthetic", 400),
            "bundled catalogue": ROOT / "procedures",
        }
        for name, folder in catalogues.items():
            count = len(procedure_files(folder))
            in_process, verdict = timed(lambda: _verdict(folder))
            wall = statistics.median(cli(folder)[0] for _ in range(3))
            rows.append(f"| {name} | {count} | {in_process:.2f} s | {wall:.2f} s | {verdict} |")
            print(rows[-1], flush=True)
        hostile = []
        for label, text in [("alias bomb, 7 levels of 9 (the audit's)", alias_bomb(7)),
                            ("alias bomb, 9 levels of 9", alias_bomb(9)), ("`&a [*a]`", "&a [*a]\n"),
                            ("10,000 nested lists", "a: " + "[" * 10_000 + "]" * 10_000 + "\n")]:
            folder = work / f"hostile-{len(hostile)}"
            folder.mkdir()
            shutil.copyfile(ROOT / "procedures" / "_communes.yml", folder / "_communes.yml")
            (folder / "1.000001.yml").write_text(text, encoding="utf-8")
            seconds, code, peak, last = cli(folder)
            hostile.append(f"| {label} | {len(text.encode())} B | {seconds:.2f} s | {peak} MB | {code} | {last} |")
            print(hostile[-1], flush=True)
    body = (f"Run: {machine()}. Command: `.venv/bin/python bench/validate.py --copies {args.copies}`. "
            "Each time is the median of 3 runs; `niemyet validate` includes starting Python and importing "
            "the generator. Target: a full catalogue under 5 s.\n\n"
            "| catalogue | procedure files | load_catalogue in process | `niemyet validate` (wall) | verdict |\n|---|---|---|---|---|\n"
            + "\n".join(rows)
            + "\n\nHostile files (one bad procedure file beside the real communes file), `niemyet validate` in a "
              "new process, with that process's peak memory:\n\n"
              "| file | size | wall | peak memory | exit | last line |\n|---|---|---|---|---|---|\n"
            + "\n".join(hostile))
    write_section("Validation", body)


if __name__ == "__main__":
    main()
