"""A resident's rights over their own data (PIPL Art. 45, 47): a copy of everything held, and account deletion.

Both need a fresh login (a session opened in the last ``FRESH_LOGIN_MINUTES``): the export returns
full values and deletion cannot be undone, so a stolen token alone must not be enough.

Deletion anonymises rather than erases: 办件, ratings, complaints and audit rows are government records
that must be kept, so they stay under the resident's id while the resident row loses every piece of
personal data (docs/privacy.md says what is kept and why).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select

from app.errors import AccountHasOpenCases, AppointmentNotActive, ChangeTooLate, DomainError, FreshLoginRequired
from app.extensions import db
from app.models.application import Application
from app.models.base import utcnow
from app.models.booking import Appointment
from app.models.feedback import Complaint, Evaluation
from app.models.identity import AuthSession, Consent, FaceVerification, ProxyGrant, ResidentIdentity
from app.models.notify import Notification, SubscriptionCredit
from app.models.queue import Ticket
from app.ratelimit import Limit, hit
from app.redis_store import get_redis
from app.services import application_lifecycle, applications, appointments, audit, residents, sessions, tickets
from app.services.sessions import Principal

log = logging.getLogger(__name__)

FRESH_LOGIN_MINUTES = 10
EXPORT_LIMITS = (Limit("me_export", 5, 3600),)
# What deletion waits for: a case still being handled needs an applicant who can be reached.
OPEN_CASES = frozenset(application_lifecycle.STATES) - application_lifecycle.TERMINAL - {application_lifecycle.DRAFT}


def require_fresh_login(principal: Principal, now: datetime | None = None) -> None:
    """401 ``AUTH_FRESH_LOGIN_REQUIRED`` unless the caller's session was opened (logged in) just now."""
    now = now or utcnow()
    opened = db.session.scalar(select(AuthSession.created_at).where(AuthSession.public_id == principal.session_id))
    if opened is None or now - opened > timedelta(minutes=FRESH_LOGIN_MINUTES):
        raise FreshLoginRequired()


# --- Export ----------------------------------------------------------------------------------------


def export(principal: Principal) -> dict[str, Any]:
    """Everything held about the calling resident, their own values in full; audited (no row, no data)."""
    require_fresh_login(principal)
    hit(get_redis(), f"resident:{principal.id}", EXPORT_LIMITS)
    resident_id = principal.id
    resident = residents.get(resident_id)
    data = {
        "exported_at": utcnow(),
        "profile": residents.profile(resident),
        "account": {"created_at": resident.created_at, "elderly_mode": resident.elderly_mode},
        "identities": _rows(ResidentIdentity, ResidentIdentity.resident_id == resident_id),  # the API masks subjects
        "sessions": _rows(AuthSession, AuthSession.resident_id == resident_id),
        "consents": _rows(Consent, Consent.resident_id == resident_id),
        "face_checks": _rows(FaceVerification, FaceVerification.resident_id == resident_id),
        "proxies": _rows(ProxyGrant, or_(ProxyGrant.grantee_id == resident_id, ProxyGrant.grantor_id == resident_id)),
        "appointments": [_appointment(row) for row in _rows(Appointment, Appointment.resident_id == resident_id)],
        "tickets": _rows(Ticket, Ticket.resident_id == resident_id),
        "applications": [_application(row) for row in _rows(Application, Application.resident_id == resident_id)],
        "evaluations": _rows(
            Evaluation, or_(Evaluation.resident_id == resident_id, Evaluation.rated_by_id == resident_id)
        ),
        "complaints": _rows(Complaint, Complaint.resident_id == resident_id),
        "notifications": _rows(Notification, Notification.resident_id == resident_id),
        "subscription_credits": _rows(SubscriptionCredit, SubscriptionCredit.resident_id == resident_id),
    }
    audit.record_access("export", principal.actor, "resident", resident_id, {"sections": sorted(data)})
    return data


def _rows(model: type, condition: Any) -> list[Any]:
    return list(db.session.scalars(select(model).where(condition).order_by(model.id)))


def _appointment(row: Appointment) -> dict[str, Any]:
    return {"appointment": row, "item_code": row.item.code, "item_name": row.item.name, "hall_name": row.hall.name}


def _application(row: Application) -> dict[str, Any]:
    return {"application": row, "form": applications.form_of(row), "files": applications.files_of(row)}


# --- Deletion --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    deleted_at: datetime
    appointments_cancelled: int
    tickets_cancelled: int
    drafts_withdrawn: int
    records_kept: dict[str, int]  # what stays, without personal data, because the law needs it


