"""Staff login and sessions, and the staff view of residents (masked, with an audited reveal)."""

from __future__ import annotations

from flask import request
from flask_jwt_extended import get_jwt

from api.auth import client_label, current_principal, current_staff, issue_tokens
from api.blueprint import Blueprint
from api.schemas.auth import ResidentSchema, TokensSchema
from api.schemas.staff import (
    RevealRequestSchema,
    RevealSchema,
    StaffLoginRequestSchema,
    StaffLoginSchema,
    StaffSchema,
)
from app.models.identity import StaffAccount
from app.services import residents, sessions, staff
from app.services.scopes import ROLES

blp = Blueprint(
    "staff", __name__, url_prefix="/api/v1/staff", description="Staff login and the staff view of residents"
)


def staff_body(account: StaffAccount) -> dict:
    return {
        "id": account.id,
        "username": account.username,
        "display_name": account.display_name,
        "roles": staff.grants_of(account),
        "totp_enrolled": account.totp_secret_enc is not None,
        "disabled_at": account.disabled_at,
        "created_at": account.created_at,
    }


@blp.post("/sessions")
@blp.arguments(StaffLoginRequestSchema)
@blp.response(201, StaffLoginSchema)
@blp.errors(401, 429, 503)
def create_session(data: dict) -> dict:
    """Log in with username and password, plus the authenticator code for admin roles.

    A wrong password and an unknown username give the same 401. Five failures in a row lock
    the account for 15 minutes (429 ``ACCOUNT_LOCKED`` with ``Retry-After``).
    """
    login = staff.login(
        data["username"],
        data["password"],
        data.get("totp"),
        client=client_label(),
        ip=request.remote_addr or "",
    )
    return {**issue_tokens(login.session, "staff"), "staff": staff_body(login.account)}


@blp.post("/refresh")
@blp.login_required("staff", refresh=True)
@blp.response(200, TokensSchema)
def refresh() -> dict:
    """Trade the refresh token for new tokens. Each refresh token works once; a replay ends the session."""
    session = sessions.rotate(current_principal().session_id, int(get_jwt().get("gen", -1)))
    return issue_tokens(session, "staff")


@blp.delete("/sessions/current")
@blp.login_required("staff")
@blp.response(204)
def logout() -> tuple[str, int]:
    """Log out: this session's access and refresh tokens stop working at once."""
    principal = current_principal()
    sessions.end(principal, principal.session_id)
    return "", 204


@blp.get("/me")
@blp.staff_required()
@blp.response(200, StaffSchema)
def me() -> dict:
    """Your account and the roles you hold now."""
    return staff_body(staff.get(current_staff().staff_id))


@blp.get("/residents/<id:resident_id>")
@blp.staff_required(*ROLES)
@blp.response(200, ResidentSchema)
@blp.errors(404, 503)
def view_resident(resident_id: int) -> residents.Profile:
    """A resident with phone, name and ID number masked. The look is audited."""
    return staff.view_resident(resident_id, viewer=current_staff())


@blp.post("/residents/<id:resident_id>/reveal")
@blp.staff_required(*ROLES)
@blp.arguments(RevealRequestSchema)
@blp.response(200, RevealSchema)
@blp.errors(400, 404, 503)
def reveal_resident(data: dict, resident_id: int) -> dict:
    """The full values of the fields asked for, with a reason. The audit row (who, role, fields, reason)
    is committed before anything is returned; if it cannot be written, nothing is (503 ``AUDIT_UNAVAILABLE``)."""
    values = staff.reveal_resident(resident_id, data["fields_"], data["reason"], viewer=current_staff())
    return {"resident_id": resident_id, **values}
