"""Per-request plumbing: request ids, the per-IP rate limit, security and CORS headers, and the access log."""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, Response, current_app, g, request

from api import security_headers
from api.errors import HTTP_ERRORS, ApiHTTPError
from app import jobs, ratelimit
from app.errors import RedisUnavailable
from app.logs import client_ip_var, request_id_var
from app.redis_store import get_redis

log = logging.getLogger("palmgov.access")

_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:-]{8,64}", re.ASCII)


def _start_request() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID_RE.fullmatch(incoming) else secrets.token_urlsafe(16)
    g.request_token = request_id_var.set(g.request_id)
    g.client_ip_token = client_ip_var.set(request.remote_addr)
    g.started = time.perf_counter()


def _refuse_nul() -> None:
    """A NUL character in the path or query can reach no database column (PostgreSQL refuses it): 400."""
    if b"%00" in request.query_string.lower() or "\x00" in request.path:
        raise ApiHTTPError(400, *HTTP_ERRORS[400], {"reason": "NUL characters are not allowed"})


def _limit_per_ip() -> None:
    """A broad per-IP ceiling on the API and short links against scraping and floods.

    If Redis is down it falls back to an in-process count (the limit divided by
    the number of worker processes), so reads that don't need Redis still answer.
    """
    if not request.path.startswith(("/api/v1/", "/l/")):  # short links write a click and may call WeChat
        return
    config = current_app.config
    limit = ratelimit.Limit("ip", config["RATE_LIMIT_PER_IP"], config["RATE_LIMIT_WINDOW_SECONDS"])
    subject = f"ip:{request.remote_addr}"
    try:
        ratelimit.hit(get_redis(), subject, [limit])
    except RedisUnavailable:
        per_process = max(1, limit.count // max(1, config["WEB_CONCURRENCY"]))
        current_app.extensions["palmgov.local_limits"].hit(
            subject, ratelimit.Limit(limit.name, per_process, limit.window_seconds)
        )


def _finish_response(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    security_headers.set_security_headers(response)
    security_headers.set_cors_headers(response)
    log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
            "ip": request.remote_addr,
        },
    )
    return response


def _start_jobs(response: Response) -> Response:
    """Jobs whose transactions committed in this request start now (inline on the embedded Redis)."""
    jobs.run_ready()
    return response


def _end_request(_exc: BaseException | None) -> None:
    token = g.pop("request_token", None)
    if token is not None:
        request_id_var.reset(token)
    ip_token = g.pop("client_ip_token", None)
    if ip_token is not None:
        client_ip_var.reset(ip_token)


def register_request_hooks(app: Flask) -> None:
    app.extensions["palmgov.local_limits"] = ratelimit.LocalWindowCounter()
    app.before_request(_start_request)
    app.before_request(_refuse_nul)
    app.before_request(_limit_per_ip)
    app.before_request(security_headers.answer_preflight)
    app.after_request(_start_jobs)
    app.after_request(_finish_response)
    app.teardown_request(_end_request)
