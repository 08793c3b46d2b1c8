"""The search page for browsers without JavaScript: /tim-kiem/?q=... answered with HTML.

The search form on every page submits to /tim-kiem/. Production routes that address to
this app (README, "Running it for real"), which answers with the published site's own
search page (site/tim-kiem/index.html: the same theme, header and search box), its
marked elements filled with the results, a count and links to the other pages of
results. Everything inserted is escaped here; result names arrive as the API's
highlights, which api.search.highlight escaped. No script is needed to read or page.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from markupsafe import Markup, escape

from generator import urls

log = logging.getLogger(__name__)

PAGE_SIZE = 20
SHELL = Path(urls.SEARCH_DIR) / "index.html"
# The elements of the static page this module fills (generator/site/listings.py search_page,
# overrides/partials/search.html). A page lacking one is not used as the shell.
_Q = 'name="q" value=""'
_COMMUNE = 'name="commune" value=""'
_SUMMARY = "data-niemyet-summary></p>"
_RESULTS = "data-niemyet-results></ol>"
_PAGES = re.compile(r"(data-niemyet-pages[^>]*>)(</nav>)")
_NOSCRIPT = re.compile(r"<noscript><p[^>]*data-niemyet-noscript[^>]*>.*?</p></noscript>", re.S)
MARKERS = (_Q, _COMMUNE, _SUMMARY, _RESULTS)

FALLBACK = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tìm kiếm</title></head><body><main>
<h1>Tìm thủ tục</h1>
<form method="get" action="./"><label for="q">Tìm thủ tục hành chính</label>
<input id="q" type="search" name="q" value="" maxlength="200"><input type="hidden" name="commune" value="">
<button type="submit">Tìm</button></form>
<p data-niemyet-summary></p>
<ol data-niemyet-results></ol>
<nav data-niemyet-pages aria-label="Các trang kết quả"></nav>
<p><a href="../xa/">Danh sách xã, phường</a></p>
</main></body></html>
"""


@dataclass(frozen=True)
class Answer:
    """What the page shows: the query, the commune, the results of one page, or a message."""

    query: str = ""
    commune: dict | None = None
    hits: tuple[dict, ...] = ()
    total: int = 0
    page: int = 1
    message: str = ""  # instead of results: a bad parameter, or no index


class Shell:
    """The published search page, read again whenever the site link points elsewhere."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self._lock = threading.Lock()
        self._read: tuple[tuple[str, float], str] | None = None

    def get(self) -> str:
        """The static page's HTML, or a plain page when the site has none usable."""
        path = os.path.realpath(self.site_dir / SHELL)
        try:
            key = (path, os.stat(path).st_mtime)
        except OSError:
            return FALLBACK
        read = self._read
        if read is not None and read[0] == key:
            return read[1]
        with self._lock:
            try:
                html = Path(path).read_text(encoding="utf-8")
            except OSError:
                return FALLBACK
            if not all(marker in html for marker in MARKERS):
                log.error("%s lacks the search page's markers; using a plain page", path)
                html = FALLBACK
            self._read = (key, html)
            return html


def render(shell: str, answer: Answer, base_url: str) -> str:
    """The shell with the form, the count, the results and the page links filled in."""
    html = shell.replace(_Q, f'name="q" value="{escape(answer.query)}"', 1)
    if answer.commune:
        html = html.replace(_COMMUNE, f'name="commune" value="{escape(answer.commune["code"])}"', 1)
    html = html.replace(_SUMMARY, f"data-niemyet-summary>{summary(answer, base_url)}</p>", 1)
    start = (answer.page - 1) * PAGE_SIZE + 1
    items = "".join(result_item(hit, base_url) for hit in answer.hits)
    html = html.replace(_RESULTS, f'data-niemyet-results data-niemyet-rendered start="{start}">{items}</ol>', 1)
    links = str(page_links(answer))  # a str: Markup + str would escape the page around it
    html = _PAGES.sub(lambda m: m.group(1) + links + m.group(2), html, count=1)
    return _NOSCRIPT.sub("", html, count=1)


def site_link(path: str, base_url: str) -> str:
    """A site path as a link from /tim-kiem/: absolute under BASE_URL, else relative."""
    return urls.absolute(base_url, path) if base_url else ".." + path


def summary(answer: Answer, base_url: str) -> Markup:
    """One sentence: how many results, where; or why there are none."""
    if answer.message:
        return escape(answer.message)
    if not answer.query:
        return Markup("")
    where = ""
    if answer.commune:
        href = site_link(answer.commune["url"], base_url)
        where = Markup(' tại <a href="{}">{}</a>').format(href, answer.commune["name"])
    if not answer.total:
        text = Markup("Không tìm thấy thủ tục nào cho “{}”{}. Hãy thử từ khác, viết có dấu hoặc không dấu")
        text = text.format(answer.query, where)
        if answer.commune:
            return text + Markup(', hoặc xem <a href="{}">mọi thủ tục của {}</a>.').format(
                site_link(answer.commune["url"], base_url), answer.commune["name"])
        return text + "."
    pages = math.ceil(answer.total / PAGE_SIZE)
    text = Markup("{} kết quả cho “{}”{}").format(answer.total, answer.query, where)
    if pages > 1:
        text += Markup(", trang {} trên {}").format(answer.page, pages)
    return text + "."


def result_item(hit: dict, base_url: str) -> Markup:
    """One result: its name (matched words marked) linking to its page, and its field."""
    url = hit["url"] if hit["url"].startswith(("http://", "https://")) else site_link(hit["url"], base_url)
    return Markup('<li><a href="{}">{}</a><small> · {}</small></li>').format(
        url, Markup(hit["highlight"]), hit["field"])


def page_url(answer: Answer, page: int) -> str:
    """This search's address on another page of results."""
    params = {"q": answer.query}
    if answer.commune:
        params["commune"] = answer.commune["code"]
    if page > 1:
        params["trang"] = str(page)
    return "?" + urlencode(params)


def page_links(answer: Answer) -> Markup:
    """Links to the previous and next pages of results, and to each page when they are few."""
    pages = math.ceil(answer.total / PAGE_SIZE)
    if pages <= 1 or answer.message:
        return Markup("")
    parts = []
    if answer.page > 1:
        parts.append(Markup('<a rel="prev" href="{}">← Trang trước</a>').format(page_url(answer, answer.page - 1)))
    for n in range(max(1, answer.page - 4), min(pages, answer.page + 4) + 1):
        if n == answer.page:
            parts.append(Markup('<span aria-current="page">{}</span>').format(n))
        else:
            parts.append(Markup('<a href="{}" aria-label="Trang {}">{}</a>').format(page_url(answer, n), n, n))
    if answer.page < pages:
        parts.append(Markup('<a rel="next" href="{}">Trang sau →</a>').format(page_url(answer, answer.page + 1)))
    return Markup(" ").join(parts)
