from tests.helpers import assert_error


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_when_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_readyz_names_redis_when_it_is_down(build_app):
    client = build_app(redis_url="redis://127.0.0.1:1/0").test_client()
    body = assert_error(client.get("/readyz"), 503, "NOT_READY")
    assert body["details"]["checks"] == {"database": "ok", "redis": "down"}


def test_readyz_names_the_database_when_it_is_down(build_app):
    client = build_app(database_url="postgresql://postgres@127.0.0.1:1/palmgov").test_client()
    body = assert_error(client.get("/readyz"), 503, "NOT_READY")
    assert body["details"]["checks"] == {"database": "down", "redis": "ok"}


def test_health_probes_are_not_rate_limited(build_app):
    client = build_app(RATE_LIMIT_PER_IP=1).test_client()
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 200]
