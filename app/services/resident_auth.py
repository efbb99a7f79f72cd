"""Resident login use cases: SMS code, WeChat and Alipay. Each one commits one session.

Identities from the three methods meet at the verified phone number: a WeChat
login that shares its phone joins the resident who logged in by SMS with it.
Every attempt, failed or not, leaves an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app import metrics, providers
from app.errors import AccountDisabled, DomainError, LoginCodeInvalid, PhoneInUse, ProviderUnavailable
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import AuthSession, Resident, ResidentIdentity
from app.providers.base import ExternalIdentity, ProviderError
from app.services import audit, otp, residents, sessions
from app.validators import normalize_phone


@dataclass(frozen=True)
class Login:
    session: AuthSession
    resident: Resident


def request_sms_code(phone: str, purpose: str, ip: str) -> None:
    otp.send_code(normalize_phone(phone), purpose, ip)


def login_with_sms(phone: str, code: str, *, client: str, ip: str) -> Login:
    phone = normalize_phone(phone)
    try:
        otp.check_code(phone, "login", code)
    except DomainError as error:
        _record_failure("sms", error)
        raise
    resident = residents.find_by_phone(phone) or residents.new_resident(phone)
    return _open(resident, "sms", client, ip)


def login_with_provider(method: str, code: str, phone_code: str | None, *, client: str, ip: str) -> Login:
    provider = providers.identity_provider(method)
    try:
        identity = provider.exchange_code(code)
        phone = provider.exchange_phone_code(phone_code, subject=identity.subject) if phone_code else None
    except ProviderError as exc:
        current_app.logger.warning("%s login refused: %s", exc.provider, exc.code)
        if exc.rejected:  # the client's code was bad or used: not the provider failing
            _record_failure(method, LoginCodeInvalid(), provider_code=exc.code)
            raise LoginCodeInvalid() from exc
        metrics.provider_failed("login", exc.provider)
        raise ProviderUnavailable() from exc
    if phone is not None:
        phone = normalize_phone(phone)
    return _open(_resident_for(identity, phone), method, client, ip)


def link_phone(resident_id: int, phone: str, code: str, *, client: str, ip: str) -> Login | None:
    """Verify a phone for a resident who logged in without one (Alipay, or WeChat without a phone code).

    If the phone is free it becomes this resident's (L1) and None is returned. If another
    resident already owns it, this login's WeChat/Alipay identities move to that resident,
    provided this account holds nothing of its own yet; the caller gets a session as that
    resident and this one ends. Otherwise PHONE_IN_USE.
    """
    phone = normalize_phone(phone)
    otp.check_code(phone, "link_phone", code)
    resident = residents.get(resident_id)
    actor = audit.Actor("resident", resident_id)
    if resident.phone_index is not None:
        raise PhoneInUse("该账号已绑定手机号", "This account already has a phone number")
    owner = residents.find_by_phone(phone)
    if owner is None:
        residents.set_phone(resident, phone)
        audit.record("phone.link", actor, object_type="resident", object_id=resident_id)
        db.session.commit()
        return None
    if resident.id_number_index is not None or owner.disabled_at is not None:
        raise PhoneInUse()
    for identity in list(resident.identities):
        identity.resident = owner
    resident.disabled_at = utcnow()
    ended = sessions.revoke_all(resident_id=resident_id, reason="merged")
    audit.record("phone.link", actor, object_type="resident", object_id=owner.id, details={"merged_into": owner.id})
    login = _open(owner, "link_phone", client, ip)
    sessions.forget(ended)
    return login


def _resident_for(identity: ExternalIdentity, phone: str | None) -> Resident:
    link = db.session.scalar(
        select(ResidentIdentity).where(
            ResidentIdentity.provider == identity.provider,
            ResidentIdentity.app_id == identity.app_id,
            ResidentIdentity.subject == identity.subject,
        )
    )
    if link is not None:
        resident = link.resident
        if phone is not None and resident.phone_index is None:
            if residents.find_by_phone(phone) is not None:
                raise PhoneInUse()
            residents.set_phone(resident, phone)
        return resident
    resident = (residents.find_by_phone(phone) if phone else None) or residents.new_resident(phone)
    db.session.add(
        ResidentIdentity(
            resident=resident,
            provider=identity.provider,
            app_id=identity.app_id,
            subject=identity.subject,
            union_id=identity.union_id,
        )
    )
    return resident


def _open(resident: Resident, method: str, client: str, ip: str) -> Login:
    actor = audit.Actor("resident", resident.id)
    if resident.disabled_at is not None:
        db.session.rollback()
        _record_failure(method, AccountDisabled(), actor=actor)
        raise AccountDisabled()
    lifetime = timedelta(days=current_app.config["REFRESH_TOKEN_DAYS"])
    session = sessions.open_session(resident_id=resident.id, method=method, client=client, ip=ip, lifetime=lifetime)
    audit.record("login", actor, object_type="session", object_id=session.id, details={"method": method})
    db.session.commit()
    return Login(session, resident)


def _record_failure(
    method: str, error: DomainError, *, actor: audit.Actor = audit.ANONYMOUS, provider_code: str | None = None
) -> None:
    details = {"method": method, "code": error.code}
    if provider_code:
        details["provider_code"] = provider_code
    audit.record("login", actor, result="failure", details=details)
    db.session.commit()
