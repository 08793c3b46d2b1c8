"""The local server: site pages by directory URL, API paths to the API, swaps seen at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import Client

from api.serve import create_server
from generator import build, publish

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory, catalogue):
    out = tmp_path_factory.mktemp("serve") / "site"
    build.build_site(catalogue, ROOT, out, "http://127.0.0.1:8000/", workers=1)
    return out


@pytest.fixture()
def client(site):
    api = Flask("fake_api")
    api.add_url_rule("/api/ping", "ping", lambda: {"ok": True})
    api.add_url_rule("/healthz", "health", lambda: {"ok": True})
    return Client(create_server(site, api=api))


def test_directory_urls_serve_their_page(client):
    response = client.get("/03127/1.001193/")
    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/html")


def test_api_paths_go_to_the_api(client):
    assert client.get("/api/ping").json == {"ok": True}
    assert client.get("/healthz").json == {"ok": True}


@pytest.mark.parametrize("path", ["/03127/9.999999/", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"])
def test_unknown_and_escaping_paths_get_the_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


def test_a_published_swap_is_served_at_once(client, site, tmp_path):
    release = tmp_path / "release"
    (release / "03127").mkdir(parents=True)
    (release / "03127" / "index.html").write_text("phiên bản mới", encoding="utf-8")
    before = site.resolve()
    publish.publish(release, site)
    try:
        assert client.get("/03127/").get_data(as_text=True) == "phiên bản mới"
    finally:
        publish.publish(before, site)
    assert "Phường Điện Biên Phủ" in client.get("/03127/").get_data(as_text=True)
