"""Aliyun SMS adapter against a fake Dysms API on 127.0.0.1.

The fake recomputes the RPC v1 HMAC-SHA1 signature from the form it received
(its own code, not app.providers.signing) and answers with Aliyun's shapes:
``{"Code": "OK", "BizId", ...}``, business refusals with HTTP 200 and other
``Code`` values, signature and common-parameter errors with HTTP 400.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import time
import uuid
from calendar import timegm
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from werkzeug.wrappers import Request, Response

from app.providers import ProviderConfigError, build
from app.providers.aliyun import AliyunSms
from app.providers.base import ProviderError

KEY_ID = "LTAI5tPalmGovTestKeyId"
KEY_SECRET = "palmgov-test-access-key-secret"
PHONE = "13800138000"
BIZ_ID = "900619746936498440^0"

Answer = Callable[[dict[str, str]], dict[str, Any]]


# --- the fake Dysms API ------------------------------------------------------------


def _pct(value: str) -> str:
    return quote(value, safe="~")  # RFC 3986 unreserved kept; space -> %20, * -> %2A, / -> %2F


def expected_signature(method: str, params: dict[str, str], secret: str) -> str:
    canonical = "&".join(f"{_pct(k)}={_pct(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&%2F&{_pct(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class DysmsFake:
    """A WSGI handler for ``SendSms``; ``answer`` gives the body for a request that passes the checks."""

    def __init__(self, answer: Answer | None = None) -> None:
        self.answer = answer or ok_answer
        self.nonces: set[str] = set()

    def __call__(self, request: Request) -> Response:
        request_id = str(uuid.uuid4()).upper()
        problem = self.problem(request)
        if problem is not None:
            body = {"Code": problem[0], "Message": problem[1], "RequestId": request_id, "HostId": "dysmsapi"}
            return Response(json.dumps(body), status=400, content_type="application/json")
        body = {**self.answer(request.form.to_dict()), "RequestId": request_id}
        return Response(json.dumps(body, ensure_ascii=False), status=200, content_type="application/json")

    def problem(self, request: Request) -> tuple[str, str] | None:
        if request.method != "POST" or request.mimetype != "application/x-www-form-urlencoded":
            return "UnsupportedHTTPMethod", "SendSms is called with a form POST here"
        form = request.form.to_dict()
        signature = form.pop("Signature", "")
        if form.get("AccessKeyId") != KEY_ID:
            return "InvalidAccessKeyId.NotFound", "Specified access key is not found."
        for name, value in (("Format", "JSON"), ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0")):
            if form.get(name) != value:
                return "InvalidParameter", f"{name} must be {value}"
        if not _recent(form.get("Timestamp", "")):
            return "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."
        if not hmac.compare_digest(expected_signature("POST", form, KEY_SECRET), signature):
            return "SignatureDoesNotMatch", "Specified signature does not match our calculation."
        if form.get("SignatureNonce", "") in self.nonces:
            return "SignatureNonceUsed", "Specified signature nonce was used already."
        self.nonces.add(form["SignatureNonce"])
        if form.get("Action") != "SendSms" or form.get("Version") != "2017-05-25":
            return "InvalidAction.NotFound", "Specified api is not found, please check your url and method."
        return None


def _recent(timestamp: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", timestamp):
        return False
    return abs(time.time() - timegm(time.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ"))) <= 900


def ok_answer(form: dict[str, str]) -> dict[str, Any]:
    return {"Code": "OK", "Message": "OK", "BizId": BIZ_ID}


def refusal(code: str, message: str) -> Answer:
    return lambda form: {"Code": code, "Message": message}


def config(url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "ALIYUN_ACCESS_KEY_ID": KEY_ID,
        "ALIYUN_ACCESS_KEY_SECRET": KEY_SECRET,
        "ALIYUN_SMS_ENDPOINT": url,
        "ALIYUN_SMS_SIGN_NAME": "掌上政务",
        "NOTIFY_TEMPLATE_CODES": json.dumps({"otp": {"aliyun": "SMS_154950909"}}),
        "PROVIDER_TIMEOUT_SECONDS": 2.0,
        **overrides,
    }


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def send(sms: AliyunSms, phone: str = PHONE) -> Any:
    return sms.send(phone, "otp", {"code": "123456"}, idempotency_key="otp:42:abc")


# --- tests -------------------------------------------------------------------------


def test_send_posts_a_signed_form_and_returns_the_biz_id(fake_server):
    server = fake_server(DysmsFake())
    sms = AliyunSms.from_config(config(server.url + "/"))

    receipt = send(sms)

    assert receipt.provider_msg_id == BIZ_ID
    assert receipt.provider_code == "OK"
    [request] = server.requests
    form = request.form.to_dict()
    assert {k: form[k] for k in ("Action", "Version", "PhoneNumbers", "SignName", "TemplateCode", "OutId")} == {
        "Action": "SendSms",
        "Version": "2017-05-25",
        "PhoneNumbers": PHONE,
        "SignName": "掌上政务",
        "TemplateCode": "SMS_154950909",
        "OutId": "otp:42:abc",
    }
    assert form["TemplateParam"] == '{"code":"123456"}'
    assert uuid.UUID(form["SignatureNonce"]).version == 4
    assert request.query_string == b""


def test_timestamp_is_utc_from_the_injected_clock(fake_server):
    server = fake_server(DysmsFake())
    now = float(int(time.time()) - 60)
    send(AliyunSms.from_config(config(server.url), clock=lambda: now))
    assert server.requests[0].form["Timestamp"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))


def test_every_send_has_a_fresh_nonce(fake_server):
    server = fake_server(DysmsFake())
    sms = AliyunSms.from_config(config(server.url))
    send(sms)
    send(sms)
    nonces = {request.form["SignatureNonce"] for request in server.requests}
    assert len(nonces) == 2


@pytest.mark.parametrize(
    ("code", "message", "retryable"),
    [
        ("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5", True),
        ("isv.DAY_LIMIT_CONTROL", "触发日发送限额", False),
        ("isv.AMOUNT_NOT_ENOUGH", "账户余额不足", False),
    ],
)
def test_flow_control_is_retryable_but_daily_limits_and_arrears_are_final(fake_server, code, message, retryable):
    server = fake_server(DysmsFake(refusal(code, message)))

    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))

    assert caught.value.provider == "aliyun"
    assert caught.value.code == code
    assert caught.value.retryable is retryable
    assert caught.value.rejected is False
    assert caught.value.maybe_sent is False
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "code", ["isv.TEMPLATE_MISSING_PARAMETERS", "isv.SMS_TEMPLATE_ILLEGAL", "isv.PARAM_LENGTH_LIMIT"]
)
def test_template_refusals_are_rejected_and_final(fake_server, code):
    server = fake_server(DysmsFake(refusal(code, "模板错误")))
    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))
    assert (caught.value.code, caught.value.rejected, caught.value.retryable) == (code, True, False)


def test_illegal_mobile_number_is_rejected_without_echoing_it(fake_server):
    server = fake_server(DysmsFake(refusal("isv.MOBILE_NUMBER_ILLEGAL", f"非法手机号 {PHONE}")))

    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))

    assert caught.value.code == "isv.MOBILE_NUMBER_ILLEGAL"
    assert caught.value.rejected is True
    assert caught.value.retryable is False
    assert PHONE not in str(caught.value)


def test_wrong_secret_is_refused_by_the_signature_check(fake_server):
    server = fake_server(DysmsFake())

    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url, ALIYUN_ACCESS_KEY_SECRET="not-the-secret")))

    assert caught.value.code == "SignatureDoesNotMatch"
    assert caught.value.retryable is False
    assert len(server.requests) == 1


def test_stale_clock_is_refused(fake_server):
    server = fake_server(DysmsFake())

    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url), clock=lambda: time.time() - 3600))

    assert caught.value.code == "InvalidTimeStamp.Expired"
    assert caught.value.retryable is False


def test_throttling_is_retryable(fake_server):
    server = fake_server(DysmsFake(refusal("Throttling.User", "Request was denied due to user flow control.")))
    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))
    assert caught.value.retryable is True


def test_ok_without_a_biz_id_is_not_retryable(fake_server):
    server = fake_server(DysmsFake(lambda form: {"Code": "OK", "Message": "OK"}))
    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))
    assert caught.value.code == "BAD_ANSWER"
    assert caught.value.retryable is False


def test_server_error_is_retryable_and_not_retried(fake_server):
    server = fake_server(lambda request: Response("ServiceUnavailable", status=503))

    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(server.url)))

    assert caught.value.code == "HTTP_503"
    assert caught.value.retryable is True
    assert len(server.requests) == 1


def test_closed_port_is_a_retryable_network_error():
    with pytest.raises(ProviderError) as caught:
        send(AliyunSms.from_config(config(closed_port_url())))
    assert caught.value.code == "NETWORK"
    assert caught.value.retryable is True


@pytest.mark.parametrize("phone", ["+8613800138000", "8613800138000", "1380013800", "12800138000", "13800138000 "])
def test_refuses_a_phone_that_is_not_11_mainland_digits_without_calling(phone):
    sms = AliyunSms.from_config(config(closed_port_url()))  # a call would fail with NETWORK
    with pytest.raises(ProviderError) as caught:
        send(sms, phone)
    assert caught.value.code == "INVALID_PHONE"
    assert caught.value.rejected is True


@pytest.mark.parametrize(
    ("template", "params", "code"),
    [
        ("welcome", {"code": "123456"}, "UNKNOWN_TEMPLATE"),
        ("otp", {"otp": "123456"}, "TEMPLATE_PARAMS"),
        ("otp", {"code": "12 34"}, "TEMPLATE_PARAMS"),
        ("rating_reply", {"item": "居住证办理", "reply": "感谢您的评价" * 4}, "TEMPLATE_PARAMS"),
    ],
)
def test_template_must_be_known_with_exactly_its_params_and_values_that_fit(template, params, code):
    sms = AliyunSms.from_config(config(closed_port_url()))  # a call would fail with NETWORK
    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, template, params, idempotency_key="k")
    assert (caught.value.code, caught.value.rejected, caught.value.retryable) == (code, True, False)
    assert "12 34" not in str(caught.value)  # values (login codes) stay out of messages


def test_a_notification_template_sends_its_registry_code_and_params_in_order(fake_server):
    server = fake_server(DysmsFake())
    sms = AliyunSms.from_config(config(server.url))

    sms.send(
        PHONE,
        "appointment_booked",
        {"hall": "市民中心", "time": "2026-11-23 09:30", "item": "居住证办理"},
        idempotency_key="n:7",
    )

    form = server.requests[0].form
    assert form["TemplateCode"] == "SMS_PALMGOV_APPOINTMENT_BOOKED"  # the registry's placeholder
    assert form["TemplateParam"] == '{"item":"居住证办理","time":"2026-11-23 09:30","hall":"市民中心"}'


def test_notify_template_codes_override_changes_the_code_sent(fake_server):
    server = fake_server(DysmsFake())
    codes = {"otp": {"aliyun": "SMS_154950909"}, "rating_reply": {"aliyun": "SMS_200000001"}}
    sms = AliyunSms.from_config(config(server.url, NOTIFY_TEMPLATE_CODES=json.dumps(codes)))

    sms.send(PHONE, "rating_reply", {"item": "居住证办理", "reply": "已处理"}, idempotency_key="n:8")
    send(sms)

    assert [request.form["TemplateCode"] for request in server.requests] == ["SMS_200000001", "SMS_154950909"]


def test_an_unreadable_notify_template_codes_is_a_config_error():
    with pytest.raises(ProviderConfigError, match="NOTIFY_TEMPLATE_CODES"):
        AliyunSms.from_config(config("https://dysmsapi.aliyuncs.com/", NOTIFY_TEMPLATE_CODES='{"otp": "SMS_1"}'))


@pytest.mark.parametrize("missing", ["ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME"])
def test_from_config_names_the_missing_settings(missing):
    with pytest.raises(ProviderConfigError) as caught:
        AliyunSms.from_config(config("https://dysmsapi.aliyuncs.com/", **{missing: ""}))
    assert missing in str(caught.value)


def test_from_config_refuses_an_endpoint_with_a_path():
    with pytest.raises(ProviderConfigError, match="ALIYUN_SMS_ENDPOINT"):
        AliyunSms.from_config(config("https://dysmsapi.aliyuncs.com/api?x=1"))


def test_registry_builds_the_aliyun_adapter():
    sms = build("SMS_PROVIDER", config("https://dysmsapi.aliyuncs.com/", SMS_PROVIDER="aliyun"))
    assert isinstance(sms, AliyunSms)
    assert sms.endpoint == "https://dysmsapi.aliyuncs.com/"
