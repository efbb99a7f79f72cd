"""The ``Idempotency-Key`` header of writes a retry could duplicate (bookings, later tickets and applications)."""

from __future__ import annotations

from collections.abc import Mapping

from flask import request

from app.services.idempotency import TTL, IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
DOC = {
    "parameters": [
        {
            "in": "header",
            "name": HEADER,
            "required": True,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            "description": "A new random value (a UUID) per action; send the same one when you retry it. "
            f"Kept {int(TTL.total_seconds() // 3600)} hours: a retry gets the first answer again "
            f"(with `{REPLAYED_HEADER}: true`); the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; "
            "no key is 400 `IDEMPOTENCY_KEY_REQUIRED`.",
        }
    ]
}


def idempotent_request(owner: str, action: str, payload: Mapping[str, object]) -> IdempotentRequest:
    return IdempotentRequest.of(owner, request.headers.get(HEADER), action, payload)


def replay_headers(replayed: bool) -> dict[str, str]:
    return {REPLAYED_HEADER: "true"} if replayed else {}
