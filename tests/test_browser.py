"""The site in a real browser at phone size: find a commune by its former name, open a
procedure, use only the keyboard, and pass axe-core with no serious violations."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from generator import build
from tests.browser import ARGS, CHROMIUM, PHONE, screenshot, serious_violations

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, catalogue):
    out = tmp_path_factory.mktemp("browser") / "site"
    build.build_site(catalogue, ROOT, out, "http://127.0.0.1/", workers=1)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_find_commune_by_former_name_and_open_a_procedure(page, site_url):
    page.goto(site_url + "/")
    page.get_by_label("Lọc xã, phường theo tên hiện nay hoặc tên cũ").fill("thanh minh")
    expect(page.get_by_role("link", name="Phường Điện Biên Phủ")).to_be_visible()
    expect(page.get_by_role("link", name="Xã Sín Thầu")).to_be_hidden()
    screenshot(page, "home-filtered")
    page.get_by_role("link", name="Phường Điện Biên Phủ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Điện Biên Phủ")
    screenshot(page, "commune")
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").click()
    expect(page.get_by_role("heading", name="Nộp hồ sơ tại Phường Điện Biên Phủ")).to_be_visible()
    expect(page.get_by_text("Số 1 đường thử nghiệm")).to_be_visible()
    screenshot(page, "procedure")


def test_keyboard_only_reaches_a_commune(page, site_url):
    page.goto(site_url + "/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ny-commune-filter":
            break
    else:
        pytest.fail("the commune filter cannot be reached with Tab")
    page.keyboard.type("hua thanh")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Xã Thanh Nưa"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã Thanh Nưa")


@pytest.mark.parametrize("path", ["/", "/03127/", "/03127/1.001193/", "/tthc/1.013133/", "/tim-kiem/"])
def test_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    assert serious_violations(page) == []


def test_print_hides_navigation_chrome(page, site_url):
    page.goto(site_url + "/03127/1.001193/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".niemyet-search")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
