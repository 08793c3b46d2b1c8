"""Write a gzip (.gz) and a brotli (.br) copy beside every text file of a release.

A phone on a slow link pays for every byte: compressed, a page is a quarter of its size.
Compressing once at build time, at a level no server would spend per request, lets
`niemyet serve` (api/serve.py) and nginx (`gzip_static`, `brotli_static`) send the files
as they are. Compressed copies are kept in a cache by content hash and hard-linked into
each release, so a rebuild compresses only the pages whose bytes changed.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"})
# Below this, the headers of a response outweigh what compression saves.
MIN_BYTES = 512
# Pages change with the catalogue and there are thousands: on the bundled catalogue's
# 6,845 files brotli 6 took 1.4 s, 10% larger than its best (11), which took 49 s.
# Assets are few and fetched by every visitor: they get the best.
PAGE_QUALITY, ASSET_QUALITY = 6, 11
ENCODINGS = (".br", ".gz")


def compressible(path: Path) -> bool:
    """Text files big enough to be worth sending compressed."""
    return path.suffix in TEXT_SUFFIXES and path.stat().st_size >= MIN_BYTES


def compressed(data: bytes, encoding: str, quality: int) -> bytes:
    """`data` as gzip (no timestamp, so rebuilds are byte-identical) or brotli."""
    if encoding == ".gz":
        return gzip.compress(data, compresslevel=quality, mtime=0)
    return brotli.compress(data, quality=quality)


def quality(path: Path, encoding: str) -> int:
    """How hard to compress: gzip always at 9; brotli at its best for assets only."""
    if encoding == ".gz":
        return 9
    return ASSET_QUALITY if path.parent.name == "assets" else PAGE_QUALITY


def write_compressed(release: Path, cache: Path, workers: int = 1) -> list[Path]:
    """Put `<file>.gz` and `<file>.br` beside every compressible file of `release`.

    Each copy is made once per content and level (kept in `cache`) and hard-linked. An
    existing copy in the release (mkdocs writes sitemap.xml.gz) is replaced, never written
    through: release files are hard links shared with earlier releases. Cached copies no
    release links any more are dropped."""
    plan = []
    for source in sorted(release.rglob("*")):
        if not (source.is_file() and compressible(source)):
            continue
        key = hashlib.sha256(source.read_bytes()).hexdigest()
        for encoding in ENCODINGS:
            level = quality(source, encoding)
            plan.append((source, cache / key[:2] / f"{key}{encoding}{level}", encoding, level))
    missing = list({cached: (cached, source, encoding, level)
                    for source, cached, encoding, level in plan if not cached.exists()}.values())
    if missing:
        log.info("compressing %d files", len(missing))
        if workers > 1 and len(missing) > 200:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(_compress_to, *zip(*missing), chunksize=32))
        else:
            for job in missing:
                _compress_to(*job)
    written = []
    for source, cached, encoding, _ in plan:
        target = source.with_name(source.name + encoding)
        target.unlink(missing_ok=True)
        os.link(cached, target)
        written.append(target)
    _prune(cache)
    return written


def _compress_to(cached: Path, source: Path, encoding: str, level: int) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    tmp.write_bytes(compressed(source.read_bytes(), encoding, level))
    os.replace(tmp, cached)


def _prune(cache: Path) -> None:
    """Drop cached copies that no release links to any more (their only link is the cache's)."""
    for path in cache.rglob("*"):
        if path.is_file() and path.stat().st_nlink < 2:
            path.unlink()
