"""Notification settings, send credits and the development outbox (issue 5)."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import notify
from tests.helpers import assert_error, bearer, last_sms_code, sms_login

SETTINGS = "/api/v1/me/notification-settings"
SUBSCRIPTIONS = "/api/v1/me/subscriptions"


@pytest.fixture
def resident(app, client) -> dict[str, str]:
    return bearer(sms_login(app, client)["access_token"])


class TestSettings:
    def test_defaults_then_a_partial_change(self, client, resident):
        assert client.get(SETTINGS, headers=resident).get_json() == {
            "channel": "auto",
            "reminders": True,
            "progress": True,
        }
        changed = client.put(SETTINGS, json={"reminders": False}, headers=resident).get_json()
        assert changed == {"channel": "auto", "reminders": False, "progress": True}
        assert client.get(SETTINGS, headers=resident).get_json()["reminders"] is False

    @pytest.mark.parametrize(
        ("body", "field"),
        [({"channel": "pigeon"}, "channel"), ({"reminders": "sometimes"}, "reminders"), ({"quiet": True}, "quiet")],
    )
    def test_bad_settings_are_400(self, client, resident, body, field):
        response = client.put(SETTINGS, json=body, headers=resident)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]

    def test_login_is_required(self, client):
        assert_error(client.get(SETTINGS), 401, "AUTH_REQUIRED")


class TestSubscriptions:
    def test_each_accepted_template_is_one_credit(self, client, resident):
        body = {"channel": "wechat", "template_ids": ["wx-appointment_reminder", "wx-application_progress"]}
        assert client.post(SUBSCRIPTIONS, json=body, headers=resident).get_json() == {
            "channel": "wechat",
            "credits": {"appointment_reminder": 1, "application_progress": 1},
        }
        again = client.post(SUBSCRIPTIONS, json={**body, "template_ids": body["template_ids"][:1]}, headers=resident)
        assert again.get_json()["credits"]["appointment_reminder"] == 2

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"channel": "wechat", "template_ids": ["forged"]}, "template_ids[0]"),
            ({"channel": "wechat", "template_ids": []}, "template_ids"),
            ({"channel": "email", "template_ids": ["wx-appointment_reminder"]}, "channel"),
            ({"channel": "alipay", "template_ids": ["wx-appointment_reminder"]}, "template_ids[0]"),
        ],
    )
    def test_bad_subscriptions_are_400(self, client, resident, body, field):
        response = client.post(SUBSCRIPTIONS, json=body, headers=resident)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]


class TestDevOutbox:
    def test_a_new_user_reads_their_login_code_and_notifications(self, app, client):
        login = sms_login(app, client, "13900139000")
        items = client.get("/api/v1/dev/outbox", query_string={"phone": "13900139000"}).get_json()["items"]
        assert items[0]["template"] == "otp" and f"验证码为{last_sms_code(app, '13900139000')}" in items[0]["text"]
        with app.app_context():
            notify.notify(
                login["resident"]["id"],
                "application_progress",
                {"item": "社会保障卡申领", "serial": "SB20261123001", "status": "已受理"},
                idempotency_key="application:1:accepted",
            )
            db.session.commit()
        items = client.get("/api/v1/dev/outbox", query_string={"phone": "13900139000"}).get_json()["items"]
        outbox = [item for item in items if item["source"] == "outbox"]
        assert outbox[0]["text"] == "您的社会保障卡申领申请（SB20261123001）已受理。"
        assert outbox[0]["status"] == "queued"  # queued in a plain app context: nobody ran its job yet

    def test_an_unknown_phone_has_nothing(self, client):
        assert client.get("/api/v1/dev/outbox", query_string={"phone": "13700137000"}).get_json() == {"items": []}

    def test_a_bad_phone_is_400(self, client):
        assert_error(client.get("/api/v1/dev/outbox", query_string={"phone": "12345"}), 400, "INVALID_PHONE")

    def test_it_does_not_exist_in_production(self, build_app):
        prod = build_app(ENV_NAME="production")
        assert not [rule.rule for rule in prod.url_map.iter_rules() if rule.rule.startswith("/api/v1/dev/")]
        assert_error(prod.test_client().get("/api/v1/dev/outbox?phone=13800138000"), 404, "NOT_FOUND")
