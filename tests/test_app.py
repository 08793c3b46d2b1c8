"""The search API over Flask's test client: every endpoint, every error, the headers."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.index import publish_index


def error(response) -> tuple[int, str]:
    assert response.is_json
    body = response.get_json()
    assert body["ok"] is False and body["status"] == response.status_code
    return response.status_code, body["error"]


def test_search_finds_with_or_without_diacritics(client):
    for q in ("dang ky khai sinh", "Đăng ký khai sinh"):
        body = client.get("/api/search", query_string={"q": q}).get_json()
        assert body["ok"] is True
        assert body["results"][0]["code"] == "1.001193"
        assert body["results"][0]["url"] == "/tthc/1.001193/"
        assert body["commune"] is None and body["field"] is None


def test_search_in_a_commune_named_by_a_former_name(client):
    body = client.get("/api/search", query_string={"q": "khai sinh", "commune": "thanh minh"}).get_json()
    assert body["commune"] == {"code": "03127", "name": "Phường Điện Biên Phủ", "url": "/03127/"}
    assert body["results"][0]["url"] == "/03127/1.001193/"


def test_search_with_field_and_limit(client):
    body = client.get("/api/search", query_string={"q": "dang ky", "field": "Hộ tịch", "limit": "2"}).get_json()
    assert body["field"] == {"name": "Hộ tịch", "slug": "ho-tich", "url": "/linh-vuc/ho-tich/"}
    assert len(body["results"]) == 2 and body["total"] == 3
    assert {hit["field_slug"] for hit in body["results"]} == {"ho-tich"}


@pytest.mark.parametrize("q, commune", [("thu tuc", None), ("dang ky", None), ("dang ky", "03127"), ("k", None),
                                        ("tro cap", None), ("ket hno", None)])
def test_one_total_whatever_the_limit_and_paging_reaches_exactly_that_many(client, q, commune, monkeypatch):
    monkeypatch.setattr("api.search.RERANK", 2)  # pages on both sides of the reordered best
    params = {"q": q, **({"commune": commune} if commune else {})}
    totals = {client.get("/api/search", query_string={**params, "limit": limit}).get_json()["total"]
              for limit in (1, 2, 3, 8, 10, 20, 50)}
    assert len(totals) == 1
    total = totals.pop()
    every = client.get("/api/search", query_string={**params, "limit": 50}).get_json()["results"]
    paged, offset = [], 0
    while True:
        body = client.get("/api/search", query_string={**params, "limit": 2, "offset": offset}).get_json()
        assert body["total"] == total and body["offset"] == offset
        if not body["results"]:
            break
        paged += [hit["code"] for hit in body["results"]]
        offset += 2
    assert paged == [hit["code"] for hit in every]  # the same order, page after page
    assert len(paged) == len(set(paged)) == total


def test_base_url_makes_absolute_links(index_root):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_root), "BASE_URL": "https://niemyet.example"})
    body = app.test_client().get("/api/search?q=khai+sinh&commune=03127").get_json()
    assert body["results"][0]["url"] == "https://niemyet.example/03127/1.001193/"
    assert body["commune"]["url"] == "https://niemyet.example/03127/"


def test_punctuation_only_is_a_safe_empty_result(client):
    body = client.get("/api/search", query_string={"q": "?* ... !!"}).get_json()
    assert (body["ok"], body["total"], body["results"]) == (True, 0, [])


def test_suggest(client):
    body = client.get("/api/suggest", query_string={"q": "ket h"}).get_json()
    assert body["suggestions"][0] == {"code": "1.000894", "name": "Thủ tục đăng ký kết hôn",
                                      "highlight": "Thủ tục đăng ký <mark>kết</mark> <mark>hôn</mark>",
                                      "url": "/tthc/1.000894/"}


def test_procedure(client):
    body = client.get("/api/procedures/1.013133").get_json()
    assert body["procedure"]["name"] == "Thủ tục đăng ký nghĩa vụ quân sự lần đầu"
    assert [c["code"] for c in body["procedure"]["communes"]] == ["03127", "03328"]


def test_communes_list_and_lookup(client):
    everything = client.get("/api/communes").get_json()
    assert [c["code"] for c in everything["communes"]] == ["03127", "03328", "03158"]
    found = client.get("/api/communes", query_string={"q": "thanh minh"}).get_json()
    assert [c["code"] for c in found["communes"]] == ["03127"]
    assert found["communes"][0]["matched"]["former"] is True


def test_healthz(client, catalogue):
    body = client.get("/healthz").get_json()
    assert body["doc_count"] == len(catalogue.procedures)
    assert body["build"].startswith("build-")
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url, status, message", [
    ("/api/search", 400, "thiếu tham số 'q'"),
    ("/api/search?q=", 400, "thiếu tham số 'q'"),
    ("/api/search?q=%20%20", 400, "thiếu tham số 'q'"),
    ("/api/search?q=a&q=b", 400, "tham số 'q' được gửi nhiều lần"),
    ("/api/search?q=a&commune=1&commune=2", 400, "tham số 'commune' được gửi nhiều lần"),
    ("/api/search?q=a&page=2", 400, "tham số không được hỗ trợ 'page'; chỉ nhận: commune, field, limit, offset, q"),
    ("/api/search?q=a&offset=-1", 400, "tham số 'offset' phải là số nguyên từ 0 đến 5000"),
    ("/api/search?q=a&offset=5001", 400, "tham số 'offset' phải là số nguyên từ 0 đến 5000"),
    ("/api/search?q=a&offset=" + "9" * 40, 400, "tham số 'offset' phải là số nguyên từ 0 đến 5000"),
    ("/api/search?q=a%00b", 400, "tham số 'q' chứa ký tự điều khiển"),
    ("/api/search?q=a%1bb", 400, "tham số 'q' chứa ký tự điều khiển"),
    ("/api/search?q=" + "a" * 201, 400, "tham số 'q' dài quá 200 ký tự"),
    ("/api/search?q=a&limit=0", 400, "tham số 'limit' phải là số nguyên từ 1 đến 50"),
    ("/api/search?q=a&limit=51", 400, "tham số 'limit' phải là số nguyên từ 1 đến 50"),
    ("/api/search?q=a&limit=x", 400, "tham số 'limit' phải là số nguyên từ 1 đến 50"),
    ("/api/search?q=a&limit=%D9%A3", 400, "tham số 'limit' phải là số nguyên từ 1 đến 50"),
    ("/api/search?q=a&commune=99999", 400, "không có xã, phường mã '99999'"),
    ("/api/search?q=a&commune=Hà+Nội", 400, "không có xã, phường tên 'Hà Nội'"),
    ("/api/search?q=a&field=thue", 400, "không có lĩnh vực 'thue'"),
    ("/api/suggest", 400, "thiếu tham số 'q'"),
    ("/api/procedures/9.999999", 404, "no procedure has code '9.999999'"),
    ("/api/procedures/" + "x" * 300, 404, "no procedure has code '" + "x" * 20 + "'"),
    ("/api/communes?q=a&q=b", 400, "tham số 'q' được gửi nhiều lần"),
    ("/healthz?verbose=1", 400, "tham số không được hỗ trợ 'verbose'; địa chỉ này không nhận tham số nào"),
    ("/nowhere", 404, "không có địa chỉ này"),
    ("/api/search?q=" + "a" * 2100, 414, "địa chỉ dài quá 2048 ký tự"),
])
def test_bad_requests_get_one_json_error_shape(client, url, status, message):
    assert error(client.get(url)) == (status, message)


def test_method_not_allowed_says_which_are(client):
    response = client.post("/api/search?q=a")
    assert error(response) == (405, "địa chỉ này không nhận phương thức POST")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_a_request_body_is_refused(client):
    assert error(client.get("/api/search?q=a", data=b"x" * 2000)) == (413, "API này không nhận nội dung yêu cầu")


def test_no_index_yet_is_503(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    assert error(client.get("/api/search?q=a")) == (503, "the search index is not available")
    assert error(client.get("/healthz")) == (503, "the search index is not available")


def test_a_bug_is_a_json_500_without_details(app, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("api.routes.search", explode)
    assert error(app.test_client().get("/api/search?q=a")) == (500, "lỗi máy chủ")


def test_headers_security_cors_and_cache(client):
    response = client.get("/api/search?q=khai")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["Access-Control-Allow-Origin"] == "https://niemyet.example"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Content-Type"] == "application/json"
    failed = client.get("/api/search")
    assert failed.headers["Cache-Control"] == "no-store"
    assert failed.headers["Access-Control-Allow-Origin"] == "https://niemyet.example"
    preflight = client.options("/api/search", headers={"Origin": "https://niemyet.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path, location", [("/api//search?q=khai", "/api/search?q=khai"),
                                            ("/tim-kiem?q=khai", "/tim-kiem/?q=khai")])
def test_redirects_never_take_their_address_from_the_host_header(index_root, path, location):
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_root)}).test_client()
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308 and response.headers["Location"] == location
    assert response.is_json and response.get_json()["ok"] is False
    based = create_app({"TESTING": True, "INDEX_DIR": str(index_root), "BASE_URL": "https://niemyet.example/"})
    response = based.test_client().get(path, headers={"Host": "evil.example"})
    assert response.headers["Location"] == "https://niemyet.example" + location


@pytest.mark.parametrize("method, path", [("GET", "/api/search/"), ("GET", "/api"), ("PUT", "/api/search"),
                                          ("DELETE", "/healthz"), ("GET", "/api/procedures/"),
                                          ("GET", "/api/procedures/a/b"), ("GET", "/%ff"), ("PATCH", "/nowhere")])
def test_every_error_of_the_api_is_json(client, method, path):
    response = client.open(path, method=method)
    assert 400 <= response.status_code < 500
    assert error(response)[0] == response.status_code


def test_no_cors_header_without_a_site_origin(index_root):
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_root)}).test_client()
    assert "Access-Control-Allow-Origin" not in client.get("/api/search?q=khai").headers


def test_repeated_queries_are_served_from_the_cache(app, client):
    cache = app.extensions["search_cache"]
    client.get("/api/search?q=Khai+sinh")
    client.get("/api/search?q=khai%20%20sinh")
    assert (cache.misses, cache.hits) == (1, 1)
    client.get("/api/search?q=khai+sinh&limit=3")
    assert cache.misses == 2


def test_settings_come_from_prefixed_environment(monkeypatch, index_root):
    monkeypatch.setenv("NIEMYET_INDEX_DIR", str(index_root))
    monkeypatch.setenv("NIEMYET_MAX_LIMIT", "5")
    monkeypatch.setenv("NIEMYET_DEFAULT_LIMIT", "5")
    monkeypatch.setenv("NIEMYET_SITE_ORIGIN", "https://site.example")
    monkeypatch.setenv("NIEMYET_DEBUG", "true")
    app = create_app()
    assert app.config["MAX_LIMIT"] == 5 and app.debug is False
    assert error(app.test_client().get("/api/search?q=a&limit=6"))[0] == 400


def test_a_setting_of_the_wrong_kind_stops_startup(monkeypatch):
    monkeypatch.setenv("NIEMYET_MAX_LIMIT", "lots")
    with pytest.raises(ValueError, match="NIEMYET_MAX_LIMIT must be a whole number, got 'lots'"):
        create_app()


def test_new_build_is_served_after_a_swap(catalogue, tmp_path):
    publish_index(catalogue, tmp_path)
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    assert client.get("/healthz").get_json()["doc_count"] == 6
    assert client.get("/api/search?q=ket+hon").get_json()["total"] >= 1
    publish_index(dataclasses.replace(catalogue, procedures=catalogue.procedures[:2]), tmp_path)
    assert client.get("/healthz").get_json()["doc_count"] == 2
    assert client.get("/api/search?q=ket+hon").get_json()["results"] == []  # not a stale cached answer


def test_swapping_the_index_while_requests_run_fails_none(catalogue, tmp_path):
    publish_index(catalogue, tmp_path)
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path), "CACHE_SIZE": 0})
    failures, done, counts = [], threading.Event(), []
    queries = ["khai sinh", "ket hon", "nghia vu quan su", "bao tu", "thanh minh"]

    def hammer():
        client, n = app.test_client(), 0
        while not done.is_set():
            for q in queries:
                response = client.get("/api/search", query_string={"q": q, "commune": "03127"})
                n += 1
                if response.status_code != 200 or not response.get_json()["ok"]:
                    failures.append((response.status_code, response.get_data(as_text=True)))
        counts.append(n)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(8):
            publish_index(catalogue, tmp_path)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert failures == []
    assert sum(counts) > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=250), commune=st.one_of(st.none(), st.text(max_size=30)),
       field=st.one_of(st.none(), st.text(max_size=30)), limit=st.one_of(st.none(), st.text(max_size=4)))
def test_arbitrary_input_never_causes_a_server_error(client, q, commune, field, limit):
    params = {k: v for k, v in {"q": q, "commune": commune, "field": field, "limit": limit}.items() if v is not None}
    response = client.get("/api/search", query_string=params)
    assert response.status_code in (200, 400)
    assert response.get_json()["ok"] is (response.status_code == 200)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=120))
def test_raw_bytes_in_the_query_string_never_cause_a_server_error(client, raw):
    response = client.get("/api/search?q=" + "".join(f"%{b:02X}" for b in raw))
    assert response.status_code in (200, 400)
    assert response.is_json
