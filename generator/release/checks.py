"""Checks a release must pass before it is published: every page there, every link whole.

These run on every build (not only in tests) because a broken link in the site is a
broken QR code on a commune's wall.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.site.pages import md_path

MAX_PAGE_BYTES = 150_000
# What a cheap phone downloads on its first page over a slow link (HTML, CSS, scripts),
# compressed as any web server sends it. Later pages reuse the cached CSS and scripts.
FIRST_VISIT_GZIP_BUDGET = 100_000
_HREF = re.compile(r'(?:href|src)="([^"#]*)(?:#[^"]*)?"')
_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def page_weight(site: Path, url_path: str) -> tuple[int, int]:
    """Bytes of a page with the stylesheets and scripts it loads: (raw, gzip-compressed)."""
    html_file = site / url_path.strip("/") / "index.html"
    html = html_file.read_bytes()
    files = [html] + [(html_file.parent / unquote(urlsplit(href).path)).resolve().read_bytes()
                      for href in _ASSET.findall(html.decode("utf-8")) if not urlsplit(href).scheme]
    return sum(map(len, files)), sum(len(gzip.compress(f, 6)) for f in files)


def check_release(release: Path, pages: dict[str, str], static: list[str] = ()) -> list[str]:
    """Every problem with a release: missing pages, pages or files it should not hold,
    broken internal links, oversized pages. `static` names docs/'s Markdown files."""
    problems = []
    wanted = {html_path(md_path(url_path)) for url_path in pages} | {html_path(md) for md in static}
    for url_path in pages:
        html = release / html_path(md_path(url_path))
        if not html.is_file():
            problems.append(f"{url_path}: trang không được tạo ({html.relative_to(release)})")
    problems += foreign_files(release, wanted | {"404.html"})
    problems += broken_links(release)
    for html in release.rglob("*.html"):
        size = html.stat().st_size
        if size > MAX_PAGE_BYTES:
            problems.append(f"{html.relative_to(release)}: {size} byte, quá ngân sách {MAX_PAGE_BYTES}")
    return problems


def html_path(md: str) -> str:
    """Where mkdocs writes a Markdown file, with directory URLs: x/index.md and x.md -> x/index.html."""
    stem = md[:-len(".md")]
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def foreign_files(release: Path, pages: set[str]) -> list[str]:
    """What a release must never hold: a page this build did not make (left from an older
    build), a temporary file, a link, an empty folder."""
    problems = []
    for dirpath, dirnames, filenames in os.walk(release):
        folder = Path(dirpath)
        if folder != release and not dirnames and not filenames:
            problems.append(f"{folder.relative_to(release)}/: thư mục rỗng trong bản dựng")
        for name in dirnames + filenames:
            path = folder / name
            rel = str(path.relative_to(release))
            if path.is_symlink():
                problems.append(f"{rel}: liên kết tượng trưng trong bản dựng")
            elif name.endswith(".tmp"):
                problems.append(f"{rel}: tệp tạm trong bản dựng")
            elif name.endswith(".html") and rel not in pages:
                problems.append(f"{rel}: trang không thuộc bản dựng này")
    return problems


def broken_links(site: Path) -> list[str]:
    """Internal links (href and src) of every HTML page that point at nothing in `site`."""
    problems = []
    exists: dict[str, bool] = {}
    for html in site.rglob("*.html"):
        page_url = "/" + str(html.relative_to(site).parent).replace("\\", "/").strip(".") + "/"
        page_url = page_url.replace("//", "/")
        for target in set(_HREF.findall(html.read_text(encoding="utf-8"))):
            if not target or urlsplit(target).scheme or target.startswith("//"):
                continue
            path = unquote(urlsplit(urljoin(page_url, target)).path)
            if path not in exists:
                exists[path] = _resolves(site, path)
            if not exists[path]:
                problems.append(f"{html.relative_to(site)}: liên kết hỏng '{target}'")
    return problems


def _resolves(site: Path, path: str) -> bool:
    local = site / path.lstrip("/")
    return local.is_file() or (local / "index.html").is_file()
