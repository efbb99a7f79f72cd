"""Tencent Cloud SMS and FaceID adapters against a fake API on 127.0.0.1.

The fake recomputes TC3-HMAC-SHA256 from what it received (its own code, not
app.providers.signing) and answers with Tencent's shapes: HTTP 200 with
``{"Response": {..., "RequestId"}}``, failures in ``Response.Error`` or, for SMS,
per number in ``SendStatusSet``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

from app.providers import ProviderConfigError, build
from app.providers.base import FaceSession, FaceStart, NotSupported, ProviderError
from app.providers.tencent import TencentFace, TencentSms

SECRET_ID = "AKIDpalmgovTESTsecretid"
SECRET_KEY = "palmgov-test-secret-key"
REGION = "ap-guangzhou"
PHONE = "13800138000"
ID_NUMBER = "11010519491231002X"
NAME = "张三"
OUTER_NO = "a" * 16 + "B" * 16
BIZ_TOKEN = "CE661F1A-0F1E-45BD-BE13-34C05CEA7681"
BEST_FRAME = "/9j/4AAQSkZJRgABAQAAAQABAAD-best-frame-image"

Action = Callable[[dict[str, Any]], dict[str, Any]]
_AUTHORIZATION = re.compile(
    r"TC3-HMAC-SHA256 Credential=(?P<id>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<service>[a-z]+)/tc3_request, "
    r"SignedHeaders=content-type;host, Signature=(?P<signature>[0-9a-f]{64})"
)


# --- the fake Tencent Cloud API --------------------------------------------------


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def expected_signature(request: Request, secret_key: str, date: str, service: str) -> str:
    """TC3 over what actually arrived: the Content-Type and Host headers as sent, the body as received."""
    canonical = (
        f"POST\n/\n\ncontent-type:{request.headers.get('Content-Type', '')}\nhost:{request.headers.get('Host', '')}\n"
        f"\ncontent-type;host\n{_sha256_hex(request.get_data())}"
    )
    timestamp = request.headers.get("X-TC-Timestamp", "")
    string_to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{_sha256_hex(canonical.encode())}"
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), service), "tc3_request")
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def auth_problem(request: Request, service: str, version: str, region: str | None) -> tuple[str, str] | None:
    """The error Tencent would answer for this request's signature and common parameters, if any."""
    match = _AUTHORIZATION.fullmatch(request.headers.get("Authorization", ""))
    if request.method != "POST" or request.path != "/" or match is None:
        return "AuthFailure.InvalidAuthorization", "Authorization is not a TC3-HMAC-SHA256 header"
    if match["id"] != SECRET_ID:
        return "AuthFailure.SecretIdNotFound", "The SecretId is not found"
    try:
        timestamp = int(request.headers.get("X-TC-Timestamp", ""))
    except ValueError:
        return "MissingParameter", "The request is missing a required parameter `Timestamp`"
    if abs(time.time() - timestamp) > 300:
        return "AuthFailure.SignatureExpire", "Signature expired. Timestamp is out of the 5 minute window"
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    if match["service"] != service or match["date"] != date:
        return "AuthFailure.SignatureFailure", "The credential scope does not match this service and day"
    if not hmac.compare_digest(expected_signature(request, SECRET_KEY, date, service), match["signature"]):
        return "AuthFailure.SignatureFailure", "The provided credentials could not be validated"
    if request.headers.get("X-TC-Version") != version:
        return "NoSuchVersion", "The requested version does not exist"
    if region is not None and request.headers.get("X-TC-Region") != region:
        return "UnsupportedRegion", "The region is missing or not supported"
    return None


class TencentFake:
    """A WSGI handler for one service; ``actions`` answer the Response body of each action."""

    def __init__(self, service: str, version: str, actions: dict[str, Action], *, region: str | None) -> None:
        self.service = service
        self.version = version
        self.actions = actions
        self.region = region
        self.sent: list[bytes] = []

    def __call__(self, request: Request) -> Response:
        request_id = str(uuid.uuid4())
        problem = auth_problem(request, self.service, self.version, self.region)
        action = self.actions.get(request.headers.get("X-TC-Action", ""))
        if problem is None and action is None:
            problem = ("InvalidAction", "The action does not exist")
        if problem is not None:
            body = {"Error": {"Code": problem[0], "Message": problem[1]}}
        else:
            body = action(json.loads(request.get_data()))  # type: ignore[misc]
        raw = json.dumps({"Response": {**body, "RequestId": request_id}}, ensure_ascii=False).encode()
        self.sent.append(raw)
        return Response(raw, status=200, content_type="application/json")


