"""One local server for the published site and the search API, on one origin.

For trying niemyet on one machine (`niemyet serve`, under gunicorn). In production a web
server such as nginx serves site/ itself and passes /api/ and /healthz to the API.
The site folder is a link swapped by each build, so it is resolved on every request:
a rebuild is served at once, and never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from flask import Flask, abort, redirect, request, send_from_directory
from werkzeug.security import safe_join

from api.csp import site_headers, site_path_of

ROOT = Path(__file__).resolve().parent.parent
# What the API answers: its endpoints, and the search form's address (api.page).
API_PREFIXES = ("/api/", "/healthz")
API_PATHS = ("/tim-kiem/",)

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
        return send_from_directory(root, path, max_age=300)

    @app.errorhandler(404)
    def not_found(_error):
        root = os.path.realpath(site_dir)
        if os.path.isfile(os.path.join(root, "404.html")):
            return send_from_directory(root, "404.html"), 404
        return "Không tìm thấy trang", 404

    @app.after_request
    def secure(response):
        response.headers.update(headers)
        return response

    return app


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
