"""The OpenAPI 3.1 description of the search API, served at /api/openapi.json.

The routes read their allowed query parameters from this document (anything else is
refused), and a test checks it against the app's URL map and real responses, so the
description cannot drift from what the server does.
"""

from __future__ import annotations

from typing import Any

JSON = "application/json"
HTML = "text/html"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(required: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": required, "required": list(required), "additionalProperties": False}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": _ref(schema)}}}


COMMON_ERRORS = {
    "400": _error("Bad parameter: missing, repeated, unknown, too long or holding control characters."),
    "405": _error("Method not allowed; the Allow header lists the allowed ones."),
    "413": _error("The request has a body; this API takes none."),
    "414": _error("The URL is too long."),
}
NO_INDEX = {"503": _error("No search index is published yet.")}


def _param(name: str, description: str, schema: dict[str, Any], required: bool = False,
           where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


# Text the API accepts (routes.text_param): no control characters but whitespace ones.
NO_CONTROLS = "[^\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u009f]"
TEXT_PATTERN = f"^{NO_CONTROLS}*$"
# A required text must also hold something other than white space.
FILLED_PATTERN = f"^{NO_CONTROLS}*[^\\s\\u0000-\\u001f\\u007f-\\u009f]{NO_CONTROLS}*$"


def _text(max_length: int, required: bool = False) -> dict[str, Any]:
    pattern = FILLED_PATTERN if required else TEXT_PATTERN
    return {"type": "string", "maxLength": max_length, "pattern": pattern, **({"minLength": 1} if required else {})}


def openapi_document(max_query_length: int, max_limit: int, default_limit: int, max_offset: int,
                     page_size: int) -> dict[str, Any]:
    """The API description, with the limits this app was configured with."""
    q = _param("q", "What the resident typed, with or without diacritics. No query syntax.",
               _text(max_query_length, required=True), required=True)
    commune = _param("commune", "A commune code (03127) or a current or former commune name: only "
                     "procedures it delivers, with its page URLs.", _text(max_query_length))
    field = _param("field", "A field slug (ho-tich) or name (Hộ tịch).", _text(max_query_length))
    limit = _param("limit", "How many results.", {"type": "integer", "minimum": 1, "maximum": max_limit,
                                                  "default": default_limit})
    offset = _param("offset", "How many of the best results to skip, for paging: the next page starts at "
                    "offset + limit, and the last at the largest multiple of limit below `total`.",
                    {"type": "integer", "minimum": 0, "maximum": max_offset, "default": 0})
    hit = _object({
        "code": {"type": "string"}, "name": {"type": "string"},
        "highlight": {"type": "string", "description": "The name, HTML-escaped, matched words in <mark>."},
        "field": {"type": "string"}, "field_slug": {"type": "string"},
        "level": {"enum": ["commune", "province"]}, "in_force": {"type": "boolean"}, "sample": {"type": "boolean"},
        "commune": _nullable({"type": "string"}), "url": {"type": "string"}, "score": {"type": "number"},
    })
    ref = _object({"code": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}})
    field_ref = _object({"name": {"type": "string"}, "slug": {"type": "string"}, "url": {"type": "string"}})
    commune_schema = _object({
        "code": {"type": "string"}, "name": {"type": "string"}, "kind": {"enum": ["xã", "phường"]},
        "former": {"type": "array", "items": {"type": "string"}}, "url": {"type": "string"},
        "matched": _nullable(_object({"name": {"type": "string"}, "former": {"type": "boolean"},
                                      "exact": {"type": "boolean"}})),
    })
    schemas = {
        "Error": _object({"ok": {"const": False}, "error": {"type": "string"}, "status": {"type": "integer"}}),
        "Hit": hit,
        "SearchResponse": _object({
            "ok": {"const": True}, "query": {"type": "string"}, "commune": _nullable(ref),
            "field": _nullable(field_ref),
            "total": {"type": "integer", "minimum": 0,
                      "description": "How many procedures match, whatever limit and offset ask for: "
                                     "paging through them reaches exactly this many."},
            "offset": {"type": "integer", "minimum": 0},
            "results": {"type": "array", "items": _ref("Hit")}, "build": {"type": "string"},
        }),
        "SuggestResponse": _object({
            "ok": {"const": True}, "query": {"type": "string"}, "build": {"type": "string"},
            "suggestions": {"type": "array", "items": _object({
                "code": {"type": "string"}, "name": {"type": "string"}, "highlight": {"type": "string"},
                "url": {"type": "string"}})},
        }),
        "ProcedureResponse": _object({"ok": {"const": True}, "build": {"type": "string"}, "procedure": _object({
            "code": {"type": "string"}, "name": {"type": "string"}, "field": {"type": "string"},
            "field_slug": {"type": "string"}, "level": {"enum": ["commune", "province"]},
            "in_force": {"type": "boolean"}, "sample": {"type": "boolean"}, "url": {"type": "string"},
            "communes": {"type": "array", "items": _object({"code": {"type": "string"}, "url": {"type": "string"}})},
        })}),
        "Commune": commune_schema,
        "CommunesResponse": _object({
            "ok": {"const": True}, "query": _nullable({"type": "string"}), "build": {"type": "string"},
            "communes": {"type": "array", "items": _ref("Commune")},
        }),
        "Health": _object({
            "ok": {"const": True}, "build": {"type": "string"}, "built_at": {"type": "string"},
            "doc_count": {"type": "integer"}, "whoosh": {"type": "string"},
        }),
    }

    def get(summary: str, params: list[dict[str, Any]], ok: dict[str, Any], extra: dict[str, Any]) -> dict:
        return {"get": {"summary": summary, "parameters": params,
                        "responses": {"200": ok, **COMMON_ERRORS, **extra}}}

    paths = {
        "/api/search": get("Search procedures.", [q, commune, field, limit, offset],
                           _ok("Matching procedures, best first.", "SearchResponse"), NO_INDEX),
        "/api/suggest": get("Suggest procedure names as the resident types.", [q, commune, limit],
                            _ok("Procedure names for a search box.", "SuggestResponse"), NO_INDEX),
        "/api/procedures/{code}": get(
            "One procedure's summary and the communes delivering it.",
            [_param("code", "National procedure code (1.001193).", {"type": "string"}, True, "path")],
            _ok("The procedure.", "ProcedureResponse"), {**NO_INDEX, "404": _error("No procedure has this code.")}),
        "/api/communes": get(
            "List communes, or find one by a current or former name.",
            [_param("q", "A commune code or a current or former name; without it, every commune.",
                    _text(max_query_length))],
            _ok("Communes, best match first.", "CommunesResponse"), NO_INDEX),
        "/healthz": get("Health: the published index build and its document count.", [],
                        _ok("The published index.", "Health"), NO_INDEX),
        "/tim-kiem/": {"get": {
            "summary": "The site's search page with the results in it, for browsers without JavaScript "
                       "(the search form's address). Errors are said on the page, in Vietnamese.",
            "parameters": [
                _param("q", "What the resident typed; without it, the page without results.",
                       _text(max_query_length)),
                _param("commune", "A commune code or a current or former commune name.", _text(max_query_length)),
                _param("xa", "A commune code, as printed under a poster's search code (/tim-kiem/?xa=03127).",
                       _text(max_query_length)),
                _param("trang", f"Page of results ({page_size} a page).",
                       {"type": "integer", "minimum": 1, "maximum": max_offset // page_size + 1, "default": 1}),
            ],
            "responses": {status: {"description": text, "content": {HTML: {"schema": {"type": "string"}}}}
                          for status, text in [
                              ("200", "The search page with the results."),
                              ("400", "A bad parameter, said on the page."),
                              ("405", "Method not allowed; the Allow header lists the allowed ones."),
                              ("413", "The request has a body."),
                              ("414", "The URL is too long."),
                              ("503", "No search index is published yet; the page leads to the communes' lists.")]},
        }},
        "/api/openapi.json": get("This document.", [],
                                 {"description": "OpenAPI 3.1 document.", "content": {JSON: {"schema": {"type": "object"}}}},
                                 {}),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "niemyet search API", "version": "1",
                 "description": "Search the administrative procedures of Điện Biên's 45 communes."},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def allowed_parameters(document: dict[str, Any], path: str) -> set[str]:
    """The query parameter names documented for one path ("/api/procedures/{code}")."""
    operation = document["paths"].get(path, {}).get("get", {})
    return {p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"}
