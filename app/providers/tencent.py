"""Tencent Cloud adapters: SMS (``sms`` 2021-01-11) and FaceID 慧眼 (``faceid`` 2018-03-01).

Both are JSON POSTs to ``/`` signed with TC3-HMAC-SHA256; Tencent answers HTTP 200
with ``{"Response": {..., "RequestId"}}`` and puts failures in ``Response.Error``.
SMS failures are also reported per number inside a successful answer. SMS template ids and
the positional ``TemplateParamSet`` order come from app/notify_templates.py.

Nothing here logs, and no error message carries a phone number, name or ID
number: errors name Tencent's code and the ``RequestId`` only.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from app.notify_templates import Codes
from app.providers.base import (
    CallbackHint,
    FaceResult,
    FaceSession,
    FaceStart,
    NotSupported,
    ProviderError,
    SmsReceipt,
    sms_template,
    template_codes,
)
from app.providers.signing import compact_json, tc3_headers
from app.providers.transport import Transport

PROVIDER = "tencent"
Clock = Callable[[], float]

_PHONE = re.compile(r"1[3-9][0-9]{9}")
# Codes after which the same call may succeed later; everything else is final.
_TRANSIENT_PREFIXES = ("InternalError", "RequestLimitExceeded")


def _require(config: Mapping[str, Any], names: tuple[str, ...], adapter: str) -> None:
    from app.providers import ProviderConfigError

    missing = [name for name in names if not config.get(name)]
    if missing:
        raise ProviderConfigError(f"{adapter} needs {', '.join(missing)}")


def _client(
    config: Mapping[str, Any], endpoint_setting: str, service: str, version: str, clock: Clock
) -> TencentClient:
    from app.providers import ProviderConfigError

    endpoint = config[endpoint_setting]
    try:
        _endpoint_host(endpoint)
    except ValueError as exc:
        raise ProviderConfigError(f"{endpoint_setting}: {exc}") from exc
    return TencentClient(
        secret_id=config["TENCENT_SECRET_ID"],
        secret_key=config["TENCENT_SECRET_KEY"],
        endpoint=endpoint,
        service=service,
        version=version,
        region=config.get("TENCENT_REGION") or "",
        timeout=float(config.get("PROVIDER_TIMEOUT_SECONDS", 5)),
        clock=clock,
    )


def _endpoint_host(endpoint: str) -> str:
    """The TC3 canonical host: the endpoint's netloc as given (``127.0.0.1:PORT`` for a fake)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise ValueError(f"a Tencent Cloud endpoint is a scheme and host only, not {endpoint!r}")
    return parts.netloc


def tencent_error(code: str, request_id: str, *, rejected: bool = False, retryable: bool = False) -> ProviderError:
    """A ProviderError for a Tencent error code; the message is the RequestId, never Tencent's text."""
    retryable = retryable or code.startswith(_TRANSIENT_PREFIXES)
    return ProviderError(PROVIDER, code, f"RequestId {request_id}", retryable=retryable, rejected=rejected)


@dataclass(frozen=True)
class TencentAnswer:
    """The ``Response`` object of one call, and the SHA-256 of the raw body it came in."""

    response: dict[str, Any]
    raw_sha256: str

    @property
    def request_id(self) -> str:
        return str(self.response.get("RequestId", ""))

    @property
    def error_code(self) -> str | None:
        error = self.response.get("Error")
        if error is None:
            return None
        code = error.get("Code") if isinstance(error, dict) else None
        return str(code) if code else "UnknownError"

    def raise_for_error(self) -> None:
        code = self.error_code
        if code is not None:
            raise tencent_error(code, self.request_id)


class TencentClient:
    """TC3-signed JSON POSTs to one Tencent Cloud service. Never retries."""

    def __init__(
        self,
        *,
        secret_id: str,
        secret_key: str,
        endpoint: str,
        service: str,
        version: str,
        region: str,
        timeout: float,
        clock: Clock = time.time,
    ) -> None:
        self.secret_id = secret_id
        self.secret_key = secret_key
        self.endpoint = endpoint
        self.host = _endpoint_host(endpoint)
        self.service = service
        self.version = version
        self.region = region
        self.clock = clock
        self.transport = Transport(PROVIDER, timeout)

    def call(self, action: str, payload: Mapping[str, Any]) -> TencentAnswer:
        """POST ``action``; the answer may hold an ``Error`` (see ``TencentAnswer.raise_for_error``)."""
        body = compact_json(dict(payload))
        headers = tc3_headers(
            secret_id=self.secret_id,
            secret_key=self.secret_key,
            host=self.host,
            service=self.service,
            action=action,
            version=self.version,
            region=self.region,
            timestamp=int(self.clock()),
            body=body,
        )
        raw = self.transport.request("POST", self.endpoint, data=body, headers=headers).content
        return TencentAnswer(response=_response_object(raw), raw_sha256=hashlib.sha256(raw).hexdigest())


