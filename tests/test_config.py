from __future__ import annotations

import json

import pytest

import config
from app import create_app
from config import ConfigError, DevConfig, ProdConfig, config_from_env

GOOD_PROD = {
    "SECRET_KEY": "s" * 40,
    "JWT_SECRET_KEY": "j" * 40,
    "DATABASE_URL": "postgresql://postgres@127.0.0.1/palmgov",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": "1:" + "k" * 44,
    "BLIND_INDEX_KEY": "b" * 44,
    "SMS_PROVIDER": "aliyun",
    "WECHAT_LOGIN_PROVIDER": "wechat",
    "ALIPAY_LOGIN_PROVIDER": "alipay",
    "FACE_PROVIDER": "wechat",
    "WECHAT_NOTIFY_PROVIDER": "wechat",
    "ALIPAY_NOTIFY_PROVIDER": "alipay",
    "NOTIFY_TEMPLATE_CODES": json.dumps({"otp": {"aliyun": "SMS_154950909"}}),
    "WECHAT_LINK_PROVIDER": "wechat",
    "ALIPAY_LINK_PROVIDER": "alipay",
    "PUBLIC_BASE_URL": "https://palmgov.example.gov.cn",
}


def test_production_starts_with_real_settings():
    ProdConfig(GOOD_PROD).validate()


@pytest.mark.parametrize("missing", sorted(GOOD_PROD))
def test_production_names_each_missing_setting(missing):
    environ = {k: v for k, v in GOOD_PROD.items() if k != missing}
    with pytest.raises(ConfigError, match=missing):
        ProdConfig(environ).validate()


def test_production_refuses_short_secrets():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        ProdConfig({**GOOD_PROD, "SECRET_KEY": "short"}).validate()


def test_production_refuses_sandbox_providers():
    prod = ProdConfig(GOOD_PROD)
    prod.FACE_PROVIDER = "sandbox"
    with pytest.raises(ConfigError, match="FACE_PROVIDER is 'sandbox'"):
        prod.validate()


def test_create_app_refuses_a_bad_production_config():
    with pytest.raises(ConfigError, match="REDIS_URL"):
        create_app(ProdConfig({k: v for k, v in GOOD_PROD.items() if k != "REDIS_URL"}))


def test_palmgov_env_selects_the_class():
    assert isinstance(config_from_env({}), DevConfig)
    assert isinstance(config_from_env({"PALMGOV_ENV": "production", **GOOD_PROD}), ProdConfig)
    with pytest.raises(ConfigError, match="PALMGOV_ENV"):
        config_from_env({"PALMGOV_ENV": "staging"})


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    dev = DevConfig({})
    assert dev.SQLALCHEMY_DATABASE_URI.startswith("sqlite:///")
    assert dev.REDIS_URL == ""
    assert dev.TIMEZONE == "Asia/Shanghai"


def test_development_generates_secrets_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first, second = DevConfig({}), DevConfig({})
    assert len(first.SECRET_KEY) >= config.MIN_SECRET_LENGTH
    assert first.JWT_SECRET_KEY != first.SECRET_KEY
    assert (second.SECRET_KEY, second.JWT_SECRET_KEY) == (first.SECRET_KEY, first.JWT_SECRET_KEY)
    path = tmp_path / "secrets.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert set(json.loads(path.read_text())) == set(config.GENERATED_SECRETS)
    assert second.FIELD_ENCRYPTION_KEYS == first.FIELD_ENCRYPTION_KEYS


def test_environment_overrides_defaults():
    dev = DevConfig(
        {"SECRET_KEY": "x" * 40, "JWT_SECRET_KEY": "y" * 40, "TIMEZONE": "Asia/Urumqi", "RATE_LIMIT_PER_IP": "5"}
    )
    assert dev.TIMEZONE == "Asia/Urumqi"
    assert dev.RATE_LIMIT_PER_IP == 5
    assert dev.SECRET_KEY == "x" * 40


def test_an_unknown_argon2_profile_is_refused_at_start():
    dev = DevConfig({"SECRET_KEY": "x" * 40, "JWT_SECRET_KEY": "y" * 40, "ARGON2_PROFILE": "fast"})
    with pytest.raises(ConfigError, match="ARGON2_PROFILE must be one of"):
        dev.validate()


@pytest.mark.parametrize(
    ("codes", "problem"),
    [
        ("{otp", "must be a JSON object of objects"),
        ('["otp"]', "must be a JSON object of objects"),
        ('{"otp": "SMS_1"}', "must be a JSON object of objects"),
        ('{"opt": {"aliyun": "SMS_1"}}', "names unknown templates: opt"),
    ],
)
def test_notify_template_codes_must_be_an_object_of_known_templates(codes, problem):
    dev = DevConfig({"SECRET_KEY": "x" * 40, "JWT_SECRET_KEY": "y" * 40, "NOTIFY_TEMPLATE_CODES": codes})
    with pytest.raises(ConfigError, match=f"NOTIFY_TEMPLATE_CODES {problem}"):
        dev.validate()


def test_production_needs_the_login_sms_code_of_its_sms_provider():
    tencent = {**GOOD_PROD, "SMS_PROVIDER": "tencent"}
    with pytest.raises(ConfigError, match="NOTIFY_TEMPLATE_CODES must give the tencent template code of otp"):
        ProdConfig(tencent).validate()
    ProdConfig({**tencent, "NOTIFY_TEMPLATE_CODES": '{"otp": {"tencent": "1234567"}}'}).validate()


def test_a_redis_cluster_needs_a_single_redis_for_rq_jobs():
    cluster = {**GOOD_PROD, "REDIS_URL": "redis+cluster://10.0.0.1:7000,10.0.0.2:7000"}
    with pytest.raises(ConfigError, match="set JOBS_REDIS_URL"):
        ProdConfig(cluster).validate()
    ProdConfig({**cluster, "JOBS_REDIS_URL": "redis+sentinel://10.0.0.3:26379/jobs"}).validate()
    with pytest.raises(ConfigError, match="RQ cannot use a Redis Cluster"):
        ProdConfig({**cluster, "JOBS_REDIS_URL": cluster["REDIS_URL"]}).validate()
