"""The API's endpoints: read and check parameters, ask the index, answer one JSON shape;
and the search page for browsers without JavaScript (api.page), which answers in HTML."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException, NotFound, ServiceUnavailable

from api.communes import CommuneNotFound
from api.index import LoadedIndex, SearchIndexError
from api.page import PAGE_SIZE, Answer, render
from api.search import get_procedure, search
from generator import urls
from generator.text import nfc, slugify

bp = Blueprint("api", __name__)

CACHEABLE = {"api.search", "api.suggest", "api.procedure", "api.communes", "api.openapi", "api.page"}
PAGE = "api.page"
PAGE_PATH = urls.search_page_path()
# What the search page says when it cannot show results, by status (Vietnamese: residents read it).
PAGE_PROBLEMS = {
    400: "Địa chỉ tìm kiếm không hợp lệ. Hãy gõ lại từ khóa vào ô tìm kiếm.",
    405: "Trang tìm kiếm chỉ mở bằng đường dẫn hoặc ô tìm kiếm.",
    413: "Trang tìm kiếm không nhận dữ liệu gửi kèm.",
    414: "Địa chỉ tìm kiếm dài quá. Hãy gõ từ khóa ngắn hơn.",
    503: "Máy chủ tìm kiếm chưa sẵn sàng. Hãy chọn xã, phường của bạn dưới đây để xem mọi thủ tục ở đó.",
}


def loaded_index() -> LoadedIndex:
    """The published index (reopened if `current` moved); 503 if there is none."""
    try:
        return current_app.extensions["index"].get()
    except SearchIndexError as exc:
        current_app.logger.error("%s", exc)
        raise ServiceUnavailable("the search index is not available") from exc


class PageBadRequest(BadRequest):
    """A bad parameter of the search page, described in Vietnamese for the resident."""

    vietnamese = True


def text_param(name: str, required: bool = False, limit_message: str = "", control_message: str = "",
               ) -> str | None:
    """A text parameter, NFC, with whitespace controls turned into spaces.

    Other control characters are refused: no resident types them, and they would only
    reach the logs. The messages, when given, replace the API's own (for the search page).
    """
    value = request.args.get(name)
    if value is None or not value.strip():
        if required:
            raise BadRequest(f"thiếu tham số '{name}'")
        return None
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(value) > limit:
        if limit_message:
            raise PageBadRequest(limit_message.format(limit=limit))
        raise BadRequest(f"tham số '{name}' dài quá {limit} ký tự")
    value = "".join(" " if ch in "\t\n\r\f\v" else ch for ch in value)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise PageBadRequest(control_message) if control_message else BadRequest(
            f"tham số '{name}' chứa ký tự điều khiển")
    return nfc(value)


def number_param(name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter from `low` to `high` (ASCII digits only: no "٣", no "+1")."""
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9 or not low <= int(value) <= high:
        raise BadRequest(f"tham số '{name}' phải là số nguyên từ {low} đến {high}")
    return int(value)


def limit_param(default: int) -> int:
    """The `limit` parameter: a whole number from 1 to MAX_LIMIT."""
    return number_param("limit", default, 1, current_app.config["MAX_LIMIT"])


def offset_param() -> int:
    """The `offset` parameter: how many results to skip, for paging (0 to MAX_OFFSET)."""
    return number_param("offset", 0, 0, current_app.config["MAX_OFFSET"])


def commune_param(loaded: LoadedIndex, name: str = "commune") -> dict[str, Any] | None:
    """The commune named by `commune` (a code, or a current or former name)."""
    value = text_param(name)
    if value is None:
        return None
    try:
        return loaded.communes.resolve(value)
    except CommuneNotFound as exc:
        raise BadRequest(str(exc)) from exc


def field_param(loaded: LoadedIndex) -> dict[str, str] | None:
    """The field named by `field` (its slug or its name)."""
    value = text_param("field")
    if value is None:
        return None
    found = loaded.fields.get(slugify(value))
    if found is None:
        raise BadRequest(f"không có lĩnh vực '{value}'")
    return found


def site_url(path: str) -> str:
    """A site path, made absolute when BASE_URL is set."""
    base = current_app.config["BASE_URL"]
    return urls.absolute(base, path) if base else path


def cache_key(*parts: Any) -> tuple:
    """Cache key: the endpoint and its parameters; the query case-folded, spaces squeezed
    (a trailing space is kept: it turns the prefix match off)."""
    return (request.endpoint, *parts)


def query_key(text: str) -> str:
    """The query as the cache sees it."""
    squeezed = " ".join(text.casefold().split())
    return squeezed + " " if text[-1:].isspace() else squeezed