def _response_object(raw: bytes) -> dict[str, Any]:
    try:
        response = json.loads(raw).get("Response")
    except (ValueError, AttributeError) as exc:
        raise ProviderError(PROVIDER, "BAD_ANSWER", "answer is not a JSON object", retryable=True) from exc
    if not isinstance(response, dict):
        raise ProviderError(PROVIDER, "BAD_ANSWER", "answer has no Response object", retryable=True)
    return response


# --- SMS -----------------------------------------------------------------------

# SendSms reports these per number inside a 200, or for the whole call in Response.Error.
# After these nothing was sent and a later try can work: the per-number 30-second and one-hour
# windows pass. Daily limits are not worth retrying today.
_SMS_RETRYABLE = frozenset(
    {
        "LimitExceeded.PhoneNumberThirtySecondLimit",
        "LimitExceeded.PhoneNumberOneHourLimit",
        "LimitExceeded.DeliveryFrequencyLimit",
    }
)
# Per-number codes that say the number or the template values are refused (the same answer every time).
_SMS_REJECTED = frozenset(
    {
        "InvalidParameterValue.IncorrectPhoneNumber",
        "FailedOperation.PhoneNumberInBlacklist",
        "FailedOperation.TemplateIncorrectOrUnapproved",
        "FailedOperation.ContainSensitiveWord",
        "InvalidParameterValue.TemplateParameterFormatError",
        "InvalidParameterValue.TemplateParameterLengthLimit",
        "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
    }
)


class TencentSms:
    """Tencent Cloud SMS ``SendSms``. One number per call; never retried here (each send is paid)."""

    name = "tencent"
    SERVICE = "sms"
    VERSION = "2021-01-11"
    SETTINGS = (
        "TENCENT_SECRET_ID",
        "TENCENT_SECRET_KEY",
        "TENCENT_REGION",
        "TENCENT_SMS_ENDPOINT",
        "TENCENT_SMS_APP_ID",
        "TENCENT_SMS_SIGN_NAME",
    )

    def __init__(self, client: TencentClient, *, app_id: str, sign_name: str, codes: Codes) -> None:
        self.client = client
        self.app_id = app_id
        self.sign_name = sign_name
        self.codes = codes

    @classmethod
    def from_config(cls, config: Mapping[str, Any], *, clock: Clock = time.time) -> TencentSms:
        _require(config, cls.SETTINGS, "SMS_PROVIDER=tencent")
        return cls(
            _client(config, "TENCENT_SMS_ENDPOINT", cls.SERVICE, cls.VERSION, clock),
            app_id=config["TENCENT_SMS_APP_ID"],
            sign_name=config["TENCENT_SMS_SIGN_NAME"],
            codes=template_codes(config),
        )

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        template_id, values = sms_template(PROVIDER, self.codes, template, params)
        if not _PHONE.fullmatch(phone):
            raise ProviderError(PROVIDER, "INVALID_PHONE", "not an 11-digit mainland number", rejected=True)
        answer = self.client.call(
            "SendSms",
            {
                "PhoneNumberSet": ["+86" + phone],
                "SmsSdkAppId": self.app_id,
                "SignName": self.sign_name,
                "TemplateId": template_id,
                "TemplateParamSet": list(values.values()),  # checked values come in the template's order
                "SessionContext": idempotency_key,
            },
        )
        if answer.error_code is not None:
            raise _sms_error(answer.error_code, answer.request_id)
        return _sms_receipt(answer)


def _sms_receipt(answer: TencentAnswer) -> SmsReceipt:
    statuses = answer.response.get("SendStatusSet")
    if not isinstance(statuses, list) or not statuses or not isinstance(statuses[0], dict):
        # The outcome is unknown (the message may be out): not retryable, or it could be paid twice.
        raise ProviderError(PROVIDER, "BAD_ANSWER", f"no SendStatusSet, RequestId {answer.request_id}")
    status = statuses[0]
    code = str(status.get("Code", ""))
    if code != "Ok":
        raise _sms_error(code or "UnknownError", answer.request_id)
    return SmsReceipt(provider_msg_id=str(status.get("SerialNo", "")), provider_code=code)


def _sms_error(code: str, request_id: str) -> ProviderError:
    return tencent_error(code, request_id, rejected=code in _SMS_REJECTED, retryable=code in _SMS_RETRYABLE)


# --- FaceID --------------------------------------------------------------------

FACE_SESSION_TTL = timedelta(minutes=10)  # the BizToken lives 2 h; our sessions are shorter
_FACE_EXPIRED = frozenset({"InvalidParameterValue.BizTokenExpired"})
_FACE_FAILED = frozenset({"InvalidParameterValue.BizTokenIllegal"})