def delete_account(principal: Principal, now: datetime | None = None) -> Deleted:
    """注销: refuse while a case is in progress; otherwise withdraw drafts, free booked places and waiting
    tickets, then strip every piece of personal data from the account and end its sessions at once."""
    now = now or utcnow()
    require_fresh_login(principal, now)
    resident_id = principal.id
    open_cases = db.session.scalars(
        select(Application.number).where(Application.resident_id == resident_id, Application.status.in_(OPEN_CASES))
    ).all()
    if open_cases:
        raise AccountHasOpenCases(details={"applications": sorted(number or "" for number in open_cases)})
    drafts = _withdraw_drafts(resident_id, now)
    cancelled_appointments = _cancel_appointments(resident_id, now)
    cancelled_tickets = _cancel_tickets(resident_id, now)
    ended = _anonymise(resident_id, now)
    kept = {
        "applications": _count(Application, Application.resident_id == resident_id),
        "evaluations": _count(Evaluation, Evaluation.resident_id == resident_id),
        "complaints": _count(Complaint, Complaint.resident_id == resident_id),
    }
    details = {"appointments": cancelled_appointments, "tickets": cancelled_tickets, "drafts": drafts, "kept": kept}
    audit.record("resident.delete", principal.actor, object_type="resident", object_id=resident_id, details=details)
    db.session.commit()
    sessions.forget(ended)
    return Deleted(now, cancelled_appointments, cancelled_tickets, drafts, kept)


def _withdraw_drafts(resident_id: int, now: datetime) -> int:
    drafts = db.session.scalars(
        select(Application.id).where(
            Application.resident_id == resident_id, Application.status == application_lifecycle.DRAFT
        )
    ).all()
    for application_id in drafts:
        applications.withdraw(resident_id, application_id, now=now)
    return len(drafts)


def _cancel_appointments(resident_id: int, now: datetime) -> int:
    """Free every booked place the resident may still give back; one too close to cancel simply lapses."""
    booked = db.session.scalars(
        select(Appointment.id).where(Appointment.resident_id == resident_id, Appointment.status == appointments.ACTIVE)
    ).all()
    cancelled = 0
    for appointment_id in booked:
        try:
            appointments.cancel(resident_id, appointment_id, now)
            cancelled += 1
        except (ChangeTooLate, AppointmentNotActive):  # too late to give back, or checked in meanwhile
            log.info("appointment %s: not cancelled, left as it is", appointment_id)
    return cancelled


def _cancel_tickets(resident_id: int, now: datetime) -> int:
    cancelled = 0
    for ticket in tickets.live_of(resident_id, now):
        if ticket.status != "waiting":
            continue
        try:
            tickets.cancel(resident_id, ticket.id, now)
            cancelled += 1
        except DomainError:  # called meanwhile: the window serves it
            log.info("ticket %s: no longer waiting, not cancelled", ticket.id)
    return cancelled


def _anonymise(resident_id: int, now: datetime) -> list[str]:
    """Clear the resident row's personal data, end and blank the sessions, delete logins, face checks and
    messages, withdraw consents, end proxies; in the caller's transaction. Returns the ended sessions' public
    ids (to drop from the cache once committed)."""
    resident = residents.get(resident_id)
    phone_index = resident.phone_index
    resident.phone_enc = resident.phone_index = resident.name_enc = None
    resident.id_number_enc = resident.id_number_index = None
    resident.real_name_at = resident.face_verified_at = None
    resident.disabled_at = now
    ended = sessions.revoke_all(resident_id=resident_id, reason="account_deleted")
    for row in _rows(AuthSession, AuthSession.resident_id == resident_id):
        row.ip, row.client = "", ""
    db.session.execute(delete(ResidentIdentity).where(ResidentIdentity.resident_id == resident_id))
    db.session.execute(delete(FaceVerification).where(FaceVerification.resident_id == resident_id))
    db.session.execute(delete(Notification).where(Notification.resident_id == resident_id))
    db.session.execute(delete(SubscriptionCredit).where(SubscriptionCredit.resident_id == resident_id))
    for consent in _rows(Consent, (Consent.resident_id == resident_id) & Consent.withdrawn_at.is_(None)):
        consent.withdrawn_at = now
    mine = or_(ProxyGrant.grantee_id == resident_id, ProxyGrant.grantor_id == resident_id)
    if phone_index is not None:
        mine = or_(mine, ProxyGrant.grantor_phone_index == phone_index)
    for grant in _rows(ProxyGrant, mine):
        if grant.status in ("pending", "active"):
            grant.status, grant.ended_at, grant.ended_by_id = "revoked", now, resident_id
        if grant.grantor_phone_index == phone_index:
            grant.grantor_phone_index = ""  # a keyed hash of the phone is still personal data
    return ended


def _count(model: type, condition: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(condition)) or 0
