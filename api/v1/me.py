"""The logged-in resident: profile, devices (sessions), notification settings, preferences and send credits;
a copy of all their data and account deletion (docs/privacy.md)."""

from __future__ import annotations

from flask import request

from api.auth import client_label, current_principal, issue_tokens
from api.blueprint import Blueprint
from api.schemas.auth import LinkedPhoneSchema, LinkPhoneRequestSchema, ResidentSchema, SessionListSchema
from api.schemas.identity import ActingForQuerySchema, RealNameRequestSchema
from api.schemas.notify import (
    CreditsSchema,
    NotificationSettingsSchema,
    NotificationSettingsUpdateSchema,
    PreferencesSchema,
    PreferencesUpdateSchema,
    SubscriptionRequestSchema,
)
from api.schemas.privacy import DeletedSchema, ExportSchema
from app.models.notify import NotificationSettings
from app.services import notify, privacy, proxies, real_name, resident_auth, residents, sessions

blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The logged-in resident")


@blp.get("")
@blp.login_required("resident")
@blp.arguments(ActingForQuerySchema, location="query")
@blp.response(200, ResidentSchema)
@blp.errors(404)
def me(query: dict) -> residents.Profile:
    """Your profile, personal data masked, with your assurance level; or, with ``acting_for``, your grantor's."""
    if "acting_for" in query:
        return proxies.profile_for(current_principal().id, query["acting_for"])
    return residents.profile(residents.get(current_principal().id))


@blp.delete("")
@blp.login_required("resident")
@blp.response(200, DeletedSchema)
@blp.errors(409)
def delete_account() -> privacy.Deleted:
    """注销: delete your account.

    Needs a login in the last 10 minutes (else 401 ``AUTH_FRESH_LOGIN_REQUIRED``) and no application in
    progress (409 ``ACCOUNT_HAS_OPEN_CASES``). Your personal data is erased and every session ends at once;
    办件, ratings and complaints are kept without it, as the law requires (docs/privacy.md)."""
    return privacy.delete_account(current_principal())


@blp.get("/export")
@blp.login_required("resident")
@blp.response(200, ExportSchema, headers={"Cache-Control": {"schema": {"type": "string"}}})
@blp.errors(429, 503)
def export() -> tuple[dict, int, dict[str, str]]:
    """A copy of everything PalmGov holds about you.

    Your phone, name and ID number in full (PIPL Art. 45). Needs a login in the last 10 minutes (else 401
    ``AUTH_FRESH_LOGIN_REQUIRED``); 5 exports an hour; every export is audited (docs/privacy.md)."""
    return privacy.export(current_principal()), 200, {"Cache-Control": "no-store"}


@blp.post("/real-name")
@blp.login_required("resident")
@blp.arguments(RealNameRequestSchema)
@blp.response(200, ResidentSchema)
@blp.errors(409)
def bind_real_name(data: dict) -> residents.Profile:
    """Bind your name and resident ID number (GB 11643 checked; one ID per account) to reach level L2."""
    return residents.profile(real_name.bind(current_principal().id, data["name"], data["id_number"]))


@blp.post("/phone")
@blp.login_required("resident")
@blp.arguments(LinkPhoneRequestSchema)
@blp.response(200, LinkedPhoneSchema)
@blp.errors(409, 429, 503)
def link_phone(data: dict) -> dict:
    """Verify a phone (SMS code of purpose ``link_phone``) for an account that logged in without one.

    If the phone already has an account, this login joins it: the answer carries new tokens.
    """
    principal = current_principal()
    login = resident_auth.link_phone(
        principal.id, data["phone"], data["code"], client=client_label(), ip=request.remote_addr or ""
    )
    if login is None:
        return {"resident": residents.profile(residents.get(principal.id)), "tokens": None}
    return {"resident": residents.profile(login.resident), "tokens": issue_tokens(login.session, "resident")}


@blp.get("/sessions")
@blp.login_required("resident")
@blp.response(200, SessionListSchema)
def list_sessions() -> dict:
    """The devices logged in as you, most recently used first."""
    principal = current_principal()
    rows = sessions.active_sessions(principal)
    items = [
        {
            "public_id": row.public_id,
            "method": row.method,
            "client": row.client,
            "ip": row.ip,
            "created_at": row.created_at,
            "last_used_at": row.last_used_at,
            "expires_at": row.expires_at,
            "current": row.public_id == principal.session_id,
        }
        for row in rows
    ]
    return {"items": items, "total": len(items)}


@blp.delete("/sessions/<string:session_id>")
@blp.login_required("resident")
@blp.response(204)
@blp.errors(404)
def end_session(session_id: str) -> tuple[str, int]:
    """Log out one device."""
    sessions.end(current_principal(), session_id)
    return "", 204


@blp.get("/notification-settings")
@blp.login_required("resident")
@blp.response(200, NotificationSettingsSchema)
def get_notification_settings() -> NotificationSettings:
    """How we reach you, and what about."""
    return notify.settings_of(current_principal().id)


@blp.put("/notification-settings")
@blp.login_required("resident")
@blp.arguments(NotificationSettingsUpdateSchema)
@blp.response(200, NotificationSettingsSchema)
def update_notification_settings(data: dict) -> NotificationSettings:
    """Change any of the settings; the others stay. Login codes and what you must act on are always sent."""
    return notify.update_settings(current_principal().id, **data)


@blp.get("/preferences")
@blp.login_required("resident")
@blp.response(200, PreferencesSchema)
def get_preferences() -> residents.Preferences:
    """How the mini-program should look for you (适老化 elderly mode), kept with your account."""
    return residents.preferences(current_principal().id)


@blp.put("/preferences")
@blp.login_required("resident")
@blp.arguments(PreferencesUpdateSchema)
@blp.response(200, PreferencesSchema)
def update_preferences(data: dict) -> residents.Preferences:
    """Turn elderly mode on or off; every device you log in on follows."""
    return residents.update_preferences(current_principal().id, elderly_mode=data["elderly_mode"])


@blp.post("/subscriptions")
@blp.login_required("resident")
@blp.arguments(SubscriptionRequestSchema)
@blp.response(200, CreditsSchema)
def add_subscriptions(data: dict) -> dict:
    """Record what you accepted in ``wx.requestSubscribeMessage`` / ``my.requestSubscribeMessage``: each accepted
    template is one message we may send you there (SMS otherwise)."""
    credits = notify.add_credits(current_principal().id, data["channel"], data["template_ids"])
    return {"channel": data["channel"], "credits": credits}
