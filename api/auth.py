"""Authentication glue: JWT failures answer 401 with the one error body (never 422)."""

from __future__ import annotations

from flask import Response

from api.errors import HTTP_ERRORS, error_response
from api.extensions import jwt

AUTH_REQUIRED = HTTP_ERRORS[401]
INVALID_TOKEN = ("AUTH_INVALID_TOKEN", "登录凭证无效，请重新登录", "The access token is invalid, please log in again")
TOKEN_EXPIRED = ("AUTH_TOKEN_EXPIRED", "登录已过期，请重新登录", "The access token has expired, please log in again")
TOKEN_REVOKED = ("AUTH_TOKEN_REVOKED", "登录已失效，请重新登录", "This session has ended, please log in again")
FRESH_LOGIN = ("AUTH_FRESH_LOGIN_REQUIRED", "请重新登录后再操作", "Please log in again to do this")


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
