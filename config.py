"""PalmGov settings, read from the environment.

One class per environment: DevConfig (the default), TestConfig and ProdConfig,
chosen by ``PALMGOV_ENV``. Every setting is documented in the README table.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_WORKERS = 2
QUIET_HOURS_RE = re.compile(r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:[01][0-9]|2[0-3]):[0-5][0-9])?", re.ASCII)
HHMM_RE = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", re.ASCII)
MIN_SECRET_LENGTH = 32
# 网络安全法 Art. 21 and 等保 L3: network logs are kept at least six months.
MIN_AUDIT_RETENTION_DAYS = 180
RETENTION_SETTINGS = (
    "RETENTION_SESSIONS_DAYS",
    "RETENTION_NOTIFICATIONS_DAYS",
    "RETENTION_FACE_CHECKS_DAYS",
    "RETENTION_AUDIT_DAYS",
)


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
        # Empty: no replica, every read on the primary (docs/scaling.md).
        self.DATABASE_REPLICA_URL = env.get("DATABASE_REPLICA_URL", "")
        self.REDIS_URL = env.get("REDIS_URL", "")
        # Sentinel and Cluster (docs/scaling.md): the sentinels' own password; RQ's Redis beside a cluster.
        self.REDIS_SENTINEL_PASSWORD = env.get("REDIS_SENTINEL_PASSWORD", "")
        self.JOBS_REDIS_URL = env.get("JOBS_REDIS_URL", "")

        self.TIMEZONE = env.get("TIMEZONE", "Asia/Shanghai")
        # Jobs run inline on the embedded Redis; JOBS_INLINE=true forces it on a real one too (tests).
        self.JOBS_INLINE = env.get("JOBS_INLINE", "false").lower() == "true"
        # Reminders wait out the night in the hall's (or TIMEZONE's) time; login codes never wait.
        self.QUIET_HOURS = env.get("QUIET_HOURS", "22:00-07:30")
        # Booking rules (docs/appointments.md); a hall line's release and deadlines are in its slot schedule.
        self.BOOKING_MAX_ACTIVE = int(env.get("BOOKING_MAX_ACTIVE", 3))
        self.BOOKING_MAX_PER_ITEM = int(env.get("BOOKING_MAX_PER_ITEM", 1))
        self.NO_SHOW_GRACE_MINUTES = int(env.get("NO_SHOW_GRACE_MINUTES", 15))
        self.STRIKE_WINDOW_DAYS = int(env.get("STRIKE_WINDOW_DAYS", 30))
        self.BAN_AFTER_STRIKES = int(env.get("BAN_AFTER_STRIKES", 2))
        self.BAN_DAYS = int(env.get("BAN_DAYS", 30))
        self.CANCEL_LIMIT = int(env.get("CANCEL_LIMIT", 5))
        self.CHECK_IN_EARLY_MINUTES = int(env.get("CHECK_IN_EARLY_MINUTES", 60))
        self.REMINDER_TIME = env.get("REMINDER_TIME", "09:00")
        # The queue's order (docs/queue.md): how far each class is brought forward (aging), or, with
        # QUEUE_INTERLEAVE = N > 0, priority first but at most N in a row while a normal ticket waits.
        self.QUEUE_APPOINTMENT_BOOST_MINUTES = int(env.get("QUEUE_APPOINTMENT_BOOST_MINUTES", 60))
        self.QUEUE_GREEN_BOOST_MINUTES = int(env.get("QUEUE_GREEN_BOOST_MINUTES", 30))
        self.QUEUE_INTERLEAVE = int(env.get("QUEUE_INTERLEAVE", 0))
        # A board stream (SSE) holds a worker thread: a comment every keepalive period keeps proxies from
        # closing it, and it ends after its lifetime so threads recycle (the browser reconnects).
        self.BOARD_KEEPALIVE_SECONDS = float(env.get("BOARD_KEEPALIVE_SECONDS", 15))
        self.BOARD_STREAM_SECONDS = float(env.get("BOARD_STREAM_SECONDS", 300))
        self.QUEUE_DEFAULT_SERVICE_MINUTES = int(env.get("QUEUE_DEFAULT_SERVICE_MINUTES", 10))  # until measured
        self.QUEUE_MAX_RECALLS = int(env.get("QUEUE_MAX_RECALLS", 2))  # then a no-show
        self.QUEUE_NEAR_PLACES = int(env.get("QUEUE_NEAR_PLACES", 3))  # "your turn is close" with this many ahead
        self.SKIP_REJOIN_MINUTES = int(env.get("SKIP_REJOIN_MINUTES", 10))  # a skipped resident may come back once
        # How long a worker keeps the working calendar and the catalog's tree (app/reference_cache.py).
        self.REFERENCE_CACHE_SECONDS = float(env.get("REFERENCE_CACHE_SECONDS", 10))
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 10 * 1024 * 1024))
        self.MAX_JSON_BODY = int(env.get("MAX_JSON_BODY", 1024 * 1024))
        # Uploaded materials: outside the web root and any static folder; keys are made by app/storage.py.
        self.UPLOAD_DIR = env.get("UPLOAD_DIR") or str(INSTANCE_DIR / "uploads")
        # Below MAX_CONTENT_LENGTH, so an oversized file gets UPLOAD_TOO_LARGE rather than the request's 413.
        self.MAX_UPLOAD_BYTES = int(env.get("MAX_UPLOAD_BYTES", 8 * 1024 * 1024))
        self.CORRECTION_DAYS = int(env.get("CORRECTION_DAYS", 30))  # the 补正 message's "please resubmit by"
        self.RATING_WINDOW_DAYS = int(env.get("RATING_WINDOW_DAYS", 15))  # a resident may rate this long after
        self.RATING_WORK_ORDER_DAYS = int(env.get("RATING_WORK_ORDER_DAYS", 5))  # working days to reply to a 差评
        self.COMPLAINT_REPLY_DAYS = int(env.get("COMPLAINT_REPLY_DAYS", 5))  # working days to answer a 投诉
        # 电子监察 thresholds (docs/supervision.md); SUPERVISION_RULES (JSON) overrides or turns off any rule.
        self.SUPERVISION_WARNING_PERCENT = int(env.get("SUPERVISION_WARNING_PERCENT", 80))
        self.SUPERVISION_CORRECTION_DAYS = int(env.get("SUPERVISION_CORRECTION_DAYS", 5))
        self.SUPERVISION_WAIT_MINUTES = int(env.get("SUPERVISION_WAIT_MINUTES", 60))
        self.SUPERVISION_PAUSE_MINUTES = int(env.get("SUPERVISION_PAUSE_MINUTES", 30))
        self.SUPERVISION_RULES = env.get("SUPERVISION_RULES", "{}")
        # Data retention in days (docs/privacy.md): ended sessions, sent notifications, face checks, audit rows.
        self.RETENTION_SESSIONS_DAYS = int(env.get("RETENTION_SESSIONS_DAYS", 180))
        self.RETENTION_NOTIFICATIONS_DAYS = int(env.get("RETENTION_NOTIFICATIONS_DAYS", 180))
        self.RETENTION_FACE_CHECKS_DAYS = int(env.get("RETENTION_FACE_CHECKS_DAYS", 90))
        self.RETENTION_AUDIT_DAYS = int(env.get("RETENTION_AUDIT_DAYS", 1095))
        self.TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", 0))
        # Browser origins allowed to call /api/ cross-origin, exact "https://host[:port]"; empty: no CORS headers.
        self.CORS_ORIGINS = tuple(o.strip().rstrip("/") for o in env.get("CORS_ORIGINS", "").split(",") if o.strip())
        self.RATE_LIMIT_PER_IP = int(env.get("RATE_LIMIT_PER_IP", 600))
        self.RATE_LIMIT_WINDOW_SECONDS = int(env.get("RATE_LIMIT_WINDOW_SECONDS", 60))
        self.WEB_CONCURRENCY = int(env.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
        self.LOG_LEVEL = env.get("LOG_LEVEL", "INFO").upper()
        # /metrics for Prometheus (docs/metrics.md): off by default; a bearer token, required in production.
        self.METRICS_ENABLED = env.get("METRICS_ENABLED", "false").lower() == "true"
        self.METRICS_TOKEN = env.get("METRICS_TOKEN", "")
        # gunicorn's workers add their counts up in files here (prometheus_client reads it from the environment).
        self.PROMETHEUS_MULTIPROC_DIR = env.get("PROMETHEUS_MULTIPROC_DIR", "")
        self.FRONTEND_DIR = env.get("FRONTEND_DIR", str(BASE_DIR / "miniprogram" / "dist" / "h5"))

        # Personal data at rest: "1:<base64 32 bytes>,2:<...>"; the highest version encrypts.
        self.FIELD_ENCRYPTION_KEYS = env.get("FIELD_ENCRYPTION_KEYS", "")
        self.FIELD_CIPHER = env.get("FIELD_CIPHER", "sm4-gcm")
        self.BLIND_INDEX_KEY = env.get("BLIND_INDEX_KEY", "")

        self.REFRESH_TOKEN_DAYS = int(env.get("REFRESH_TOKEN_DAYS", 30))
        self.STAFF_SESSION_HOURS = int(env.get("STAFF_SESSION_HOURS", 12))
        self.ARGON2_PROFILE = env.get("ARGON2_PROFILE", "rfc_9106_low_memory")
        self.FACE_TICKET_SECONDS = int(env.get("FACE_TICKET_SECONDS", 300))

        # Where residents reach this server: short links (/l/…) and the H5 pages they open.
        self.PUBLIC_BASE_URL = env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
        self.SHORT_LINK_DAYS = int(env.get("SHORT_LINK_DAYS", 30))

        # Providers: "sandbox" works offline; production must pick real ones.
        self.SMS_PROVIDER = env.get("SMS_PROVIDER", "sandbox")
        self.WECHAT_LOGIN_PROVIDER = env.get("WECHAT_LOGIN_PROVIDER", "sandbox")
        self.ALIPAY_LOGIN_PROVIDER = env.get("ALIPAY_LOGIN_PROVIDER", "sandbox")
        self.FACE_PROVIDER = env.get("FACE_PROVIDER", "sandbox")
        self.WECHAT_LINK_PROVIDER = env.get("WECHAT_LINK_PROVIDER", "sandbox")
        self.ALIPAY_LINK_PROVIDER = env.get("ALIPAY_LINK_PROVIDER", "sandbox")
        self.WECHAT_NOTIFY_PROVIDER = env.get("WECHAT_NOTIFY_PROVIDER", "sandbox")
        self.ALIPAY_NOTIFY_PROVIDER = env.get("ALIPAY_NOTIFY_PROVIDER", "sandbox")
        # Provider template codes as JSON, merged over app/notify_templates.py (docs/notifications.md).
        self.NOTIFY_TEMPLATE_CODES = env.get("NOTIFY_TEMPLATE_CODES", "{}")
        self.PROVIDER_TIMEOUT_SECONDS = float(env.get("PROVIDER_TIMEOUT_SECONDS", 5))

        self.WECHAT_APP_ID = env.get("WECHAT_APP_ID", "")
        self.WECHAT_APP_SECRET = env.get("WECHAT_APP_SECRET", "")
        self.WECHAT_API_BASE = env.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
        self.WECHAT_MINIPROGRAM_STATE = env.get("WECHAT_MINIPROGRAM_STATE", "formal")  # or trial, developer
        self.WECHAT_ENV_VERSION = env.get("WECHAT_ENV_VERSION", "release")  # or trial, develop

        self.ALIPAY_APP_ID = env.get("ALIPAY_APP_ID", "")
        self.ALIPAY_PRIVATE_KEY = env.get("ALIPAY_PRIVATE_KEY", "")
        self.ALIPAY_PUBLIC_KEY = env.get("ALIPAY_PUBLIC_KEY", "")
        self.ALIPAY_GATEWAY = env.get("ALIPAY_GATEWAY", "https://openapi.alipay.com/gateway.do")
        self.ALIPAY_FACE_RETURN_URL = env.get("ALIPAY_FACE_RETURN_URL", "")

        self.TENCENT_SECRET_ID = env.get("TENCENT_SECRET_ID", "")
        self.TENCENT_SECRET_KEY = env.get("TENCENT_SECRET_KEY", "")
        self.TENCENT_REGION = env.get("TENCENT_REGION", "ap-guangzhou")
        self.TENCENT_FACEID_ENDPOINT = env.get("TENCENT_FACEID_ENDPOINT", "https://faceid.tencentcloudapi.com")
        self.TENCENT_FACEID_RULE_ID = env.get("TENCENT_FACEID_RULE_ID", "")
        self.TENCENT_SMS_ENDPOINT = env.get("TENCENT_SMS_ENDPOINT", "https://sms.tencentcloudapi.com")
        self.TENCENT_SMS_APP_ID = env.get("TENCENT_SMS_APP_ID", "")
        self.TENCENT_SMS_SIGN_NAME = env.get("TENCENT_SMS_SIGN_NAME", "")

        self.ALIYUN_ACCESS_KEY_ID = env.get("ALIYUN_ACCESS_KEY_ID", "")
        self.ALIYUN_ACCESS_KEY_SECRET = env.get("ALIYUN_ACCESS_KEY_SECRET", "")
        self.ALIYUN_SMS_ENDPOINT = env.get("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
        self.ALIYUN_SMS_SIGN_NAME = env.get("ALIYUN_SMS_SIGN_NAME", "")

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
    API_SPEC_OPTIONS: ClassVar[dict] = {
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "deviceToken": {"type": "apiKey", "in": "header", "name": "X-Device-Token"},
            }
        }
    }

    @property
    def SQLALCHEMY_BINDS(self) -> dict[str, dict]:
        """The read replica as Flask-SQLAlchemy bind ``replica`` (app/replica.py), with the primary's pool options."""
        url = self.DATABASE_REPLICA_URL
        return {"replica": {"url": url, **engine_options(url)}} if url else {}

    def validate(self) -> None:
        """Raise ConfigError naming every missing or unsafe setting."""
        problems = self.problems()
        if problems:
            raise ConfigError(f"Refusing to start ({self.ENV_NAME}):\n- " + "\n- ".join(problems))

    def problems(self) -> list[str]:
        from argon2 import profiles  # only to know the profile names

        from app.services import supervision_rules  # only to check the rules' settings

        problems: list[str] = []
        known = [name.lower() for name in vars(profiles) if name.isupper()]
        if self.ARGON2_PROFILE not in known:
            problems.append(f"ARGON2_PROFILE must be one of {', '.join(sorted(known))}")
        if not HHMM_RE.fullmatch(self.REMINDER_TIME):
            problems.append("REMINDER_TIME must be HH:MM (e.g. 09:00)")
        if not QUIET_HOURS_RE.fullmatch(self.QUIET_HOURS):
            problems.append("QUIET_HOURS must be HH:MM-HH:MM (e.g. 22:00-07:30), or empty for none")
        problems += self.template_code_problems()
        problems += self.redis_problems()
        problems += self.retention_problems()
        problems += supervision_rules.problems(vars(self))
        return problems

    def retention_problems(self) -> list[str]:
        problems = [f"{name} must be at least 1" for name in RETENTION_SETTINGS if getattr(self, name) < 1]
        if self.RETENTION_AUDIT_DAYS < MIN_AUDIT_RETENTION_DAYS:
            problems.append(f"RETENTION_AUDIT_DAYS must be at least {MIN_AUDIT_RETENTION_DAYS} (six months of logs)")
        return problems

    def redis_problems(self) -> list[str]:
        """RQ (background jobs) needs a single Redis or a Sentinel master: it cannot run on a Redis Cluster."""
        if self.JOBS_REDIS_URL.startswith("redis+cluster:"):
            return ["JOBS_REDIS_URL must be a single Redis or a Sentinel master (RQ cannot use a Redis Cluster)"]
        if self.REDIS_URL.startswith("redis+cluster:") and not (self.JOBS_REDIS_URL or self.JOBS_INLINE):
            return ["REDIS_URL is a Redis Cluster: set JOBS_REDIS_URL to a single Redis or a Sentinel master for RQ"]
        return []

    def template_code_problems(self) -> list[str]:
        from app.notify_templates import TEMPLATES  # only to know the template keys

        codes = template_code_overrides(self.NOTIFY_TEMPLATE_CODES)
        if codes is None:
            return ['NOTIFY_TEMPLATE_CODES must be a JSON object of objects, e.g. {"otp": {"aliyun": "SMS_1"}}']
        unknown = sorted(set(codes) - set(TEMPLATES))
        return [f"NOTIFY_TEMPLATE_CODES names unknown templates: {', '.join(unknown)}"] if unknown else []


