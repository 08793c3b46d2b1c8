"""Write every commune's posters into the site being built: out/<commune>/in/<file>.

With a cache folder, work is skipped at two levels. A commune whose procedures, office,
base URL and poster code are unchanged gets last build's files, hard-linked (copied across
file systems): no planning, no drawing. Otherwise each page is looked up by a hash of what
decides its pixels (the planned page, the base URL, the font files, the poster code and
the library versions), so one changed procedure redraws only its own pages and the board
pages it moved. PDFs are assembled from the pages' PNG bytes. Cache files are never
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
from generator.model import Catalogue, Commune, Procedure
from generator.posters.draw import draw_page
from generator.posters.files import PosterFile, poster_files, poster_set
from generator.posters.fonts import font_digest
from generator.posters.layout import MAX_VERSION
from generator.posters.pdf import pdf_from_pngs
from generator.posters.plan import Page
from generator.posters.png import encode_png
from generator.posters.qr import PosterError, qr_version

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
        cache_dir: where drawn pages are kept between builds; None draws everything.
    """
    check_base_url(base_url, cat, allow_local)
    jobs = [(commune, cat.procedures_for(commune.code), Path(out), base_url, cache_dir)
            for commune in cat.communes]
    if workers <= 1 or len(jobs) <= 1:
        written = [_write_job(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            written = list(pool.map(_write_job, jobs))
    return sorted(path for paths in written for path in paths)


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
                   for p in cat.procedures_for(c.code)), key=len, default=urls.commune_path("0"))
    for path in (longest, urls.search_path(cat.communes[0].code if cat.communes else "0")):
        needed = qr_version(urls.absolute(base_url, path))
        if needed > MAX_VERSION:
            raise PosterError(
                f"địa chỉ gốc '{base_url}' quá dài: mã QR cho '{path}' cần phiên bản {needed}, "
                f"bảng niêm yết chỉ chừa chỗ cho phiên bản {MAX_VERSION} "
                f"(địa chỉ đầy đủ tối đa 62 ký tự)")


def listed_files(commune: Commune, procs: tuple[Procedure, ...], cache_dir: Path | None) -> list[PosterFile]:
    """`poster_files`, remembered per commune in the cache: listing needs the pages planned,
    and planning every commune again cost about 5 s on builds where nothing had changed."""
    if cache_dir is None:
        return poster_files(commune, procs)
    key = commune_key(commune, procs, "")
    stored = cache_dir / "lists" / f"{commune.code}.json"
    try:
        kept = json.loads(stored.read_text(encoding="utf-8"))
        if kept["key"] == key:
            return [PosterFile(**item) for item in kept["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, stale or damaged: plan again
    files = poster_files(commune, procs)
    _store(stored, json.dumps({"key": key, "files": [asdict(f) for f in files]}).encode())
    return files


def write_commune(commune: Commune, procs: tuple[Procedure, ...], out: Path, base_url: str,
                  cache_dir: Path | None = None) -> list[Path]:
    """Write one commune's posters into out/<commune>/in/; return the files written."""
    folder = out / commune.code / urls.POSTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if cache_dir is None:
        return _draw_commune(commune, procs, folder, base_url, None)
    stored = cache_dir / "communes" / commune.code
    key = commune_key(commune, procs, base_url)
    if (stored / KEY_FILE).exists() and (stored / KEY_FILE).read_text() == key:
        written = [_link(source, folder / source.name) for source in sorted(stored.iterdir())
                   if source.name != KEY_FILE]
        log.info("%s: %d poster files unchanged, from the cache", commune.code, len(written))
        return written
    written = _draw_commune(commune, procs, folder, base_url, cache_dir / "pages")
    _keep(stored, key, written)
    return written


def _draw_commune(commune: Commune, procs: tuple[Procedure, ...], folder: Path, base_url: str,
                  cache_dir: Path | None) -> list[Path]:
    drawn: dict[str, bytes] = {}
    written = []
    for item in poster_set(commune, procs):
        pngs = [page_png(page, base_url, cache_dir, drawn) for page in item.pages]
        if item.file.format == "png":
            data = pngs[0]
        else:
            data = pdf_from_pngs(pngs, item.file.title, item.day, item.paper)
        target = folder / item.file.filename
        target.unlink(missing_ok=True)  # it may be a link into the cache: never write through
        target.write_bytes(data)
        written.append(target)
    log.info("%s: %d poster files", commune.code, len(written))
    return written


def page_png(page: Page, base_url: str, cache_dir: Path | None, drawn: dict[str, bytes]) -> bytes:
    """The PNG bytes of one page: from this run, from the cache, or freshly drawn."""
    key = page_key(page, base_url)
    if key in drawn:
        return drawn[key]
    cached = cache_dir / key[:2] / f"{key}.png" if cache_dir else None
    if cached and cached.exists():
        data = cached.read_bytes()
    else:
        data = encode_png(draw_page(page, base_url).image)
        if cached:
            _store(cached, data)
    drawn[key] = data
    return data


def commune_key(commune: Commune, procs: tuple[Procedure, ...], base_url: str) -> str:
    """Hash of everything a commune's posters are made from (file paths left out)."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(base_url.encode())
    digest.update(repr(commune).encode())
    for proc in procs:
        digest.update(repr(replace(proc, path=Path(proc.path.name))).encode())
    return digest.hexdigest()


def page_key(page: Page, base_url: str) -> str:
    """Hash of everything that decides a page's pixels."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(base_url.encode())
    digest.update(repr(page).encode())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _code_digest() -> str:
    """The poster code, font and library versions: any change redraws every page."""
    digest = hashlib.sha256(font_digest().encode())
    for name in ("pillow", "qrcode"):
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


def _write_job(job: tuple[Commune, tuple[Procedure, ...], Path, str, Path | None]) -> list[Path]:
    return write_commune(*job)
