"""The local server: site pages by directory URL, API paths to the API, swaps seen at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import Client

from api.serve import create_server
from generator.release import build, publish

ROOT = Path(__file__).parent.parent


@pytest.fixture()
def site(built_site):
    return built_site


@pytest.fixture()
def client(site):
    api = Flask("fake_api")
    api.add_url_rule("/api/ping", "ping", lambda: {"ok": True})
    api.add_url_rule("/healthz", "health", lambda: {"ok": True})
    api.add_url_rule("/tim-kiem/", "page", lambda: "trang kết quả")
    return Client(create_server(site, api=api))


def test_directory_urls_serve_their_page(client):
    response = client.get("/03127/1.001193/")
    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/html")


def test_api_paths_go_to_the_api(client):
    assert client.get("/api/ping").json == {"ok": True}
    assert client.get("/healthz").json == {"ok": True}
    assert client.get("/tim-kiem/?q=khai+sinh").get_data(as_text=True) == "trang kết quả"  # the no-script page


@pytest.mark.parametrize("path, location", [("/03127", "/03127/"), ("/03127/1.001193?a=1", "/03127/1.001193/?a=1"),
                                            ("/xa", "/xa/")])
def test_a_folder_without_its_slash_is_redirected_to_it_never_to_the_host_header(client, path, location):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 301
    assert response.headers["Location"] == location


@pytest.mark.parametrize("path", ["/", "/03127/", "/03127/1.001193/", "/assets/search.js", "/nowhere/"])
def test_site_answers_carry_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", policy)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


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


def test_gunicorn_opens_no_control_socket_shared_by_the_users_servers(tmp_path, index_root):
    import os
    import socket
    import subprocess
    import sys
    import time

    run, sock = tmp_path / "run", tmp_path / "g.sock"
    run.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(run), "NIEMYET_INDEX_DIR": str(index_root)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"unix:{sock}",
                               "api.app:create_app()"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        answer = b""
        for _ in range(100):
            try:
                with socket.socket(socket.AF_UNIX) as client:
                    client.connect(str(sock))
                    client.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
                    answer = client.recv(100)
                break
            except OSError:
                time.sleep(0.1)
        assert answer.startswith(b"HTTP/1.0 200")
        assert list(run.iterdir()) == [] and not (tmp_path / ".gunicorn").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
