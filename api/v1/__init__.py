"""Version 1 of the API: one blueprint per resource."""

from __future__ import annotations

from api.extensions import Api
from api.v1 import health


def register_blueprints(api: Api) -> None:
    api.register_blueprint(health.blp)
