"""The API against its own OpenAPI document, with inputs schemathesis generates: never a
5xx, and every answer matches the documented status codes, content type and schema; data
outside the schema is rejected with a 4xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from tests.conftest import FIXTURE_PROCEDURES


def _app():
    # Built here (not from a fixture): schemathesis needs the schema when tests are collected.
    import tempfile
    from pathlib import Path

    from api.index import publish_index
    from generator.catalogue.load import load_catalogue

    root = Path(tempfile.mkdtemp(prefix="niemyet-schemathesis-")) / "index"
    publish_index(load_catalogue(FIXTURE_PROCEDURES), root)
    return create_app({"INDEX_DIR": str(root)})


APP = _app()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    # A commune or field that does not exist is valid for the schema (free text) but gets a
    # 400 naming it, which is what a resident needs; every other check stays on.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
