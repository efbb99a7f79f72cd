"""Every error, from every layer, answers with one JSON body:

``{"code": "SLOT_FULL", "message": "…", "request_id": "…", "details": {…}}``

Domain errors map to a status by family; HTTP errors (404, 405, 413, …) and
validation errors get fixed codes; anything unexpected is a 500 whose body
carries no internals (the traceback is logged with the request id).
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from flask import Flask, Response, g, jsonify, request
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException

from app.errors import (
    Conflict,
    DatabaseUnavailable,
    DependencyUnavailable,
    DomainError,
    Forbidden,
    Gone,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    RedisUnavailable,
    RuleViolation,
    Unauthenticated,
    UnsupportedMediaType,
)
from app.extensions import db
from app.logs import request_id_var
from app.services import audit

log = logging.getLogger(__name__)

STATUS_BY_FAMILY: list[tuple[type[DomainError], int]] = [
    (InvalidInput, 400),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (Gone, 410),
    (PayloadTooLarge, 413),
    (UnsupportedMediaType, 415),
    (RuleViolation, 422),
    (RateLimited, 429),
    (DependencyUnavailable, 503),
]


def _messages(error: type[DomainError]) -> tuple[str, str, str]:
    return error.code, error.message_zh, error.message_en


# status -> (code, Chinese, English) for errors raised by Flask/Werkzeug themselves.
HTTP_ERRORS: dict[int, tuple[str, str, str]] = {
    400: ("BAD_REQUEST", "请求格式有误", "The request is malformed"),
    401: _messages(Unauthenticated),
    403: _messages(Forbidden),
    404: _messages(NotFound),
    405: ("METHOD_NOT_ALLOWED", "不支持该请求方法", "This method is not allowed here"),
    406: ("NOT_ACCEPTABLE", "无法提供所需的格式", "The requested format is not available"),
    408: ("REQUEST_TIMEOUT", "请求超时", "The request timed out"),
    413: ("PAYLOAD_TOO_LARGE", "提交的内容过大", "The request body is too large"),
    414: ("URI_TOO_LONG", "请求地址过长", "The request URI is too long"),
    415: (
        "UNSUPPORTED_MEDIA_TYPE",
        "请以 JSON 格式提交（Content-Type: application/json）",
        "Send the body as JSON (Content-Type: application/json)",
    ),
    429: _messages(RateLimited),
    431: ("HEADERS_TOO_LARGE", "请求头过大", "The request headers are too large"),
    500: ("INTERNAL_ERROR", "服务器内部错误，请稍后再试", "Internal server error, please try again later"),
}
VALIDATION = _messages(InvalidInput)


class ApiHTTPError(HTTPException):
    """An HTTP error with its own stable code, raised by the API layer."""

    def __init__(self, status: int, code: str, zh: str, en: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(description=en)
        self.code = status
        self.error_code = (code, zh, en)
        self.details = details or {}


def malformed_json(reason: str) -> ApiHTTPError:
    return ApiHTTPError(
        400, "MALFORMED_JSON", "请求体不是有效的 JSON", "The request body is not valid JSON", {"reason": reason}
    )


def localized(zh: str, en: str) -> str:
    """Chinese with an English gloss, or one language when Accept-Language asks for it."""
    if "Accept-Language" not in request.headers:
        return f"{zh} / {en}"
    best = request.accept_languages.best_match(["zh", "en"])
    if best == "en":
        return en
    if best == "zh":
        return zh
    return f"{zh} / {en}"


def error_response(
    status: int,
    code: str,
    zh: str,
    en: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "code": code,
        "message": localized(zh, en),
        "request_id": request_id_var.get() or "",
        "details": details or {},
    }
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def status_for(error: DomainError) -> int:
    for family, status in STATUS_BY_FAMILY:
        if isinstance(error, family):
            return status
    return 422


def domain_error_response(error: DomainError) -> Response:
    status = status_for(error)
    if isinstance(error, NotFound):
        _audit_denied_lookup()
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    if status == 503:
        log.warning("dependency unavailable: %s", error.code)
    return error_response(status, error.code, error.zh, error.en, error.details, headers)


def _audit_denied_lookup() -> None:
    """A signed-in caller asking for an object by id that is not theirs, out of their scope or not there at all
    (the answer cannot differ, the audit may) leaves an ``access.denied`` row: probing other people's ids shows
    up in the audit log. Best effort: the 404 is answered even if the row cannot be written."""
    principal = g.get("principal")
    ids = {name: value for name, value in (request.view_args or {}).items() if isinstance(value, int)}
    if principal is None or not ids:
        return
    first = next(iter(ids))
    db.session.rollback()
    try:
        audit.record(
            "access.denied",
            principal.actor,
            result="denied",
            object_type=first.removesuffix("_id"),
            object_id=ids[first],
            details={"endpoint": request.endpoint, "method": request.method, "ids": ids},
        )
        db.session.commit()
    except (SQLAlchemyError, DomainError):
        db.session.rollback()
        log.warning("could not audit a denied lookup on %s", request.endpoint)


def http_error_response(error: HTTPException) -> Response:
    status = error.code or 500
    details: dict[str, Any] = {}
    if isinstance(error, ApiHTTPError):
        code, zh, en = error.error_code
        details = error.details
    elif status in (400, 422) and (fields := _validation_messages(error)) is not None:
        code, zh, en = VALIDATION
        status = 400
        details = {"fields": fields}
    else:
        code, zh, en = HTTP_ERRORS.get(status, (_code_from_name(error), error.name, error.name))
    headers = {k: v for k, v in error.get_headers() if k.lower() in ("allow", "retry-after")}
    return error_response(status, code, zh, en, details, headers)


def _validation_messages(error: HTTPException) -> dict[str, Any] | None:
    """webargs stores marshmallow messages per location; merge them into one field map."""
    messages = (getattr(error, "data", None) or {}).get("messages")
    if not isinstance(messages, dict):
        return None
    fields: dict[str, Any] = {}
    for location_messages in messages.values():
        if isinstance(location_messages, dict):
            fields.update(flatten_fields(location_messages))
    return fields


def flatten_fields(messages: dict[Any, Any], prefix: str = "") -> dict[str, list[str]]:
    """Nested marshmallow messages as one map from field path to messages: ``{"roles": {0: {"role": [...]}}}``
    becomes ``{"roles[0].role": [...]}``, the paths the domain's own checks use."""
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            path = f"{prefix}[{key}]"
        else:
            path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(flatten_fields(value, path))
        else:
            flat[path] = value
    return flat


def _code_from_name(error: HTTPException) -> str:
    return (error.name or "HTTP_ERROR").upper().replace(" ", "_").replace("'", "")


def redis_error_response(error: Exception) -> Response:
    return domain_error_response(RedisUnavailable())


def database_error_response(error: SQLAlchemyError) -> Response:
    """Lost connections, unreachable servers and an exhausted pool are 503; the rest are bugs."""
    if isinstance(error, OperationalError | PoolTimeoutError):
        return domain_error_response(DatabaseUnavailable())
    return unexpected_error_response(error)


def unexpected_error_response(error: Exception) -> Response:
    log.error("unhandled exception on %s %s", request.method, request.path, exc_info=error)
    return error_response(500, *HTTP_ERRORS[500])


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(HTTPException, http_error_response)
    app.register_error_handler(redis.ConnectionError, redis_error_response)
    app.register_error_handler(redis.TimeoutError, redis_error_response)
    app.register_error_handler(SQLAlchemyError, database_error_response)
    app.register_error_handler(Exception, unexpected_error_response)