class TencentFace:
    """Tencent Cloud FaceID 慧眼 实名核身: ``DetectAuth`` then ``GetDetectInfoEnhanced``.

    The BizToken is the provider reference; our ``outer_no`` travels in ``Extra``
    and must come back, with the same ID number and name, for a pass.
    """

    name = "tencent"
    SERVICE = "faceid"
    VERSION = "2018-03-01"
    INFO_TYPE = "1"  # text only: no best frame or ID card images are sent to us
    SETTINGS = ("TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_FACEID_ENDPOINT", "TENCENT_FACEID_RULE_ID")

    def __init__(self, client: TencentClient, *, rule_id: str) -> None:
        self.client = client
        self.rule_id = rule_id

    @classmethod
    def from_config(cls, config: Mapping[str, Any], *, clock: Clock = time.time) -> TencentFace:
        _require(config, cls.SETTINGS, "FACE_PROVIDER=tencent")
        client = _client(config, "TENCENT_FACEID_ENDPOINT", cls.SERVICE, cls.VERSION, clock)
        return cls(client, rule_id=config["TENCENT_FACEID_RULE_ID"])

    def start(self, request: FaceStart) -> FaceSession:
        payload = {
            "RuleId": self.rule_id,
            "IdCard": request.cert_no,
            "Name": request.cert_name,
            "Extra": request.outer_no,
        }
        if request.return_url:
            payload["RedirectUrl"] = request.return_url
        answer = self.client.call("DetectAuth", payload)
        answer.raise_for_error()
        biz_token = answer.response.get("BizToken")
        if not isinstance(biz_token, str) or not biz_token:
            raise ProviderError(PROVIDER, "BAD_ANSWER", f"no BizToken, RequestId {answer.request_id}", retryable=True)
        return FaceSession(
            provider=self.name,
            outer_no=request.outer_no,
            provider_ref=biz_token,
            client_payload={"biz_token": biz_token, "url": str(answer.response.get("Url") or "")},
            expires_at=datetime.fromtimestamp(self.client.clock(), UTC) + FACE_SESSION_TTL,
        )

    def query(self, session: FaceSession, request: FaceStart) -> FaceResult:
        """Ask Tencent for the result; only the text part is read and nothing of the answer is kept."""
        answer = self.client.call(
            "GetDetectInfoEnhanced",
            {"BizToken": session.provider_ref, "RuleId": self.rule_id, "InfoType": self.INFO_TYPE},
        )
        code = answer.error_code
        if code is not None:
            return _face_error_result(code, answer)
        return _face_text_result(answer.response.get("Text"), session, request, answer.raw_sha256)

    def parse_callback(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> CallbackHint:
        raise NotSupported(PROVIDER, "FaceID sends no server callback; the client returns through RedirectUrl")


def _face_error_result(code: str, answer: TencentAnswer) -> FaceResult:
    """A top-level error: the session's end for token and liveness failures, an exception for ours."""
    if code in _FACE_EXPIRED:
        return FaceResult(status="expired", score=None, provider_code=code, raw_sha256=answer.raw_sha256)
    if code in _FACE_FAILED or code.startswith("FailedOperation"):
        return FaceResult(status="failed", score=None, provider_code=code, raw_sha256=answer.raw_sha256)
    raise tencent_error(code, answer.request_id)  # credentials, arrears, rate limits: not the resident's doing


def _face_text_result(text: object, session: FaceSession, request: FaceStart, raw_sha256: str) -> FaceResult:
    if not isinstance(text, dict) or text.get("ErrCode") is None:
        return FaceResult(status="pending", score=None, provider_code="PENDING", raw_sha256=raw_sha256)
    err_code = str(text["ErrCode"])
    score = _score(text.get("Sim"))
    if err_code != "0":
        return FaceResult(status="failed", score=score, provider_code=err_code, raw_sha256=raw_sha256)
    if not _same_identity(text, session, request):
        return FaceResult(status="failed", score=score, provider_code="IDENTITY_MISMATCH", raw_sha256=raw_sha256)
    return FaceResult(status="passed", score=score, provider_code=err_code, raw_sha256=raw_sha256)


def _same_identity(text: Mapping[str, Any], session: FaceSession, request: FaceStart) -> bool:
    """The verified person is the one the session was started for, and the answer is about this session."""
    id_card = str(text.get("IdCard") or "")
    name = str(text.get("Name") or "")
    extra = str(text.get("Extra") or "")
    return (
        id_card.upper() == request.cert_no.upper()
        and name == request.cert_name
        and extra == request.outer_no == session.outer_no
    )


def _score(sim: object) -> float | None:
    """``Sim`` is a string such as ``"76.52"`` (0-100)."""
    if sim is None or isinstance(sim, bool):
        return None
    try:
        score = float(str(sim))
    except ValueError:
        return None
    return score if math.isfinite(score) else None
