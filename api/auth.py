"""Authentication for the HTTP layer: tokens, the per-request session check, and who may call what.

- JWT failures answer 401 with the one error body (never flask-jwt-extended's 422).
- Every token names a session; ``_check_session`` asks ``app.services.sessions``
  on each request, so logout and revocation act at once in every worker, and a
  check that cannot be made answers 503 ``AUTH_UNAVAILABLE`` instead of passing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, current_app, g, request
from flask_jwt_extended import create_access_token, create_refresh_token, jwt_required

from api.errors import HTTP_ERRORS, error_response
from api.extensions import jwt
from app.errors import Forbidden, SessionEnded
from app.models.base import utcnow
from app.models.identity import AuthSession, Device
from app.services import devices, sessions, staff
from app.services.scopes import StaffRights
from app.services.sessions import Principal

AUTH_REQUIRED = HTTP_ERRORS[401]
INVALID_TOKEN = ("AUTH_INVALID_TOKEN", "登录凭证无效，请重新登录", "The access token is invalid, please log in again")
TOKEN_EXPIRED = ("AUTH_TOKEN_EXPIRED", "登录已过期，请重新登录", "The access token has expired, please log in again")
TOKEN_REVOKED = (SessionEnded.code, SessionEnded.message_zh, SessionEnded.message_en)
FRESH_LOGIN = ("AUTH_FRESH_LOGIN_REQUIRED", "请重新登录后再操作", "Please log in again to do this")
BEARER = [{"bearerAuth": []}]


def issue_tokens(session: AuthSession, kind: str) -> dict[str, Any]:
    """An access token and a refresh token for ``session``, in the shape the API returns."""
    access_lifetime = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    now = utcnow()
    return {
        "access_token": create_access_token(session.public_id, additional_claims={"kind": kind}),
        "refresh_token": create_refresh_token(
            session.public_id,
            additional_claims={"kind": kind, "gen": session.refresh_generation},
            expires_delta=session.expires_at - now,
        ),
        "token_type": "Bearer",
        "expires_in": int(access_lifetime.total_seconds()),
        "expires_at": now + access_lifetime,
        "refresh_expires_at": session.expires_at,
    }


def client_label() -> str:
    """What the sessions list shows for this device: its User-Agent, shortened."""
    return request.headers.get("User-Agent", "")[:120]


def current_principal() -> Principal:
    return g.principal


def require(kind: str, *, refresh: bool = False) -> Callable:
    """Let only a live session of ``kind`` ("resident" or "staff") through; others get 403."""

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        @jwt_required(refresh=refresh)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if current_principal().kind != kind:
                raise Forbidden()
            return func(*args, **kwargs)

        return wrapper

    return decorator


@jwt.token_in_blocklist_loader
def _check_session(jwt_header: dict, jwt_payload: dict) -> bool:
    try:
        principal = sessions.check(jwt_payload["sub"])
    except SessionEnded:
        return True
    if principal.kind != jwt_payload.get("kind"):
        return True
    g.principal = principal
    return False


@jwt.unauthorized_loader
def _missing_token(reason: str) -> Response:
    return error_response(401, *AUTH_REQUIRED)


@jwt.invalid_token_loader
def _invalid_token(reason: str) -> Response:
    return error_response(401, *INVALID_TOKEN)


@jwt.user_lookup_error_loader
@jwt.token_verification_failed_loader
def _unusable_token(jwt_header: dict, jwt_payload: dict) -> Response:
    return error_response(401, *INVALID_TOKEN)


@jwt.expired_token_loader
def _expired_token(jwt_header: dict, jwt_payload: dict) -> Response:
    return error_response(401, *TOKEN_EXPIRED)


@jwt.revoked_token_loader
def _revoked_token(jwt_header: dict, jwt_payload: dict) -> Response:
    return error_response(401, *TOKEN_REVOKED)


@jwt.needs_fresh_token_loader
def _stale_token(jwt_header: dict, jwt_payload: dict) -> Response:
    return error_response(401, *FRESH_LOGIN)


# --- Staff and devices -------------------------------------------------------------------------

DEVICE_TOKEN = [{"deviceToken": []}]
DEVICE_TOKEN_HEADER = "X-Device-Token"  # noqa: S105 (a header name)


def current_staff() -> StaffRights:
    """The calling staff member's roles, read from the database for this request."""
    return g.staff_rights


def staff_required(*roles: str, refresh: bool = False) -> Callable:
    """Let through a live staff session whose account holds one of ``roles`` now (any staff when none are named).

    Roles come from the database on every call: a demoted account is refused at its next
    request, whatever its token says. Residents, and staff without one of the roles, get 403.
    """

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def with_rights(*args: Any, **kwargs: Any) -> Any:
            rights = staff.rights(current_principal().id)
            if roles and not rights.holds(*roles):
                raise Forbidden()
            g.staff_rights = rights
            return func(*args, **kwargs)

        return require("staff", refresh=refresh)(with_rights)

    return decorator


def current_device() -> Device:
    return g.device


def device_required(func: Callable) -> Callable:
    """Let through a registered, unrevoked device presenting its token in ``X-Device-Token``."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        g.device = devices.authenticate(request.headers.get(DEVICE_TOKEN_HEADER))
        return func(*args, **kwargs)

    return wrapper
