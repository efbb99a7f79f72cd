"""PalmGov application factory: config -> logging -> extensions -> redis -> crypto -> providers -> api -> CLI."""

from __future__ import annotations

from flask import Flask

from app import (
    metrics,
    models,  # noqa: F401  (registers the tables)
    providers,
    redis_store,
    reference_cache,
    storage,
)
from app.cli import register_commands
from app.extensions import db, migrate
from app.logs import configure_logging
from app.security import crypto
from config import BASE_DIR, Config, config_from_env


def create_app(config: Config | None = None) -> Flask:
    config = config or config_from_env()
    config.validate()
    app = Flask(__name__)
    app.config.from_object(config)
    configure_logging(app.config["LOG_LEVEL"])
    register_extensions(app)

    from api import init_app as init_api  # the one place the domain wires in the HTTP layer

    init_api(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"))
    redis_store.init_app(app)
    reference_cache.init_app(app)
    crypto.init_app(app)
    providers.init_app(app)
    storage.init_app(app)
    metrics.init_app(app)
