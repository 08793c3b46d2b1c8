"""Write every commune's posters into the site being built: out/<commune>/in/<file>.

A commune whose procedures, office, field order, base URL and poster code are unchanged
gets last build's files from the cache folder, hard-linked (copied across file systems):
no planning, no drawing. Any other commune is planned and written again (a commune of 400
procedures took 0.7-0.9 s of CPU on this machine: PDFs are vector text, and the lines of
names and dossiers every commune shares are wrapped and set once per process). Cache files are never
changed in place (written aside, then renamed), so a linked file cannot change under the
site; the whole cache can be deleted at any time. Communes are shared over `workers`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from generator import urls
from generator.catalogue.model import Catalogue, Commune, Procedure
from generator.posters.draw import preview_png
from generator.posters.files import PosterFile, poster_files, poster_set
from generator.posters.fonts import font_digest
from generator.posters.layout import CODE_VERSION, MAX_VERSION
from generator.posters.pdf import pdf_document
from generator.posters.qr import PosterError, qr_text, qr_version

log = logging.getLogger(__name__)
KEY_FILE = "KEY"


def write_posters(cat: Catalogue, out: Path, base_url: str, *, allow_local: bool = False,
                  workers: int = 2, cache_dir: Path | None = None) -> list[Path]:
    """Write all posters of all communes under `out`; return the files written, sorted.

    Args:
        out: the root of the site being assembled; files go to out/<commune>/in/.
        base_url: the public origin the QR codes point at, e.g. https://niemyet.example.vn.
        allow_local: accept a localhost/127.x base URL (for trying things out only).
        workers: processes to draw in; communes are shared out between them.
        cache_dir: where each commune's files are kept between builds; None writes everything.
    """
    check_base_url(base_url, cat, allow_local)
    written: list[Path] = []
    jobs = []
    for commune in cat.communes:
        procs, first = cat.procedures_for(commune.code), cat.field_order.for_commune(commune.code)
        # keys are made here, where each procedure is hashed once for all its communes; a
        # worker gets its own copies of the procedures and would hash (and keep) them again
        key = commune_key(commune, procs, base_url, first) if cache_dir else None
        kept = cached_files(commune, key, Path(out), cache_dir)
        if kept is None:  # only changed communes go to the workers: sending a commune costs too
            jobs.append((commune, procs, Path(out), base_url, cache_dir, first, key))
        else:
            written += kept
    if workers <= 1 or len(jobs) <= 1:
        drawn = [_write_job(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            drawn = list(pool.map(_write_job, jobs))
    return sorted(written + [path for paths in drawn for path in paths])


def check_base_url(base_url: str, cat: Catalogue, allow_local: bool = False) -> None:
    """Refuse a base URL no resident's phone can open, or one too long for small codes."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PosterError(f"địa chỉ gốc '{base_url}' không phải URL http(s) có tên máy chủ")
    if parts.query or parts.fragment:
        raise PosterError(f"địa chỉ gốc '{base_url}' không được có '?' hoặc '#'")
    if urls.is_local(base_url) and not allow_local:
        raise PosterError(
            f"địa chỉ gốc '{base_url}' trỏ về chính máy này (localhost/127.x): điện thoại của "
            "người dân không mở được mã QR in ra; hãy dùng địa chỉ công khai của trang "
            "(hoặc allow_local=True khi chỉ in thử)")
    longest = max((urls.procedure_path(c.code, p.code) for c in cat.communes
                   for p in cat.procedures_for(c.code)), key=len, default=urls.procedure_path("00000", "1.000000"))
    search = urls.search_path(cat.communes[0].code if cat.communes else "0")
    for path, most in ((longest, CODE_VERSION), (search, MAX_VERSION)):
        needed = qr_version(qr_text(urls.absolute(base_url, path)))
        if needed > most:
            raise PosterError(
                f"địa chỉ gốc '{base_url}' quá dài: mã QR cho '{path}' cần phiên bản {needed}, "
                f"bản in chỉ chừa chỗ cho phiên bản {most} (địa chỉ đầy đủ của một thủ tục tối đa "
                f"61 ký tự, địa chỉ gốc không có đường dẫn)")


