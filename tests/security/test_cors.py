"""CORS: off by default (the H5 site is same-origin); with CORS_ORIGINS, only the listed origins, never with
credentials (tokens are bearer headers, not cookies)."""

from __future__ import annotations

import pytest

from config import TestConfig

ALLOWED = "https://gov.example.cn"
OTHER = "https://evil.example"


@pytest.fixture
def cors_client(build_app):
    return build_app(CORS_ORIGINS=(ALLOWED, "http://localhost:10086")).test_client()


def cors_headers(response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower().startswith("access-control-")}


def preflight(client, origin: str, path: str = "/api/v1/appointments"):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )


def test_no_cors_headers_without_configured_origins(client):
    assert client.application.config["CORS_ORIGINS"] == ()
    response = client.get("/api/v1/halls", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert cors_headers(preflight(client, ALLOWED)) == {}


def test_a_listed_origin_is_echoed_without_credentials(cors_client):
    response = cors_client.get("/api/v1/halls", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in response.vary
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]


def test_errors_carry_the_cors_headers_too(cors_client):
    response = cors_client.get("/api/v1/me", headers={"Origin": ALLOWED})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


@pytest.mark.parametrize("origin", [OTHER, f"{ALLOWED}.evil.example", "null", ALLOWED.replace("https", "http")])
def test_other_origins_get_no_cors_headers(cors_client, origin):
    response = cors_client.get("/api/v1/halls", headers={"Origin": origin})
    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert "Origin" in response.vary  # a shared cache must not hand one origin's answer to another
    assert "Access-Control-Allow-Origin" not in preflight(cors_client, origin).headers


def test_a_preflight_from_a_listed_origin_is_answered(cors_client):
    response = preflight(cors_client, ALLOWED)
    assert response.status_code == 204
    assert response.data == b""
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    allowed_headers = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "idempotency-key", "x-device-token", "x-request-id"} <= allowed_headers
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_cors_is_for_the_api_only(cors_client):
    response = cors_client.get("/healthz", headers={"Origin": ALLOWED})
    assert cors_headers(response) == {}


def test_the_setting_is_a_comma_separated_list_of_exact_origins():
    config = TestConfig({"CORS_ORIGINS": f" {ALLOWED}/ , http://localhost:10086,"})
    assert config.CORS_ORIGINS == (ALLOWED, "http://localhost:10086")
