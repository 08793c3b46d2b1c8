"""Load and fault: the search API under gunicorn (2 workers) loaded from 127.0.0.1 with wrk
while the index is rebuilt and swapped three times and one worker is killed (SIGKILL).

Reports requests served, failed (non-2xx answers and socket errors; target zero) and p99,
in the "Load and fault" section of bench/results.md. Bounded: one run of --seconds.

    .venv/bin/python bench/fault.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.index import publish_index  # noqa: E402
from bench.results import machine, write_section  # noqa: E402
from bench.search import bench_http, distinct_requests, request_url  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402


def workers_of(master: subprocess.Popen) -> list[int]:
    """PIDs of the gunicorn master's worker processes."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master.pid)], capture_output=True, text=True)
    return [int(pid) for pid in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    cat = load_catalogue(ROOT / "procedures")
    events: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        publish_index(cat, work / "index")
        step = args.seconds / 10  # a publish takes a few seconds itself: all three swaps and the kill fall within the run

        def faults(master: subprocess.Popen) -> None:
            start = time.monotonic()
            for n in range(3):
                time.sleep(step)
                publish_index(cat, work / "index")
                events.append(f"index rebuilt and swapped at {time.monotonic() - start:.1f} s")
                if n == 1:
                    time.sleep(step)
                    victim = workers_of(master)[0]
                    os.kill(victim, signal.SIGKILL)
                    events.append(f"one worker killed (SIGKILL) at {time.monotonic() - start:.1f} s")

        urls = [request_url(r) for r in distinct_requests(cat, 20000)]
        result = bench_http(work / "index", work, args.seconds, 0, urls, faults)
    failed, socket_errors = result["errors"]
    body = "\n".join([
        f"Run: {machine()}, load average {os.getloadavg()[0]:.1f} at the end. Command: `.venv/bin/python bench/fault.py --seconds {args.seconds}`; "
        f"bundled catalogue ({len(cat.procedures)} procedures), answer cache off, distinct queries "
        "(bench/search.py `distinct_requests`), wrk 2 threads 8 connections.",
        "",
        "| requests served | failed (non-2xx) | socket errors | requests/s | p50 | p99 |",
        "|---|---|---|---|---|---|",
        f"| {result['requests']} | {failed} | {socket_errors} | {result['rps']:.0f} | "
        f"{result['p50']:.1f} ms | {result['p99']:.1f} ms |",
        "",
        "During the run: " + "; ".join(events) + ".",
    ])
    write_section("Load and fault", body)
    print(body)


if __name__ == "__main__":
    main()
