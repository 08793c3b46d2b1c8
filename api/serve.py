"""One local server for the published site and the search API, on one origin.

For trying niemyet on one machine (`niemyet serve`, under gunicorn). In production a web
server such as nginx serves site/ itself and passes /api/ and /healthz to the API.
The site folder is a link swapped by each build, so it is resolved on every request:
a rebuild is served at once, and never half of one.

Text files are sent as the build compressed them (generator/release/compress.py wrote .br and .gz
beside each), to the browsers that accept that encoding; assets whose names carry a hash
of their content (generator/release/fingerprint.py) may be kept by browsers for a year.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from typing import Callable, Iterable

from flask import Flask, Response, abort, redirect, request, send_from_directory
from werkzeug.security import safe_join

from api.csp import site_headers, site_path_of
from generator.release.fingerprint import is_fingerprinted

ROOT = Path(__file__).resolve().parent.parent
# What the API answers: its endpoints, and the search form's address (api.page).
API_PREFIXES = ("/api/", "/healthz")
API_PATHS = ("/tim-kiem/",)
# Pages and unhashed files (posters, open data) may change with any build: a browser asks
# again after five minutes. A fingerprinted asset never changes under its name.
PAGE_MAX_AGE = 300
IMMUTABLE = "public, max-age=31536000, immutable"
# Best first: brotli is smaller than gzip, by about 5% on pages at the build's level and
# 15-18% on assets (generator/release/compress.py).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def static_site(site_dir: Path) -> Flask:
    """A Flask app that serves a built mkdocs site: directory URLs answer with index.html."""
    app = Flask(__name__, static_folder=None)
    app.url_map.merge_slashes = False  # no redirect built from the Host header for "//"
    # The 404 page's inline script names the site's path (api.csp): "/" unless built elsewhere.
    headers = site_headers(site_path=site_path_of(os.environ.get("NIEMYET_BASE_URL") or "/"))

    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def page(path: str):
        root = os.path.realpath(site_dir)  # follow the swapped link once per request
        local = safe_join(root, path)
        if local is None:
            abort(404)
        if os.path.isdir(local):
            if path and not path.endswith("/"):
                # /03127 -> /03127/: relative links on the page count from the folder.
                # A bare path, so the address never comes from the Host header.
                query = request.query_string.decode("latin-1")
                return redirect("/" + path + "/" + (f"?{query}" if query else ""), 301)
            path = (path.rstrip("/") + "/index.html").lstrip("/")
        return send_file_as_stored(root, path)

    @app.errorhandler(404)
    def not_found(_error):
        root = os.path.realpath(site_dir)
        if os.path.isfile(os.path.join(root, "404.html")):
            return send_file_as_stored(root, "404.html"), 404
        return "Không tìm thấy trang", 404

    @app.after_request
    def secure(response):
        response.headers.update(headers)
        return response

    return app


def send_file_as_stored(root: str, path: str) -> Response:
    """Send `path` under `root`, as its pre-compressed copy when the browser accepts one."""
    if not os.path.isfile(os.path.join(root, path)):
        abort(404)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    encoding, suffix = next(((name, suffix) for name, suffix in ENCODINGS
                             if request.accept_encodings[name] and os.path.isfile(os.path.join(root, path + suffix))),
                            (None, ""))
    response = send_from_directory(root, path + suffix, mimetype=mimetype, max_age=PAGE_MAX_AGE)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if mimetype.startswith("text/") or path.endswith((".js", ".json", ".svg", ".xml")):
        response.vary.add("Accept-Encoding")
    if is_fingerprinted(path):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


def create_server(site_dir: str | Path | None = None, api: WSGIApp | None = None) -> WSGIApp:
    """The site and the API behind one WSGI callable (gunicorn 'api.serve:create_server()')."""
    site = Path(site_dir or os.environ.get("NIEMYET_SITE_DIR", ROOT / "site"))
    static = static_site(site)
    if api is None:
        from api.app import create_app

        api = create_app()

    def dispatch(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        target = api if path.startswith(API_PREFIXES) or path in API_PATHS else static
        return target(environ, start_response)

    return dispatch
