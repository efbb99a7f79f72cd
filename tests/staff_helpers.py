"""Helpers for staff tests: accounts made through the service, logins through the real API, a synthetic tree."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyotp
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models.base import utcnow
from app.security.crypto import field_crypto
from app.services import audit, residents, scopes, staff
from tests.helpers import app_context, bearer

PASSWORD = "correct-horse-battery"
PHONE, NAME, ID_NUMBER = "13800138000", "张三丰", "11010519491231002X"

# A city (region 1) with two districts; district 11 has a department and two halls, district 12 one of each.
TREE = scopes.StaticTree(
    {
        ("region", 1): None,
        ("region", 11): ("region", 1),
        ("region", 12): ("region", 1),
        ("department", 111): ("region", 11),
        ("department", 121): ("region", 12),
        ("hall", 1111): ("region", 11),
        ("hall", 1112): ("region", 11),
        ("hall", 1211): ("region", 12),
    }
)


@dataclass
class StaffUser:
    id: int
    username: str
    password: str
    totp_secret: str | None
    _steps_used: list[int] = field(default_factory=list)

    def totp(self) -> str:
        """A code for a time step not used yet by this user (codes work once): now, the next one, the one before."""
        assert self.totp_secret
        offset = (0, 1, -1)[len(self._steps_used) % 3]
        self._steps_used.append(offset)
        totp = pyotp.TOTP(self.totp_secret)
        return totp.generate_otp(totp.timecode(utcnow()) + offset)


def create_staff(
    app: Flask,
    username: str,
    *roles: tuple[str, str, int | None],
    password: str = PASSWORD,
    totp: bool | None = None,
) -> StaffUser:
    """An account holding ``roles`` ((role, scope_kind, scope_id) triples); admins get an authenticator."""
    grants = [scopes.grant(*role) for role in roles]
    enrol = scopes.needs_second_factor(g.role for g in grants) if totp is None else totp
    with app_context(app):
        created = staff.create_account(
            username, f"Staff {username}", password, actor=audit.SYSTEM, grants=grants, enrol_totp=enrol
        )
        secret = pyotp.parse_uri(created.totp_uri).secret if created.totp_uri else None
        return StaffUser(created.account.id, created.account.username, password, secret)


def login_body(user: StaffUser, *, password: str | None = None, totp: str | None = None) -> dict:
    body = {"username": user.username, "password": password or user.password}
    if totp is not None:
        body["totp"] = totp
    elif user.totp_secret:
        body["totp"] = user.totp()
    return body


def staff_login(client: FlaskClient, user: StaffUser) -> dict:
    """Log in through the API (with a fresh TOTP code where the account has one); returns the login body."""
    response = client.post("/api/v1/staff/sessions", json=login_body(user))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def staff_headers(client: FlaskClient, user: StaffUser) -> dict[str, str]:
    return bearer(staff_login(client, user)["access_token"])


def make_resident(app: Flask, *, real_name: bool = True) -> int:
    """A resident with a phone and (by default) a real name and ID number, stored as the app stores them."""
    with app_context(app):
        resident = residents.new_resident(PHONE)
        if real_name:
            crypto = field_crypto()
            resident.name_enc = crypto.encrypt(NAME, "resident.name")
            resident.id_number_enc = crypto.encrypt(ID_NUMBER, "resident.id_number")
            resident.id_number_index = residents.id_number_index(ID_NUMBER)
            resident.real_name_at = utcnow()
        db.session.commit()
        return resident.id
