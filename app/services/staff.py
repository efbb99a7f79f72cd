"""Staff accounts: password login (argon2id, lockout, TOTP), roles, disabling, and what staff see of residents.

Login answers the same for an unknown username, a wrong password and a disabled
account (``INVALID_CREDENTIALS``), and spends the same argon2 work on each: an
unknown username is checked against a dummy hash. Five failures in a row lock the
account for 15 minutes (``ACCOUNT_LOCKED``, even with the right password); unknown
usernames are counted in Redis and lock the same way, so locking reveals nothing.
Holders of an admin role, and anyone with an authenticator enrolled, also give a
TOTP code; each code works once.

Roles are read from the database on every request (``rights``), so a role or scope
change applies at the caller's next request. Every login attempt, every change and
every look at a resident's personal data leaves an audit row.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

import pyotp
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app.errors import (
    AccountLocked,
    DomainError,
    Forbidden,
    InvalidCredentials,
    InvalidInput,
    NotFound,
    RedisUnavailable,
    SecondFactorRequired,
    SessionEnded,
    StaffSelfChange,
    TotpInvalid,
    TotpNotEnrolled,
    UsernameTaken,
)
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import AuthSession, StaffAccount, StaffRole
from app.redis_store import get_redis, redis_errors
from app.security.crypto import field_crypto
from app.security.masking import ID_NUMBER_RE, PHONE_RE, mask_id_number, mask_phone
from app.services import audit, residents, scopes, sessions
from app.services.paging import Page, page_of, paginate
from app.services.scopes import (
    SYS_ADMIN,
    Grant,
    Scope,
    StaffRights,
    needs_second_factor,
)

LOCK_AFTER = 5
LOCK_SECONDS = 15 * 60
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}\Z", re.ASCII)
PASSWORD_MIN, PASSWORD_MAX = 12, 256
DISPLAY_NAME_MAX = 64
TOTP_CONTEXT = "staff.totp"
TOTP_ISSUER = "PalmGov"
TOTP_REPLAY_SECONDS = 120  # longer than the ±1 step (30 s each) a code is accepted for
REVEALABLE = ("phone", "name", "id_number")
REASON_MIN, REASON_MAX = 5, 200

_dummy_hashes: dict[str, str] = {}


# --- Passwords ----------------------------------------------------------------------------


def _hasher() -> PasswordHasher:
    # A name of argon2.profiles in lower case; config.py refuses unknown ones at start-up.
    return PasswordHasher.from_parameters(getattr(profiles, current_app.config["ARGON2_PROFILE"].upper()))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _check_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _dummy_hash() -> str:
    """A hash with the current parameters that no password matches, for unknown usernames."""
    name = current_app.config["ARGON2_PROFILE"]
    if name not in _dummy_hashes:
        _dummy_hashes[name] = hash_password(hashlib.sha256(b"palmgov unknown staff").hexdigest())
    return _dummy_hashes[name]


def _check_new_password(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InvalidInput(
            details={"fields": {"password": [f"Length must be between {PASSWORD_MIN} and {PASSWORD_MAX}."]}}
        )


def normalize_username(username: str) -> str:
    return username.lower()


# --- Login ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    session: AuthSession
    account: StaffAccount
    rights: StaffRights


def login(username: str, password: str, totp: str | None, *, client: str, ip: str) -> Login:
    """Check the password (and TOTP where needed) and open a staff session; every attempt is audited."""
    username = normalize_username(username)
    account = (
        db.session.scalar(select(StaffAccount).where(StaffAccount.username == username))
        if USERNAME_RE.fullmatch(username)
        else None
    )
    if account is None:
        _unknown_username(username, password)
    now = utcnow()
    if account.locked_until is not None and account.locked_until > now:
        _fail(account, AccountLocked(retry_after=_seconds_until(account.locked_until, now)))
    if not _check_password(account.password_hash, password):
        _fail(account, InvalidCredentials(), count=True)
    if account.disabled_at is not None:
        # Said no differently from a wrong password, and counted the same way.
        _fail(account, InvalidCredentials(), count=True, audit_code="ACCOUNT_DISABLED")
    rights = _rights_of(account)
    method = "password"
    if account.totp_secret_enc is not None or needs_second_factor(rights.roles):
        if account.totp_secret_enc is None:
            _fail(account, TotpNotEnrolled())
        if not totp:
            _fail(account, SecondFactorRequired())
        if not _totp_accepted(account, totp or ""):
            _fail(account, TotpInvalid(), count=True)
        method = "password+totp"
    hasher = _hasher()
    if hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hasher.hash(password)
    account.failed_logins, account.locked_until = 0, None
    lifetime = timedelta(hours=current_app.config["STAFF_SESSION_HOURS"])
    session = sessions.open_session(staff_id=account.id, method=method, client=client, ip=ip, lifetime=lifetime)
    audit.record("staff.login", rights.actor(), object_type="session", object_id=session.id, details={"method": method})
    db.session.commit()
    return Login(session, account, rights)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


def _fail(account: StaffAccount, error: DomainError, *, count: bool = False, audit_code: str | None = None) -> NoReturn:
    """Record a failed attempt (and count it towards the lock); always raises."""
    staff_id = account.id
    if count:
        failures = db.session.execute(
            update(StaffAccount)
            .where(StaffAccount.id == staff_id)
            .values(failed_logins=StaffAccount.failed_logins + 1)
            .returning(StaffAccount.failed_logins),
            execution_options={"synchronize_session": False},
        ).scalar_one()
        if failures >= LOCK_AFTER:
            db.session.execute(
                update(StaffAccount)
                .where(StaffAccount.id == staff_id)
                .values(failed_logins=0, locked_until=utcnow() + timedelta(seconds=LOCK_SECONDS)),
                execution_options={"synchronize_session": False},
            )
            error = AccountLocked(retry_after=LOCK_SECONDS)
    audit.record(
        "staff.login",
        audit.Actor("staff", staff_id),
        result="failure",
        details={"method": "password", "code": audit_code or error.code},
    )
    db.session.commit()
    raise error


def _unknown_username(username: str, password: str) -> NoReturn:
    """Answer as for a known account: argon2 work, the same error, the same lock after five tries."""
    key = "staff-login-fail:" + hashlib.sha256(username.encode()).hexdigest()
    error: DomainError
    locked_for = _unknown_lock(key)
    if locked_for:
        error = AccountLocked(retry_after=locked_for)
    else:
        _check_password(_dummy_hash(), password)
        error = InvalidCredentials()
        if _count_unknown(key) >= LOCK_AFTER:
            error = AccountLocked(retry_after=LOCK_SECONDS)
    audit.record("staff.login", audit.ANONYMOUS, result="failure", details={"method": "password", "code": error.code})
    db.session.commit()
    raise error


def _unknown_lock(key: str) -> int | None:
    try:
        with redis_errors():
            count, ttl = get_redis().pipeline().get(key).ttl(key).execute()
    except RedisUnavailable:
        return None  # nothing to protect: only the sameness of answers suffers
    return int(ttl) if count is not None and int(count) >= LOCK_AFTER and int(ttl) > 0 else None


def _count_unknown(key: str) -> int:
    try:
        with redis_errors():
            count, _ = get_redis().pipeline().incr(key).expire(key, LOCK_SECONDS).execute()
    except RedisUnavailable:
        return 0
    return int(count)


def _totp_accepted(account: StaffAccount, code: str) -> bool:
    """The code of this, the previous or the next 30-second step, never used before (RFC 6238 §5.2)."""
    secret = field_crypto().decrypt(account.totp_secret_enc or "", TOTP_CONTEXT)
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(utcnow())
    step = next(
        (s for s in (now_step, now_step - 1, now_step + 1) if hmac.compare_digest(totp.generate_otp(s), code)), None
    )
    if step is None:
        return False
    # Fail closed: if Redis cannot say whether the code was used, the login waits (503).
    with redis_errors():
        return bool(get_redis().set(f"staff-totp:{account.id}:{step}", "1", nx=True, ex=TOTP_REPLAY_SECONDS))


# --- Rights ----------------------------------------------------------------------------------


def _grants(account: StaffAccount) -> tuple[Grant, ...]:
    return tuple(
        Grant(role.role, Scope(role.scope_kind, role.scope_id))
        for role in sorted(account.roles, key=lambda r: (r.role, r.scope_kind, r.scope_id or 0))
    )


def _rights_of(account: StaffAccount) -> StaffRights:
    return StaffRights(account.id, _grants(account))


def rights(staff_id: int) -> StaffRights:
    """The roles a staff member holds now; a disabled or removed account has no session."""
    account = db.session.get(StaffAccount, staff_id, options=[joinedload(StaffAccount.roles)])  # one query
    if account is None or account.disabled_at is not None:
        raise SessionEnded()
    return _rights_of(account)


def get(staff_id: int) -> StaffAccount:
    account = db.session.get(StaffAccount, staff_id)
    if account is None:
        raise NotFound()
    return account


def grants_of(account: StaffAccount) -> list[dict[str, object]]:
    return [g.as_dict() for g in _grants(account)]


# --- Accounts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    account: StaffAccount
    totp_uri: str | None


def create_account(
    username: str,
    display_name: str,
    password: str,
    *,
    actor: audit.Actor,
    grants: Sequence[Grant] = (),
    enrol_totp: bool = False,
) -> Created:
    """A new staff account (with roles and an authenticator when bootstrapping the first admin)."""
    username = normalize_username(username)
    if not USERNAME_RE.fullmatch(username):
        raise InvalidInput(
            details={"fields": {"username": ["3-64 characters: a-z, 0-9, '.', '_' or '-', starting with a-z or 0-9."]}}
        )
    display_name = _clean_display_name(display_name)
    _check_new_password(password)
    if db.session.scalar(select(StaffAccount.id).where(StaffAccount.username == username)) is not None:
        raise UsernameTaken()
    account = StaffAccount(username=username, display_name=display_name, password_hash=hash_password(password))
    account.roles = [StaffRole(role=g.role, scope_kind=g.scope.kind, scope_id=g.scope.id) for g in _unique(grants)]
    db.session.add(account)
    try:
        db.session.flush()
    except IntegrityError as exc:  # a concurrent create took the name first
        db.session.rollback()
        raise UsernameTaken() from exc
    uri = _new_totp(account) if enrol_totp else None
    audit.record(
        "staff.create",
        actor,
        object_type="staff",
        object_id=account.id,
        details={"roles": grants_of(account), "totp": uri is not None},
    )
    db.session.commit()
    return Created(account, uri)


def _clean_display_name(value: str) -> str:
    name = value.strip()
    if not 1 <= len(name) <= DISPLAY_NAME_MAX or not name.isprintable():
        raise InvalidInput(details={"fields": {"display_name": [f"1-{DISPLAY_NAME_MAX} printable characters."]}})
    return name


def _unique(grants: Iterable[Grant]) -> list[Grant]:
    return list(dict.fromkeys(grants))


def _manages(admin: StaffRights, account: StaffAccount) -> bool:
    """A sys_admin manages the accounts whose every role lies inside one of their scopes."""
    return all(admin.contains(g.scope, SYS_ADMIN) for g in _grants(account))


def _managed(staff_id: int, admin: StaffRights) -> StaffAccount:
    account = db.session.get(StaffAccount, staff_id)
    if account is None or not _manages(admin, account):
        raise NotFound()
    return account


def list_accounts(admin: StaffRights, page: int, page_size: int) -> Page[StaffAccount]:
    statement = select(StaffAccount).options(selectinload(StaffAccount.roles)).order_by(StaffAccount.id)
    if admin.halls(SYS_ADMIN) is None:  # scope "all": every account
        return paginate(statement, page, page_size)
    visible = [account for account in db.session.scalars(statement) if _manages(admin, account)]
    return page_of(visible, page, page_size)


def replace_roles(staff_id: int, new_grants: Sequence[Grant], *, admin: StaffRights) -> StaffAccount:
    """Give the account exactly ``new_grants``; they apply at its next request.

    Gaining an admin role ends the account's sessions: the next login needs the second factor.
    """
    account = _managed(staff_id, admin)
    if account.id == admin.staff_id:
        raise StaffSelfChange()
    wanted = _unique(new_grants)
    outside = [g.as_dict() for g in wanted if not admin.contains(g.scope, SYS_ADMIN)]
    if outside:
        raise Forbidden(details={"outside_your_scope": outside})
    unknown = [f"Unknown {g.scope.kind} {g.scope.id}." for g in wanted if not scopes.node_exists(g.scope)]
    if unknown:
        raise InvalidInput(details={"fields": {"roles": unknown}})
    before = _grants(account)
    kept = [role for role in account.roles if Grant(role.role, Scope(role.scope_kind, role.scope_id)) in wanted]
    added = [StaffRole(role=g.role, scope_kind=g.scope.kind, scope_id=g.scope.id) for g in wanted if g not in before]
    account.roles = kept + added
    db.session.flush()
    ended: list[str] = []
    gained = {g.role for g in wanted} - {g.role for g in before}
    if needs_second_factor(gained):
        ended = sessions.revoke_all(staff_id=account.id, reason="roles_changed")
    audit.record(
        "staff.roles",
        admin.actor(SYS_ADMIN),
        object_type="staff",
        object_id=account.id,
        details={"before": [g.as_dict() for g in before], "after": grants_of(account)},
    )
    db.session.commit()
    sessions.forget(ended)
    return account


def disable(staff_id: int, *, admin: StaffRights) -> StaffAccount:
    """The account can no longer log in, and every session it has ends now."""
    account = _managed(staff_id, admin)
    if account.id == admin.staff_id:
        raise StaffSelfChange()
    if account.disabled_at is not None:
        return account
    account.disabled_at = utcnow()
    ended = sessions.revoke_all(staff_id=account.id, reason="account_disabled")
    audit.record("staff.disable", admin.actor(SYS_ADMIN), object_type="staff", object_id=account.id)
    db.session.commit()
    sessions.forget(ended)
    return account


def enrol_totp(staff_id: int, *, admin: StaffRights) -> tuple[StaffAccount, str]:
    """A new authenticator secret (replacing any old one); the otpauth:// URI is shown this once."""
    account = _managed(staff_id, admin)
    uri = _new_totp(account)
    audit.record("staff.totp_enrol", admin.actor(SYS_ADMIN), object_type="staff", object_id=account.id)
    db.session.commit()
    return account, uri


