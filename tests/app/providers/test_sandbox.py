"""Sandbox SMS and mini-program message channels: Redis inboxes, checked against the template registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from app import providers
from app.providers.base import NotifyResult, ProviderError
from app.providers.sandbox import SandboxAlipayNotifier, SandboxSms, SandboxWeChatNotifier

CALLED = {"number": "A017", "window": "5", "item": "居住证办理"}


@pytest.fixture
def app_context(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app


def test_a_message_lands_in_the_subjects_inbox_with_its_chinese_text(app_context):
    result = SandboxWeChatNotifier().send("oResident1", "ticket_called", CALLED, page=None, idempotency_key="n:5")

    assert result == NotifyResult("sent", "OK", "n:5")
    (message,) = SandboxWeChatNotifier.inbox("oResident1")
    assert message["template"] == "ticket_called"
    assert message["values"] == CALLED
    assert message["page"] == "pages/ticket/index"
    assert message["text"] == "请A017号到5号窗口办理居住证办理。"
    assert SandboxAlipayNotifier.inbox("oResident1") == []  # one inbox per channel


def test_the_page_given_wins_and_the_newest_message_comes_first(app_context):
    notifier = SandboxAlipayNotifier()
    notifier.send("2088102150477652", "ticket_called", CALLED, page=None, idempotency_key="n:1")
    notifier.send(
        "2088102150477652", "ticket_near", {"number": "A017", "ahead": "3"}, page="pages/x", idempotency_key="n:2"
    )
    assert [(m["template"], m["page"]) for m in SandboxAlipayNotifier.inbox("2088102150477652")] == [
        ("ticket_near", "pages/x"),
        ("ticket_called", "pages/ticket/index"),
    ]


def test_a_nocredit_subject_has_no_credit(app_context):
    result = SandboxWeChatNotifier().send("nocredit-7", "ticket_called", CALLED, page=None, idempotency_key="n:1")
    assert result == NotifyResult("no_credit", "NO_CREDIT")
    assert SandboxWeChatNotifier.inbox("nocredit-7") == []


@pytest.mark.parametrize(
    ("template", "values", "code"),
    [
        ("ticket_called", {**CALLED, "item": "城乡居民基本医疗保险参保登记及缴费信息变更"}, "VALUE_LIMIT"),
        ("ticket_called", {"number": "A017"}, "TEMPLATE_PARAMS"),
        ("otp", {"code": "123456"}, "UNKNOWN_TEMPLATE"),
    ],
)
def test_what_a_real_channel_would_refuse_is_invalid_here_too(app_context, template, values, code):
    result = SandboxWeChatNotifier().send("nocredit-7", template, values, page=None, idempotency_key="n:1")
    assert result == NotifyResult("invalid", code)


def test_the_sandbox_sms_checks_the_template_like_a_provider(app_context):
    with pytest.raises(ProviderError) as caught:
        SandboxSms().send("13800138000", "ticket_near", {"number": "A017"}, idempotency_key="n:1")
    assert (caught.value.code, caught.value.rejected) == ("TEMPLATE_PARAMS", True)
    assert SandboxSms.inbox("13800138000") == []

    SandboxSms().send("13800138000", "ticket_near", {"number": "A017", "ahead": 3}, idempotency_key="n:2")
    assert SandboxSms.inbox("13800138000")[0]["params"] == {"number": "A017", "ahead": "3"}


def test_the_app_has_a_notifier_per_channel(app_context):
    assert isinstance(providers.notifier("wechat"), SandboxWeChatNotifier)
    assert isinstance(providers.notifier("alipay"), SandboxAlipayNotifier)
    with pytest.raises(KeyError):
        providers.notifier("sms")