def error(code: str, message: str = "error") -> dict[str, Any]:
    return {"Error": {"Code": code, "Message": message}}


def config(url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "TENCENT_SECRET_ID": SECRET_ID,
        "TENCENT_SECRET_KEY": SECRET_KEY,
        "TENCENT_REGION": REGION,
        "TENCENT_SMS_ENDPOINT": url,
        "TENCENT_SMS_APP_ID": "1400787878",
        "TENCENT_SMS_SIGN_NAME": "掌上政务",
        "NOTIFY_TEMPLATE_CODES": json.dumps({"otp": {"tencent": "1234567"}}),
        "TENCENT_FACEID_ENDPOINT": url,
        "TENCENT_FACEID_RULE_ID": "7",
        "PROVIDER_TIMEOUT_SECONDS": 2.0,
        **overrides,
    }


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def assert_no_personal_data(exc: BaseException) -> None:
    text = str(exc)
    for value in (PHONE, ID_NUMBER, NAME):
        assert value not in text


# --- SMS -------------------------------------------------------------------------


def send_status(code: str = "Ok", message: str = "send success") -> Action:
    def answer(payload: dict[str, Any]) -> dict[str, Any]:
        ok = code == "Ok"
        status = {
            "SerialNo": "5000:1045710669157053657849499619" if ok else "",
            "PhoneNumber": payload["PhoneNumberSet"][0],
            "Fee": 1 if ok else 0,
            "SessionContext": payload.get("SessionContext", ""),
            "Code": code,
            "Message": message,
            "IsoCode": "CN",
        }
        return {"SendStatusSet": [status]}

    return answer


def sms_fake(action: Action | None = None) -> TencentFake:
    return TencentFake("sms", "2021-01-11", {"SendSms": action or send_status()}, region=REGION)


def test_sms_send_posts_a_signed_sendsms_and_returns_the_serial_no(fake_server):
    server = fake_server(sms_fake())
    sms = TencentSms.from_config(config(server.url))

    receipt = sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="otp:42:abc")

    assert receipt.provider_msg_id == "5000:1045710669157053657849499619"
    assert receipt.provider_code == "Ok"
    [request] = server.requests
    assert json.loads(request.get_data()) == {
        "PhoneNumberSet": ["+8613800138000"],
        "SmsSdkAppId": "1400787878",
        "SignName": "掌上政务",
        "TemplateId": "1234567",
        "TemplateParamSet": ["123456"],
        "SessionContext": "otp:42:abc",
    }
    assert request.headers["X-TC-Action"] == "SendSms"
    assert request.headers["X-TC-Version"] == "2021-01-11"
    assert request.headers["X-TC-Region"] == REGION
    assert request.headers["Host"] == server.url.removeprefix("http://")
    assert request.headers["Content-Type"] == "application/json"
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert f"Credential={SECRET_ID}/{today}/sms/tc3_request" in request.headers["Authorization"]


def test_sms_timestamp_comes_from_the_injected_clock(fake_server):
    server = fake_server(sms_fake())
    now = int(time.time()) - 120
    TencentSms.from_config(config(server.url), clock=lambda: now).send(
        PHONE, "otp", {"code": "123456"}, idempotency_key="k"
    )
    assert server.requests[0].headers["X-TC-Timestamp"] == str(now)


@pytest.mark.parametrize(
    ("code", "retryable"),
    [
        ("LimitExceeded.PhoneNumberThirtySecondLimit", True),
        ("LimitExceeded.PhoneNumberOneHourLimit", True),
        ("LimitExceeded.PhoneNumberDailyLimit", False),
        ("LimitExceeded.PhoneNumberSameContentDailyLimit", False),
    ],
)
def test_sms_per_number_limit_inside_a_200_is_retryable_unless_daily(fake_server, code, retryable):
    message = f"the number of sms messages sent from +86{PHONE} exceeds the upper limit"
    server = fake_server(sms_fake(send_status(code, message)))
    sms = TencentSms.from_config(config(server.url))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == code
    assert caught.value.provider == "tencent"
    assert caught.value.retryable is retryable
    assert caught.value.rejected is False
    assert caught.value.maybe_sent is False
    assert_no_personal_data(caught.value)
    assert len(server.requests) == 1


