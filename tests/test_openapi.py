"""The OpenAPI document tells the truth: every route is documented, and answers match it."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from api.app import openapi_path

SAMPLES = [
    ("/api/search?q=khai+sinh&commune=03127&field=ho-tich&limit=3", 200),
    ("/api/search?q=%3F*", 200),
    ("/api/search", 400),
    ("/api/search?q=a&limit=100", 400),
    ("/api/search", 405),
    ("/api/search?q=" + "a" * 2100, 414),
    ("/api/suggest?q=kh", 200),
    ("/api/suggest?q=a&q=b", 400),
    ("/api/procedures/1.001193", 200),
    ("/api/procedures/0.000000", 404),
    ("/api/communes", 200),
    ("/api/communes?q=thanh+minh", 200),
    ("/api/communes?x=1", 400),
    ("/healthz", 200),
    ("/api/openapi.json", 200),
]


def documented_routes(document):
    return {(path, method.upper()) for path, item in document["paths"].items() for method in item}


def app_routes(app):
    return {(openapi_path(rule.rule), method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_is_documented_and_every_documented_route_exists(app, client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert app_routes(app) == documented_routes(document)


def test_path_parameters_are_documented(client):
    document = client.get("/api/openapi.json").get_json()
    for path, item in document["paths"].items():
        named = {p["name"] for p in item["get"]["parameters"] if p["in"] == "path"}
        assert named == {part[1:-1] for part in path.split("/") if part.startswith("{")}


def test_schemas_are_valid_json_schema(client):
    document = client.get("/api/openapi.json").get_json()
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("url, status", SAMPLES, ids=[f"{s}-{u[:50]}" for u, s in SAMPLES])
def test_answers_match_the_documented_shape(app, client, url, status):
    document = client.get("/api/openapi.json").get_json()
    response = client.post(url) if status == 405 else client.get(url)
    assert response.status_code == status
    path = openapi_path(app.url_map.bind("localhost").match(url.split("?")[0], return_rule=True)[0].rule)
    documented = document["paths"][path]["get"]["responses"]
    assert str(status) in documented
    schema = documented[str(status)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.get_json())]
    assert errors == []


def test_an_undocumented_field_in_an_answer_would_be_caught(client):
    document = client.get("/api/openapi.json").get_json()
    schema = document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    answer = {**client.get("/healthz").get_json(), "debug": True}
    assert not validator.is_valid(answer)
