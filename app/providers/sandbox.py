"""Offline adapters for development and tests (production refuses them).

- Login: the code ``sbx:<subject>`` is an identity; a phone code ``sbx:<11 digits>`` is that phone.
- SMS: messages go to a per-phone inbox in Redis, read through the dev-only API.
- Face: a session waits in Redis until the dev-only API marks it passed or failed;
  callbacks are signed with HMAC-SHA256 under a key derived from SECRET_KEY.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from app.providers.base import (
    CallbackHint,
    ExternalIdentity,
    FaceResult,
    FaceSession,
    FaceStart,
    ProviderError,
    SmsReceipt,
)
from app.redis_store import get_redis, redis_errors

INBOX_SIZE = 10
INBOX_SECONDS = 600
FACE_SESSION_SECONDS = 600
_SUBJECT = re.compile(r"sbx:([A-Za-z0-9_-]{1,64})")
_PHONE = re.compile(r"sbx:(1[3-9][0-9]{9})")


class SandboxSms:
    name = "sandbox"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SandboxSms:
        return cls()

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        key = f"sandbox:sms:{{{phone}}}"
        message = json.dumps({"template": template, "params": dict(params), "sent_at": int(time.time())})
        with redis_errors():
            pipe = get_redis().pipeline()
            pipe.lpush(key, message).ltrim(key, 0, INBOX_SIZE - 1).expire(key, INBOX_SECONDS).execute()
        return SmsReceipt(provider_msg_id=idempotency_key, provider_code="OK")

    @staticmethod
    def inbox(phone: str) -> list[dict]:
        with redis_errors():
            return [json.loads(item) for item in get_redis().lrange(f"sandbox:sms:{{{phone}}}", 0, -1)]


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
