"""The search API's application factory: settings, request checks, headers, JSON errors.

Run in production with gunicorn (two workers on two cores):

    gunicorn -w 2 -b 127.0.0.1:5000 'api.app:create_app()'

Settings come from NIEMYET_* environment variables (NIEMYET_INDEX_DIR, NIEMYET_SITE_ORIGIN,
NIEMYET_BASE_URL, NIEMYET_MAX_QUERY_LENGTH, NIEMYET_MAX_LIMIT, ...), read with Flask's
`from_prefixed_env`, so numbers may be written plainly (NIEMYET_MAX_LIMIT=20).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import (BadRequest, HTTPException, InternalServerError, RequestEntityTooLarge,
                                 RequestURITooLarge)
from werkzeug.routing import RequestRedirect

from api.cache import LRUCache
from api.csp import API_HEADERS, site_headers, site_path_of
from api.index import IndexHolder
from api.openapi import allowed_parameters, openapi_document
from api.page import PAGE_SIZE, Shell
from api.routes import CACHEABLE, PAGE_PATH, bp, page_error
from generator import urls

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": "index",  # the root holding `current` (see api.index.publish_index)
    "SITE_DIR": "site",  # the published site: its search page is the shell of /tim-kiem/ (api.page)
    "SITE_ORIGIN": "",  # the site's origin allowed by CORS, e.g. https://niemyet.example.vn
    "BASE_URL": "",  # prefix of page URLs in results; empty: site-relative paths
    "MAX_QUERY_LENGTH": 200,  # characters of q (and of commune, field)
    "MAX_LIMIT": 50,
    "MAX_OFFSET": 5000,  # paging stops here; a province's catalogue is a few hundred procedures
    "DEFAULT_LIMIT": 10,
    "SUGGEST_LIMIT": 8,
    "MAX_URL_LENGTH": 2048,  # under gunicorn's 4094-byte request line, so our JSON 414 answers first
    "MAX_CONTENT_LENGTH": 1024,  # a GET API takes no body
    "CACHE_SIZE": 2048,  # cached answers per worker
    "CACHE_MAX_AGE": 60,  # seconds browsers and proxies may keep an answer
}
INTEGERS = ("MAX_QUERY_LENGTH", "MAX_LIMIT", "MAX_OFFSET", "DEFAULT_LIMIT", "SUGGEST_LIMIT", "MAX_URL_LENGTH",
            "MAX_CONTENT_LENGTH", "CACHE_SIZE", "CACHE_MAX_AGE")
_RULE_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the API; `test_config` replaces the environment (the flaskr pattern)."""
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(DEBUG=False, JSON_SORT_KEYS=False, **DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("NIEMYET")
    else:
        app.config.update(test_config)
    check_config(app.config)
    app.debug = False  # never the debugger, whatever NIEMYET_DEBUG says: it runs code from the browser
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["index"] = IndexHolder(Path(app.config["INDEX_DIR"]))
    app.extensions["search_cache"] = LRUCache(app.config["CACHE_SIZE"])
    app.extensions["search_shell"] = Shell(Path(app.config["SITE_DIR"]))
    app.extensions["page_headers"] = site_headers(site_path=site_path_of(app.config["BASE_URL"]))
    app.extensions["openapi"] = openapi_document(
        app.config["MAX_QUERY_LENGTH"], app.config["MAX_LIMIT"], app.config["DEFAULT_LIMIT"], app.config["MAX_OFFSET"],
        PAGE_SIZE)
    app.register_blueprint(bp)
    app.extensions["allowed_parameters"] = {
        rule.rule: allowed_parameters(app.extensions["openapi"], openapi_path(rule.rule))
        for rule in app.url_map.iter_rules()}
    app.before_request(check_request)
    app.after_request(add_headers)
    app.register_error_handler(HTTPException, json_error)
    app.register_error_handler(Exception, unexpected_error)
    return app


def check_config(config: dict[str, Any]) -> None:
    """Refuse to start with a setting of the wrong kind, naming it."""
    for name in INTEGERS:
        value = config[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"NIEMYET_{name} must be a whole number, got {value!r}")
    if not 1 <= config["DEFAULT_LIMIT"] <= config["MAX_LIMIT"]:
        raise ValueError("NIEMYET_DEFAULT_LIMIT must be between 1 and NIEMYET_MAX_LIMIT")


def openapi_path(rule: str) -> str:
    """A Flask rule ("/api/procedures/<code>") as an OpenAPI path ("/api/procedures/{code}")."""
    return _RULE_PARAM.sub(r"{\1}", rule)


def check_request() -> Response | None:
    """Refuse oversized requests, repeated and undocumented parameters, before any view runs;
    answer Werkzeug's redirects ourselves (see `redirect`)."""
    config = current_app.config
    if isinstance(request.routing_exception, RequestRedirect):
        return redirect(request.routing_exception)
    if len(request.path) + len(request.query_string) > config["MAX_URL_LENGTH"]:
        raise RequestURITooLarge(f"địa chỉ dài quá {config['MAX_URL_LENGTH']} ký tự")
    if (request.content_length or 0) > config["MAX_CONTENT_LENGTH"] or request.headers.get("Transfer-Encoding"):
        raise RequestEntityTooLarge("API này không nhận nội dung yêu cầu")
    if request.url_rule is None or request.method == "OPTIONS":
        return None
    allowed = current_app.extensions["allowed_parameters"][request.url_rule.rule]
    for name in request.args:
        if name not in allowed:
            raise BadRequest(f"tham số không được hỗ trợ '{name[:40]}'" + (f"; chỉ nhận: {', '.join(sorted(allowed))}"
                                                                    if allowed else "; địa chỉ này không nhận tham số nào"))
        if len(request.args.getlist(name)) > 1:
            raise BadRequest(f"tham số '{name}' được gửi nhiều lần")
    return None


def add_headers(response: Response) -> Response:
    """Security headers, CORS for the site's origin, and cache headers."""
    config = current_app.config
    response.headers.update(current_app.extensions["page_headers"] if request.path == PAGE_PATH else API_HEADERS)
    if config["SITE_ORIGIN"]:
        response.headers["Access-Control-Allow-Origin"] = config["SITE_ORIGIN"]
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "86400"
        response.vary.add("Origin")
    if response.status_code == 200 and request.endpoint in CACHEABLE and request.method in ("GET", "HEAD"):
        response.headers["Cache-Control"] = f"public, max-age={config['CACHE_MAX_AGE']}"
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def redirect(exc: RequestRedirect) -> Response:
    """Werkzeug's redirect to the canonical address (a trailing slash added, "//" merged),
    with its Location built from BASE_URL, or a bare path: never from the Host header,
    which any client can set ("/api//search" with "Host: evil.example")."""
    parts = urlsplit(exc.new_url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    base = current_app.config["BASE_URL"]
    location = urls.absolute(base, path) if base else path
    response = jsonify(ok=False, error=f"địa chỉ này đã chuyển sang {path}", status=exc.code)
    response.status_code = exc.code
    response.headers["Location"] = location
    return response


def json_error(exc: HTTPException) -> Response:
    """Every error in the one JSON shape, keeping the headers it needs (Allow on a 405);
    on the search page, said on the page in Vietnamese."""
    if request.path == PAGE_PATH:
        return page_error(exc)
    status = exc.code or 500
    response = jsonify(ok=False, error=error_text(exc), status=status)
    response.status_code = status
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


# What a status means, in the words a resident's phone shows (Werkzeug's names are English).
STATUS_TEXT = {400: "yêu cầu không hợp lệ", 413: "yêu cầu quá lớn", 414: "địa chỉ quá dài",
               429: "quá nhiều yêu cầu, hãy thử lại sau", 500: "lỗi máy chủ",
               503: "dịch vụ tìm kiếm tạm thời chưa sẵn sàng"}


def error_text(exc: HTTPException) -> str:
    """A short message: ours when we raised it, a plain one for Werkzeug's own errors."""
    plain = {404: "không có địa chỉ này", 405: f"địa chỉ này không nhận phương thức {request.method}"}
    default = type(exc).description
    if exc.description and exc.description != default:
        return exc.description
    return plain.get(exc.code or 500, STATUS_TEXT.get(exc.code or 500, "yêu cầu không thực hiện được"))


def unexpected_error(exc: Exception) -> Response:
    """A bug: log the traceback, answer a JSON 500 without details."""
    current_app.logger.exception("unhandled error on %s", request.path)
    return json_error(InternalServerError("lỗi máy chủ"))