def template_code_overrides(text: str) -> dict[str, dict] | None:
    """``NOTIFY_TEMPLATE_CODES`` parsed, or None unless it is a JSON object of objects."""
    try:
        codes = json.loads(text or "{}")
    except ValueError:
        return None
    if not isinstance(codes, dict) or not all(isinstance(entry, dict) for entry in codes.values()):
        return None
    return codes


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
        missing = [name for name in GENERATED_SECRETS if not getattr(self, name)]
        generated = _instance_secrets() if missing else {}
        for name in missing:
            setattr(self, name, generated[name])


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
        self.FIELD_ENCRYPTION_KEYS = "1:" + base64.b64encode(b"palmgov-test-field-key-v1-000000").decode()
        self.BLIND_INDEX_KEY = base64.b64encode(b"palmgov-test-blind-index-key-000").decode()
        self.ARGON2_PROFILE = "cheapest"
        self.JOBS_INLINE = True  # the CI pass on a real Redis has no worker
        self.REFERENCE_CACHE_SECONDS = 0.0  # a test that writes rows directly reads them back at once
        self.BOARD_KEEPALIVE_SECONDS = 0.5  # a board stream must not hold a test (or the fuzzer) for minutes
        self.BOARD_STREAM_SECONDS = 1.0
        # Each app its own upload folder, made only when a file is first saved; a test that stores
        # files passes its tmp_path instead (build_app(UPLOAD_DIR=...)) so nothing outlives it.
        self.UPLOAD_DIR = str(Path(tempfile.gettempdir()) / f"palmgov-test-uploads-{secrets.token_hex(8)}")


