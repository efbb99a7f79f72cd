"""Face verification (刷脸核身): start with a provider, ask the provider for the result, issue a ticket.

- Starting needs real name (L2) and the resident's separate consent; the name and
  ID number sent to the provider come from the real-name record, never the client.
- Completing asks the provider; whatever the client says about the result is ignored.
  The state moves pending -> passed | failed | cancelled | expired once, atomically.
- A pass makes the resident L3 for a while and gives one single-use ticket bound to
  (resident, purpose), valid FACE_TICKET_SECONDS, which a sensitive action consumes.
- Provider callbacks are hints: signature, ±5 min window and nonce checked, then re-query.
- No face image and no plain ID number is stored or logged (an HMAC of the ID is kept).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from app import metrics, providers
from app.errors import (
    AssuranceRequired,
    CallbackExpired,
    CallbackSignatureInvalid,
    ConsentRequired,
    FaceSessionUnknown,
    FaceStartRefused,
    FaceTicketInvalid,
    NotFound,
    ProviderUnavailable,
)
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import L2, FaceVerification, ResidentIdentity
from app.providers.base import FaceResult, FaceSession, FaceStart, NotSupported, ProviderError
from app.redis_store import get_redis, redis_errors
from app.services import audit, consents, residents

PURPOSES = ("proxy_accept", "account")
SESSION_SECONDS = 600
CALLBACK_WINDOW_SECONDS = 300
FINAL = ("passed", "failed", "cancelled", "expired")


@dataclass(frozen=True)
class Started:
    verification: FaceVerification
    client_payload: dict


@dataclass(frozen=True)
class Completed:
    verification: FaceVerification
    ticket: str | None  # given once, to the resident's own completion call


def start(resident_id: int, purpose: str) -> Started:
    resident = residents.get(resident_id)
    actor = audit.Actor("resident", resident_id)
    if resident.id_number_index is None:
        raise AssuranceRequired(details={"required_level": L2})
    if consents.active(resident_id, "face") is None:
        raise ConsentRequired(details={"consent": "face", "version": consents.FACE.version})
    verifier = providers.face_verifier()
    request = _face_start(resident_id, purpose, secrets.token_hex(16), verifier.name)
    try:
        session = verifier.start(request)
    except ProviderError as exc:
        current_app.logger.warning("face start refused: %s %s", exc.provider, exc.code)
        metrics.provider_failed("face", exc.provider)
        if exc.retryable:
            raise ProviderUnavailable() from exc
        audit.record("face.start", actor, result="failure", details={"purpose": purpose, "provider_code": exc.code})
        db.session.commit()
        raise FaceStartRefused(details={"provider_code": exc.code}) from exc
    db.session.execute(
        update(FaceVerification)
        .where(
            FaceVerification.resident_id == resident_id,
            FaceVerification.purpose == purpose,
            FaceVerification.status == "pending",
        )
        .values(status="cancelled", provider_code="SUPERSEDED", completed_at=utcnow())
    )
    now = utcnow()
    expires = min(
        session.expires_at or now + timedelta(seconds=SESSION_SECONDS), now + timedelta(seconds=SESSION_SECONDS)
    )
    verification = FaceVerification(
        resident_id=resident_id,
        purpose=purpose,
        provider=verifier.name,
        outer_no=request.outer_no,
        provider_ref=session.provider_ref,
        cert_index=residents.id_number_index(request.cert_no),
        created_at=now,
        expires_at=expires,
    )
    db.session.add(verification)
    db.session.flush()
    audit.record(
        "face.start",
        actor,
        object_type="face_verification",
        object_id=verification.id,
        details={"purpose": purpose, "provider": verifier.name},
    )
    db.session.commit()
    return Started(verification, session.client_payload)


def complete(resident_id: int, public_id: str) -> Completed:
    verification = db.session.scalar(
        select(FaceVerification).where(
            FaceVerification.public_id == public_id, FaceVerification.resident_id == resident_id
        )
    )
    if verification is None:
        raise NotFound()
    if verification.status == "pending":
        _settle(verification, audit.Actor("resident", resident_id))
    ticket = _issue_ticket(verification) if verification.status == "passed" else None
    return Completed(verification, ticket)


def consume_ticket(resident_id: int, purpose: str, ticket: str) -> None:
    """Spend a face ticket inside the caller's transaction, or raise FaceTicketInvalid."""
    now = utcnow()
    result = db.session.execute(
        update(FaceVerification)
        .where(
            FaceVerification.ticket_hash == _ticket_hash(ticket),
            FaceVerification.resident_id == resident_id,
            FaceVerification.purpose == purpose,
            FaceVerification.ticket_used_at.is_(None),
            FaceVerification.ticket_expires_at > now,
        )
        .values(ticket_used_at=now)
    )
    if result.rowcount != 1:
        raise FaceTicketInvalid()


