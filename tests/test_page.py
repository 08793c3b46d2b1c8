"""/tim-kiem/ answered by the API for browsers without JavaScript: the site's own search
page with the results, a count and page links, escaped; errors said on it in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.app import create_app
from api.index import publish_index
from generator.release import build
from tests.test_search import sample_procedure, tiny_index

ROOT = Path(__file__).parent.parent


@pytest.fixture()
def site(built_site):
    return built_site


@pytest.fixture()
def page(site, index_root):
    return create_app({"TESTING": True, "INDEX_DIR": str(index_root), "SITE_DIR": str(site)}).test_client()


def items(html: str) -> list[str]:
    """The result links' targets, in order."""
    listed = re.search(r"<ol[^>]*data-niemyet-results[^>]*>(.*?)</ol>", html, re.S).group(1)
    return re.findall(r'<li><a href="([^"]+)"', listed)


def summary(html: str) -> str:
    return re.search(r"data-niemyet-summary>(.*?)</p>", html, re.S).group(1)


def test_results_in_the_sites_own_search_page(page):
    response = page.get("/tim-kiem/?q=dang+ky+khai+sinh")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert 'class="ny-header' in html and "assets/search." in html  # the site's page, same theme
    assert items(html)[0] == "../tthc/1.001193/"
    assert '<a href="../tthc/1.001193/">Thủ tục <mark>đăng</mark> <mark>ký</mark> <mark>khai</mark> <mark>sinh</mark>' in html
    assert re.match(r"\d+ kết quả cho “dang ky khai sinh”\.", summary(html))
    assert 'name="q" value="dang ky khai sinh"' in html
    assert "data-niemyet-noscript" not in html  # the "server did not answer" note is for the static page
    assert '<nav class="niemyet-results__pages" data-niemyet-pages aria-label="Các trang kết quả"></nav>' in html


def test_in_a_commune_named_by_a_former_name_or_by_the_posters_code(page):
    for query in ("q=khai+sinh&commune=thanh+minh", "q=khai+sinh&xa=03127"):
        html = page.get(f"/tim-kiem/?{query}").get_data(as_text=True)
        assert items(html)[0] == "../03127/1.001193/"
        assert 'tại <a href="../03127/">Phường Điện Biên Phủ</a>' in summary(html)
        assert 'name="commune" value="03127"' in html


def test_pages_of_results_reach_exactly_the_total(page, monkeypatch):
    monkeypatch.setattr("api.routes.PAGE_SIZE", 2)
    monkeypatch.setattr("api.page.PAGE_SIZE", 2)
    first = page.get("/tim-kiem/?q=thu+tuc").get_data(as_text=True)
    total = int(re.match(r"(\d+) kết quả", summary(first)).group(1))
    assert total > 4
    seen, number, html = [], 1, first
    while True:
        assert f'start="{2 * number - 1}"' in html
        seen += items(html)
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        if not following:
            break
        assert following.group(1) == f"?q=thu+tuc&amp;trang={number + 1}"
        number += 1
        html = page.get("/tim-kiem/" + following.group(1).replace("&amp;", "&")).get_data(as_text=True)
        assert f"trang {number} trên" in summary(html)
        assert '<a rel="prev"' in html
        assert 'data-niemyet-pages aria-label="Các trang kết quả"><a rel="prev"' in html
    assert len(seen) == len(set(seen)) == total


def test_nothing_found_says_so_and_leads_to_the_communes_list(page):
    html = page.get("/tim-kiem/?q=zzzz+qqqq&commune=03127").get_data(as_text=True)
    assert items(html) == []
    assert summary(html).startswith("Không tìm thấy thủ tục nào cho “zzzz qqqq”")
    assert 'mọi thủ tục của Phường Điện Biên Phủ</a>' in summary(html)


def test_without_a_query_the_plain_page(page):
    html = page.get("/tim-kiem/").get_data(as_text=True)
    assert items(html) == [] and summary(html) == ""


@pytest.mark.parametrize("query", ['"><script>alert(1)</script>', "<img src=x onerror=alert(1)>", "' onfocus='x"])
def test_what_was_typed_is_escaped(page, query):
    html = page.get("/tim-kiem/", query_string={"q": query}).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "onfocus='x" not in html
    assert 'name="q" value="' + query.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")\
        .replace("<", "&lt;").replace(">", "&gt;") + '"' in html


def test_names_from_the_data_are_escaped(site, tmp_path):
    loaded = tiny_index(tmp_path, {"1.000001": sample_procedure(
        "1.000001", "'Thủ tục khai <img src=x onerror=alert(1)> sinh'")})
    app = create_app({"TESTING": True, "INDEX_DIR": str(loaded.path.parent), "SITE_DIR": str(site)})
    html = app.test_client().get("/tim-kiem/?q=khai").get_data(as_text=True)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("url, status, message", [
    ("/tim-kiem/?q=" + "a" * 201, 400, "Từ khóa dài quá 200 ký tự. Hãy gõ ngắn hơn."),
    ("/tim-kiem/?q=a%01b", 400, "Từ khóa có ký tự không gõ được từ bàn phím. Hãy gõ lại."),
    ("/tim-kiem/?q=a&commune=Hà+Nội", 400, "Không tìm được xã, phường “Hà Nội”"),
    ("/tim-kiem/?q=a&trang=0", 400, "Địa chỉ tìm kiếm không hợp lệ."),
    ("/tim-kiem/?q=a&trang=x", 400, "Địa chỉ tìm kiếm không hợp lệ."),
    ("/tim-kiem/?q=a&debug=1", 400, "Địa chỉ tìm kiếm không hợp lệ."),
    ("/tim-kiem/?q=a&q=b", 400, "Địa chỉ tìm kiếm không hợp lệ."),
])
def test_bad_requests_are_said_on_the_page_in_vietnamese(page, url, status, message):
    response = page.get(url)
    assert response.status_code == status and response.mimetype == "text/html"
    assert summary(response.get_data(as_text=True)).startswith(message)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_post_is_refused_on_the_page_with_allow(page):
    response = page.post("/tim-kiem/?q=a")
    assert response.status_code == 405 and response.mimetype == "text/html"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_no_index_yet_says_so_and_lists_the_communes(site, tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path), "SITE_DIR": str(site)}).test_client()
    response = client.get("/tim-kiem/?q=khai+sinh")
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert summary(html).startswith("Máy chủ tìm kiếm chưa sẵn sàng.")
    assert '<a href="../03127/">Phường Điện Biên Phủ</a>' in html


def test_without_the_site_a_plain_page_still_answers(index_root, tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_root), "SITE_DIR": str(tmp_path)}).test_client()
    html = client.get("/tim-kiem/?q=khai+sinh").get_data(as_text=True)
    assert items(html)[0] == "../tthc/1.001193/"


def test_the_page_carries_the_sites_policy_not_the_apis(page):
    headers = page.get("/tim-kiem/?q=khai").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
    assert page.get("/api/search?q=khai").headers["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'")


def test_every_inline_script_of_the_built_site_is_allowed_by_hash(site):
    import base64
    import hashlib

    from api.csp import site_policy

    policy = site_policy(site_path="/")
    scripts = 0
    for html_file in site.resolve().rglob("*.html"):
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html_file.read_text(encoding="utf-8"), re.S):
            scripts += 1
            if "src=" in attrs or "type=" in attrs:  # loaded files, and JSON data that never runs
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            assert f"'sha256-{digest}'" in policy, (html_file, body[:60])
    assert scripts > 0  # the scan sees the pages' scripts (overrides/main.html has no inline one)
