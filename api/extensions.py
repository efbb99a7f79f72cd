"""Extension objects of the HTTP layer."""

from __future__ import annotations

import flask_smorest
from flask_jwt_extended import JWTManager
from werkzeug.exceptions import HTTPException

from api.converters import IdConverter, TokenConverter, id_parameter_schema, token_parameter_schema
from api.errors import http_error_response
from api.schemas.errors import ErrorSchema


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting and answering with PalmGov's error body."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        return http_error_response(error)


api = Api()
api.register_converter(IdConverter, id_parameter_schema)
api.register_converter(TokenConverter, token_parameter_schema)
jwt = JWTManager()
