"""WeChat subscribe messages (``subscribeMessage.send``) against a fake WeChat API on 127.0.0.1.

The fake extends the one in test_wechat.py (stable token, a live ``access_token`` on every
call) with what WeChat checks on a send: a known openid (40003), an approved template
(40037) whose keys the data must match exactly, ``thing`` values of at most 20 characters
(47003), a published page (41030), and one send credit per resident "accept" (43101).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.wrappers import Request, Response

from app.notify_templates import CODES, TEMPLATES
from app.providers import ProviderConfigError, build
from app.providers.base import NotifyResult, ProviderError
from app.providers.wechat import WeChatNotifier
from tests.app.providers.test_wechat import OPENID, FakeWeChat, error, wechat_config

SEND_PATH = "/cgi-bin/message/subscribe/send"
BOOKED = {"item": "居住证办理", "time": "2026-11-23 09:30", "hall": "市民中心一楼"}
PAGES = {"pages/appointment/index", "pages/appointment/index?id=42"}


def approved_templates() -> dict[str, dict[str, str]]:
    """Template id -> {key: kind}: the registry's placeholders, plus one a deployment chose."""
    approved = {"Xq3-booked": {"thing7": "thing", "time5": "time", "thing2": "thing"}}
    for name, codes in CODES.items():
        if "wechat" in codes:
            keys = codes["wechat"]["keys"]
            approved[codes["wechat"]["id"]] = {keys[param]: kind for param, kind in TEMPLATES[name].params}
    return approved


class FakeWeChatNotify(FakeWeChat):
    def __init__(self) -> None:
        super().__init__()
        self.templates = approved_templates()
        self.credits: dict[tuple[str, str], int] = {}
        self.msgid = 3210000000

    def handle(self, request: Request) -> Response:
        if request.path != SEND_PATH or request.path in self.broken:
            return super().handle(request)
        if not self.token_ok(request):
            answer = error(40001, "invalid credential, access_token is invalid or not latest")
        elif request.path in self.forced:
            answer = self.forced[request.path]
        else:
            answer = self.subscribe_send(request.get_json())
        return Response(json.dumps(answer, ensure_ascii=False), content_type="application/json; encoding=utf-8")

    def subscribe_send(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("touser") != OPENID:
            return error(40003, "invalid openid")
        keys = self.templates.get(body.get("template_id", ""))
        if keys is None:
            return error(40037, "invalid template id")
        data = body.get("data", {})
        if set(data) != set(keys):
            return error(47003, f"argument invalid! data.{sorted(set(data) ^ set(keys))[0]}.value is empty")
        for key, kind in keys.items():
            if kind == "thing" and len(data[key]["value"]) > 20:
                return error(47003, f"argument invalid! data.{key}.value")
        if "page" in body and body["page"] not in PAGES:
            return error(41030, "invalid page")
        if body.get("miniprogram_state") not in ("developer", "trial", "formal") or body.get("lang") != "zh_CN":
            return error(40003, "invalid args")
        credit = (body["touser"], body["template_id"])
        if self.credits.get(credit, 0) <= 0:
            return error(43101, "user refuse to accept the msg")
        self.credits[credit] -= 1
        self.msgid += 1
        return {"errcode": 0, "errmsg": "ok", "msgid": self.msgid}


@pytest.fixture
def wechat(fake_server, app: Flask) -> Iterator[FakeWeChatNotify]:
    fake = FakeWeChatNotify()
    fake.server = fake_server(fake.handle)
    with app.app_context():  # the token store lives in Redis
        yield fake


@pytest.fixture
def notifier(wechat: FakeWeChatNotify) -> WeChatNotifier:
    return WeChatNotifier.from_config(wechat_config(wechat.server.url))


def sends(wechat: FakeWeChatNotify) -> list[Request]:
    return [request for request in wechat.server.requests if request.path == SEND_PATH]


def send(notifier: WeChatNotifier, values: dict[str, str] = BOOKED, **kwargs: Any) -> NotifyResult:
    options = {"page": "pages/appointment/index?id=42", "idempotency_key": "n:1", **kwargs}
    return notifier.send(OPENID, "appointment_booked", values, **options)


def test_a_subscribe_message_is_sent_with_the_registry_template_and_keys(notifier, wechat):
    wechat.credits[(OPENID, "wx-appointment_booked")] = 1

    result = send(notifier)

    assert result == NotifyResult("sent", "0", str(wechat.msgid))
    (request,) = sends(wechat)
    assert request.args["access_token"] in wechat.live_tokens
    assert json.loads(request.get_data()) == {
        "touser": OPENID,
        "template_id": "wx-appointment_booked",
        "page": "pages/appointment/index?id=42",
        "data": {
            "thing1": {"value": "居住证办理"},
            "time2": {"value": "2026-11-23 09:30"},
            "thing3": {"value": "市民中心一楼"},
        },
        "miniprogram_state": "formal",
        "lang": "zh_CN",
    }


def test_without_a_page_the_template_page_opens(notifier, wechat):
    wechat.credits[(OPENID, "wx-appointment_booked")] = 1
    assert send(notifier, page=None).status == "sent"
    assert json.loads(sends(wechat)[0].get_data())["page"] == "pages/appointment/index"


def test_notify_template_codes_choose_the_template_and_its_keys(wechat):
    codes = {"appointment_booked": {"wechat": {"id": "Xq3-booked", "keys": {"item": "thing7", "time": "time5"}}}}
    codes["appointment_booked"]["wechat"]["keys"]["hall"] = "thing2"
    notifier = WeChatNotifier.from_config(wechat_config(wechat.server.url, NOTIFY_TEMPLATE_CODES=json.dumps(codes)))
    wechat.credits[(OPENID, "Xq3-booked")] = 1

    assert send(notifier).status == "sent"
    body = json.loads(sends(wechat)[0].get_data())
    assert body["template_id"] == "Xq3-booked"
    assert set(body["data"]) == {"thing7", "time5", "thing2"}


def test_a_thing_over_20_characters_never_leaves(notifier, wechat):
    result = send(notifier, {**BOOKED, "hall": "市民中心一楼东侧综合受理区第三排第十二号窗口"})
    assert result == NotifyResult("invalid", "VALUE_LIMIT")
    assert wechat.server.requests == []  # not even a token


@pytest.mark.parametrize(
    ("template", "values", "code"),
    [
        ("appointment_booked", {"item": "居住证办理", "time": "2026-11-23 09:30"}, "TEMPLATE_PARAMS"),
        ("otp", {"code": "123456"}, "UNKNOWN_TEMPLATE"),  # login codes go by SMS only
        ("welcome", {}, "UNKNOWN_TEMPLATE"),
    ],
)
def test_templates_and_values_that_do_not_fit_are_invalid_without_a_call(notifier, wechat, template, values, code):
    result = notifier.send(OPENID, template, values, page=None, idempotency_key="n:1")
    assert result == NotifyResult("invalid", code)
    assert wechat.server.requests == []


def test_no_credit_is_43101(notifier, wechat):
    wechat.credits[(OPENID, "wx-appointment_booked")] = 1
    assert send(notifier).status == "sent"
    assert send(notifier) == NotifyResult("no_credit", "43101")


@pytest.mark.parametrize(
    ("subject", "template_id", "page", "errcode"),
    [
        ("oSomeoneElse", None, "pages/appointment/index", "40003"),
        (OPENID, "wx-gone", "pages/appointment/index", "40037"),
        (OPENID, "Xq3-booked", "pages/appointment/index", "47003"),  # approved with other keys
        (OPENID, None, "pages/unpublished/index", "41030"),
    ],
)
def test_refused_recipients_templates_data_and_pages_are_invalid(wechat, subject, template_id, page, errcode):
    keys = {"item": "thing1", "time": "time2", "hall": "thing3"}
    codes = {"appointment_booked": {"wechat": {"id": template_id, "keys": keys}}} if template_id else {}
    config = wechat_config(wechat.server.url, NOTIFY_TEMPLATE_CODES=json.dumps(codes))
    notifier = WeChatNotifier.from_config(config)
    wechat.credits[(OPENID, "wx-appointment_booked")] = 1

    result = notifier.send(subject, "appointment_booked", BOOKED, page=page, idempotency_key="n:1")

    assert result == NotifyResult("invalid", errcode)


@pytest.mark.parametrize(("errcode", "errmsg"), [(45009, "reach max api daily quota limit"), (-1, "system error")])
def test_busy_and_quota_are_retryable_errors(notifier, wechat, errcode, errmsg):
    wechat.forced[SEND_PATH] = error(errcode, errmsg)
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable, caught.value.rejected) == (str(errcode), True, False)


