"""``GET /metrics`` for Prometheus, and the timing of every request it reports (docs/metrics.md).

Off unless ``METRICS_ENABLED`` (then a 404 like any unknown path). With ``METRICS_TOKEN`` the scraper sends
it as a bearer token (401 without it or with another). Not in the OpenAPI spec: it is the operator's, not a
client's. What is measured and exposed is ``app/metrics.py``'s.
"""

from __future__ import annotations

import hmac
import time

from flask import Blueprint, Response, current_app, g, request

from api.auth import AUTH_REQUIRED, INVALID_TOKEN
from api.errors import HTTP_ERRORS, ApiHTTPError
from app import metrics

bp = Blueprint("metrics", __name__)

UNMATCHED = "<unmatched>"  # the endpoint label of a request no route took (404, 405)


@bp.get("/metrics")
def scrape() -> Response:
    config = current_app.config
    if not config["METRICS_ENABLED"]:
        raise ApiHTTPError(404, *HTTP_ERRORS[404])
    _check_token(config["METRICS_TOKEN"])
    response = Response(metrics.render(), content_type=metrics.CONTENT_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _check_token(expected: str) -> None:
    if not expected:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiHTTPError(401, *AUTH_REQUIRED)
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiHTTPError(401, *INVALID_TOKEN)


@bp.after_app_request
def _time_request(response: Response) -> Response:
    """One observation per request, from ``g.started`` (the first before-request hook) to the response
    being ready: the same span as the access log's ``duration_ms``."""
    started = g.get("started")
    if started is not None:
        rule = request.url_rule
        endpoint = rule.rule if rule is not None else UNMATCHED
        metrics.observe_request(request.method, endpoint, response.status_code, time.perf_counter() - started)
    return response