def test_sms_incorrect_phone_number_is_rejected(fake_server):
    server = fake_server(sms_fake(send_status("InvalidParameterValue.IncorrectPhoneNumber", "invalid mobile number")))
    sms = TencentSms.from_config(config(server.url))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "InvalidParameterValue.IncorrectPhoneNumber"
    assert caught.value.rejected is True
    assert caught.value.retryable is False


def test_sms_wrong_secret_is_refused_by_the_signature_check(fake_server):
    server = fake_server(sms_fake())
    sms = TencentSms.from_config(config(server.url, TENCENT_SECRET_KEY="not-the-secret"))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "AuthFailure.SignatureFailure"
    assert caught.value.retryable is False
    assert len(server.requests) == 1
    assert json.loads(server.handler.sent[0])["Response"]["Error"]["Code"] == "AuthFailure.SignatureFailure"


def test_sms_clock_off_by_more_than_five_minutes_is_signature_expire(fake_server):
    server = fake_server(sms_fake())
    sms = TencentSms.from_config(config(server.url), clock=lambda: time.time() - 600)

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "AuthFailure.SignatureExpire"
    assert caught.value.retryable is False


def test_sms_region_is_required():
    with pytest.raises(ProviderConfigError, match="TENCENT_REGION"):
        TencentSms.from_config(config("http://127.0.0.1:9", TENCENT_REGION=""))


def test_sms_top_level_rate_limit_is_retryable(fake_server):
    server = fake_server(sms_fake(lambda payload: error("RequestLimitExceeded", "too many requests")))
    sms = TencentSms.from_config(config(server.url))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "RequestLimitExceeded"
    assert caught.value.retryable is True


def test_sms_server_error_is_retryable_and_not_retried(fake_server):
    server = fake_server(lambda request: Response("upstream broke", status=500))
    sms = TencentSms.from_config(config(server.url))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "HTTP_500"
    assert caught.value.retryable is True
    assert len(server.requests) == 1


def test_sms_closed_port_is_a_retryable_network_error():
    sms = TencentSms.from_config(config(closed_port_url()))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "NETWORK"
    assert caught.value.retryable is True


@pytest.mark.parametrize(
    "phone", ["+8613800138000", "1380013800", "23800138000", "138001380001", "１３８００１３８０００"]
)
def test_sms_refuses_a_phone_that_is_not_11_mainland_digits_without_calling(phone):
    sms = TencentSms.from_config(config(closed_port_url()))  # a call would fail with NETWORK

    with pytest.raises(ProviderError) as caught:
        sms.send(phone, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "INVALID_PHONE"
    assert caught.value.rejected is True


@pytest.mark.parametrize(
    ("template", "params", "code"),
    [
        ("welcome", {"code": "123456"}, "UNKNOWN_TEMPLATE"),
        ("otp", {}, "TEMPLATE_PARAMS"),
        ("otp", {"code": "123456", "minutes": "5"}, "TEMPLATE_PARAMS"),
        ("ticket_near", {"number": "A017", "ahead": "三人"}, "TEMPLATE_PARAMS"),
    ],
)
def test_sms_template_must_be_known_with_exactly_its_params(template, params, code):
    sms = TencentSms.from_config(config(closed_port_url()))  # a call would fail with NETWORK

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, template, params, idempotency_key="k")

    assert caught.value.code == code
    assert caught.value.rejected is True
    assert caught.value.retryable is False


def test_sms_template_param_set_is_positional_in_the_registry_order(fake_server):
    server = fake_server(sms_fake())
    codes = {"otp": {"tencent": "1234567"}, "application_supplement": {"tencent": "2233445"}}
    sms = TencentSms.from_config(config(server.url, NOTIFY_TEMPLATE_CODES=json.dumps(codes)))

    sms.send(
        PHONE,
        "application_supplement",
        {"deadline": "2026-12-01", "materials": "户口簿复印件", "serial": "BJ2026112300017", "item": "居住证办理"},
        idempotency_key="n:9",
    )

    payload = json.loads(server.requests[0].get_data())
    assert payload["TemplateId"] == "2233445"
    assert payload["TemplateParamSet"] == ["居住证办理", "BJ2026112300017", "户口簿复印件", "2026-12-01"]