def test_a_refused_token_is_dropped_and_the_send_made_once_more(notifier, wechat):
    wechat.credits[(OPENID, "wx-appointment_booked")] = 2
    send(notifier)
    wechat.live_tokens.clear()  # rotated elsewhere

    assert send(notifier).status == "sent"
    assert wechat.stable_token_calls == 2
    assert len(sends(wechat)) == 3
    assert wechat.credits[(OPENID, "wx-appointment_booked")] == 0


def test_a_server_error_is_retryable_and_may_have_been_sent(notifier, wechat):
    wechat.broken[SEND_PATH] = (502, "bad gateway")
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable, caught.value.maybe_sent) == ("HTTP_502", True, True)


def test_the_miniprogram_state_comes_from_the_config(wechat):
    config = wechat_config(wechat.server.url, WECHAT_MINIPROGRAM_STATE="trial")
    wechat.credits[(OPENID, "wx-appointment_booked")] = 1
    assert send(WeChatNotifier.from_config(config)).status == "sent"
    assert json.loads(sends(wechat)[0].get_data())["miniprogram_state"] == "trial"


def test_an_unknown_miniprogram_state_is_a_config_error():
    with pytest.raises(ProviderConfigError, match="WECHAT_MINIPROGRAM_STATE must be one of formal, trial, developer"):
        WeChatNotifier.from_config(wechat_config("https://api.weixin.qq.com", WECHAT_MINIPROGRAM_STATE="release"))


def test_a_template_without_keys_for_every_parameter_is_a_config_error():
    codes = {"ticket_called": {"wechat": {"id": "Zt9-called", "keys": {"number": "character_string1"}}}}
    config = wechat_config("https://api.weixin.qq.com", NOTIFY_TEMPLATE_CODES=json.dumps(codes))
    with pytest.raises(ProviderConfigError, match="ticket_called maps no wechat key for window, item"):
        WeChatNotifier.from_config(config)


def test_the_registry_builds_the_wechat_notifier():
    notifier = build(
        "WECHAT_NOTIFY_PROVIDER", wechat_config("https://api.weixin.qq.com", WECHAT_NOTIFY_PROVIDER="wechat")
    )
    assert isinstance(notifier, WeChatNotifier)
    assert (notifier.name, notifier.state, notifier.client.app_id) == ("wechat", "formal", "wx5f2d9c1a7b3e4f60")
