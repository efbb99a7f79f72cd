"""What PalmGov needs from the outside world, one Protocol per capability.

Each capability has a ``sandbox`` adapter that works offline and real adapters
built to the provider's documented HTTP protocol (see docs/identity.md).
Provider results reported by a client are never trusted: the server asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from app.notify_templates import SMS, TEMPLATES, Codes, TemplateError, check_values, template
from config import template_code_overrides


class ProviderError(Exception):
    """A provider refused or failed a call.

    ``code`` is the provider's own error code (``40029``, ``isv.code-invalid``…);
    ``retryable`` says whether the same call may succeed later (busy, timeout);
    ``rejected`` says the input itself was refused (a bad or used login code);
    ``maybe_sent`` says the request may have reached the provider and been acted on (a
    read timeout): a send that is not idempotent (SMS) must then not be repeated.
    """

    def __init__(
        self,
        provider: str,
        code: str,
        message: str = "",
        *,
        retryable: bool = False,
        rejected: bool = False,
        maybe_sent: bool = False,
    ) -> None:
        super().__init__(f"{provider} {code}: {message}")
        self.provider = provider
        self.code = code
        self.retryable = retryable
        self.rejected = rejected
        self.maybe_sent = maybe_sent


class NotSupported(ProviderError):
    def __init__(self, provider: str, what: str) -> None:
        super().__init__(provider, "NOT_SUPPORTED", what, rejected=True)


@dataclass(frozen=True)
class ExternalIdentity:
    provider: str  # "wechat" | "alipay"
    app_id: str
    subject: str  # WeChat openid; Alipay open_id, else user_id
    union_id: str | None = None
    phone: str | None = None  # 11 ASCII digits when the provider vouches for it


class IdentityProvider(Protocol):
    name: str

    def exchange_code(self, code: str) -> ExternalIdentity: ...

    def exchange_phone_code(self, code: str, *, subject: str | None = None) -> str:
        """A WeChat phone-number code -> the 11-digit mainland number (NotSupported elsewhere)."""
        ...


@dataclass(frozen=True)
class SmsReceipt:
    provider_msg_id: str
    provider_code: str


class SmsSender(Protocol):
    name: str

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        """Send one message; ``template`` is a logical key such as ``"otp"``. Raises ProviderError."""
        ...


@dataclass(frozen=True)
class FaceStart:
    """What a face session is started with; ``cert_no`` comes from the real-name record, never the client."""

    resident_id: int
    purpose: str
    outer_no: str  # 32 characters of [0-9A-Za-z], unique, ours
    cert_name: str
    cert_no: str
    subject: str | None = None  # WeChat openid, when the provider needs it
    return_url: str | None = None


@dataclass(frozen=True)
class FaceSession:
    provider: str
    outer_no: str
    provider_ref: str  # verify_id / BizToken / certify_id / sandbox ref
    client_payload: dict = field(default_factory=dict)
    expires_at: datetime | None = None


@dataclass(frozen=True)
class FaceResult:
    status: Literal["passed", "failed", "pending", "cancelled", "expired", "error"]
    score: float | None
    provider_code: str
    raw_sha256: str


@dataclass(frozen=True)
class CallbackHint:
    """What a signed provider callback says: which session to re-query. Never a result."""

    provider_ref: str
    timestamp: int  # Unix seconds, checked against a ±5 min window
    nonce: str  # de-duplicated for the window


class FaceVerifier(Protocol):
    name: str

    def start(self, request: FaceStart) -> FaceSession: ...

    def query(self, session: FaceSession, request: FaceStart) -> FaceResult: ...

    def parse_callback(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> CallbackHint:
        """Check a callback's signature and say what it is about.

        Raises ProviderError with code ``SIGNATURE_INVALID`` for a bad or missing
        signature, ``BAD_CALLBACK`` for an unreadable one, and NotSupported when
        the provider sends none.
        """
        ...


@dataclass(frozen=True)
class NotifyResult:
    """What a mini-program message channel did with one message.

    ``sent``; ``no_credit`` (WeChat 43101 and the like: the resident gave no send credit,
    so fall back to SMS); ``invalid`` (the provider refused the values, page or recipient:
    retrying will not help). Transient failures raise ``ProviderError(retryable=True)``.
    """

    status: Literal["sent", "no_credit", "invalid"]
    provider_code: str
    provider_msg_id: str = ""


class Notifier(Protocol):
    """WeChat subscribe messages or Alipay template messages of one mini-program."""

    name: str

    def send(
        self, subject: str, template: str, values: Mapping[str, str], *, page: str | None, idempotency_key: str
    ) -> NotifyResult:
        """``subject`` is the resident's openid / open_id in this app; ``template`` our key (app/notify_templates)."""
        ...


@dataclass(frozen=True)
class DeepLink:
    url: str
    expires_at: datetime | None = None


