"""A probe blueprint that exercises each failure path of the HTTP layer.

It is registered only on the apps these tests build, under /api/v1/_probe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask_jwt_extended import jwt_required
from marshmallow import Schema, fields, validate
from sqlalchemy import text

from api.blueprint import Blueprint
from api.extensions import api
from app.extensions import db
from app.redis_store import get_redis, redis_errors


class EchoSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=30))
    age = fields.Integer(strict=True, validate=validate.Range(min=0, max=150))


probe = Blueprint("probe", __name__, url_prefix="/api/v1/_probe")


@probe.post("/echo")
@probe.arguments(EchoSchema)
@probe.response(200, EchoSchema)
def echo(data: dict) -> dict:
    return data


@probe.get("/private")
@jwt_required()
def private() -> dict:
    return {"ok": True}


@probe.get("/redis")
def uses_redis() -> dict:
    with redis_errors():
        return {"pong": get_redis().ping()}


@probe.get("/database")
def uses_database() -> dict:
    return {"one": db.session.execute(text("SELECT 1")).scalar_one()}


@probe.get("/crash")
def crash() -> dict:
    raise RuntimeError("secret internals: password=hunter2")


@pytest.fixture
def build_probe_app(build_app: Callable[..., Flask]) -> Callable[..., Flask]:
    def build(**settings: object) -> Flask:
        app = build_app(**settings)
        api.register_blueprint(probe)  # registers on the app just built
        return app

    return build


@pytest.fixture
def probe_app(app: Flask) -> Iterator[Flask]:
    api.register_blueprint(probe)
    yield app


@pytest.fixture
def probe_client(probe_app: Flask):
    return probe_app.test_client()
