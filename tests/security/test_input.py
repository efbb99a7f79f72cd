"""Rows 17 and 20 of the security table on a real endpoint and across the spec: oversized, deeply nested, form
and wrong-method requests get the one JSON error body (never a 500 or HTML); no list serves more than 100 rows."""

from __future__ import annotations

import pytest

from tests.helpers import assert_error
from tests.security.spec import openapi_spec

SMS_CODES = "/api/v1/auth/sms-codes"
TWO_MB = 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"data": b'{"phone": "' + b"1" * TWO_MB + b'"}', "content_type": "application/json"}, 413,
         "PAYLOAD_TOO_LARGE"),
        ({"data": "[" * 100_000 + "]" * 100_000, "content_type": "application/json"}, 400, "MALFORMED_JSON"),
        ({"data": {"phone": "13800138000", "purpose": "login"}}, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ],
    ids=["2 MB body", "100k-deep JSON", "form body"],
)  # fmt: skip
def test_hostile_bodies_get_a_json_error(client, request_kwargs, status, code):
    assert_error(client.post(SMS_CODES, **request_kwargs), status, code)


def test_put_on_a_post_route_is_405_naming_post(client):
    response = client.put(SMS_CODES, json={"phone": "13800138000", "purpose": "login"})
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in response.headers["Allow"]


def test_every_paged_list_is_capped_at_100(client):
    spec = openapi_spec(client.application)
    caps = {
        f"{method.upper()} {path}": parameter["schema"].get("maximum")
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
        if parameter.get("name") == "page_size"
    }
    assert len(caps) >= 10
    assert {operation: cap for operation, cap in caps.items() if cap is None or cap > 100} == {}


def test_a_page_size_of_100000_is_400(client):
    body = assert_error(client.get("/api/v1/items?page_size=100000"), 400, "VALIDATION_ERROR")
    assert "page_size" in body["details"]["fields"]
