"""Resident login: SMS codes, sessions (SMS, WeChat, Alipay), token refresh and logout."""

from __future__ import annotations

from flask import request
from flask_jwt_extended import get_jwt

from api.auth import client_label, current_principal, issue_tokens
from api.blueprint import Blueprint
from api.schemas.auth import SESSION_REQUEST_DOC, LoginSchema, SessionRequestSchema, SmsCodeRequestSchema, TokensSchema
from app.services import resident_auth, residents, sessions

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Resident login and sessions")


@blp.post("/sms-codes")
@blp.arguments(SmsCodeRequestSchema)
@blp.response(202)
@blp.errors(429, 503)
def request_sms_code(data: dict) -> tuple[dict, int]:
    """Text a 6-digit login code. The answer is the same whether or not the phone has an account."""
    resident_auth.request_sms_code(data["phone"], data["purpose"], request.remote_addr or "")
    return {}, 202


@blp.post("/sessions")
@blp.arguments(SessionRequestSchema)
@blp.doc(requestBody=SESSION_REQUEST_DOC)
@blp.response(201, LoginSchema)
@blp.errors(401, 403, 409, 429, 503)
def create_session(data: dict) -> dict:
    """Log in with an SMS code, a WeChat ``wx.login`` code (plus an optional phone code) or an Alipay auth code."""
    ip = request.remote_addr or ""
    if data["method"] == "sms":
        login = resident_auth.login_with_sms(data["phone"], data["code"], client=client_label(), ip=ip)
    else:
        login = resident_auth.login_with_provider(
            data["method"], data["code"], data.get("phone_code"), client=client_label(), ip=ip
        )
    return {**issue_tokens(login.session, "resident"), "resident": residents.profile(login.resident)}


@blp.post("/refresh")
@blp.login_required("resident", refresh=True)
@blp.response(200, TokensSchema)
def refresh() -> dict:
    """Trade the refresh token for new tokens. Each refresh token works once; a replay ends the session."""
    session = sessions.rotate(current_principal().session_id, int(get_jwt().get("gen", -1)))
    return issue_tokens(session, "resident")


@blp.delete("/sessions/current")
@blp.login_required("resident")
@blp.response(204)
def logout() -> tuple[str, int]:
    """Log out: this session's access and refresh tokens stop working at once."""
    principal = current_principal()
    sessions.end(principal, principal.session_id)
    return "", 204
