"""The site in a real browser at phone size: find a commune by its former name, open a
procedure, use only the keyboard, listen and share; every template with no axe-core
violation at 360 and 1280 px, no sideways pan at 320 px, and its essentials on the first
screen of a 360 x 800 phone."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from generator import urls
from tests.browser import (DESKTOP, NARROWEST, PHONE, SMALL_PHONE, TEMPLATES, chromium, first_screen, screenshot,
                           search_without_javascript, sideways_pan, violations)


@pytest.fixture(scope="module")
def site_url(served_site):
    """The site and the search API on one local origin, as `niemyet serve` runs them."""
    return served_site.url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


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
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").first.click()  # under "commonly used"
    expect(page.get_by_text("Trung tâm Phục vụ hành chính công Phường Điện Biên Phủ")).to_be_visible()
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


@contextmanager
def opened(browser, size: dict, url: str):
    """A fresh phone-like (or desktop) page at `size`, opened at `url`, closed after use."""
    mobile = size["width"] < 800
    context = browser.new_context(viewport=size, device_scale_factor=1, is_mobile=mobile, has_touch=mobile)
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("size", [SMALL_PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_no_accessibility_violations_on_any_template(browser, site_url, name, size):
    with opened(browser, size, site_url + TEMPLATES[name]) as page:
        assert violations(page) == []


def test_no_accessibility_violations_with_search_results_shown(page, site_url):
    page.goto(site_url + "/tim-kiem/?q=khai+sinh")
    expect(page.locator("[data-niemyet-results] a").first).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_pans_sideways_on_the_narrowest_phone(browser, site_url, name):
    with opened(browser, NARROWEST, site_url + TEMPLATES[name]) as page:
        assert sideways_pan(page) == []


def test_print_hides_navigation_chrome(page, site_url):
    page.goto(site_url + "/03127/1.001193/")
    page.emulate_media(media="print")
    expect(page.locator(".ny-header")).to_be_hidden()
    expect(page.locator(".ny-footer")).to_be_hidden()
    expect(page.locator(".niemyet-search")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def search_birth_registration_and_open_it(page, site_url, start: str, results: str, shot: str) -> None:
    """Type without diacritics at `start`, expect Thanh Nưa's birth registration first, open it."""
    page.goto(site_url + start)
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky khai sinh")
    result = page.locator(f"{results} a").first
    expect(result).to_have_text("Thủ tục đăng ký khai sinh")
    screenshot(page, shot)
    result.click()
    expect(page).to_have_url(site_url + "/03328/1.001193/")


def test_search_without_diacritics_from_a_commune_page_opens_its_own_page(page, site_url):
    search_birth_registration_and_open_it(page, site_url, "/03328/", "#niemyet-search-list", "search-commune")
    expect(page.get_by_text("Trung tâm Phục vụ hành chính công Xã Thanh Nưa")).to_be_visible()


def test_search_answers_offline_when_the_api_is_unreachable(page, site_url):
    page.route("**/api/**", lambda route: route.abort("connectionrefused"))
    page.goto(site_url + "/03127/")
    page.get_by_label("Tìm thủ tục hành chính").fill("ket hon")
    expect(page.locator("#niemyet-search-list a").first).to_have_text("Thủ tục đăng ký kết hôn")
    expect(page.locator(".niemyet-search__status")).to_contain_text("ngoại tuyến")
    screenshot(page, "search-offline")


def test_the_search_page_works_without_javascript(browser, site_url):
    page = search_without_javascript(browser, site_url + "/03127/", "khai sinh")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=khai\+sinh"))
    expect(page.get_by_role("link", name="Thủ tục đăng ký khai sinh")).to_be_visible()
    page.context.close()


