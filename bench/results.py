"""Write one benchmark's section of bench/results.md, leaving the other sections alone."""

from __future__ import annotations

import os
import platform
import re
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results.md"


def machine() -> str:
    """One line naming the machine, so figures are never quoted without it."""
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {platform.machine()}")


def write_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) the `## heading` section of the results file."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\nWritten by the scripts in bench/; do not edit by hand.\n"
    section = f"## {heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")
