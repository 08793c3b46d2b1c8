"""The ledger of every URL niemyet has printed: paper outlives the catalogue.

A poster stays on a commune's wall for years while procedures are renamed, merged and
withdrawn. Every path a poster prints is added to a ledger file kept in the repository
(one path a line, sorted, so a change shows up in review), and a build is refused if any
ledger path would not resolve in the new site: a procedure must be marked `replaced_by`
or `withdrawn`, never deleted, once it has been printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

HEADER = ("# Every URL path niemyet has printed on a poster. Written by `niemyet build`;\n"
          "# review changes like code. A path here must resolve in every future build.\n")


def read_ledger(path: Path) -> list[str]:
    """The paths recorded in the ledger file (none if it does not exist yet)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def paths(printed: Iterable[str]) -> list[str]:
    """The URL paths of printed URLs, sorted: what the site must answer, whatever its host."""
    return sorted({urlsplit(url).path or "/" for url in printed})


def record(path: Path, printed: Iterable[str]) -> list[str]:
    """Add printed URLs (or paths) to the ledger; return the paths that were new."""
    known = set(read_ledger(path))
    paths_now = set(paths(printed))
    new = sorted(paths_now - known)
    if new:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")  # a crash never leaves half a ledger
        part.write_text(HEADER + "".join(f"{p}\n" for p in sorted(known | paths_now)), encoding="utf-8")
        part.replace(path)
    return new


def unresolved(paths: Iterable[str], site: Path) -> list[str]:
    """Ledger paths that no page or file of `site` answers."""
    missing = []
    for url_path in paths:
        local = site / url_path.lstrip("/")
        if not (local.is_file() or (local / "index.html").is_file()):
            missing.append(url_path)
    return missing
