"""Offline adapters for development and tests (production refuses them).

- Login: the code ``sbx:<subject>`` is an identity; a phone code ``sbx:<11 digits>`` is that phone.
- SMS: messages go to a per-phone inbox in Redis, read through the dev-only API.
- WeChat and Alipay messages go to a per-subject inbox in Redis; a subject starting with
  ``nocredit`` has no send credit (so the SMS fallback can be tried).
- SMS and messages are checked against app/notify_templates.py as the real providers check them.
- Face: a session waits in Redis until the dev-only API marks it passed or failed;
  callbacks are signed with HMAC-SHA256 under a key derived from SECRET_KEY.
- Deep links: ``https://sandbox.invalid/{channel}/{page}?{query}``; mini-program codes are QR codes of it.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import re
import secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import segno

from app.notify_templates import TEMPLATES
from app.providers.base import (
    CallbackHint,
    DeepLink,
    ExternalIdentity,
    FaceResult,
    FaceSession,
    FaceStart,
    NotifyResult,
    ProviderError,
    SmsReceipt,
    mini_program_values,
    sms_values,
)
from app.redis_store import get_redis, redis_errors

INBOX_SIZE = 10
INBOX_SECONDS = 600
FACE_SESSION_SECONDS = 600
_SUBJECT = re.compile(r"sbx:([A-Za-z0-9_-]{1,64})")
_PHONE = re.compile(r"sbx:(1[3-9][0-9]{9})")


def _deliver(key: str, message: Mapping[str, Any]) -> None:
    """Put a message at the head of an inbox that keeps the last ``INBOX_SIZE`` for ``INBOX_SECONDS``."""
    with redis_errors():
        pipe = get_redis().pipeline()
        pipe.lpush(key, json.dumps(message)).ltrim(key, 0, INBOX_SIZE - 1).expire(key, INBOX_SECONDS).execute()


def _inbox(key: str) -> list[dict]:
    with redis_errors():
        return [json.loads(item) for item in get_redis().lrange(key, 0, -1)]


class SandboxSms:
    name = "sandbox"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SandboxSms:
        return cls()

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        values = sms_values(self.name, template, params)
        _deliver(f"sandbox:sms:{{{phone}}}", {"template": template, "params": values, "sent_at": int(time.time())})
        return SmsReceipt(provider_msg_id=idempotency_key, provider_code="OK")

    @staticmethod
    def inbox(phone: str) -> list[dict]:
        return _inbox(f"sandbox:sms:{{{phone}}}")


class SandboxNotifier:
    """A mini-program channel that delivers to a Redis inbox per subject: what the resident would read."""

    name = "sandbox"
    channel = ""
    NO_CREDIT_PREFIX = "nocredit"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SandboxNotifier:
        return cls()

    def send(
        self, subject: str, template: str, values: Mapping[str, str], *, page: str | None, idempotency_key: str
    ) -> NotifyResult:
        checked = mini_program_values(self.channel, template, values)
        if isinstance(checked, NotifyResult):
            return checked
        if subject.startswith(self.NO_CREDIT_PREFIX):
            return NotifyResult("no_credit", "NO_CREDIT")
        found = TEMPLATES[template]
        message = {
            "template": template,
            "values": checked,
            "page": page or found.page,
            "text": found.render(checked),
            "sent_at": int(time.time()),
        }
        _deliver(self.inbox_key(subject), message)
        return NotifyResult("sent", "OK", idempotency_key)

    @classmethod
    def inbox_key(cls, subject: str) -> str:
        return f"sandbox:{cls.channel}:{{{subject}}}"

    @classmethod
    def inbox(cls, subject: str) -> list[dict]:
        """The last messages this channel 'sent' to ``subject``, newest first."""
        return _inbox(cls.inbox_key(subject))


class SandboxWeChatNotifier(SandboxNotifier):
    channel = "wechat"


class SandboxAlipayNotifier(SandboxNotifier):
    channel = "alipay"


class _SandboxLogin:
    name = "sandbox"
    provider = ""

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> _SandboxLogin:
        return cls()

    def exchange_code(self, code: str) -> ExternalIdentity:
        match = _SUBJECT.fullmatch(code)
        if not match:
            raise ProviderError(self.provider, "INVALID_CODE", "sandbox codes look like sbx:<subject>", rejected=True)
        return ExternalIdentity(provider=self.provider, app_id="sandbox", subject=match[1])

    def exchange_phone_code(self, code: str, *, subject: str | None = None) -> str:
        match = _PHONE.fullmatch(code)
        if not match:
            raise ProviderError(
                self.provider, "INVALID_CODE", "sandbox phone codes look like sbx:13800138000", rejected=True
            )
        return match[1]


class SandboxWeChatLogin(_SandboxLogin):
    provider = "wechat"


class SandboxAlipayLogin(_SandboxLogin):
    provider = "alipay"


class SandboxFace:
    name = "sandbox"
    RESULTS = ("passed", "failed")

    def __init__(self, callback_key: bytes) -> None:
        self.callback_key = callback_key

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SandboxFace:
        key = hmac.new(config["SECRET_KEY"].encode(), b"sandbox face callback", hashlib.sha256).digest()
        return cls(key)

    def start(self, request: FaceStart) -> FaceSession:
        ref = "sbx" + secrets.token_hex(16)
        with redis_errors():
            get_redis().set(f"sandbox:face:{ref}", "pending", ex=FACE_SESSION_SECONDS)
        return FaceSession(
            provider=self.name,
            outer_no=request.outer_no,
            provider_ref=ref,
            client_payload={"sandbox_ref": ref},
            expires_at=datetime.now(UTC) + timedelta(seconds=FACE_SESSION_SECONDS),
        )

    def query(self, session: FaceSession, request: FaceStart) -> FaceResult:
        with redis_errors():
            state = get_redis().get(f"sandbox:face:{session.provider_ref}")
        status = state if state in ("pending", *self.RESULTS) else "expired"
        raw = hashlib.sha256(f"{session.provider_ref}:{status}".encode()).hexdigest()
        return FaceResult(
            status=status,
            score=99.0 if status == "passed" else None,  # type: ignore[arg-type]
            provider_code=status.upper(),
            raw_sha256=raw,
        )

    @classmethod
    def finish(cls, ref: str, result: str) -> bool:
        """Dev-only: the resident 'passed' or 'failed' the liveness check. False if the ref is unknown."""
        with redis_errors():
            return bool(get_redis().set(f"sandbox:face:{ref}", result, xx=True, keepttl=True))

    def sign_callback(self, body: bytes, timestamp: int, nonce: str) -> str:
        return hmac.new(self.callback_key, f"{timestamp}\n{nonce}\n".encode() + body, hashlib.sha256).hexdigest()

    def parse_callback(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> CallbackHint:
        try:
            timestamp = int(headers.get("X-Sandbox-Timestamp", ""))
            nonce = headers.get("X-Sandbox-Nonce", "")
            ref = json.loads(body)["sandbox_ref"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProviderError(self.name, "BAD_CALLBACK", "unreadable callback", rejected=True) from exc
        expected = self.sign_callback(body, timestamp, nonce)
        if not hmac.compare_digest(expected, headers.get("X-Sandbox-Signature", "")):
            raise ProviderError(self.name, "SIGNATURE_INVALID", "callback signature does not match", rejected=True)
        if not isinstance(ref, str) or not nonce:
            raise ProviderError(self.name, "BAD_CALLBACK", "callback names no session", rejected=True)
        return CallbackHint(provider_ref=ref, timestamp=timestamp, nonce=nonce)


_LINK_PAGE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*", re.ASCII)
_SCENE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}", re.ASCII)
QR_BORDER = 4


class _SandboxDeepLinker:
    """Links to ``https://sandbox.invalid/{channel}/{page}?{query}`` and real QR codes of them,
    refusing what WeChat would refuse (a page with "/" or a query, a bad scene)."""

    name = "sandbox"
    channel = ""

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> _SandboxDeepLinker:
        return cls()

    def link(self, page: str, query: Mapping[str, str], *, ttl_days: int = 30) -> DeepLink:
        return DeepLink(self._url(page, query), datetime.now(UTC) + timedelta(days=ttl_days))

    def mini_code(self, page: str, scene: str, *, width: int = 430) -> bytes:
        if not _SCENE.fullmatch(scene):
            raise ProviderError(self.channel, "BAD_SCENE", "1-32 of [0-9A-Za-z!#$&'()*+,/:;=?@._~-]", rejected=True)
        code = segno.make_qr(self._url(page, {"scene": scene}), error="m")
        modules = code.symbol_size(scale=1, border=QR_BORDER)[0]
        out = io.BytesIO()
        code.save(out, kind="png", scale=max(1, width // modules), border=QR_BORDER)
        return out.getvalue()

    def _url(self, page: str, query: Mapping[str, str]) -> str:
        if not _LINK_PAGE.fullmatch(page):
            raise ProviderError(self.channel, "BAD_PAGE", "a page path has no leading '/' and no query", rejected=True)
        return f"https://sandbox.invalid/{self.channel}/{page}" + (f"?{urlencode(query)}" if query else "")


class SandboxWeChatDeepLinker(_SandboxDeepLinker):
    channel = "wechat"


class SandboxAlipayDeepLinker(_SandboxDeepLinker):
    channel = "alipay"
