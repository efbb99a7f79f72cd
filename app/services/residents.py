"""Resident records: lookup by phone, assurance levels, the decrypted profile, and preferences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from app.errors import AssuranceRequired, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import L0, L1, L2, L3, Resident
from app.security.crypto import field_crypto
from app.services import audit, sessions

# L3 means "the face matched the ID recently"; after this the resident is L2 again.
FACE_ASSURANCE_WINDOW = timedelta(minutes=30)


def phone_index(phone: str) -> str:
    return field_crypto().blind_index(phone, "phone")


def id_number_index(id_number: str) -> str:
    return field_crypto().blind_index(id_number, "id_number")


def get(resident_id: int) -> Resident:
    resident = db.session.get(Resident, resident_id)
    if resident is None:
        raise NotFound()
    return resident


def find_by_phone(phone: str) -> Resident | None:
    return db.session.scalar(select(Resident).where(Resident.phone_index == phone_index(phone)))


def find_by_id_number(id_number: str) -> Resident | None:
    return db.session.scalar(select(Resident).where(Resident.id_number_index == id_number_index(id_number)))


def lock(resident_id: int) -> None:
    """Judge one resident's requests one at a time, in the caller's transaction: a row lock on PostgreSQL,
    the database's write lock on SQLite (a no-op UPDATE takes either)."""
    db.session.execute(update(Resident).where(Resident.id == resident_id).values(id=Resident.id))


def new_resident(phone: str | None) -> Resident:
    resident = Resident()
    if phone is not None:
        set_phone(resident, phone)
    db.session.add(resident)
    db.session.flush()
    return resident


def set_phone(resident: Resident, phone: str) -> None:
    resident.phone_enc = field_crypto().encrypt(phone, "resident.phone")
    resident.phone_index = phone_index(phone)


def assurance_level(resident: Resident, now: datetime | None = None) -> int:
    now = now or utcnow()
    if resident.face_verified_at and now - resident.face_verified_at < FACE_ASSURANCE_WINDOW:
        return L3
    if resident.id_number_index:
        return L2
    return L1 if resident.phone_index else L0


def require_level(resident: Resident, required: int, now: datetime | None = None) -> None:
    """403 ``ASSURANCE_REQUIRED`` (with the level needed and the level held) below ``required``."""
    level = assurance_level(resident, now)
    if level < required:
        raise AssuranceRequired(details={"required_level": required, "level": level})


@dataclass(frozen=True)
class Profile:
    """Plain values for the HTTP layer, which masks them on the way out."""

    id: int
    phone: str | None
    name: str | None
    id_number: str | None
    assurance_level: int
    real_name_at: datetime | None
    elderly_mode: bool


def profile(resident: Resident) -> Profile:
    crypto = field_crypto()
    return Profile(
        id=resident.id,
        phone=crypto.decrypt(resident.phone_enc, "resident.phone") if resident.phone_enc else None,
        name=crypto.decrypt(resident.name_enc, "resident.name") if resident.name_enc else None,
        id_number=crypto.decrypt(resident.id_number_enc, "resident.id_number") if resident.id_number_enc else None,
        assurance_level=assurance_level(resident),
        real_name_at=resident.real_name_at,
        elderly_mode=resident.elderly_mode,
    )


@dataclass(frozen=True)
class Preferences:
    """How the resident wants the mini-program to look, kept with their account."""

    elderly_mode: bool  # 适老化: the mini-program's elderly-friendly mode


def preferences(resident_id: int) -> Preferences:
    return Preferences(elderly_mode=get(resident_id).elderly_mode)


def update_preferences(resident_id: int, *, elderly_mode: bool) -> Preferences:
    resident = get(resident_id)
    resident.elderly_mode = elderly_mode
    db.session.commit()
    return Preferences(elderly_mode=resident.elderly_mode)


def disable(resident_id: int, *, reason: str, actor: audit.Actor = audit.SYSTEM) -> None:
    """Disable an account: every session ends now, and it cannot log in again."""
    resident = get(resident_id)
    resident.disabled_at = utcnow()
    ended = sessions.revoke_all(resident_id=resident_id, reason="account_disabled")
    audit.record("resident.disable", actor, object_type="resident", object_id=resident_id, details={"reason": reason})
    db.session.commit()
    sessions.forget(ended)
