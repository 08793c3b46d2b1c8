"""Search in a real browser at phone size, over a catalogue with more results than a page:
"see all" from the box, pages of results with and without JavaScript, the static page when
the search server is down, and no script the site's policy blocks."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from api.app import create_app
from api.index import publish_index
from api.serve import create_server, static_site
from generator.release import build
from generator.catalogue.load import load_catalogue
from generator.site.offline import write_offline_index
from tests.browser import PHONE, chromium, screenshot, search_without_javascript
from tests.conftest import FIXTURE_PROCEDURES, write_files
from tests.test_search import sample_procedure

ROOT = Path(__file__).parent.parent
COUNT = 45  # more than two pages of 20: three pages of results for "giay phep"
KINDS = ["xây dựng", "kinh doanh", "khai thác", "vận chuyển", "đào tạo", "hoạt động", "sử dụng", "lưu hành", "tổ chức"]


def serve(app) -> tuple[object, str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site of the three fixture communes and COUNT permits, with its published index."""
    work = tmp_path_factory.mktemp("browser-search")
    files = {"_communes.yml": (FIXTURE_PROCEDURES / "_communes.yml").read_text(encoding="utf-8")}
    for i in range(COUNT):
        code = f"1.{900001 + i}"
        name = f"Thủ tục cấp giấy phép {KINDS[i % len(KINDS)]} loại {i + 1}"
        files[f"{code}.yml"] = sample_procedure(code, name, field="Xây dựng")
    cat = load_catalogue(write_files(work / "procedures", files))
    build.build_site(cat, ROOT, work / "site", "http://127.0.0.1/", workers=1,
                     steps=(lambda cat, release, _: write_offline_index(cat, release),),
                     before_publish=(lambda cat: publish_index(cat, work / "index"),))
    return work


@pytest.fixture(scope="module")
def site_url(site):
    """The site and the API on one origin, as `niemyet serve` runs them."""
    server, url = serve(create_server(site / "site", api=create_app({"INDEX_DIR": str(site / "index"),
                                                                      "SITE_DIR": str(site / "site")})))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def page(browser, request):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, java_script_enabled=request.param)
    page = context.new_page()
    page.javascript = request.param
    page.blocked = []  # what the site's Content-Security-Policy refused, from the console
    page.on("console", lambda message: "Content Security Policy" in message.text and page.blocked.append(message.text))
    yield page
    context.close()


def results(page) -> list[str]:
    return page.locator("[data-niemyet-results] li a").all_inner_texts()


def pages_of_results(page, shot: str) -> list[str]:
    """Read every page of results by following "Trang sau"; the names seen, in order."""
    seen, number = [], 1
    while True:
        expect(page.locator("[data-niemyet-summary]")).to_contain_text(f"trang {number} trên 3")
        expect(page.locator("[data-niemyet-results] li").first).to_be_visible()
        assert page.locator("[data-niemyet-results]").get_attribute("start") in (None, str(20 * number - 19))
        seen += results(page)
        if number == 2:
            screenshot(page, shot)
        following = page.get_by_role("link", name="Trang sau →")
        if not following.count():
            return seen
        following.click()
        number += 1
        expect(page).to_have_url(re.compile(rf"trang={number}"))


def test_see_all_from_the_box_then_every_page_of_results(page, site_url):
    page.goto(site_url + "/03127/")
    page.get_by_label("Tìm thủ tục hành chính").fill("giay phep")
    if page.javascript:
        # The box lists the best 8 and links to all of them.
        expect(page.locator("#niemyet-search-list li")).to_have_count(8)
        see_all = page.get_by_role("link", name=f"Xem tất cả {COUNT} kết quả")
        expect(see_all).to_be_visible()
        screenshot(page, "search-see-all")
        see_all.click()
    else:
        page.get_by_role("button", name="Tìm").click()
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=giay\+phep&commune=03127"))
    expect(page.locator("[data-niemyet-summary]")).to_contain_text(f"{COUNT} kết quả cho “giay phep”")
    seen = pages_of_results(page, "search-page-2-" + ("js" if page.javascript else "nojs"))
    assert len(seen) == len(set(seen)) == COUNT
    hrefs = page.locator("[data-niemyet-results] li a").evaluate_all("links => links.map(a => a.href)")
    assert all(re.search(r"/03127/1\.9\d{5}/$", href) for href in hrefs)  # the commune's own pages
    assert page.blocked == []


def test_search_without_javascript_from_the_poster_address(browser, site_url):
    page = search_without_javascript(browser, site_url + "/tim-kiem/?xa=03328", "giấy phép xây dựng")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=gi%E1%BA%A5y\+ph%C3%A9p\+x%C3%A2y\+d%E1%BB%B1ng&commune=03328"))
    first = page.locator("[data-niemyet-results] li a").first
    expect(first).to_contain_text("Thủ tục cấp giấy phép xây dựng")
    screenshot(page, "search-no-javascript")
    first.click()
    expect(page).to_have_url(re.compile(r"/03328/1\.9\d{5}/$"))
    page.context.close()


def test_the_static_page_says_the_server_did_not_answer(browser, site):
    # What nginx serves when the API is down (README): the published page itself.
    server, url = serve(static_site(site / "site"))
    try:
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        page.goto(url + "/tim-kiem/?q=giay+phep&commune=03127")
        # Playwright turns script execution off but leaves the parser's scripting flag on,
        # so <noscript> is kept as text, not shown: read it rather than look at it.
        assert "máy chủ tìm kiếm không trả lời" in page.locator("noscript").text_content()
        page.get_by_role("link", name="Phường Điện Biên Phủ").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Phường Điện Biên Phủ")
        context.close()
    finally:
        server.shutdown()


def test_with_javascript_and_the_api_down_the_box_says_so_and_leads_to_the_communes_list(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.route("**/api/**", lambda route: route.abort("connectionrefused"))
    page.goto(site_url + "/03127/")
    page.get_by_label("Tìm thủ tục hành chính").fill("giay phep")
    expect(page.locator(".niemyet-search__status")).to_contain_text("Máy chủ tìm kiếm không trả lời")
    page.get_by_role("link", name="Xem mọi thủ tục của xã, phường này").click()
    expect(page).to_have_url(site_url + "/03127/")
    context.close()
