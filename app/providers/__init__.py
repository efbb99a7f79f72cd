"""The provider adapters this app uses, chosen by configuration.

Every adapter class has ``from_config(config)``; the registry names them by
import path so that only the configured providers are imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app

from app.providers.base import DeepLinker, FaceVerifier, IdentityProvider, Notifier, SmsSender

ADAPTERS: dict[str, dict[str, str]] = {
    "SMS_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxSms",
        "aliyun": "app.providers.aliyun:AliyunSms",
        "tencent": "app.providers.tencent:TencentSms",
    },
    "WECHAT_LOGIN_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxWeChatLogin",
        "wechat": "app.providers.wechat:WeChatLogin",
    },
    "ALIPAY_LOGIN_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxAlipayLogin",
        "alipay": "app.providers.alipay:AlipayLogin",
    },
    "FACE_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxFace",
        "wechat": "app.providers.wechat:WeChatFace",
        "tencent": "app.providers.tencent:TencentFace",
        "alipay": "app.providers.alipay:AlipayFace",
    },
    "WECHAT_NOTIFY_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxWeChatNotifier",
        "wechat": "app.providers.wechat:WeChatNotifier",
    },
    "ALIPAY_NOTIFY_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxAlipayNotifier",
        "alipay": "app.providers.alipay:AlipayNotifier",
    },
    "WECHAT_LINK_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxWeChatDeepLinker",
        "wechat": "app.providers.wechat:WeChatDeepLinker",
    },
    "ALIPAY_LINK_PROVIDER": {
        "sandbox": "app.providers.sandbox:SandboxAlipayDeepLinker",
        "alipay": "app.providers.alipay:AlipayDeepLinker",
    },
}


class ProviderConfigError(RuntimeError):
    """A provider setting names an adapter that does not exist."""


def build(setting: str, config: Mapping[str, Any]) -> Any:
    choice = config[setting]
    if choice not in ADAPTERS[setting]:
        raise ProviderConfigError(f"{setting}={choice!r} is not one of {', '.join(ADAPTERS[setting])}")
    module_name, _, class_name = ADAPTERS[setting][choice].partition(":")
    return getattr(importlib.import_module(module_name), class_name).from_config(config)


def init_app(app: Flask) -> None:
    app.extensions["palmgov.providers"] = {setting: build(setting, app.config) for setting in ADAPTERS}


def sms_sender() -> SmsSender:
    return current_app.extensions["palmgov.providers"]["SMS_PROVIDER"]


def identity_provider(method: str) -> IdentityProvider:
    setting = {"wechat": "WECHAT_LOGIN_PROVIDER", "alipay": "ALIPAY_LOGIN_PROVIDER"}[method]
    return current_app.extensions["palmgov.providers"][setting]


def face_verifier() -> FaceVerifier:
    return current_app.extensions["palmgov.providers"]["FACE_PROVIDER"]


def notifier(channel: str) -> Notifier:
    """The subscribe-message sender of the WeChat or the Alipay mini-program."""
    setting = {"wechat": "WECHAT_NOTIFY_PROVIDER", "alipay": "ALIPAY_NOTIFY_PROVIDER"}[channel]
    return current_app.extensions["palmgov.providers"][setting]


def deep_linker(channel: str) -> DeepLinker:
    """The links and codes of the WeChat or the Alipay mini-program."""
    setting = {"wechat": "WECHAT_LINK_PROVIDER", "alipay": "ALIPAY_LINK_PROVIDER"}[channel]
    return current_app.extensions["palmgov.providers"][setting]
