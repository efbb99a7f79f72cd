"""Real-name binding (实名认证): name + resident ID number, one ID per account, level L2.

The ID number is checked by GB 11643 (region, real birth date, check digit);
it is stored encrypted with a blind index for the one-account-per-ID rule, and
shown masked everywhere. Matching the person to the ID is the face check (L3).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.errors import AssuranceRequired, IdNumberInUse, RealNameBound
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import L1, Resident
from app.security.crypto import field_crypto
from app.services import audit, residents
from app.validators import normalize_id_number, normalize_name


def bind(resident_id: int, name: str, id_number: str) -> Resident:
    name, id_number = normalize_name(name), normalize_id_number(id_number)
    resident = residents.get(resident_id)
    actor = audit.Actor("resident", resident_id)
    if residents.assurance_level(resident) < L1:
        raise AssuranceRequired("请先验证手机号", "Verify your phone number first", details={"required_level": L1})
    index = residents.id_number_index(id_number)
    if resident.id_number_index is not None:
        if resident.id_number_index == index and residents.profile(resident).name == name:
            return resident  # the same binding again: nothing to do
        raise RealNameBound()
    taken = db.session.scalar(select(Resident.id).where(Resident.id_number_index == index))
    if taken is not None:
        _refuse(actor)
    crypto = field_crypto()
    resident.name_enc = crypto.encrypt(name, "resident.name")
    resident.id_number_enc = crypto.encrypt(id_number, "resident.id_number")
    resident.id_number_index = index
    resident.real_name_at = utcnow()
    audit.record("real_name.bind", actor, object_type="resident", object_id=resident_id)
    try:
        db.session.commit()
    except IntegrityError:  # another account bound the same ID a moment ago
        db.session.rollback()
        _refuse(actor)
    return resident


def _refuse(actor: audit.Actor) -> None:
    db.session.rollback()
    audit.record(
        "real_name.bind",
        actor,
        result="failure",
        object_type="resident",
        object_id=actor.id,
        details={"code": IdNumberInUse.code},
    )
    db.session.commit()
    raise IdNumberInUse()
