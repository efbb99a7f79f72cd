"""Security headers on every kind of answer: API JSON (success and errors), the H5 page and its files, the
HTML pages the API serves (Swagger UI), and HSTS only over https."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from api.security_headers import API_POLICY
from app.extensions import db
from tests.helpers import bearer, resident_token

H5_PAGE = """<!DOCTYPE html><html><head><script>document.documentElement.style.fontSize = "20px"</script>
<script src="/js/app.js"></script></head><body><div id="app"></div></body></html>"""


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def sha256_source(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def assert_common(response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert directives(response.headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert "Strict-Transport-Security" not in response.headers  # plain http


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/halls", 200),
        ("get", "/healthz", 200),
        ("get", "/api/v1/nothing-here", 404),
        ("put", "/api/v1/auth/sms-codes", 405),
        ("get", "/api/v1/me", 401),
    ],
)
def test_api_answers_are_not_stored_sniffed_or_framed(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert_common(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"] == API_POLICY


def test_personal_data_answers_are_no_store(app, client):
    with app.app_context():
        token = resident_token("13800138000")
        db.session.commit()
    response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"] == API_POLICY


def test_the_h5_page_allows_exactly_its_inline_script(build_app, tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "index.html").write_text(H5_PAGE, encoding="utf-8")
    (tmp_path / "js" / "app.js").write_text("console.log(1)")
    client = build_app(FRONTEND_DIR=str(tmp_path)).test_client()
    with client.get("/") as page:
        assert page.status_code == 200
        assert_common(page)
        policy = directives(page.headers["Content-Security-Policy"])
    inline = re.search(r"<script>(.*?)</script>", H5_PAGE).group(1)
    assert policy["script-src"] == ["'self'", sha256_source(inline)]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["connect-src"] == ["'self'", "blob:"]  # Taro's H5 upload reads the chosen file's blob: URL
    assert set(policy["img-src"]) == {"'self'", "data:", "blob:"}  # QR codes drawn in the page, photo previews
    with client.get("/js/app.js") as script:
        assert_common(script)


def test_a_new_build_gets_the_hash_of_its_new_script(build_app, tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<html><script>var a = 1</script></html>", encoding="utf-8")
    client = build_app(FRONTEND_DIR=str(tmp_path)).test_client()
    with client.get("/") as first:
        assert sha256_source("var a = 1") in first.headers["Content-Security-Policy"]
    page.write_text("<html><script>var a = 22</script></html>", encoding="utf-8")
    with client.get("/") as second:
        policy = second.headers["Content-Security-Policy"]
    assert sha256_source("var a = 22") in policy and sha256_source("var a = 1") not in policy


def test_swagger_ui_runs_its_own_inline_script_only(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert_common(response)
    page = response.get_data(as_text=True)
    inline = [s for s in re.findall(r"<script(?![^>]*src=)[^>]*>(.*?)</script>", page, re.DOTALL) if s.strip()]
    assert inline, "Swagger UI starts from an inline script"
    script_src = directives(response.headers["Content-Security-Policy"])["script-src"]
    assert script_src == ["'self'", *(sha256_source(s) for s in inline)]


@pytest.mark.parametrize("trusted", [0, 1])
def test_hsts_only_over_https_from_a_trusted_proxy(build_app, trusted):
    client = build_app(TRUSTED_PROXY_COUNT=trusted).test_client()
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    forwarded = client.get("/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    if trusted:
        assert forwarded.headers["Strict-Transport-Security"] == "max-age=31536000"
    else:  # a client cannot claim https by itself
        assert "Strict-Transport-Security" not in forwarded.headers
    direct = client.get("/healthz", base_url="https://localhost")
    assert direct.headers["Strict-Transport-Security"] == "max-age=31536000"
