"""Helpers for tests that look at the site as a person does: Debian's chromium via Playwright.

Browser downloads are impossible here, so Playwright drives /usr/bin/chromium. Screenshots
go to tests/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
# The cheap phone of issue 12, the narrowest screen still in use, and a clerk's desktop.
SMALL_PHONE = {"width": 360, "height": 800}
NARROWEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
# Without these, chromium tries Google's hosts at start and this machine refuses them.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# One page of each template of the fixture site (tests/data/procedures), by name.
# "404" is any address the site does not have; its file is 404.html.
TEMPLATES = {
    "home": "/",
    "communes": "/xa/",
    "commune": "/03127/",
    "commune-unpublished-office": "/03328/",
    "procedure-full": "/03127/1.001193/",
    "procedure-incomplete": "/03328/1.000656/",
    "procedure-province": "/tthc/1.013133/",
    "fields": "/linh-vuc/",
    "field": "/linh-vuc/ho-tich/",
    "search": "/tim-kiem/",
    "prints": "/03127/in/",
    "open-data": "/du-lieu/",
    "about": "/gioi-thieu/",
    "glossary": "/thuat-ngu/",
    "404": "/03127/1.00193/",
}


def html_file(root: Path, name: str) -> Path:
    """The built file a template's page is served from."""
    if name == "404":
        return root / "404.html"
    return root / TEMPLATES[name].strip("/") / "index.html"


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, started as every browser test starts it, closed afterwards."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search_without_javascript(browser, url: str, words: str):
    """A phone with JavaScript off opens `url`, types `words` in the search box and sends
    the form; the page it lands on."""
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(url)
    page.get_by_label("Tìm thủ tục hành chính").fill(words)
    page.get_by_role("button", name="Tìm").click()
    return page


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for review and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def first_screen(page, name: str) -> Path:
    """Save what the viewport shows before any scrolling: the first screen a person sees."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"first-screen-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def violations(page) -> list[tuple[str, str, int, str]]:
    """Every axe-core violation on the current page, whatever its impact, with where it is."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"][0] if v["nodes"] else "")
            for v in result.response["violations"]]


def serious_violations(page) -> list[tuple[str, str, int]]:
    """axe-core violations of impact serious or critical on the current page."""
    return [v[:3] for v in violations(page) if v[1] in ("serious", "critical")]


def sideways_pan(page) -> list[str]:
    """Why the page is wider than the screen (it then pans sideways): empty when it is not.

    Names the elements that reach past the right edge, leaving out those inside a box that
    scrolls or clips on its own (a wide table in its scroll box does not move the page)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
        if (page <= width) return [];
        const clipped = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (getComputedStyle(p).overflowX !== 'visible') return true;
            }
            return false;
        };
        const out = ['page is ' + page + ' px wide on a ' + width + ' px screen'];
        for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 0.5 && !clipped(el)) {
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                         (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '') +
                         ' ends at ' + Math.round(box.right) + ' px');
            }
        }
        return out.slice(0, 8);
    }""")