class ProdConfig(Config):
    ENV_NAME = "production"

    def problems(self) -> list[str]:
        problems = super().problems()
        for name in ("SECRET_KEY", "JWT_SECRET_KEY"):
            if len(getattr(self, name)) < MIN_SECRET_LENGTH:
                problems.append(f"{name} must be set to a random value of at least {MIN_SECRET_LENGTH} characters")
        for name in ("FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"):
            if not getattr(self, name):
                problems.append(f"{name} must be set (see docs/identity.md, 'Keys')")
        if self.ARGON2_PROFILE == "cheapest":
            problems.append("ARGON2_PROFILE=cheapest is for tests only")
        if not self.DATABASE_URL_SET:
            problems.append("DATABASE_URL must be set (e.g. postgresql://user@host/palmgov)")
        if not self.REDIS_URL:
            problems.append("REDIS_URL must be set; the embedded Redis is for development only")
        if self.METRICS_ENABLED and len(self.METRICS_TOKEN) < MIN_SECRET_LENGTH:
            problems.append(
                f"METRICS_TOKEN must be set to a random value of at least {MIN_SECRET_LENGTH} characters "
                "when METRICS_ENABLED=true"
            )
        if not self.PUBLIC_BASE_URL.startswith("https://"):
            problems.append("PUBLIC_BASE_URL must be the https:// address residents reach (short links use it)")
        for name in sorted(vars(self)):
            if name.endswith("_PROVIDER") and getattr(self, name) == "sandbox":
                problems.append(f"{name} is 'sandbox'; choose a real provider in production")
        codes = template_code_overrides(self.NOTIFY_TEMPLATE_CODES) or {}
        if self.SMS_PROVIDER != "sandbox" and not codes.get("otp", {}).get(self.SMS_PROVIDER):
            problems.append(f"NOTIFY_TEMPLATE_CODES must give the {self.SMS_PROVIDER} template code of otp (login SMS)")
        return problems


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


GENERATED_SECRETS = ("SECRET_KEY", "JWT_SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY")


def _new_secrets() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "JWT_SECRET_KEY": secrets.token_urlsafe(48),
        "FIELD_ENCRYPTION_KEYS": "1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "BLIND_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def _instance_secrets() -> dict[str, str]:
    """Development secrets, generated once into instance/secrets.json (mode 0600)."""
    path = INSTANCE_DIR / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    values = _new_secrets()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process generated them first
        return json.loads(path.read_text())
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle)
    return values