def test_sms_reminder_param_set_ends_with_its_link(fake_server):
    server = fake_server(sms_fake())
    link = "https://gov.example/l/AbC123xyz0"
    values = {"link": link, "materials": "身份证等3项", "hall": "东区政务服务中心", "time": "09:30", "item": "居住证"}

    TencentSms.from_config(config(server.url)).send(PHONE, "appointment_reminder", values, idempotency_key="n:11")

    payload = json.loads(server.requests[0].get_data())
    assert payload["TemplateParamSet"] == ["居住证", "09:30", "东区政务服务中心", "身份证等3项", link]


def test_sms_reminder_without_its_link_is_refused_without_calling():
    sms = TencentSms.from_config(config(closed_port_url()))  # a call would fail with NETWORK
    values = {"materials": "身份证等3项", "hall": "东区政务服务中心", "time": "09:30", "item": "居住证办理"}

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "appointment_reminder", values, idempotency_key="k")

    assert (caught.value.code, caught.value.rejected) == ("TEMPLATE_PARAMS", True)
    assert "link: missing" in str(caught.value)


def test_sms_template_id_falls_back_to_the_registry_placeholder(fake_server):
    server = fake_server(sms_fake())
    TencentSms.from_config(config(server.url)).send(
        PHONE, "ticket_near", {"number": "A017", "ahead": "3"}, idempotency_key="n:10"
    )
    payload = json.loads(server.requests[0].get_data())
    assert (payload["TemplateId"], payload["TemplateParamSet"]) == ("100006", ["A017", "3"])


@pytest.mark.parametrize(
    "code",
    ["FailedOperation.TemplateIncorrectOrUnapproved", "InvalidParameterValue.TemplateParameterLengthLimit"],
)
def test_sms_template_refusal_inside_a_200_is_rejected(fake_server, code):
    server = fake_server(sms_fake(send_status(code, "template refused")))
    with pytest.raises(ProviderError) as caught:
        TencentSms.from_config(config(server.url)).send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")
    assert (caught.value.code, caught.value.rejected, caught.value.retryable) == (code, True, False)


@pytest.mark.parametrize(
    ("code", "rejected", "retryable"),
    [
        ("FailedOperation.TemplateIncorrectOrUnapproved", True, False),
        ("LimitExceeded.PhoneNumberThirtySecondLimit", False, True),
        ("LimitExceeded.PhoneNumberDailyLimit", False, False),
    ],
)
def test_sms_the_same_codes_for_the_whole_call_are_classified_alike(fake_server, code, rejected, retryable):
    server = fake_server(sms_fake(lambda payload: error(code, "refused")))
    with pytest.raises(ProviderError) as caught:
        TencentSms.from_config(config(server.url)).send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")
    assert (caught.value.code, caught.value.rejected, caught.value.retryable) == (code, rejected, retryable)


def test_sms_answer_without_a_status_is_not_retryable(fake_server):
    server = fake_server(sms_fake(lambda payload: {"SendStatusSet": []}))
    sms = TencentSms.from_config(config(server.url))

    with pytest.raises(ProviderError) as caught:
        sms.send(PHONE, "otp", {"code": "123456"}, idempotency_key="k")

    assert caught.value.code == "BAD_ANSWER"
    assert caught.value.retryable is False


@pytest.mark.parametrize("missing", ["TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_SMS_APP_ID"])
def test_sms_from_config_names_the_missing_settings(missing):
    with pytest.raises(ProviderConfigError) as caught:
        TencentSms.from_config(config("https://sms.tencentcloudapi.com", **{missing: ""}))
    assert missing in str(caught.value)


def test_sms_from_config_refuses_an_endpoint_with_a_path():
    with pytest.raises(ProviderConfigError, match="TENCENT_SMS_ENDPOINT"):
        TencentSms.from_config(config("https://sms.tencentcloudapi.com/v3/"))


def test_registry_builds_the_tencent_adapters():
    settings = config("https://sms.tencentcloudapi.com", SMS_PROVIDER="tencent", FACE_PROVIDER="tencent")
    assert isinstance(build("SMS_PROVIDER", settings), TencentSms)
    face = build("FACE_PROVIDER", settings)
    assert isinstance(face, TencentFace)
    assert face.client.host == "sms.tencentcloudapi.com"