def handle_callback(provider: str, headers: dict[str, str], query: dict[str, str], body: bytes) -> None:
    """A provider says a face check changed: verify the message, then ask the provider (never trust the message)."""
    verifier = providers.face_verifier()
    if provider != verifier.name:
        raise NotFound()
    try:
        hint = verifier.parse_callback(headers, query, body)
    except NotSupported as exc:
        raise NotFound() from exc
    except ProviderError as exc:
        if exc.code == "SIGNATURE_INVALID":
            raise CallbackSignatureInvalid() from exc
        raise FaceSessionUnknown() from exc
    if abs(utcnow().timestamp() - hint.timestamp) > CALLBACK_WINDOW_SECONDS:
        raise CallbackExpired()
    verification = db.session.scalar(
        select(FaceVerification).where(
            FaceVerification.provider == provider, FaceVerification.provider_ref == hint.provider_ref
        )
    )
    if verification is None:
        raise FaceSessionUnknown()
    with redis_errors():
        first = get_redis().set(f"face-nonce:{{{provider}}}:{hint.nonce}", 1, nx=True, ex=2 * CALLBACK_WINDOW_SECONDS)
    if first and verification.status == "pending":
        _settle(verification, audit.Actor("system"))


def _settle(verification: FaceVerification, actor: audit.Actor) -> None:
    """Ask the provider and record a final result once (the first writer wins)."""
    now = utcnow()
    if verification.expires_at <= now:
        result = FaceResult("expired", None, "SESSION_EXPIRED", "")
    else:
        request = _face_start(
            verification.resident_id, verification.purpose, verification.outer_no, verification.provider
        )
        session = FaceSession(
            verification.provider,
            verification.outer_no,
            verification.provider_ref or "",
            expires_at=verification.expires_at,
        )
        try:
            result = providers.face_verifier().query(session, request)
        except ProviderError as exc:
            current_app.logger.warning("face query failed: %s %s", exc.provider, exc.code)
            metrics.provider_failed("face", exc.provider)
            raise ProviderUnavailable() from exc
    if result.status in ("pending", "error"):
        return
    changed = db.session.execute(
        update(FaceVerification)
        .where(FaceVerification.id == verification.id, FaceVerification.status == "pending")
        .values(
            status=result.status,
            score=result.score,
            provider_code=result.provider_code[:64],
            raw_sha256=result.raw_sha256 or None,
            completed_at=now,
        )
    ).rowcount
    if changed:
        if result.status == "passed":
            residents.get(verification.resident_id).face_verified_at = now
        audit.record(
            "face.complete",
            actor,
            result="success" if result.status == "passed" else "failure",
            object_type="face_verification",
            object_id=verification.id,
            details={"purpose": verification.purpose, "status": result.status, "provider_code": result.provider_code},
        )
    db.session.commit()
    db.session.refresh(verification)


def _issue_ticket(verification: FaceVerification) -> str | None:
    """The ticket of a passed check, handed out once."""
    ticket = secrets.token_urlsafe(24)
    expires: datetime = utcnow() + timedelta(seconds=current_app.config["FACE_TICKET_SECONDS"])
    issued = db.session.execute(
        update(FaceVerification)
        .where(FaceVerification.id == verification.id, FaceVerification.ticket_hash.is_(None))
        .values(ticket_hash=_ticket_hash(ticket), ticket_expires_at=expires)
    ).rowcount
    db.session.commit()
    db.session.refresh(verification)
    return ticket if issued else None


def _ticket_hash(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def _face_start(resident_id: int, purpose: str, outer_no: str, provider: str) -> FaceStart:
    profile = residents.profile(residents.get(resident_id))
    if profile.name is None or profile.id_number is None:
        raise AssuranceRequired(details={"required_level": L2})
    return FaceStart(
        resident_id=resident_id,
        purpose=purpose,
        outer_no=outer_no,
        cert_name=profile.name,
        cert_no=profile.id_number,
        subject=_openid(resident_id) if provider == "wechat" else None,
        return_url=current_app.config["ALIPAY_FACE_RETURN_URL"] or None,
    )


def _openid(resident_id: int) -> str | None:
    return db.session.scalar(
        select(ResidentIdentity.subject).where(
            ResidentIdentity.resident_id == resident_id, ResidentIdentity.provider == "wechat"
        )
    )
