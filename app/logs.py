"""JSON-lines logging with a request id on every line and personal data scrubbed."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

from app.security.masking import PHONE_RE, mask_id_number, mask_phone

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
# The caller's address as the HTTP layer resolved it (after trusted proxies); audit rows record it.
client_ip_var: ContextVar[str | None] = ContextVar("client_ip", default=None)

_JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_BEARER_RE = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+")
_OTP_RE = re.compile(
    r"(?i)((?:otp|sms_?code|verification_?code|\bcode)[\"']?\s*[:=]\s*[\"']?|验证码\D{0,4})[0-9]{4,8}(?![0-9])"
)
# Broader than a valid ID number on purpose: any 18-character run that could be one is masked
# (a log line is no place to decide whether 057773504694797265 is an ID).
_ID_LIKE_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def scrub(text: str) -> str:
    """Mask phone numbers, ID numbers, OTP codes and tokens wherever they appear."""
    text = _JWT_RE.sub("[jwt]", text)
    text = _BEARER_RE.sub(r"\1[redacted]", text)
    text = _OTP_RE.sub(r"\1******", text)
    text = _ID_LIKE_RE.sub(lambda m: mask_id_number(m.group()), text)
    return PHONE_RE.sub(lambda m: mask_phone(m.group()), text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; newlines inside values stay escaped, so no forged lines."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = "".join(traceback.format_exception(*record.exc_info))
        return scrub(json.dumps(entry, ensure_ascii=False, default=str))


class _PalmGovHandler(logging.StreamHandler):
    """Marks the handler this module installed, so re-configuring replaces it."""


def configure_logging(level: str = "INFO") -> None:
    """Send every logger's records to stderr as scrubbed JSON lines."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _PalmGovHandler)]:
        root.removeHandler(handler)
    handler = _PalmGovHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