def listed_files(commune: Commune, procs: tuple[Procedure, ...], cache_dir: Path | None,
                 first: tuple[str, ...] = ()) -> list[PosterFile]:
    """`poster_files`, remembered per commune in the cache: listing needs the boards planned,
    and planning every commune again cost seconds on builds where nothing had changed."""
    if cache_dir is None:
        return poster_files(commune, procs, first)
    key = commune_key(commune, procs, "", first)
    stored = cache_dir / "lists" / f"{commune.code}.json"
    try:
        kept = json.loads(stored.read_text(encoding="utf-8"))
        if kept["key"] == key:
            return [PosterFile(**item) for item in kept["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, stale or damaged: plan again
    files = poster_files(commune, procs, first)
    _store(stored, json.dumps({"key": key, "files": [asdict(f) for f in files]}).encode())
    return files


def write_commune(commune: Commune, procs: tuple[Procedure, ...], out: Path, base_url: str,
                  cache_dir: Path | None = None, first: tuple[str, ...] = (),
                  key: str | None = None) -> list[Path]:
    """Write one commune's posters into out/<commune>/in/; return the files written.

    `key` is the commune's `commune_key`, when the caller has made it already."""
    if cache_dir is not None and key is None:
        key = commune_key(commune, procs, base_url, first)
    kept = cached_files(commune, key, out, cache_dir)
    if kept is not None:
        return kept
    folder = out / commune.code / urls.POSTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = _draw_commune(commune, procs, folder, base_url, first)
    if cache_dir is not None and key is not None:
        _keep(cache_dir / "communes" / commune.code, key, written)
    return written


def cached_files(commune: Commune, key: str | None, out: Path, cache_dir: Path | None) -> list[Path] | None:
    """Last build's files of a commune whose key is unchanged, linked into out/<commune>/in/;
    else None."""
    if cache_dir is None or key is None:
        return None
    stored = cache_dir / "communes" / commune.code
    if not (stored / KEY_FILE).exists() or (stored / KEY_FILE).read_text() != key:
        return None
    folder = out / commune.code / urls.POSTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = [_link(source, folder / source.name) for source in sorted(stored.iterdir())
               if source.name != KEY_FILE]
    log.info("%s: %d poster files unchanged, from the cache", commune.code, len(written))
    return written


def _draw_commune(commune: Commune, procs: tuple[Procedure, ...], folder: Path, base_url: str,
                  first: tuple[str, ...]) -> list[Path]:
    written = []
    for item in poster_set(commune, procs, first):
        if item.file.format == "png":
            data = preview_png(item.pages[0], base_url)
        else:
            data = pdf_document(item.pages, base_url, item.file.title, item.day)
        target = folder / item.file.filename
        target.unlink(missing_ok=True)  # it may be a link into the cache: never write through
        target.write_bytes(data)
        written.append(target)
    log.info("%s: %d poster files", commune.code, len(written))
    return written


def commune_key(commune: Commune, procs: tuple[Procedure, ...], base_url: str,
                first: tuple[str, ...] = ()) -> str:
    """Hash of everything a commune's posters are made from (file paths left out)."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(base_url.encode())
    digest.update(repr((commune, first)).encode())
    for proc in procs:
        digest.update(_procedure_digest(proc))
    return digest.hexdigest()


_DIGESTS: dict[int, tuple[Procedure, bytes]] = {}


def _procedure_digest(proc: Procedure) -> bytes:
    """A procedure's hash (its file's folder left out), made once per procedure object: a
    province repeats each procedure in some 45 communes, and hashing 18,000 took seconds."""
    kept = _DIGESTS.get(id(proc))
    if kept is None or kept[0] is not proc:
        if len(_DIGESTS) > 100_000:
            _DIGESTS.clear()
        kept = (proc, hashlib.sha256(repr(replace(proc, path=Path(proc.path.name))).encode()).digest())
        _DIGESTS[id(proc)] = kept
    return kept[1]


@lru_cache(maxsize=None)
def _code_digest() -> str:
    """The poster code, font and library versions: any change redraws every page."""
    digest = hashlib.sha256(font_digest().encode())
    for name in ("pillow", "zxing-cpp", "fonttools"):
        digest.update(f"{name}={version(name)}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _store(target: Path, data: bytes) -> None:
    """Write a cache entry atomically: two workers may draw the same page at once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(handle, "wb") as fh:
        fh.write(data)
    os.replace(temp, target)


def _keep(stored: Path, key: str, written: list[Path]) -> None:
    """Replace the cached copy of a commune's files with this build's, key written last."""
    stored.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=stored.parent, prefix=f".{stored.name}-"))
    for path in written:
        _link(path, fresh / path.name)
    (fresh / KEY_FILE).write_text(key)
    old = stored.with_name(f".{stored.name}-old")
    if stored.exists():
        stored.rename(old)
    fresh.rename(stored)
    shutil.rmtree(old, ignore_errors=True)


def _link(source: Path, target: Path) -> Path:
    """Make `target` the same file as `source`: a hard link, or a copy across file systems."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target


def _write_job(job: tuple[Commune, tuple[Procedure, ...], Path, str, Path | None, tuple[str, ...],
                          str | None]) -> list[Path]:
    return write_commune(*job)