def test_a_clerk_downloads_the_notice_board_from_the_commune_page(page, site_url):
    page.goto(site_url + "/03127/")
    board = page.get_by_role("link", name="Bảng niêm yết thủ tục hành chính, khổ A4")
    expect(board).to_be_visible()
    response = page.request.get(page.url + board.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    page.get_by_role("link", name="Mọi tệp in: ảnh xem trước, thẻ từng thủ tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bản in niêm yết: Phường Điện Biên Phủ")
    screenshot(page, "prints")
    page.get_by_role("link", name="Bảng niêm yết thủ tục hành chính, khổ A4 (ảnh xem trước trang đầu)").click()
    expect(page).to_have_url(site_url + urls.poster_path("03127", "bang-niem-yet-a4.png"))
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [620, 877]  # a preview: the A4 page at a quarter of 300 DPI
    page.go_back()
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").click()  # its card, on its page
    expect(page).to_have_url(site_url + urls.procedure_path("03127", "1.001193") + "#the-in")
    sides = [page.get_by_role("link", name=f"trang {n}").get_attribute("href") for n in (1, 2)]
    assert sides == ["../in/the-thu-tuc-a5.pdf#page=5", "../in/the-thu-tuc-a5.pdf#page=6"]  # the third card


def test_the_entrance_posters_search_code_searches_its_commune(page, site_url):
    search_birth_registration_and_open_it(page, site_url, urls.search_path("03328"), "[data-niemyet-results]",
                                          "search-from-poster")


def test_a_mistyped_poster_address_lands_on_a_vietnamese_page_with_search(page, site_url):
    response = page.goto(site_url + "/03127/1.00193/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    page.get_by_label("Tìm thủ tục hành chính").fill("khai sinh")
    result = page.locator("#niemyet-search-list a").first
    expect(result).to_have_text("Thủ tục đăng ký khai sinh")
    assert result.get_attribute("href") == site_url + "/03127/1.001193/"  # the commune in the address
    screenshot(page, "not-found")
    page.get_by_role("link", name="danh sách xã, phường").click()
    expect(page).to_have_url(site_url + "/xa/")


VOICES = """(langs) => {
    window.__spoken = [];
    const voices = langs.map(lang => ({lang, name: 'giọng ' + lang, voiceURI: lang, localService: true, default: false}));
    Object.defineProperty(speechSynthesis, 'getVoices', {value: () => voices});
    // Real voices cannot be made in a page: let an utterance hold these stand-ins.
    Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {get() { return this._v; }, set(v) { this._v = v; }});
    Object.defineProperty(speechSynthesis, 'speak', {value: u => window.__spoken.push([u.text, u.lang, u.voice && u.voice.lang])});
}"""


def test_listen_reads_the_page_with_a_vietnamese_voice(page, site_url):
    page.add_init_script(f"({VOICES})(['en-US', 'vi-VN'])")
    page.goto(site_url + "/03127/1.001193/")
    listen = page.get_by_role("button", name="Nghe")
    expect(listen).to_be_visible()
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == ["Thủ tục đăng ký khai sinh", "vi-VN", "vi-VN"]
    assert any("Số 1 đường thử nghiệm" in text for text, _, _ in spoken)
    assert not any("Tìm thủ tục hành chính" in text for text, _, _ in spoken)  # not the search box
    expect(page.get_by_role("button", name="Dừng đọc")).to_have_attribute("aria-pressed", "true")


def test_listen_is_hidden_without_a_vietnamese_voice(page, site_url):
    page.add_init_script(f"({VOICES})(['en-US', 'fr-FR'])")
    page.goto(site_url + "/03127/1.001193/")
    expect(page.locator("[data-ny-listen]")).to_be_hidden()
    expect(page.get_by_role("button", name="Nghe")).to_have_count(0)


def test_share_hands_the_page_to_the_phones_share_sheet(page, site_url):
    page.add_init_script("navigator.share = d => { window.__shared = d; return Promise.resolve(); };")
    page.goto(site_url + "/03127/")
    page.get_by_role("button", name="Chia sẻ").click()
    assert page.evaluate("window.__shared") == {"title": "Phường Điện Biên Phủ", "url": site_url + "/03127/"}


def test_without_a_share_sheet_or_voices_nothing_moves_and_nothing_shows(page, site_url):
    page.goto(site_url + "/03127/1.001193/")
    assert page.evaluate("typeof navigator.share") == "undefined"  # desktop Linux chromium has none
    heading = page.get_by_role("heading", level=2).first.bounding_box()
    expect(page.locator("[data-ny-share]")).to_be_hidden()
    page.evaluate("document.querySelectorAll('.ny-tool').forEach(b => b.classList.add('ny-tool--on'))")
    assert page.get_by_role("heading", level=2).first.bounding_box() == heading  # its room was kept


# What must be on the first screen of a 360 x 800 phone, before any scrolling (issue 12),
# in this order from the top. The screenshot of every template's first screen is kept.
FIRST_SCREEN = {
    "procedure-full": ["heading:Thủ tục đăng ký khai sinh", "text:Thời hạn giải quyết:", "text:Phí, lệ phí:",
                       "link:Nộp trực tuyến: mở dịch vụ công", "text:Nộp trực tiếp tại:",
                       "heading:Giấy tờ cần mang", "text:Tờ khai đăng ký khai sinh"],
    "procedure-incomplete": ["heading:Thủ tục đăng ký khai tử", "text:Thời hạn giải quyết:", "text:Phí, lệ phí:",
                             "text:Nộp trực tiếp tại:", "text:Địa chỉ, giờ làm việc, điện thoại: chưa được công bố.",
                             "heading:Giấy tờ cần mang", "text:Giấy báo tử"],
    "commune": ["heading:Phường Điện Biên Phủ", "heading:Thủ tục thường dùng", "link:Thủ tục đăng ký khai sinh",
                "link:Thủ tục đăng ký khai tử"],
    "home": ["label:Tìm thủ tục hành chính", "label:Lọc xã, phường theo tên hiện nay hoặc tên cũ",
             "link:Phường Điện Biên Phủ"],
}


def _locate(page, what: str):
    kind, text = what.split(":", 1)
    if kind == "heading":
        return page.get_by_role("heading", name=text, exact=True)
    if kind == "link":
        return page.get_by_role("link", name=text, exact=True).first
    if kind == "label":
        return page.get_by_label(text)
    return page.get_by_text(text, exact=False).first


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_first_screen_answers(browser, site_url, name):
    with opened(browser, SMALL_PHONE, site_url + TEMPLATES[name]) as page:
        first_screen(page, name)
        tops = []
        for what in FIRST_SCREEN.get(name, []):
            box = _locate(page, what).bounding_box()
            assert box is not None, f"{what}: not shown"
            assert box["y"] + box["height"] <= SMALL_PHONE["height"], f"{what}: below the first screen ({box})"
            tops.append(box["y"])
        assert tops == sorted(tops)