class DeepLinker(Protocol):
    """Links and codes that open a page of one mini-program (WeChat or Alipay)."""

    name: str

    def link(self, page: str, query: Mapping[str, str], *, ttl_days: int = 30) -> DeepLink:
        """A URL that opens ``page`` with ``query`` from outside the app (an SMS, a browser)."""
        ...

    def mini_code(self, page: str, scene: str, *, width: int = 430) -> bytes:
        """A mini-program code image for ``page`` (PNG; WeChat answers JPEG); ``scene`` (≤32 visible characters)
        reaches the page."""
        ...


# --- templates ------------------------------------------------------------------------------
# Every channel takes its template codes and parameter order from app/notify_templates.py.


def template_codes(config: Mapping[str, Any]) -> Codes:
    """The registry's codes with the deployment's ``NOTIFY_TEMPLATE_CODES`` (a JSON object) merged over them."""
    from app.providers import ProviderConfigError

    overrides = template_code_overrides(config.get("NOTIFY_TEMPLATE_CODES") or "{}")
    if overrides is None:
        raise ProviderConfigError("NOTIFY_TEMPLATE_CODES must be a JSON object of objects")
    return Codes().merged(overrides)


def sms_values(provider: str, key: str, params: Mapping[str, str]) -> dict[str, str]:
    """The checked values of SMS template ``key`` in the template's order (``sms_params``: with its link).

    ProviderError ``UNKNOWN_TEMPLATE`` or ``TEMPLATE_PARAMS`` (rejected) when they do not fit; the
    message names parameters and what is wrong, never a value (a login code must not reach a log).
    """
    try:
        if SMS not in template(key).channels:
            raise TemplateError(key, {"template": "not sent by SMS"})
    except TemplateError as exc:
        raise ProviderError(provider, "UNKNOWN_TEMPLATE", str(exc), rejected=True) from None
    try:
        return check_values(key, params, sms=True)
    except TemplateError as exc:
        raise ProviderError(provider, "TEMPLATE_PARAMS", str(exc), rejected=True) from None


def sms_template(provider: str, codes: Codes, key: str, params: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The provider's SMS template code for ``key`` (Aliyun ``TemplateCode``, Tencent ``TemplateId``) and
    the checked values in the template's order (Tencent's ``TemplateParamSet`` is positional)."""
    values = sms_values(provider, key, params)
    try:
        return codes.sms(provider, key), values
    except TemplateError as exc:
        raise ProviderError(provider, "UNKNOWN_TEMPLATE", str(exc), rejected=True) from None


def mini_program_values(channel: str, key: str, values: Mapping[str, str]) -> dict[str, str] | NotifyResult:
    """The checked values of ``key`` on ``channel``, or the ``invalid`` result that keeps them from leaving.

    ``UNKNOWN_TEMPLATE``: no such template, or the channel may not carry it; ``TEMPLATE_PARAMS``:
    missing or extra parameters; ``VALUE_LIMIT``: a value over the channel's limits (``thing`` ≤ 20…).
    """
    found = TEMPLATES.get(key)
    if found is None or channel not in found.channels:
        return NotifyResult("invalid", "UNKNOWN_TEMPLATE")
    if set(values) != set(found.param_names):
        return NotifyResult("invalid", "TEMPLATE_PARAMS")
    try:
        return check_values(key, values)
    except TemplateError:
        return NotifyResult("invalid", "VALUE_LIMIT")


def mini_program_message(
    channel: str, codes: Codes, key: str, values: Mapping[str, str]
) -> tuple[str, dict[str, str]] | NotifyResult:
    """The provider's template id and data (its own keys: ``thing1``, ``keyword1``…), or ``invalid``.

    ``codes`` passed ``require_mini_program_codes`` when the adapter was built.
    """
    checked = mini_program_values(channel, key, values)
    if isinstance(checked, NotifyResult):
        return checked
    template_id, keys = codes.mini_program(channel, key)
    return template_id, {keys[name]: value for name, value in checked.items()}


def require_mini_program_codes(channel: str, codes: Codes) -> None:
    """ProviderConfigError unless every template the channel carries has an id and a key for each parameter."""
    from app.providers import ProviderConfigError

    problems = []
    for key, found in TEMPLATES.items():
        if channel not in found.channels:
            continue
        try:
            _, keys = codes.mini_program(channel, key)
        except TemplateError:
            problems.append(f"{key} has no {channel} template id")
            continue
        except (TypeError, ValueError):
            problems.append(f"{key}: the {channel} keys are not an object")
            continue
        missing = [name for name in found.param_names if not keys.get(name)]
        if missing:
            problems.append(f"{key} maps no {channel} key for {', '.join(missing)}")
    if problems:
        raise ProviderConfigError("NOTIFY_TEMPLATE_CODES: " + "; ".join(problems))