@bp.get("/api/search", endpoint="search")
def search_view():
    """Search procedures."""
    loaded = loaded_index()
    q = text_param("q", required=True)
    commune = commune_param(loaded)
    field = field_param(loaded)
    limit = limit_param(current_app.config["DEFAULT_LIMIT"])
    offset = offset_param()
    code = commune["code"] if commune else None
    slug = field["slug"] if field else None
    found = cached_search(loaded, q, code, slug, limit, offset)
    return jsonify(
        ok=True,
        query=q,
        commune={"code": code, "name": commune["name"], "url": site_url(commune["url"])} if commune else None,
        field={"name": field["name"], "slug": slug, "url": site_url(field["url"])} if field else None,
        total=found["total"],
        offset=offset,
        results=found["results"],
        build=loaded.build_id,
    )


def cached_search(loaded: LoadedIndex, q: str, code: str | None, slug: str | None, limit: int, offset: int,
                  ) -> dict[str, Any]:
    """search(), through this worker's answer cache (keyed by endpoint, parameters and build)."""
    base = current_app.config["BASE_URL"]
    return current_app.extensions["search_cache"].get_or_compute(
        cache_key(query_key(q), code, slug, limit, offset, loaded.build_id),
        lambda: search(loaded, q, commune=code, field=slug, limit=limit, offset=offset, base_url=base),
    )


@bp.get("/tim-kiem/", endpoint="page")
def search_page():
    """The search form's address: the site's search page with the results in it."""
    q = text_param("q", limit_message="Từ khóa dài quá {limit} ký tự. Hãy gõ ngắn hơn.",
                   control_message="Từ khóa có ký tự không gõ được từ bàn phím. Hãy gõ lại.")
    loaded = loaded_index()
    try:
        commune = commune_param(loaded, "commune") or commune_param(loaded, "xa")
    except BadRequest as exc:
        named = (request.args.get("commune") or request.args.get("xa") or "")[:60]
        raise PageBadRequest(f"Không tìm được xã, phường “{named}”: hãy gõ đúng tên hiện nay hoặc tên cũ, "
                             "hoặc chọn trong danh sách dưới đây.") from exc
    last = current_app.config["MAX_OFFSET"] // PAGE_SIZE + 1
    page = number_param("trang", 1, 1, last)
    if q is None:
        return page_response(Answer(commune=commune), 200)
    code = commune["code"] if commune else None
    found = cached_search(loaded, q, code, None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return page_response(Answer(q, commune, tuple(found["results"]), found["total"], page), 200)


def page_response(answer: Answer, status: int) -> Response:
    """The search page as HTML."""
    shell = current_app.extensions["search_shell"].get()
    return Response(render(shell, answer, current_app.config["BASE_URL"]), status, mimetype="text/html")


def page_error(exc: HTTPException) -> Response:
    """An error on the search page, said on the page itself in Vietnamese."""
    status = exc.code or 500
    text = exc.description if getattr(exc, "vietnamese", False) else PAGE_PROBLEMS.get(
        status, "Máy chủ tìm kiếm gặp lỗi. Hãy thử lại sau ít phút.")
    response = page_response(Answer(query=request.args.get("q", "")[:200], message=text), status)
    for name, value in exc.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


@bp.get("/api/suggest")
def suggest():
    """Procedure names for a search box, as the resident types."""
    loaded = loaded_index()
    q = text_param("q", required=True)
    commune = commune_param(loaded)
    limit = limit_param(current_app.config["SUGGEST_LIMIT"])
    code = commune["code"] if commune else None
    base = current_app.config["BASE_URL"]
    found = current_app.extensions["search_cache"].get_or_compute(
        cache_key(query_key(q), code, limit, loaded.build_id),
        lambda: search(loaded, q, commune=code, limit=limit, base_url=base),
    )
    keep = ("code", "name", "highlight", "url")
    suggestions = [{k: hit[k] for k in keep} for hit in found["results"]]
    return jsonify(ok=True, query=q, suggestions=suggestions, build=loaded.build_id)


@bp.get("/api/procedures/<code>")
def procedure(code: str):
    """One procedure's summary and the communes delivering it."""
    loaded = loaded_index()
    found = get_procedure(loaded, code, current_app.config["BASE_URL"]) if len(code) <= 20 else None
    if found is None:
        raise NotFound(f"no procedure has code '{code[:20]}'")
    return jsonify(ok=True, procedure=found, build=loaded.build_id)


@bp.get("/api/communes")
def communes():
    """Every commune, or the ones a current or former name points to."""
    loaded = loaded_index()
    q = text_param("q")
    if q is None:
        found = [{**c, "matched": None} for c in loaded.communes.communes]
    else:
        found = loaded.communes.find(q)
    return jsonify(ok=True, query=q, communes=[{**c, "url": site_url(c["url"])} for c in found],
                   build=loaded.build_id)


@bp.get("/healthz")
def healthz():
    """The published build and its document count (503 when there is none)."""
    loaded = loaded_index()
    meta = loaded.meta
    return jsonify(ok=True, build=loaded.build_id, built_at=meta["built_at"], doc_count=loaded.tables.doc_count,
                   whoosh=meta["whoosh"])


@bp.get("/api/openapi.json")
def openapi():
    """This API's OpenAPI document."""
    return jsonify(current_app.extensions["openapi"])

