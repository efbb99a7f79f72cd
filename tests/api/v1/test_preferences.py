"""Resident preferences (适老化 elderly mode): kept with the account, shown at login and in the profile."""

from __future__ import annotations

import pytest

from tests.helpers import assert_error, bearer, sms_login

PREFERENCES = "/api/v1/me/preferences"


@pytest.fixture
def resident(app, client) -> dict[str, str]:
    return bearer(sms_login(app, client)["access_token"])


def test_elderly_mode_is_off_until_turned_on_and_follows_the_account(app, client, resident):
    assert client.get(PREFERENCES, headers=resident).get_json() == {"elderly_mode": False}
    assert client.get("/api/v1/me", headers=resident).get_json()["elderly_mode"] is False
    changed = client.put(PREFERENCES, json={"elderly_mode": True}, headers=resident)
    assert (changed.status_code, changed.get_json()) == (200, {"elderly_mode": True})
    assert client.get(PREFERENCES, headers=resident).get_json() == {"elderly_mode": True}
    assert client.get("/api/v1/me", headers=resident).get_json()["elderly_mode"] is True
    wechat = {"method": "wechat", "code": "sbx:openid-1", "phone_code": "sbx:13800138000"}
    on_another_phone = client.post("/api/v1/auth/sessions", json=wechat).get_json()
    assert on_another_phone["resident"]["elderly_mode"] is True  # learnt at login
    neighbour = bearer(sms_login(app, client, "13900139000")["access_token"])
    assert client.get(PREFERENCES, headers=neighbour).get_json() == {"elderly_mode": False}
    assert client.put(PREFERENCES, json={"elderly_mode": False}, headers=resident).get_json() == {"elderly_mode": False}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "elderly_mode"),
        ({"elderly_mode": "sometimes"}, "elderly_mode"),
        ({"elderly_mode": True, "font": 2}, "font"),
    ],
)
def test_bad_preferences_are_400(client, resident, body, field):
    response = client.put(PREFERENCES, json=body, headers=resident)
    assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_login_is_required(client):
    assert_error(client.get(PREFERENCES), 401, "AUTH_REQUIRED")
    assert_error(client.put(PREFERENCES, json={"elderly_mode": True}), 401, "AUTH_REQUIRED")
