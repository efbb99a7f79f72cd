"""The HTTP layer: flask-smorest Api, JWT, request hooks, error handlers, blueprints."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from api import (
    auth,  # noqa: F401  (registers the JWT error loaders)
    docs,
    frontend,
    metrics,
)
from api.converters import IdConverter, TokenConverter
from api.errors import register_error_handlers
from api.extensions import api, jwt
from api.request_hooks import register_request_hooks
from api.v1 import register_blueprints


def init_app(app: Flask) -> None:
    if app.config["TRUSTED_PROXY_COUNT"]:
        hops = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # "/api/docs" and "/api/docs/" are the same page: no redirect (with its HTML body) for a slash.
    app.url_map.strict_slashes = False
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["token"] = TokenConverter
    register_request_hooks(app)
    api.init_app(app)
    jwt.init_app(app)
    register_error_handlers(app)
    register_blueprints(app, api)
    app.register_blueprint(docs.bp)
    app.register_blueprint(metrics.bp)
    app.register_blueprint(frontend.bp)
