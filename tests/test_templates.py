"""The page template (overrides/main.html, 404.html, robots.txt) on the built fixture site:
each page loads only what it uses, under fingerprinted names; the theme's unused assets are
not shipped; titles say what the page is, escaped once; the chrome is Vietnamese."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from generator.release import build
from generator.catalogue.load import load_catalogue
from tests.browser import TEMPLATES, html_file
from tests.conftest import FIXTURE_PROCEDURES, ROOT

ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"')


def loaded(root: Path, name: str) -> list[str]:
    """File names of the stylesheets, scripts and icon a template's page loads."""
    return [href.rsplit("/", 1)[-1] for href in ASSET.findall(html_file(root, name).read_text(encoding="utf-8"))]


def test_each_page_loads_only_the_assets_its_kind_uses(served_site):
    root = served_site.root
    kinds = {name: sorted(re.sub(r"\.[0-9a-f]{10}\.", ".", f) for f in loaded(root, name)) for name in TEMPLATES}
    assert kinds["procedure-full"] == ["favicon.svg", "niemyet.css", "page-tools.js", "search.js"]
    assert kinds["home"] == ["communes.js", "favicon.svg", "niemyet.css", "search.js"]
    assert kinds["commune"] == ["favicon.svg", "niemyet.css", "page-tools.js", "search.js"]
    assert kinds["fields"] == ["favicon.svg", "niemyet.css", "search.js"]
    assert all("communes.js" not in k for name, k in kinds.items() if name not in ("home", "communes"))


def test_every_asset_is_fingerprinted_and_there(served_site):
    root = served_site.root
    for name in TEMPLATES:
        page = html_file(root, name)
        for href in ASSET.findall(page.read_text(encoding="utf-8")):
            assert re.search(r"\.[0-9a-f]{10}\.(css|js|svg)$", href), (name, href)
            base = root if name == "404" else page.parent
            assert (base / href.lstrip("/") if href.startswith("/") else (base / href).resolve()).is_file(), (name, href)


def test_the_themes_own_assets_are_not_shipped(served_site):
    assets = served_site.root / "assets"
    assert not (assets / "stylesheets").exists() and not (assets / "javascripts").exists()
    assert not (assets / "images").exists()


def test_robots_txt_allows_everything_and_names_the_sitemap(served_site):
    robots = (served_site.root / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\n" in robots
    assert "Sitemap: http://127.0.0.1/sitemap.xml\n" in robots
    assert (served_site.root / "sitemap.xml").is_file()


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_titles_say_what_the_page_is(served_site):
    root = served_site.root
    assert title(html_file(root, "404").read_text(encoding="utf-8")).startswith("Không tìm thấy trang - ")
    assert title(html_file(root, "procedure-full").read_text(encoding="utf-8")) == (
        "Thủ tục đăng ký khai sinh — Phường Điện Biên Phủ - Thủ tục hành chính Điện Biên")
    assert title(html_file(root, "home").read_text(encoding="utf-8")) == "Thủ tục hành chính Điện Biên"


def test_the_chrome_is_vietnamese_and_links_nowhere_else(served_site):
    page = html_file(served_site.root, "procedure-full").read_text(encoding="utf-8")
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    assert "Material" not in page and "Made with" not in page
    assert "nguồn công khai" in footer and not re.search(r'href="https?:', footer)
    assert 'autocomplete="off"' not in re.sub(r'<input[^>]+type="search"[^>]*>', "", page)


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """The fixture with a procedure name full of characters HTML and Markdown care about."""
    work = tmp_path_factory.mktemp("odd")
    shutil.copytree(FIXTURE_PROCEDURES, work / "procedures")
    path = work / "procedures" / "1.000656.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Thủ tục đăng ký khai tử", 'name: "Khai tử <b>&amp; \\"thử\\"</b>"', 1),
                    encoding="utf-8")
    cat = load_catalogue(work / "procedures")
    assert cat.procedure("1.000656").name == 'Khai tử <b>&amp; "thử"</b>'
    build.build_site(cat, ROOT, work / "site", "http://127.0.0.1/", workers=1)
    return work / "site"


def test_a_name_is_escaped_exactly_once_in_the_title_and_heading(odd_site):
    page = (odd_site / "03127" / "1.000656" / "index.html").read_text(encoding="utf-8")
    name = 'Khai tử <b>&amp; "thử"</b>'
    assert html.unescape(title(page)) == f"{name} — Phường Điện Biên Phủ - Thủ tục hành chính Điện Biên"
    assert "<b>" not in page
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", h1)).strip() == name
