"""Swagger UI assets served locally (from swagger-ui-bundle), so /api/docs works without a CDN."""

from __future__ import annotations

from flask import Blueprint, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("swagger_ui_assets", __name__)


@bp.get("/api/docs/swagger-ui/<path:filename>")
def swagger_ui_asset(filename: str) -> Response:
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)
