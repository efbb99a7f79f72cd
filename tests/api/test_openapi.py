from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def spec(client) -> dict:
    response = client.get("/api/docs/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_spec_lists_the_health_probes(spec):
    assert {"/healthz", "/readyz"} <= set(spec["paths"])


def test_every_operation_declares_the_error_body(spec):
    error_ref = {"$ref": "#/components/schemas/Error"}
    assert spec["components"]["responses"]["DEFAULT_ERROR"]["content"]["application/json"]["schema"] == error_ref
    for path, method, operation in operations(spec):
        assert operation["responses"]["default"] == {"$ref": "#/components/responses/DEFAULT_ERROR"}, (path, method)


def test_error_schema_is_the_one_error_body(spec):
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "message", "request_id", "details"}


def test_request_schemas_forbid_unknown_properties(spec):
    for name, schema in spec["components"]["schemas"].items():
        if schema.get("type") == "object" and "properties" in schema:
            assert schema.get("additionalProperties") is False, name


def test_readyz_documents_its_503(spec):
    assert "503" in spec["paths"]["/readyz"]["get"]["responses"]


@pytest.mark.parametrize("path", ["/api/docs", "/api/docs/"])
def test_swagger_ui_is_served_without_a_redirect(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "/api/docs/swagger-ui/swagger-ui-bundle.js" in page
    assert "/api/docs/openapi.json" in page


def test_swagger_ui_assets_are_local(client):
    with client.get("/api/docs/swagger-ui/swagger-ui-bundle.js") as response:
        assert response.status_code == 200
        assert len(response.data) > 100_000


def test_the_frontend_types_were_generated_from_this_spec(spec):
    """miniprogram/openapi.json feeds the frontend's generated types (schema.d.ts); a stale copy means drift."""
    checked_in = json.loads((Path(__file__).parents[2] / "miniprogram" / "openapi.json").read_text())
    assert checked_in == spec, "the API changed: run `make api-types` and commit both files"
