"""The build pipeline: catalogue -> pages -> mkdocs shards -> release -> checks -> publish.

Every step writes into a fresh release folder; the published site changes only in the
last step, by one rename, and only if everything before it succeeded.
"""

from __future__ import annotations

import logging
import shutil
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.release import checks, compress, ledger, lock, moved, publish, render

from generator.site import opendata
from generator.catalogue.model import Catalogue
from generator.site.pages import PosterLister, shard_of, site_pages

log = logging.getLogger(__name__)

# An extra output (posters, offline search files): writes into the release, returns its files.
Step = Callable[[Catalogue, Path, str], list[Path]]
# The absolute URLs an output prints on paper (the posters' QR codes).
Printed = Callable[[Catalogue, str], list[str]]


@dataclass
class BuildReport:
    """What a build did, for the summary line and the benchmark."""

    pages: int = 0
    rendered: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    release: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    new_ledger_paths: list[str] = field(default_factory=list)


class BuildError(Exception):
    """A build step or check failed; nothing was published."""


class BuildBusy(BuildError):
    """Another build of the same site is running; this one did nothing."""


def work_dir(out: Path) -> Path:
    """Where builds for `out` keep shards, releases and caches: beside it, on the same file
    system, so a release can hard-link cached files and be renamed into place."""
    return out.parent / f".{out.name}-build"


def default_shards(workers: int) -> int:
    """Shard 0 plus two commune shards per worker keeps both cores busy to the end."""
    return 1 + 2 * max(1, workers)


def build_release(cat: Catalogue, root: Path, out: Path, base_url: str, *, workers: int = 2,
                  shards: int | None = None, posters: PosterLister | None = None,
                  steps: tuple[Step, ...] = (), progress: Callable[[str], None] = lambda _: None,
                  on_shard: Callable[[render.ShardResult], None] = lambda _: None,
                  ledger_file: Path | None = None, printed: Printed | None = None,
                  report: BuildReport | None = None) -> BuildReport:
    """Build a complete, checked release next to `out` without publishing it (into
    `report`, so a caller can remove the release if this fails halfway).

    Refused if a URL printed before (`ledger_file`) or printed now (`printed`) would not
    open a page or file of the release: a QR code must never lead to a 404."""
    report, started = report or BuildReport(), time.perf_counter()
    work = work_dir(out)
    shards = shards or default_shards(workers)

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        report.timings[name] = round(now - since, 2)
        progress(f"{name}: {now - since:.1f} s")
        return now

    t = time.perf_counter()
    pages = site_pages(cat, posters)
    if ledger_file:
        pages.update(moved.moved_pages(cat, ledger.read_ledger(ledger_file), pages))
    report.pages = len(pages)
    try:
        static = [str(p.relative_to(root / "docs")) for p in render.source_files(root / "docs") if p.suffix == ".md"]
        jobs = render.prepare_shards(root, work / "shards", pages, shards, base_url)
    except render.UnsafeSource as exc:
        raise BuildError(str(exc)) from exc
    t = lap("pages", t)
    try:
        results = render.build_shards(jobs, workers, on_shard)
    except BrokenProcessPool as exc:
        raise BuildError("một tiến trình mkdocs bị dừng đột ngột (hết bộ nhớ?); chạy lại bản dựng") from exc
    report.rendered = sum(r.rendered for r in results)
    report.warnings += sorted({w for r in results for w in r.warnings})
    t = lap("mkdocs", t)
    release = publish.new_release(work / "releases")
    report.release = release
    for result in results:
        if result.index == 0:
            report.files += publish.link_tree(result.site_dir, release)
        else:
            mine = {u.strip("/").split("/")[0] for u in pages if shard_of(u, shards) == result.index}
            report.files += publish.link_tree(result.site_dir, release, only=mine)
    report.files += len(opendata.write_open_data(cat, release, base_url, sorted(pages)))
    for step in steps:
        report.files += len(step(cat, release, base_url))
    # Last, once every text file is in place: servers send these copies as they are.
    report.files += len(compress.write_compressed(release, work / "compressed", workers))
    t = lap("assemble", t)
    problems = checks.check_release(release, pages, static)
    if ledger_file:
        problems += [f"{path}: đã in trên áp phích nhưng không còn trang; đánh dấu thủ tục bằng "
                     "'replaced_by' hoặc 'withdrawn' thay vì xóa tệp"
                     for path in ledger.unresolved(ledger.read_ledger(ledger_file), release)]
    if printed:
        problems += [f"{path}: mã QR trên bản in trỏ tới địa chỉ không có trong trang"
                     for path in ledger.unresolved(ledger.paths(printed(cat, base_url)), release)]
    lap("checks", t)
    if problems:
        raise BuildError("\n".join(problems[:50]) + (f"\n... {len(problems) - 50} more" if len(problems) > 50 else ""))
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def build_site(cat: Catalogue, root: Path, out: Path, base_url: str, *, wait: bool = False,
               before_publish: tuple[Callable[[Catalogue], object], ...] = (), **options) -> BuildReport:
    """Build a release, run `before_publish` (e.g. publish the search index, which swaps
    itself in only when verified), publish the site at `out` (a link swapped atomically),
    then record in the ledger what its posters print (`printed` lists those URLs).

    One build at a time per site: the lock beside `out` is held from the first page
    written to the ledger recorded (BuildBusy at once, or wait for it with `wait`). A
    `before_publish` step may return an undo (a callable): if the site cannot be
    published after it, it is undone, so the index and the site change together or not
    at all. A release that is not published is deleted.

    The ledger keeps paths, not hosts: a trial print against localhost carries the same
    paths as the real one, and one pinned up by mistake must keep working too."""
    publish.check_publishable(out)
    try:
        with lock.exclusive(work_dir(out), wait=wait):
            return _build_and_publish(cat, root, out, base_url, before_publish, options)
    except lock.Busy as exc:
        raise BuildBusy(f"{out}: {exc}") from None


def _build_and_publish(cat: Catalogue, root: Path, out: Path, base_url: str,
                       before_publish: tuple[Callable[[Catalogue], object], ...], options: dict) -> BuildReport:
    report = BuildReport()
    try:
        report = build_release(cat, root, out, base_url, report=report, **options)
        undo = []
        try:
            for step in before_publish:
                result = step(cat)
                if callable(result):
                    undo.append(result)
            publish.check_publishable(out)
            publish.publish(report.release, out)
        except BaseException:
            for step in reversed(undo):
                step()
            raise
    except BaseException:
        if report.release and report.release.exists():
            shutil.rmtree(report.release, ignore_errors=True)
        raise
    publish.prune(report.release.parent, out)
    printed, ledger_file = options.get("printed"), options.get("ledger_file")
    if printed and ledger_file:
        report.new_ledger_paths = ledger.record(ledger_file, printed(cat, base_url))
    return report
