"""Alipay open platform adapters: the gateway client (RSA2), mini-program login, 身份验证 (certify) and
subscribe (template) messages.

- Requests go to the gateway like the official SDK sends them: the common parameters
  and ``sign`` in the URL query, the business parameters (``biz_content``, ``grant_type``,
  ``code``…) in a form POST body, so names and ID numbers never reach a URL.
- A synchronous answer is trusted only when the raw text of its ``<method>_response``
  node, cut byte-exact from the body, verifies against ``sign`` with the Alipay public
  key. Error answers that carry no ``sign`` (Alipay cannot sign for an unknown app) are
  reported as errors, never as results, as the official SDK does.
- Asynchronous notifications are verified over every parameter but ``sign`` and
  ``sign_type``, sorted, with the URL-decoded values.
- Nothing here logs, and no error message carries a name, ID number or phone number:
  errors name Alipay's ``code``/``sub_code`` only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa

from app.notify_templates import TEMPLATES, Codes
from app.providers.base import (
    CallbackHint,
    DeepLink,
    ExternalIdentity,
    FaceResult,
    FaceSession,
    FaceStart,
    NotifyResult,
    NotSupported,
    ProviderError,
    mini_program_message,
    require_mini_program_codes,
    template_codes,
)
from app.providers.signing import (
    alipay_sign_content,
    alipay_signed_block,
    compact_json,
    load_private_key,
    load_public_key,
    rsa2_sign,
    rsa2_verify,
)
from app.providers.transport import Transport

PROVIDER = "alipay"
# Asia/Shanghai has been UTC+8 without daylight saving since 1991; a fixed offset needs no tzdata.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
SUCCESS = "10000"
SERVICE_UNAVAILABLE = "20000"
REJECTING_CODES = frozenset({"40002", "40004"})  # invalid arguments, business failure
# 40002 sub-codes that mean our own set-up is wrong, not that the resident's input was refused.
SETUP_SUB_CODES = frozenset(
    {
        "isv.invalid-app-id",
        "isv.invalid-signature",
        "isv.invalid-signature-type",
        "isv.missing-signature",
        "isv.invalid-timestamp",
        "isv.invalid-charset",
        "isv.invalid-format",
        "isv.invalid-method",
        "isv.invalid-version",
        "isv.invalid-encrypt",
    }
)
FACE_SESSION_SECONDS = 600
CERTIFY_UNKNOWN = "OPEN_CERTIFY_BILL_NOT_EXIST"
BUSINESS_FAILED = "40004"
USER_ID = re.compile(r"2088[0-9]{12}")  # the 16-digit user_id; anything else AlipayLogin kept is an open_id
# Alipay's sub_codes for a resident who never subscribed, unsubscribed or used up a one-time
# subscription are not published in a form we could confirm: a business failure whose sub_code
# names a subscription counts as no credit. Template, keyword and value refusals are "invalid".
NO_SUBSCRIPTION = re.compile(r"SUBSCRI", re.IGNORECASE)
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _require(config: Mapping[str, Any], names: tuple[str, ...], adapter: str) -> None:
    from app.providers import ProviderConfigError

    missing = [name for name in names if not config.get(name)]
    if missing:
        raise ProviderConfigError(f"{adapter} needs {', '.join(missing)}")


def _signature_invalid(what: str) -> ProviderError:
    return ProviderError(PROVIDER, "SIGNATURE_INVALID", what)


def _bad_answer(what: str) -> ProviderError:
    return ProviderError(PROVIDER, "BAD_ANSWER", what, retryable=True)


def _bad_callback(what: str) -> ProviderError:
    return ProviderError(PROVIDER, "BAD_CALLBACK", what, rejected=True)


class AlipayError(ProviderError):
    """An error answer from the gateway; ``code`` is the ``sub_code`` when Alipay gives one."""

    def __init__(self, gateway_code: str, sub_code: str, *, signed: bool, raw_sha256: str) -> None:
        retryable = gateway_code == SERVICE_UNAVAILABLE or sub_code.startswith("isp.")
        rejected = not retryable and gateway_code in REJECTING_CODES and sub_code not in SETUP_SUB_CODES
        super().__init__(
            PROVIDER, sub_code or gateway_code, f"code {gateway_code}", retryable=retryable, rejected=rejected
        )
        self.gateway_code = gateway_code
        self.sub_code = sub_code
        self.signed = signed
        self.raw_sha256 = raw_sha256


@dataclass(frozen=True)
class AlipayAnswer:
    """The verified ``<method>_response`` node of one call, and the SHA-256 of the raw body."""

    data: dict[str, Any]
    raw_sha256: str


class AlipayClient:
    """Signed calls to the Alipay open platform gateway (RSA2, public-key mode). Never retries."""

    def __init__(
        self,
        app_id: str,
        private_key: rsa.RSAPrivateKey,
        alipay_public_key: rsa.RSAPublicKey,
        *,
        gateway: str,
        timeout: float,
        clock: Clock = _now,
    ) -> None:
        self.app_id = app_id
        self._private_key = private_key
        self.alipay_public_key = alipay_public_key
        self.gateway = gateway
        self.transport = Transport(PROVIDER, timeout)
        self.clock = clock

    @classmethod
    def from_config(cls, config: Mapping[str, Any], adapter: str = "AlipayClient") -> AlipayClient:
        from app.providers import ProviderConfigError

        _require(config, ("ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY", "ALIPAY_GATEWAY"), adapter)
        try:
            private_key = load_private_key(config["ALIPAY_PRIVATE_KEY"])
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise ProviderConfigError("ALIPAY_PRIVATE_KEY is not an unencrypted RSA private key") from None
        try:
            public_key = load_public_key(config["ALIPAY_PUBLIC_KEY"])
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise ProviderConfigError("ALIPAY_PUBLIC_KEY is not an RSA public key") from None
        return cls(
            config["ALIPAY_APP_ID"],
            private_key,
            public_key,
            gateway=config["ALIPAY_GATEWAY"],
            timeout=float(config.get("PROVIDER_TIMEOUT_SECONDS", 5)),
        )

    def common_params(self, method: str) -> dict[str, str]:
        return {
            "app_id": self.app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "timestamp": self.clock().astimezone(SHANGHAI).strftime(TIMESTAMP_FORMAT),
            "version": "1.0",
        }

    def sign(self, params: Mapping[str, str]) -> str:
        """RSA2 over every parameter but ``sign`` (``sign_type`` included), empty values skipped."""
        return rsa2_sign(self._private_key, alipay_sign_content(params))

    def call(self, method: str, biz_content: Mapping[str, Any] | None = None, **top_level: str) -> AlipayAnswer:
        """POST one API call; raises AlipayError for an error answer and SIGNATURE_INVALID for a forged one."""
        common = self.common_params(method)
        business = dict(top_level)
        if biz_content is not None:
            business["biz_content"] = compact_json(biz_content).decode()
        if common.keys() & business.keys():
            raise ValueError(f"business parameters may not override common ones: {sorted(common.keys() & business)}")
        query = {**common, "sign": self.sign({**common, **business})}
        response = self.transport.request(
            "POST",
            self.gateway,
            params=query,
            data=business,
            headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
        )
        return self.verify_answer(method, response.content)

    def signed_url(self, method: str, biz_content: Mapping[str, Any]) -> str:
        """A gateway URL for a page-redirect API (the client opens it; the server never calls it)."""
        params = {**self.common_params(method), "biz_content": compact_json(biz_content).decode()}
        params["sign"] = self.sign(params)
        return f"{self.gateway}{'&' if '?' in self.gateway else '?'}{urlencode(params)}"

    def verify_answer(self, method: str, raw: bytes) -> AlipayAnswer:
        try:
            text = raw.decode("utf-8")
            data = json.loads(text)
        except ValueError as exc:
            raise _bad_answer("answer is not UTF-8 JSON") from exc
        if not isinstance(data, dict):
            raise _bad_answer("answer is not a JSON object")
        node = method.replace(".", "_") + "_response"
        if node not in data:
            if "error_response" not in data:
                raise _bad_answer(f"answer has no {node}")
            node = "error_response"
        try:
            block = alipay_signed_block(text, node)
            content = json.loads(block)
        except ValueError as exc:
            raise _bad_answer(f"{node} is not a JSON object") from exc
        if not isinstance(content, dict):
            raise _bad_answer(f"{node} is not a JSON object")
        sign = data.get("sign")
        signed = isinstance(sign, str) and bool(sign)
        if signed and not self._verifies(block, str(sign)):
            raise _signature_invalid(f"{node} does not match its sign")
        code = str(content.get("code", SUCCESS))  # alipay.system.oauth.token answers success without a code
        raw_sha256 = hashlib.sha256(raw).hexdigest()
        if node == "error_response" or code != SUCCESS:
            raise AlipayError(code, str(content.get("sub_code") or ""), signed=signed, raw_sha256=raw_sha256)
        if not signed:
            raise _signature_invalid(f"{node} is not signed")
        return AlipayAnswer(content, raw_sha256)

    def _verifies(self, block: str, sign: str) -> bool:
        if rsa2_verify(self.alipay_public_key, block.encode(), sign):
            return True
        # Alipay may sign the text with "/" where the body says "\/" (the official SDKs retry the same way).
        return "\\/" in block and rsa2_verify(self.alipay_public_key, block.replace("\\/", "/").encode(), sign)


class AlipayLogin:
    name = "alipay"

    def __init__(self, client: AlipayClient) -> None:
        self.client = client

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AlipayLogin:
        return cls(AlipayClient.from_config(config, "AlipayLogin"))

    def exchange_code(self, code: str) -> ExternalIdentity:
        """``my.getAuthCode`` code -> open_id (OpenID mode), else user_id. The access token is not kept."""
        if not code:
            raise ProviderError(PROVIDER, "INVALID_CODE", "empty code", rejected=True)
        answer = self.client.call("alipay.system.oauth.token", grant_type="authorization_code", code=code)
        subject = answer.data.get("open_id") or answer.data.get("user_id")
        if not isinstance(subject, str) or not subject:
            raise _bad_answer("oauth token answer has neither open_id nor user_id")
        union_id = answer.data.get("union_id")
        return ExternalIdentity(
            provider=PROVIDER,
            app_id=self.client.app_id,
            subject=subject,
            union_id=union_id if isinstance(union_id, str) and union_id else None,
        )

    def exchange_phone_code(self, code: str, *, subject: str | None = None) -> str:
        raise NotSupported(PROVIDER, "Alipay login has no phone-number code")


class AlipayFace:
    """身份验证: ``certify.open.initialize`` -> signed ``certify.open.certify`` URL -> ``certify.open.query``."""

    name = "alipay"

    def __init__(self, client: AlipayClient, *, return_url: str) -> None:
        self.client = client
        self.return_url = return_url

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AlipayFace:
        _require(
            config,
            ("ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY", "ALIPAY_GATEWAY", "ALIPAY_FACE_RETURN_URL"),
            "AlipayFace",
        )
        return cls(AlipayClient.from_config(config, "AlipayFace"), return_url=config["ALIPAY_FACE_RETURN_URL"])

    def start(self, request: FaceStart) -> FaceSession:
        biz_content = {
            "outer_order_no": request.outer_no,
            "biz_code": "FACE",
            "identity_param": {
                "identity_type": "CERT_INFO",
                "cert_type": "IDENTITY_CARD",
                "cert_name": request.cert_name,
                "cert_no": request.cert_no,
            },
            "merchant_config": {"return_url": request.return_url or self.return_url},
        }
        answer = self.client.call("alipay.user.certify.open.initialize", biz_content)
        certify_id = answer.data.get("certify_id")
        if not isinstance(certify_id, str) or not certify_id:
            raise _bad_answer("initialize answer has no certify_id")
        url = self.client.signed_url("alipay.user.certify.open.certify", {"certify_id": certify_id})
        return FaceSession(
            provider=PROVIDER,
            outer_no=request.outer_no,
            provider_ref=certify_id,
            client_payload={"certify_id": certify_id, "url": url},
            expires_at=self.client.clock() + timedelta(seconds=FACE_SESSION_SECONDS),
        )

    def query(self, session: FaceSession, request: FaceStart) -> FaceResult:
        try:
            answer = self.client.call("alipay.user.certify.open.query", {"certify_id": session.provider_ref})
        except AlipayError as exc:
            if exc.signed and exc.gateway_code == "40004" and exc.sub_code.removeprefix("isv.") == CERTIFY_UNKNOWN:
                return FaceResult("expired", None, CERTIFY_UNKNOWN, exc.raw_sha256)
            raise
        passed = answer.data.get("passed")
        if passed == "T":
            return FaceResult("passed", None, "T", answer.raw_sha256)
        if passed == "F":
            return FaceResult("failed", None, "F", answer.raw_sha256)
        return FaceResult("error", None, "NO_PASSED", answer.raw_sha256)

    def parse_callback(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> CallbackHint:
        """An asynchronous notification (form body): signature first, then which certify_id it is about."""
        params = _form_params(body)
        sign = params.get("sign")
        if not sign or params.get("sign_type", "RSA2") != "RSA2":
            raise _signature_invalid("notification is not RSA2-signed")
        if not rsa2_verify(self.client.alipay_public_key, notify_sign_content(params).encode(), sign):
            raise _signature_invalid("notification does not match its sign")
        if params.get("app_id") != self.client.app_id:
            raise _bad_callback("notification is for another app")
        notify_id = params.get("notify_id")
        if not notify_id:
            raise _bad_callback("notification has no notify_id")
        return CallbackHint(
            provider_ref=_certify_id(params), timestamp=_notify_timestamp(params.get("notify_time")), nonce=notify_id
        )


class AlipayNotifier:
    """Subscribe messages through ``alipay.open.app.mini.templatemessage.send`` (after ``my.requestSubscribeMessage``).

    ``data`` travels as a JSON string inside ``biz_content``. Only a signed answer decides
    ``no_credit`` or ``invalid``; gateway and ``isp.*`` errors raise a retryable ProviderError.
    Alipay takes no idempotency key for this call, so ``idempotency_key`` is not sent.
    """

    name = "alipay"
    METHOD = "alipay.open.app.mini.templatemessage.send"

    def __init__(self, client: AlipayClient, *, codes: Codes) -> None:
        self.client = client
        self.codes = codes

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AlipayNotifier:
        codes = template_codes(config)
        require_mini_program_codes(PROVIDER, codes)
        return cls(AlipayClient.from_config(config, "AlipayNotifier"), codes=codes)

    def send(
        self, subject: str, template: str, values: Mapping[str, str], *, page: str | None, idempotency_key: str
    ) -> NotifyResult:
        message = mini_program_message(PROVIDER, self.codes, template, values)
        if isinstance(message, NotifyResult):
            return message
        template_id, data = message
        recipient = "to_user_id" if USER_ID.fullmatch(subject) else "to_open_id"
        biz_content = {recipient: subject, "user_template_id": template_id}
        page = page or TEMPLATES[template].page
        if page:
            biz_content["page"] = page
        biz_content["data"] = compact_json({key: {"value": value} for key, value in data.items()}).decode()
        try:
            answer = self.client.call(self.METHOD, biz_content)
        except AlipayError as exc:
            if exc.retryable or not exc.signed:
                raise
            if exc.gateway_code == BUSINESS_FAILED and NO_SUBSCRIPTION.search(exc.sub_code):
                return NotifyResult("no_credit", exc.sub_code)
            if exc.rejected:
                return NotifyResult("invalid", exc.code)
            raise
        return NotifyResult("sent", str(answer.data.get("code", SUCCESS)))


def notify_sign_content(params: Mapping[str, str]) -> str:
    """What Alipay signs in a notification: all but ``sign`` and ``sign_type``, sorted, empty values kept."""
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("sign", "sign_type"))


def _form_params(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True, errors="strict")
    except ValueError as exc:  # UnicodeDecodeError is a ValueError
        raise _bad_callback("notification is not a UTF-8 form") from exc
    params = dict(pairs)
    if not params or len(params) != len(pairs):
        raise _bad_callback("notification is empty or repeats a parameter")
    return params


def _certify_id(params: Mapping[str, str]) -> str:
    certify_id: object = params.get("certify_id")
    if not certify_id and params.get("biz_content"):
        try:
            biz_content = json.loads(params["biz_content"])
        except ValueError as exc:
            raise _bad_callback("biz_content is not JSON") from exc
        certify_id = biz_content.get("certify_id") if isinstance(biz_content, dict) else None
    if not isinstance(certify_id, str) or not certify_id:
        raise _bad_callback("notification names no certify_id")
    return certify_id


def _notify_timestamp(notify_time: str | None) -> int:
    try:
        moment = datetime.strptime(notify_time or "", TIMESTAMP_FORMAT)
    except ValueError as exc:
        raise _bad_callback("notify_time is not yyyy-MM-dd HH:mm:ss") from exc
    return int(moment.replace(tzinfo=SHANGHAI).timestamp())


# --- deep links and mini-program codes ----------------------------------------------------

STARTAPP = "alipays://platformapi/startapp"
LINK_WRAPPER = "https://ds.alipay.com/?scheme="  # an https page that opens the scheme (SMS, browsers)
QRCODE_METHOD = "alipay.open.app.qrcode.create"
QRCODE_MAX_BYTES = 2 * 1024 * 1024
_PAGE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*", re.ASCII)
_SCENE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}", re.ASCII)


class AlipayDeepLinker:
    """``alipays://`` start-app links (wrapped in ``ds.alipay.com`` for SMS) need no call; mini-program
    codes come from ``alipay.open.app.qrcode.create`` as a hosted image, fetched here."""

    name = "alipay"

    def __init__(self, client: AlipayClient) -> None:
        self.client = client

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AlipayDeepLinker:
        return cls(AlipayClient.from_config(config, "AlipayDeepLinker"))

    def link(self, page: str, query: Mapping[str, str], *, ttl_days: int = 30) -> DeepLink:
        """Alipay's links do not expire (``ttl_days`` is for the Protocol); what they carry may."""
        params = {"appId": self.client.app_id, "page": _alipay_page(page)}
        if query:
            params["query"] = urlencode(query)  # the page's own parameters, encoded once more below
        scheme = f"{STARTAPP}?{urlencode(params, quote_via=quote, safe='/')}"
        return DeepLink(LINK_WRAPPER + quote(scheme, safe=""))

    def mini_code(self, page: str, scene: str, *, width: int = 430) -> bytes:
        """``scene`` becomes the page's launch query (``query_param``), e.g. ``id=3``; Alipay sizes the image."""
        if not _SCENE.fullmatch(scene):
            raise ProviderError(PROVIDER, "BAD_SCENE", "1-32 of [0-9A-Za-z!#$&'()*+,/:;=?@._~-]", rejected=True)
        biz_content = {"url_param": _alipay_page(page), "query_param": scene, "describe": f"PalmGov {page}"}
        answer = self.client.call(QRCODE_METHOD, biz_content)
        url = answer.data.get("qr_code_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise _bad_answer("qrcode answer has no qr_code_url")
        response = self.client.transport.request("GET", url)
        content_type = response.headers.get("Content-Type", "").strip().lower()
        if response.status_code != 200 or not content_type.startswith("image/") or not response.content:
            raise _bad_answer(f"qr_code_url answered HTTP {response.status_code} {content_type or 'without a type'}")
        if len(response.content) > QRCODE_MAX_BYTES:
            raise _bad_answer("qr_code_url image is too large")
        return response.content


def _alipay_page(page: str) -> str:
    if not _PAGE.fullmatch(page):
        raise ProviderError(PROVIDER, "BAD_PAGE", "a page path has no leading '/' and no query", rejected=True)
    return page
