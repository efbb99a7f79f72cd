"""PalmGov settings, read from the environment.

One class per environment: DevConfig (the default), TestConfig and ProdConfig,
chosen by ``PALMGOV_ENV``. Every setting is documented in the README table.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_WORKERS = 2
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The environment does not describe a runnable deployment."""


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.SECRET_KEY = env.get("SECRET_KEY", "")
        self.JWT_SECRET_KEY = env.get("JWT_SECRET_KEY", "")

        self.DATABASE_URL_SET = bool(env.get("DATABASE_URL"))
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'palmgov.db'}"
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(self.SQLALCHEMY_DATABASE_URI)
        self.REDIS_URL = env.get("REDIS_URL", "")

        self.TIMEZONE = env.get("TIMEZONE", "Asia/Shanghai")
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 10 * 1024 * 1024))
        self.MAX_JSON_BODY = int(env.get("MAX_JSON_BODY", 1024 * 1024))
        self.TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", 0))
        self.RATE_LIMIT_PER_IP = int(env.get("RATE_LIMIT_PER_IP", 600))
        self.RATE_LIMIT_WINDOW_SECONDS = int(env.get("RATE_LIMIT_WINDOW_SECONDS", 60))
        self.WEB_CONCURRENCY = int(env.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
        self.LOG_LEVEL = env.get("LOG_LEVEL", "INFO").upper()
        self.FRONTEND_DIR = env.get("FRONTEND_DIR", str(BASE_DIR / "miniprogram" / "dist" / "h5"))

    # Tokens: short access tokens, decoded with an explicit algorithm list (no "none").
    JWT_ALGORITHM = "HS256"
    JWT_DECODE_ALGORITHMS: ClassVar[list[str]] = ["HS256"]
    JWT_TOKEN_LOCATION: ClassVar[list[str]] = ["headers"]
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
    JWT_ENCODE_ISSUER = "palmgov"
    JWT_DECODE_ISSUER = "palmgov"
    JWT_ENCODE_AUDIENCE = "palmgov-api"
    JWT_DECODE_AUDIENCE = "palmgov-api"

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    JSON_SORT_KEYS = False

    API_TITLE = "PalmGov 掌上政务 API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/docs"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "/"
    OPENAPI_SWAGGER_UI_URL = "/api/docs/swagger-ui/"

    def validate(self) -> None:
        """Raise ConfigError naming every missing or unsafe setting."""


def engine_options(url: str) -> dict:
    """Engine settings that make a dead database fail fast instead of hanging."""
    options: dict = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 15}
    elif url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": 2}
        options["pool_timeout"] = 5
    return options


class DevConfig(Config):
    ENV_NAME = "development"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        super().__init__(environ)
        generated = _instance_secrets() if not (self.SECRET_KEY and self.JWT_SECRET_KEY) else {}
        self.SECRET_KEY = self.SECRET_KEY or generated["SECRET_KEY"]
        self.JWT_SECRET_KEY = self.JWT_SECRET_KEY or generated["JWT_SECRET_KEY"]


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    __test__ = False  # not a pytest test class
    # Let the app's own 500 handler answer, as in production, instead of re-raising into the test.
    PROPAGATE_EXCEPTIONS = False

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        super().__init__(environ)
        # Fixed keys so tests are reproducible; they protect nothing real.
        self.SECRET_KEY = "test-secret-key-for-palmgov-tests-only-0123456789"  # noqa: S105
        self.JWT_SECRET_KEY = "test-jwt-key-for-palmgov-tests-only-0123456789"  # noqa: S105


class ProdConfig(Config):
    ENV_NAME = "production"

    def validate(self) -> None:
        problems = []
        for name in ("SECRET_KEY", "JWT_SECRET_KEY"):
            if len(getattr(self, name)) < MIN_SECRET_LENGTH:
                problems.append(f"{name} must be set to a random value of at least {MIN_SECRET_LENGTH} characters")
        if not self.DATABASE_URL_SET:
            problems.append("DATABASE_URL must be set (e.g. postgresql://user@host/palmgov)")
        if not self.REDIS_URL:
            problems.append("REDIS_URL must be set; the embedded Redis is for development only")
        for name in sorted(vars(self)):
            if name.endswith("_PROVIDER") and getattr(self, name) == "sandbox":
                problems.append(f"{name} is 'sandbox'; choose a real provider in production")
        if problems:
            raise ConfigError("Refusing to start in production:\n- " + "\n- ".join(problems))


CONFIGS: dict[str, type[Config]] = {
    "development": DevConfig,
    "test": TestConfig,
    "production": ProdConfig,
}


def config_from_env(environ: Mapping[str, str] | None = None) -> Config:
    """Build the config class that ``PALMGOV_ENV`` names (development by default)."""
    env = os.environ if environ is None else environ
    name = env.get("PALMGOV_ENV", "development")
    if name not in CONFIGS:
        raise ConfigError(f"PALMGOV_ENV={name!r} is not one of {', '.join(CONFIGS)}")
    return CONFIGS[name](env)


def _instance_secrets() -> dict[str, str]:
    """Development secrets, generated once into instance/secrets.json (mode 0600)."""
    path = INSTANCE_DIR / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    values = {name: secrets.token_urlsafe(48) for name in ("SECRET_KEY", "JWT_SECRET_KEY")}
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process generated them first
        return json.loads(path.read_text())
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle)
    return values