# --- FaceID ----------------------------------------------------------------------


def face_start(**overrides: Any) -> FaceStart:
    fields: dict[str, Any] = {
        "resident_id": 42,
        "purpose": "social_security",
        "outer_no": OUTER_NO,
        "cert_name": NAME,
        "cert_no": ID_NUMBER,
    }
    return FaceStart(**{**fields, **overrides})


def face_session() -> FaceSession:
    return FaceSession(provider="tencent", outer_no=OUTER_NO, provider_ref=BIZ_TOKEN, client_payload={})


def detect_auth(payload: dict[str, Any]) -> dict[str, Any]:
    return {"Url": f"https://faceid.qq.com/api/auth/index?token={BIZ_TOKEN}", "BizToken": BIZ_TOKEN}


def detect_info(**text: Any) -> Action:
    """GetDetectInfoEnhanced answering ``text`` over a passing Text (``text=None`` for no Text at all)."""

    def answer(payload: dict[str, Any]) -> dict[str, Any]:
        if payload.get("BizToken") != BIZ_TOKEN:
            return error("InvalidParameterValue.BizTokenIllegal", "BizToken不合法")
        full = {
            "ErrCode": 0,
            "ErrMsg": "成功",
            "IdCard": ID_NUMBER,
            "Name": NAME,
            "LiveStatus": 0,
            "LiveMsg": "成功",
            "Comparestatus": 0,
            "Comparemsg": "成功",
            "Sim": "88.61",
            "Extra": OUTER_NO,
            **text,
        }
        return {"Text": full, "IdCardData": None, "BestFrame": {"BestFrame": BEST_FRAME, "BestFrames": []}}

    return answer


def face_fake(query: Action | None = None) -> TencentFake:
    actions = {"DetectAuth": detect_auth, "GetDetectInfoEnhanced": query or detect_info()}
    return TencentFake("faceid", "2018-03-01", actions, region=REGION)


def test_face_start_sends_detectauth_and_returns_the_biztoken_session(fake_server):
    server = fake_server(face_fake())
    now = time.time()
    face = TencentFace.from_config(config(server.url), clock=lambda: now)

    session = face.start(face_start())

    assert session.provider == "tencent"
    assert session.outer_no == OUTER_NO
    assert session.provider_ref == BIZ_TOKEN
    assert session.client_payload == {
        "biz_token": BIZ_TOKEN,
        "url": f"https://faceid.qq.com/api/auth/index?token={BIZ_TOKEN}",
    }
    assert session.expires_at == datetime.fromtimestamp(now, UTC) + timedelta(minutes=10)
    [request] = server.requests
    assert request.headers["X-TC-Action"] == "DetectAuth"
    assert request.headers["X-TC-Version"] == "2018-03-01"
    assert "/faceid/tc3_request" in request.headers["Authorization"]
    assert json.loads(request.get_data()) == {"RuleId": "7", "IdCard": ID_NUMBER, "Name": NAME, "Extra": OUTER_NO}


def test_face_start_passes_the_return_url_as_redirect_url(fake_server):
    server = fake_server(face_fake())
    TencentFace.from_config(config(server.url)).start(face_start(return_url="https://gov.example/face/done"))
    assert json.loads(server.requests[0].get_data())["RedirectUrl"] == "https://gov.example/face/done"


def test_face_start_error_raises_without_personal_data(fake_server):
    server = fake_server(face_fake())
    face = TencentFace.from_config(config(server.url, TENCENT_SECRET_KEY="wrong"))

    with pytest.raises(ProviderError) as caught:
        face.start(face_start())

    assert caught.value.code == "AuthFailure.SignatureFailure"
    assert caught.value.retryable is False
    assert_no_personal_data(caught.value)


def test_face_query_passes_when_errcode_0_and_identity_and_extra_match(fake_server):
    server = fake_server(face_fake())
    face = TencentFace.from_config(config(server.url))

    result = face.query(face_session(), face_start())

    assert result.status == "passed"
    assert result.score == pytest.approx(88.61)
    assert result.provider_code == "0"
    assert result.raw_sha256 == hashlib.sha256(server.handler.sent[0]).hexdigest()
    assert BEST_FRAME not in repr(result)
    [request] = server.requests
    assert request.headers["X-TC-Action"] == "GetDetectInfoEnhanced"
    assert json.loads(request.get_data()) == {"BizToken": BIZ_TOKEN, "RuleId": "7", "InfoType": "1"}


