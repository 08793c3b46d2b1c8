"""The API's endpoints: read and check parameters, ask the index, answer one JSON shape."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, NotFound, ServiceUnavailable

from api.communes import CommuneNotFound
from api.index import LoadedIndex, SearchIndexError
from api.search import get_procedure, search
from generator import urls
from generator.text import nfc, slugify

bp = Blueprint("api", __name__)

CACHEABLE = {"api.search", "api.suggest", "api.procedure", "api.communes", "api.openapi"}


def loaded_index() -> LoadedIndex:
    """The published index (reopened if `current` moved); 503 if there is none."""
    try:
        return current_app.extensions["index"].get()
    except SearchIndexError as exc:
        current_app.logger.error("%s", exc)
        raise ServiceUnavailable("the search index is not available") from exc


def text_param(name: str, required: bool = False) -> str | None:
    """A text parameter, NFC, with whitespace controls turned into spaces.

    Other control characters are refused: no resident types them, and they would only
    reach the logs.
    """
    value = request.args.get(name)
    if value is None or not value.strip():
        if required:
            raise BadRequest(f"parameter '{name}' is required")
        return None
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(value) > limit:
        raise BadRequest(f"parameter '{name}' is longer than {limit} characters")
    value = "".join(" " if ch in "\t\n\r\f\v" else ch for ch in value)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise BadRequest(f"parameter '{name}' contains control characters")
    return nfc(value)


def number_param(name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter from `low` to `high` (ASCII digits only: no "٣", no "+1")."""
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9 or not low <= int(value) <= high:
        raise BadRequest(f"parameter '{name}' must be a whole number from {low} to {high}")
    return int(value)


def limit_param(default: int) -> int:
    """The `limit` parameter: a whole number from 1 to MAX_LIMIT."""
    return number_param("limit", default, 1, current_app.config["MAX_LIMIT"])


def offset_param() -> int:
    """The `offset` parameter: how many results to skip, for paging (0 to MAX_OFFSET)."""
    return number_param("offset", 0, 0, current_app.config["MAX_OFFSET"])


def commune_param(loaded: LoadedIndex) -> dict[str, Any] | None:
    """The commune named by `commune` (a code, or a current or former name)."""
    value = text_param("commune")
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
        raise BadRequest(f"unknown field '{value}'")
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
    base = current_app.config["BASE_URL"]
    found = current_app.extensions["search_cache"].get_or_compute(
        cache_key(query_key(q), code, slug, limit, offset, loaded.build_id),
        lambda: search(loaded, q, commune=code, field=slug, limit=limit, offset=offset, base_url=base),
    )
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

