"""What PalmGov needs from the outside world, one Protocol per capability.

Each capability has a ``sandbox`` adapter that works offline and real adapters
built to the provider's documented HTTP protocol (see docs/identity.md).
Provider results reported by a client are never trusted: the server asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol


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


# The SMS templates PalmGov sends, each with its parameters in the order positional providers (Tencent) need.
SMS_TEMPLATE_PARAMS: dict[str, tuple[str, ...]] = {"otp": ("code",)}


def sms_template_values(provider: str, template: str, params: Mapping[str, str]) -> list[tuple[str, str]]:
    """``[(name, value), …]`` in the template's order; ProviderError for an unknown template or wrong params."""
    names = SMS_TEMPLATE_PARAMS.get(template)
    if names is None:
        raise ProviderError(provider, "UNKNOWN_TEMPLATE", f"no SMS template {template!r}")
    if set(params) != set(names):
        raise ProviderError(provider, "TEMPLATE_PARAMS", f"template {template!r} takes {', '.join(names)}")
    return [(name, str(params[name])) for name in names]


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
        """A PNG mini-program code for ``page``; ``scene`` (≤32 visible characters) reaches the page."""
        ...