def _new_totp(account: StaffAccount) -> str:
    secret = pyotp.random_base32()
    account.totp_secret_enc = field_crypto().encrypt(secret, TOTP_CONTEXT)
    return pyotp.TOTP(secret).provisioning_uri(name=account.username, issuer_name=TOTP_ISSUER)


# --- Residents as staff see them --------------------------------------------------------------


def view_resident(resident_id: int, *, viewer: StaffRights) -> residents.Profile:
    """A resident's record for the HTTP layer to mask; the look is audited."""
    resident = residents.get(resident_id)
    audit.record_access("pii.view", viewer.actor(), "resident", resident.id, {"fields": [], "masked": True})
    return residents.profile(resident)


def reveal_resident(
    resident_id: int, fields: Iterable[str], reason: str, *, viewer: StaffRights
) -> dict[str, str | None]:
    """The plain values of ``fields``, only once the audit row (who, role, why, which fields) is committed."""
    wanted = sorted(set(fields))
    if not wanted or not set(wanted) <= set(REVEALABLE):
        raise InvalidInput(details={"fields": {"fields": [f"Choose from: {', '.join(REVEALABLE)}."]}})
    reason = clean_reason(reason)
    resident = residents.get(resident_id)
    profile = residents.profile(resident)
    audit.record_access("pii.reveal", viewer.actor(), "resident", resident.id, {"fields": wanted, "reason": reason})
    return {field: getattr(profile, field) for field in wanted}


def clean_reason(value: str) -> str:
    """A reason for an access to personal data, fit for the audit log (numbers typed into it are masked)."""
    reason = value.strip()
    if not REASON_MIN <= len(reason) <= REASON_MAX or not reason.isprintable():
        raise InvalidInput(details={"fields": {"reason": [f"{REASON_MIN}-{REASON_MAX} printable characters."]}})
    # The audit log holds no personal data: a number typed into the reason is masked.
    reason = PHONE_RE.sub(lambda m: mask_phone(m.group()), reason)
    return ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group()), reason)
