"""Aliyun SMS (Dysms ``SendSms`` 2017-05-25): an RPC v1 (HMAC-SHA1) signed form POST.

Aliyun answers ``{"Code": "OK", "BizId", "RequestId"}``; any other ``Code`` is a
refusal (HTTP 200 for business errors, 4xx for signature and parameter errors).
Template codes and parameters come from app/notify_templates.py (``TemplateCode`` and a
JSON ``TemplateParam``); how each refusal is classified is in docs/notifications.md.
Nothing here logs, and no error message carries the phone number: errors name
Aliyun's code and the ``RequestId`` only.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from app.notify_templates import Codes
from app.providers.base import ProviderError, SmsReceipt, sms_template, template_codes
from app.providers.signing import aliyun_rpc_signature, compact_json
from app.providers.transport import Transport

PROVIDER = "aliyun"
Clock = Callable[[], float]

_PHONE = re.compile(r"1[3-9][0-9]{9}")
# Refused before sending and worth another try later: flow control per phone (a minute or an
# hour passes; the daily variant shares the code and simply fails again until the tries run out),
# API throttling and Aliyun's own errors.
_RETRYABLE = frozenset({"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "InternalError", "ServiceUnavailable"})
# The number or the template values themselves are refused: every try gets the same answer.
_REJECTED = frozenset(
    {
        "isv.MOBILE_NUMBER_ILLEGAL",
        "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.INVALID_JSON_PARAM",
        "isv.INVALID_PARAMETERS",
        "isv.PARAM_LENGTH_LIMIT",
        "isv.PARAM_NOT_SUPPORT_URL",
        "isv.BLACK_KEY_CONTROL_LIMIT",
        "isv.SMS_TEMPLATE_ILLEGAL",
    }
)


class AliyunSms:
    """Aliyun SMS ``SendSms``. One number per call; never retried here (each send is paid)."""

    name = "aliyun"
    ACTION = "SendSms"
    VERSION = "2017-05-25"
    SETTINGS = (
        "ALIYUN_ACCESS_KEY_ID",
        "ALIYUN_ACCESS_KEY_SECRET",
        "ALIYUN_SMS_ENDPOINT",
        "ALIYUN_SMS_SIGN_NAME",
    )

    def __init__(
        self,
        *,
        access_key_id: str,
        access_key_secret: str,
        endpoint: str,
        sign_name: str,
        codes: Codes,
        timeout: float,
        clock: Clock = time.time,
    ) -> None:
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.endpoint = endpoint
        self.sign_name = sign_name
        self.codes = codes
        self.clock = clock
        self.transport = Transport(PROVIDER, timeout)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], *, clock: Clock = time.time) -> AliyunSms:
        from app.providers import ProviderConfigError

        missing = [name for name in cls.SETTINGS if not config.get(name)]
        if missing:
            raise ProviderConfigError(f"SMS_PROVIDER=aliyun needs {', '.join(missing)}")
        endpoint = config["ALIYUN_SMS_ENDPOINT"]
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
            raise ProviderConfigError(f"ALIYUN_SMS_ENDPOINT is a scheme and host only, not {endpoint!r}")
        return cls(
            access_key_id=config["ALIYUN_ACCESS_KEY_ID"],
            access_key_secret=config["ALIYUN_ACCESS_KEY_SECRET"],
            endpoint=endpoint,
            sign_name=config["ALIYUN_SMS_SIGN_NAME"],
            codes=template_codes(config),
            timeout=float(config.get("PROVIDER_TIMEOUT_SECONDS", 5)),
            clock=clock,
        )

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        template_code, values = sms_template(PROVIDER, self.codes, template, params)
        if not _PHONE.fullmatch(phone):
            raise ProviderError(PROVIDER, "INVALID_PHONE", "not an 11-digit mainland number", rejected=True)
        form = self.signed(
            {
                "PhoneNumbers": phone,
                "SignName": self.sign_name,
                "TemplateCode": template_code,
                "TemplateParam": compact_json(values).decode(),
                "OutId": idempotency_key,
            }
        )
        return _receipt(self.transport.json("POST", self.endpoint, data=form))

    def signed(self, params: Mapping[str, str]) -> dict[str, str]:
        """``params`` with the common parameters and the RPC v1 ``Signature`` added, for a POST."""
        form = {
            "AccessKeyId": self.access_key_id,
            "Action": self.ACTION,
            "Format": "JSON",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": str(uuid.uuid4()),
            "SignatureVersion": "1.0",
            "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock())),
            "Version": self.VERSION,
            **params,
        }
        form["Signature"] = aliyun_rpc_signature("POST", form, self.access_key_secret)
        return form


def _receipt(answer: Mapping[str, Any]) -> SmsReceipt:
    code = str(answer.get("Code") or "UnknownError")
    request_id = str(answer.get("RequestId", ""))
    if code != "OK":
        raise ProviderError(
            PROVIDER,
            code,
            f"RequestId {request_id}",
            retryable=code in _RETRYABLE or code.startswith("Throttling"),
            rejected=code in _REJECTED,
        )
    biz_id = answer.get("BizId")
    if not isinstance(biz_id, str) or not biz_id:
        # The outcome is unknown (the message may be out): not retryable, or it could be paid twice.
        raise ProviderError(PROVIDER, "BAD_ANSWER", f"no BizId, RequestId {request_id}")
    return SmsReceipt(provider_msg_id=biz_id, provider_code=code)
