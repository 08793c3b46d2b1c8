"""Pre-compressed copies (generator/release/compress.py) and how they are served (api/serve.py):
the right bytes, once per content, never written through a shared link; the browser gets
brotli or gzip as it asks, fingerprinted assets are cached for a year, and every template's
first load fits the 60 KiB budget of issue 12."""

from __future__ import annotations

import gzip
import os
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin

import brotli
import pytest
from flask import Flask
from werkzeug.test import Client

from api.serve import IMMUTABLE, create_server
from generator.release import compress
from generator.release.fingerprint import fingerprinted, is_fingerprinted
from tests.browser import TEMPLATES

FIRST_LOAD_BUDGET = 60 * 1024
PAGE = "<!doctype html><title>x</title>" + "<p>Thủ tục đăng ký khai sinh</p>\n" * 100


def test_copies_decompress_to_the_file_and_small_or_binary_files_are_left_alone(tmp_path):
    release, cache = tmp_path / "release", tmp_path / "cache"
    (release / "assets").mkdir(parents=True)
    (release / "index.html").write_text(PAGE, encoding="utf-8")
    (release / "assets" / "a.css").write_text("body{color:red}\n" * 100, encoding="utf-8")
    (release / "tiny.json").write_text("{}", encoding="utf-8")
    (release / "poster.png").write_bytes(b"\x89PNG" + bytes(4000))
    written = compress.write_compressed(release, cache)
    assert sorted(p.relative_to(release).as_posix() for p in written) == [
        "assets/a.css.br", "assets/a.css.gz", "index.html.br", "index.html.gz"]
    html = (release / "index.html").read_bytes()
    assert brotli.decompress((release / "index.html.br").read_bytes()) == html
    assert gzip.decompress((release / "index.html.gz").read_bytes()) == html
    assert len((release / "index.html.br").read_bytes()) < len(html) / 4


def test_a_rebuild_compresses_only_what_changed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    for name in ("one", "two"):
        release = tmp_path / name
        release.mkdir()
        (release / "a.html").write_text(PAGE, encoding="utf-8")
        (release / "b.html").write_text(PAGE + name, encoding="utf-8")
    compress.write_compressed(tmp_path / "one", cache)
    calls = []
    real = compress.compressed
    monkeypatch.setattr(compress, "compressed", lambda data, *a: calls.append(data) or real(data, *a))
    compress.write_compressed(tmp_path / "two", cache)
    assert calls == [(PAGE + "two").encode()] * 2  # b.html, as brotli and gzip; a.html came from the cache
    assert os.stat(tmp_path / "two" / "a.html.br").st_ino == os.stat(tmp_path / "one" / "a.html.br").st_ino


def test_an_existing_copy_is_replaced_not_written_through(tmp_path):
    """mkdocs writes sitemap.xml.gz; in a release it is a hard link shared with older releases."""
    release, older = tmp_path / "release", tmp_path / "older"
    release.mkdir()
    older.mkdir()
    (older / "sitemap.xml.gz").write_bytes(b"published bytes")
    os.link(older / "sitemap.xml.gz", release / "sitemap.xml.gz")
    (release / "sitemap.xml").write_text("<urlset>" + "<url/>" * 200 + "</urlset>", encoding="utf-8")
    compress.write_compressed(release, tmp_path / "cache")
    assert (older / "sitemap.xml.gz").read_bytes() == b"published bytes"
    assert gzip.decompress((release / "sitemap.xml.gz").read_bytes()) == (release / "sitemap.xml").read_bytes()


def test_cached_copies_no_release_links_are_dropped(tmp_path):
    cache, release = tmp_path / "cache", tmp_path / "release"
    release.mkdir()
    (release / "a.html").write_text(PAGE, encoding="utf-8")
    compress.write_compressed(release, cache)
    assert len(list(cache.rglob("*.*"))) == 2
    (release / "a.html").write_text(PAGE + "đã sửa", encoding="utf-8")
    for copy in release.glob("*.html.*"):
        copy.unlink()  # the old release is gone
    compress.write_compressed(release, cache)
    assert len([p for p in cache.rglob("*") if p.is_file()]) == 2


def test_fingerprints_follow_the_content():
    name = fingerprinted("assets/niemyet.css", b"body{}")
    assert re.fullmatch(r"assets/niemyet\.[0-9a-f]{10}\.css", name) and is_fingerprinted(name)
    assert fingerprinted("assets/niemyet.css", b"body{ }") != name
    assert not is_fingerprinted("assets/niemyet.css") and not is_fingerprinted("03127/in/bang-niem-yet-a4.pdf")


@pytest.fixture(scope="module")
def client(served_site):
    api = Flask("fake_api")
    return Client(create_server(served_site.root, api=api))


@pytest.mark.parametrize(("accept", "encoding"), [("gzip, deflate, br", "br"), ("gzip, deflate", "gzip"),
                                                 ("br;q=0, gzip", "gzip"), ("", None), ("identity", None)])
def test_pages_are_sent_as_stored_in_the_encoding_asked_for(client, served_site, accept, encoding):
    response = client.get("/03127/1.001193/", headers={"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept-Encoding" in response.headers["Vary"]
    body = response.get_data()
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](body)
    assert decoded == (served_site.root / "03127" / "1.001193" / "index.html").read_bytes()


def test_the_not_found_page_is_compressed_too(client):
    response = client.get("/03127/1.00193/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in gzip.decompress(response.get_data()).decode()


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_for_minutes(client, served_site):
    css = next((served_site.root / "assets").glob("niemyet.*.css")).name
    asset = client.get(f"/assets/{css}", headers={"Accept-Encoding": "br"})
    assert asset.headers["Cache-Control"] == IMMUTABLE
    assert asset.headers["Content-Type"].startswith("text/css")
    page = client.get("/03127/")
    assert page.headers["Cache-Control"] == "public, max-age=300"
    pdf = client.get("/03127/in/bang-niem-yet-a4.pdf")
    assert pdf.headers["Cache-Control"] == "public, max-age=300" and "Content-Encoding" not in pdf.headers


DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}


def first_load(site_url: str, path: str, accept: str) -> tuple[int, list[str]]:
    """Bytes a first visit transfers for a page (bodies and headers), over HTTP from the
    site and API as `niemyet serve` runs them (the search page is the API's): the page,
    then the stylesheets, scripts and icon it names, as a browser with an empty cache."""
    def fetch(url: str):
        request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:  # the 404 page is a page too
            return error.code, error.headers, error.read()

    url = site_url + path
    status, headers, body = fetch(url)
    html = DECODERS[headers.get("Content-Encoding")](body).decode()
    assets = re.findall(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"', html)
    responses = [(status, headers, body)] + [fetch(urljoin(url, a)) for a in assets]
    assert all(code == 200 for code, _, _ in responses[1:]), assets
    return sum(len(body) + len(str(headers)) for _, headers, body in responses), assets


@pytest.mark.parametrize("accept", ["br", "gzip"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_first_load_of_every_template_fits_the_budget(served_site, name, accept):
    total, assets = first_load(served_site.url, TEMPLATES[name], accept)
    assert any(a.endswith(".css") for a in assets)
    assert total <= FIRST_LOAD_BUDGET, f"{total} bytes: page and {assets}"
