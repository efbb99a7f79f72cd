"""The Blueprint every resource uses: strict JSON bodies, 400 for invalid input,
and error responses declared in the OpenAPI spec."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

import flask
import flask_smorest
from flask import current_app
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from api import auth
from api.errors import HTTP_ERRORS, ApiHTTPError, malformed_json


class JsonParser(FlaskParser):
    """Reads JSON bodies the strict way.

    - invalid input is 400 ``VALIDATION_ERROR`` (webargs says 422);
    - a body that is not ``application/json`` is 415, an empty one counts as missing;
    - bodies over ``MAX_JSON_BODY`` are 413; malformed or absurdly nested JSON is 400.
    """

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not req.content_length and not req.get_data(cache=True):
            return core.missing
        if not is_json_request(req):
            raise ApiHTTPError(415, *HTTP_ERRORS[415])
        data = req.get_data(cache=True)
        if len(data) > current_app.config["MAX_JSON_BODY"]:
            raise ApiHTTPError(413, *HTTP_ERRORS[413], {"max_bytes": current_app.config["MAX_JSON_BODY"]})
        if b"\\u0000" in data:  # a NUL inside a JSON string: no database column can hold it
            raise malformed_json("NUL characters are not allowed")
        try:
            return core.parse_json(data)
        except RecursionError as exc:
            raise malformed_json("nested too deeply") from exc

    def _handle_invalid_json_error(
        self, error: json.JSONDecodeError | UnicodeDecodeError, req: flask.Request, *args: Any, **kwargs: Any
    ) -> Any:
        raise malformed_json(str(error))


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonParser()

    def errors(self, *statuses: int) -> Callable:
        """Declare the error responses an endpoint can give, beyond the default."""

        def decorator(func: Callable) -> Callable:
            for status in statuses:
                func = self.alt_response(status, response=HTTPStatus(status).name)(func)
            return func

        return decorator

    def cached_publicly(self, max_age: int) -> Callable:
        """An answer that is the same for everybody (no login, nothing personal): any cache on the way, the
        browser's, a CDN's or nginx's (deploy/nginx/palmgov.conf), may keep it ``max_age`` seconds, and a client
        holding a copy asks with ``If-None-Match`` and gets a bodiless 304 while it has not changed. Put it
        above ``response``, which gives it the finished answer."""

        def decorator(func: Callable) -> Callable:
            @wraps(func)
            def wrapper(*args: Any, **kwargs: Any) -> flask.Response:
                response = func(*args, **kwargs)
                if response.status_code == 200:
                    response.headers["Cache-Control"] = f"public, max-age={max_age}"
                    response.add_etag()  # from the body: the same guide gives the same tag on every worker
                    response = response.make_conditional(flask.request)
                return response

            return self.alt_response(304, description="The copy named by `If-None-Match` is still current")(wrapper)

        return decorator

    def links(self, status: int, *targets: str, **parameters: str) -> Callable:
        """Declare OpenAPI links on the ``status`` response: each target (``"GET /api/v1/things/{thing_id}"``) is
        called with ``parameters`` taken from this exchange by runtime expressions (``thing_id="$response.body#/id"``).
        Clients and the stateful fuzzer (tests/api/test_fuzz_stateful.py) follow them."""
        links = {}
        for target in targets:
            method, path = target.split(" ")
            name = re.sub(r"[^A-Za-z0-9]+", "_", f"{method} {path.removeprefix('/api/v1/')}").strip("_").lower()
            pointer = path.replace("~", "~0").replace("/", "~1")
            links[name] = {"operationRef": f"#/paths/{pointer}/{method.lower()}", "parameters": parameters}
        return self.doc(responses={str(status): {"links": links}})

    def login_required(self, kind: str, *, refresh: bool = False) -> Callable:
        """Only a live session of ``kind`` may call; documents the bearer scheme and the 401/403 answers."""

        def decorator(func: Callable) -> Callable:
            func = self.errors(401, 403)(func)
            return self.doc(security=auth.BEARER)(auth.require(kind, refresh=refresh)(func))

        return decorator

    def staff_required(self, *roles: str, refresh: bool = False) -> Callable:
        """Only staff holding one of ``roles`` now (any staff when none are named); see ``auth.staff_required``."""

        def decorator(func: Callable) -> Callable:
            func = self.errors(401, 403)(func)
            return self.doc(security=auth.BEARER)(auth.staff_required(*roles, refresh=refresh)(func))

        return decorator

    def device_required(self, func: Callable) -> Callable:
        """Only a registered device (kiosk, display or evaluator pad) presenting its ``X-Device-Token``; documents
        the 401."""
        func = self.errors(401)(func)
        return self.doc(security=auth.DEVICE_TOKEN)(auth.device_required(func))