def test_face_query_compares_the_id_number_check_letter_case_insensitively(fake_server):
    server = fake_server(face_fake(detect_info(IdCard=ID_NUMBER.lower())))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == "passed"


@pytest.mark.parametrize(
    "text",
    [
        {"IdCard": "110105194912310029"},
        {"Name": "李四"},
        {"Extra": "b" * 32},
        {"Extra": ""},
        {"IdCard": None},
    ],
)
def test_face_query_identity_mismatch_fails(fake_server, text):
    server = fake_server(face_fake(detect_info(**text)))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == "failed"
    assert result.provider_code == "IDENTITY_MISMATCH"


def test_face_query_pending_while_errcode_is_null(fake_server):
    server = fake_server(face_fake(detect_info(ErrCode=None, ErrMsg=None, Sim=None)))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == "pending"
    assert result.score is None
    assert result.provider_code == "PENDING"


def test_face_query_pending_without_text(fake_server):
    server = fake_server(face_fake(lambda payload: {"Text": None, "IdCardData": None, "BestFrame": None}))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == "pending"


def test_face_query_failed_with_tencents_errcode(fake_server):
    server = fake_server(face_fake(detect_info(ErrCode=1004, ErrMsg="活体检测未通过", Sim="12.5")))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == "failed"
    assert result.provider_code == "1004"
    assert result.score == pytest.approx(12.5)


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("InvalidParameterValue.BizTokenExpired", "expired"),
        ("InvalidParameterValue.BizTokenIllegal", "failed"),
        ("FailedOperation.LivessDetectFail", "failed"),
    ],
)
def test_face_query_top_level_errors_end_the_session(fake_server, code, status):
    server = fake_server(face_fake(lambda payload: error(code)))
    result = TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert result.status == status
    assert result.provider_code == code
    assert result.score is None
    assert result.raw_sha256 == hashlib.sha256(server.handler.sent[0]).hexdigest()


def test_face_query_unknown_biztoken_fails(fake_server):
    server = fake_server(face_fake())
    session = FaceSession(provider="tencent", outer_no=OUTER_NO, provider_ref="not-a-token")
    result = TencentFace.from_config(config(server.url)).query(session, face_start())
    assert result.status == "failed"
    assert result.provider_code == "InvalidParameterValue.BizTokenIllegal"


def test_face_query_wrong_secret_raises_instead_of_failing_the_resident(fake_server):
    server = fake_server(face_fake())
    face = TencentFace.from_config(config(server.url, TENCENT_SECRET_KEY="wrong"))

    with pytest.raises(ProviderError) as caught:
        face.query(face_session(), face_start())

    assert caught.value.code == "AuthFailure.SignatureFailure"
    assert caught.value.retryable is False


def test_face_query_internal_error_is_retryable(fake_server):
    server = fake_server(face_fake(lambda payload: error("InternalError", "internal error")))
    with pytest.raises(ProviderError) as caught:
        TencentFace.from_config(config(server.url)).query(face_session(), face_start())
    assert caught.value.retryable is True


def test_face_query_server_error_and_closed_port_are_retryable(fake_server):
    server = fake_server(lambda request: Response("bad gateway", status=502))
    for url, code in ((server.url, "HTTP_502"), (closed_port_url(), "NETWORK")):
        with pytest.raises(ProviderError) as caught:
            TencentFace.from_config(config(url)).query(face_session(), face_start())
        assert caught.value.code == code
        assert caught.value.retryable is True


def test_face_has_no_server_callback():
    face = TencentFace.from_config(config("https://faceid.tencentcloudapi.com"))
    with pytest.raises(NotSupported):
        face.parse_callback({}, {}, b"{}")


@pytest.mark.parametrize("missing", ["TENCENT_FACEID_RULE_ID", "TENCENT_SECRET_KEY"])
def test_face_from_config_names_the_missing_settings(missing):
    with pytest.raises(ProviderConfigError, match=missing):
        TencentFace.from_config(config("https://faceid.tencentcloudapi.com", **{missing: ""}))
