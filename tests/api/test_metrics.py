"""GET /metrics (docs/metrics.md): off unless enabled, a bearer token when one is set, and scrapes that reflect
the requests, queues and provider failures that really happened."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Window
from app.providers.base import ProviderError
from tests.app.test_metrics import scraped
from tests.booking_helpers import QUEUE_OPEN
from tests.helpers import assert_error, bearer
from tests.queue_helpers import city as city
from tests.queue_helpers import hall as hall
from tests.queue_helpers import kiosk_headers
from tests.staff_helpers import create_staff, staff_headers

TOKEN = "metrics-token-for-the-tests-0123456789"
REQUESTS = "palmgov_http_request_duration_seconds_count"


@pytest.fixture
def enabled(app):
    app.config["METRICS_ENABLED"] = True
    return app


def scrape(client, **headers: str) -> dict[tuple, float]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "text/plain"
    return scraped(response.get_data(as_text=True))


def timed(values: dict[tuple, float], method: str, endpoint: str, status: int) -> float | None:
    return values.get((REQUESTS, ("endpoint", endpoint), ("method", method), ("status", str(status))))


class TestProtection:
    def test_off_by_default_is_the_json_404(self, client):
        assert_error(client.get("/metrics"), 404, "NOT_FOUND")

    def test_with_a_token_a_scrape_without_it_is_401(self, enabled, client):
        enabled.config["METRICS_TOKEN"] = TOKEN
        assert_error(client.get("/metrics"), 401, "AUTH_REQUIRED")
        assert_error(client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"}), 401, "AUTH_REQUIRED")

    def test_with_a_token_a_wrong_one_is_401(self, enabled, client):
        enabled.config["METRICS_TOKEN"] = TOKEN
        assert_error(client.get("/metrics", headers=bearer(TOKEN + "x")), 401, "AUTH_INVALID_TOKEN")
        assert_error(client.get("/metrics", headers=bearer(TOKEN[:-1])), 401, "AUTH_INVALID_TOKEN")

    def test_with_the_token_it_answers(self, enabled, client):
        enabled.config["METRICS_TOKEN"] = TOKEN
        scrape(client, **bearer(TOKEN))

    def test_not_in_the_api_spec(self, client):
        assert "/metrics" not in client.get("/api/docs/openapi.json").get_json()["paths"]


def test_each_request_is_timed_under_its_route_never_its_raw_path(enabled, client):
    for _ in range(2):
        assert client.get("/healthz").status_code == 200
    client.get("/api/v1/halls/987654")
    client.get("/api/v1/no-such-thing")
    values = scrape(client)
    assert timed(values, "GET", "/healthz", 200) == 2
    assert timed(values, "GET", "/api/v1/halls/<id:hall_id>", 404) == 1
    assert timed(values, "GET", "<unmatched>", 404) == 1
    assert not [key for key in values if "987654" in str(key) or "no-such-thing" in str(key)]
    # The scrape is counted after its answer: the next one sees it.
    assert timed(scrape(client), "GET", "/metrics", 200) == 1


def test_a_login_provider_down_is_counted(enabled, client, monkeypatch):
    def down(code):
        raise ProviderError("wechat", "NETWORK", "ReadTimeout", retryable=True, maybe_sent=True)

    monkeypatch.setattr(enabled.extensions["palmgov.providers"]["WECHAT_LOGIN_PROVIDER"], "exchange_code", down)
    assert_error(client.post("/api/v1/auth/sessions", json={"method": "wechat", "code": "sbx:a"}), 503,
                 "PROVIDER_UNAVAILABLE")  # fmt: skip
    assert scrape(client)["palmgov_provider_failures_total", ("kind", "login"), ("provider", "wechat")] == 1


def test_queue_gauges_follow_the_waiting_tickets_and_a_call_observes_the_wait(city, client, hall):
    city.config["METRICS_ENABLED"] = True
    kiosk = kiosk_headers(city, hall)
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    with city.app_context():
        window = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
    for key in ("k-1", "k-2"):
        taken = client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": key})
        assert taken.status_code == 201, taken.get_json()
    values = scrape(client)
    waiting = {key[1:]: value for key, value in values.items() if key[0] == "palmgov_queue_waiting"}
    assert waiting[("hall", "H1"), ("line", "A")] == 2
    assert sum(waiting.values()) == 2  # every other line of every hall is there, empty
    assert (("hall", "H2"), ("line", "A")) in waiting

    with time_machine.travel(QUEUE_OPEN + timedelta(minutes=4), tick=False):
        called = client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
        assert called.status_code == 200, called.get_json()
        values = scrape(client)
    assert values["palmgov_queue_waiting", ("hall", "H1"), ("line", "A")] == 1
    assert values["palmgov_queue_wait_seconds_count", ("hall", "H1")] == 1
    assert values["palmgov_queue_wait_seconds_sum", ("hall", "H1")] == 240
    assert values["palmgov_queue_wait_seconds_bucket", ("hall", "H1"), ("le", "120.0")] == 0
    assert values["palmgov_queue_wait_seconds_bucket", ("hall", "H1"), ("le", "300.0")] == 1
