"""Run mkdocs over the generated pages, split into shards that build in parallel.

mkdocs renders one page at a time on one core. A commune and its procedure pages form
one unit, so the pages are split into shards (shard 0: home, lists and province-wide
pages; the others: communes), each a complete mkdocs project with the same theme and
nav, built in its own process. Each shard keeps its output between builds and is built
"dirty": only pages whose Markdown changed are rendered again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.site import md_path, shard_of, write_pages

log = logging.getLogger(__name__)
NAV_STUB = "---\ntitle: niemyet\n---\n"


@dataclass(frozen=True)
class ShardJob:
    """What one worker process needs to build one shard."""

    index: int
    config_file: Path
    docs_dir: Path
    site_dir: Path
    base_url: str
    dirty: bool
    removed: tuple[str, ...]


@dataclass(frozen=True)
class ShardResult:
    """A built shard: how many pages it rendered again and what mkdocs warned about."""

    index: int
    site_dir: Path
    rendered: int
    warnings: tuple[str, ...]


def theme_stamp(root: Path) -> str:
    """Hash of everything that changes every page at once: config, overrides, assets, versions."""
    import material
    import mkdocs

    digest = hashlib.sha256(f"{mkdocs.__version__} {material.__version__}".encode())
    paths = [root / "mkdocs.yml", *sorted((root / "overrides").rglob("*")), *sorted((root / "docs").rglob("*"))]
    for path in paths:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare_shards(root: Path, work: Path, pages: dict[str, str], shards: int,
                   base_url: str) -> list[ShardJob]:
    """Write each shard's docs (hand-written docs/ plus its generated pages) under `work`."""
    stamp = theme_stamp(root)
    stamp_file = work / "theme.stamp"
    same_theme = stamp_file.exists() and stamp_file.read_text() == f"{stamp} {base_url}"
    static_md = {str(p.relative_to(root / "docs")): p.read_text(encoding="utf-8")
                 for p in (root / "docs").rglob("*.md")}
    per_shard: list[dict[str, str]] = [{} for _ in range(shards)]
    per_shard[0].update(static_md)
    for url_path, text in pages.items():
        per_shard[shard_of(url_path, shards)][md_path(url_path)] = text
    # Commune shards need the nav's pages to exist, but never publish them: a stub does,
    # so a change to the search page or a list does not re-render it in every shard.
    stubs = {path: NAV_STUB for path in per_shard[0] if path.count("/") <= 1}
    jobs = []
    for i in range(shards):
        docs_dir, site_dir = work / f"shard-{i}" / "docs", work / f"shard-{i}" / "site"
        files = {**stubs, **per_shard[i]} if i else per_shard[i]
        _sync_assets(root / "docs", docs_dir)
        _, removed = write_pages(files, docs_dir)
        jobs.append(ShardJob(i, root / "mkdocs.yml", docs_dir, site_dir, base_url,
                             dirty=same_theme and site_dir.exists(),
                             removed=tuple(str(p.relative_to(docs_dir)) for p in removed)))
    stamp_file.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(f"{stamp} {base_url}")
    return jobs


def _sync_assets(src: Path, dst: Path) -> None:
    for path in src.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            target = dst / path.relative_to(src)
            if not target.exists() or target.read_bytes() != path.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def build_shards(jobs: list[ShardJob], workers: int,
                 on_done: Callable[[ShardResult], None] = lambda _: None) -> list[ShardResult]:
    """Build every shard, `workers` at a time, calling `on_done` as each one finishes."""
    results = []
    if workers <= 1 or len(jobs) == 1:
        for job in jobs:
            results.append(build_shard(job))
            on_done(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_shard, job) for job in jobs]
        for future in as_completed(futures):
            results.append(future.result())
            on_done(results[-1])
    return sorted(results, key=lambda r: r.index)


def build_shard(job: ShardJob) -> ShardResult:
    """Build one shard with mkdocs (in this process)."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # The published site hard-links these files: replace, never rewrite, an output file.
    utils.write_file = _replace_file
    utils.copy_file = _replace_copy
    for rel in job.removed:
        stale = job.site_dir / Path(rel).with_suffix(".html")
        stale.unlink(missing_ok=True)
    catcher = _WarningCatcher()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(catcher)
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(job.config_file), docs_dir=str(job.docs_dir),
                             site_dir=str(job.site_dir), site_url=job.base_url)
        pages_before = _count_fresh(job)
        build(config, dirty=job.dirty)
    finally:
        logger.removeHandler(catcher)
    return ShardResult(job.index, job.site_dir, pages_before, tuple(catcher.messages))


def _count_fresh(job: ShardJob) -> int:
    """Pages mkdocs will render again: every page in a clean build, changed ones in a dirty one."""
    count = 0
    for md in job.docs_dir.rglob("*.md"):
        html = job.site_dir / md.relative_to(job.docs_dir).with_suffix(".html")
        if not job.dirty or not html.exists() or md.stat().st_mtime > html.stat().st_mtime:
            count += 1
    return count


class _WarningCatcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # mkdocs warns that dirty builds can leave nav stale. Our nav lists only pages whose
        # titles are fixed in mkdocs.yml, and a change to mkdocs.yml forces a clean build.
        if not message.startswith("A 'dirty' build is being performed"):
            self.messages.append(message)


def _replace_file(content: bytes, output_path: str) -> None:
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    tmp = f"{output_path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(content)
    os.replace(tmp, output_path)


def _replace_copy(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    with open(source_path, "rb") as handle:
        _replace_file(handle.read(), output_path)
