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
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.release.publish import named, write_new
from generator.site.pages import md_path, shard_of, write_pages

log = logging.getLogger(__name__)
NAV_STUB = "---\ntitle: niemyet\n---\n"
# Written into a shard's folder when its build succeeded, with the theme and base URL it
# was built with. A shard without it (a build failed or was killed halfway) or with
# another stamp is built clean: a dirty build trusts whatever the folder holds.
STAMP = "built.stamp"


class UnsafeSource(ValueError):
    """docs/ or overrides/ holds something a release must not publish (a symbolic link)."""


def source_files(folder: Path) -> list[Path]:
    """The files under `folder`, refusing symbolic links: `ln -s /etc/hostname docs/x.txt`
    once published that file, because copying follows links."""
    found, links = [], []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            if path.is_symlink():
                links.append(path)
            elif name in filenames:
                found.append(path)
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
    if links:
        raise UnsafeSource("\n".join(f"{path}: là liên kết tượng trưng; {folder.name}/ chỉ được chứa tệp thật "
                                      "(một liên kết có thể công bố tệp ngoài kho mã)" for path in links))
    return sorted(found)


@dataclass(frozen=True)
class ShardJob:
    """What one worker process needs to build one shard."""

    index: int
    config_file: Path
    docs_dir: Path
    site_dir: Path
    base_url: str
    dirty: bool
    stamp: str


@dataclass(frozen=True)
class ShardResult:
    """A built shard: how many pages it rendered again and what mkdocs warned about."""

    index: int
    site_dir: Path
    rendered: int
    warnings: tuple[str, ...]


def theme_stamp(root: Path) -> str:
    """Hash of everything that changes every page at once: config, its hook (which names the
    assets every page loads), overrides, assets, versions."""
    import material
    import mkdocs

    digest = hashlib.sha256(f"{mkdocs.__version__} {material.__version__}".encode())
    hook = root / "generator" / "release" / "fingerprint.py"
    for path in [root / "mkdocs.yml", *([hook] if hook.is_file() else []),
                 *source_files(root / "overrides"), *source_files(root / "docs")]:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare_shards(root: Path, work: Path, pages: dict[str, str], shards: int,
                   base_url: str) -> list[ShardJob]:
    """Write each shard's docs (hand-written docs/ plus its generated pages) under `work`.

    A shard is built dirty (only changed pages rendered) only if its last build finished
    with the same theme and base URL; its stamp is removed before anything is changed,
    so a build that dies from here on leaves the shard to be built clean next time."""
    stamp = f"{theme_stamp(root)} {base_url}"
    docs = root / "docs"
    static = source_files(docs)
    static_md = {str(p.relative_to(docs)): p.read_text(encoding="utf-8") for p in static if p.suffix == ".md"}
    assets = {str(p.relative_to(docs)): p for p in static if p.suffix != ".md"}
    per_shard: list[dict[str, str]] = [{} for _ in range(shards)]
    per_shard[0].update(static_md)
    for url_path, text in pages.items():
        per_shard[shard_of(url_path, shards)][md_path(url_path)] = text
    # Commune shards need the nav's pages to exist, but never publish them: a stub does,
    # so a change to the search page or a list does not re-render it in every shard.
    stubs = {path: NAV_STUB for path in per_shard[0] if path.count("/") <= 1}
    jobs = []
    for i in range(shards):
        folder = work / f"shard-{i}"
        docs_dir, site_dir = folder / "docs", folder / "site"
        stamp_file = folder / STAMP
        dirty = site_dir.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp
        stamp_file.unlink(missing_ok=True)
        files = {**stubs, **per_shard[i]} if i else per_shard[i]
        _sync_assets(assets, docs_dir)
        write_pages(files, docs_dir)
        _remove_empty_folders(docs_dir)
        jobs.append(ShardJob(i, root / "mkdocs.yml", docs_dir, site_dir, base_url, dirty, stamp))
    return jobs


def _sync_assets(assets: dict[str, Path], dst: Path) -> None:
    """Make the shard's non-Markdown files exactly docs/'s: copy new and changed ones,
    delete those docs/ no longer has."""
    for rel, path in assets.items():
        target = dst / rel
        if not target.is_file() or target.read_bytes() != path.read_bytes():
            write_new(target, path.read_bytes())
    if dst.is_dir():
        for path in source_files(dst):
            if path.suffix != ".md" and str(path.relative_to(dst)) not in assets:
                path.unlink()


def _remove_empty_folders(folder: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        if dirpath != str(folder) and not os.listdir(dirpath):
            os.rmdir(dirpath)


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
    """Build one shard with mkdocs (in this process), leave in its folder exactly the
    files this build stands for, and stamp it as finished."""
    from mkdocs import utils
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    # The published site hard-links these files: replace, never rewrite, an output file.
    utils.write_file = _replace_file
    utils.copy_file = _replace_copy
    built = []
    get_files = mkdocs_build.get_files
    mkdocs_build.get_files = lambda config: built.append(get_files(config)) or built[-1]
    catcher = _WarningCatcher()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(catcher)
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(job.config_file), docs_dir=str(job.docs_dir),
                             site_dir=str(job.site_dir), site_url=job.base_url)
        pages_before = _count_fresh(job)
        mkdocs_build.build(config, dirty=job.dirty)
    finally:
        logger.removeHandler(catcher)
        mkdocs_build.get_files = get_files
    keep = {file.abs_dest_path for file in built[-1] if file.inclusion.is_included()}
    keep |= {os.path.join(job.site_dir, name) for name in config.theme.static_templates}
    keep.add(os.path.join(job.site_dir, "sitemap.xml.gz"))
    prune_to(job.site_dir, keep)
    write_new(job.site_dir.parent / STAMP, job.stamp.encode())
    return ShardResult(job.index, job.site_dir, pages_before, tuple(catcher.messages))


def prune_to(folder: Path, keep: set[str]) -> list[str]:
    """Delete every file under `folder` not in `keep` (absolute paths), then every folder
    left empty: pages whose Markdown is gone, files a killed build left half-written
    (*.tmp), links. Return what was deleted."""
    removed = []
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = os.path.join(dirpath, name)
            if path not in keep:
                os.unlink(path)
                removed.append(path)
        if dirpath != str(folder) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return removed


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
    write_new(Path(output_path), content)


def _replace_copy(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    try:
        with open(source_path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise named(exc, source_path) from exc
    write_new(Path(output_path), data)
