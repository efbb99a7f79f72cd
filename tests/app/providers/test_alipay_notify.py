"""Alipay subscribe messages (``alipay.open.app.mini.templatemessage.send``) against a fake gateway.

The fake extends the one in test_alipay.py, which checks the RSA2 request signature with its
own code and signs its answers, with what Alipay checks on a send: exactly one recipient
(``to_user_id`` or ``to_open_id``), an approved ``user_template_id``, ``data`` as a JSON *string*
whose keywords match the template (``USER_TEMPLATE_LACK_KEYWORD``) with values of at most 50
characters (``USER_KEYWORD_LENGTH_ERROR``), and a subscription. ``USER_SUBSCRIBE_NOT_EXIST`` is
a stand-in: Alipay's own sub_code for a missing subscription could not be confirmed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

from app.notify_templates import CODES, TEMPLATES
from app.providers import ProviderConfigError, build
from app.providers.alipay import AlipayNotifier
from app.providers.base import NotifyResult, ProviderError
from tests.app.providers.test_alipay import OPEN_ID, USER_ID, FakeGateway, alipay_config, sub

METHOD = "alipay.open.app.mini.templatemessage.send"
NODE = METHOD.replace(".", "_") + "_response"
DONE = {"item": "居住证办理", "serial": "BJ2026112300017", "result": "准予办理，请到窗口领取证件"}


class FakeMessageGateway(FakeGateway):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.templates = {
            codes["alipay"]["id"]: {codes["alipay"]["keys"][param] for param in TEMPLATES[name].param_names}
            for name, codes in CODES.items()
            if "alipay" in codes
        }
        self.subscriptions: set[tuple[str, str]] = set()
        self.busy = False

    def handle(self, request: Request) -> Response:
        if self.broken is not None or request.args.get("method") != METHOD:
            return super().handle(request)
        query, form = request.args.to_dict(), request.form.to_dict()
        problem = self.common_problem(request, query, form)
        if problem is not None:
            return self.answer(NODE, {"code": "40002", "msg": "Invalid Arguments", **problem}, signed=False)
        return self.answer(NODE, self.send(json.loads(form["biz_content"])))

    def send(self, biz: dict[str, Any]) -> dict[str, Any]:
        if self.busy:
            return {"code": "20000", "msg": "Service Currently Unavailable", **sub("isp.unknow-error", "系统繁忙")}
        recipients = [biz[name] for name in ("to_user_id", "to_open_id") if name in biz]
        if len(recipients) != 1 or not isinstance(biz.get("data"), str):
            return {"code": "40002", "msg": "Invalid Arguments", **sub("isv.invalid-parameter", "参数有误")}
        keywords = self.templates.get(biz.get("user_template_id", ""))
        if keywords is None:
            return failed("USER_TEMPLATE_ILLEGAL", "模板非法")
        data = json.loads(biz["data"])
        if set(data) != keywords:
            return failed("USER_TEMPLATE_LACK_KEYWORD", "缺少关键词")
        if any(len(entry["value"]) > 50 for entry in data.values()):
            return failed("USER_KEYWORD_LENGTH_ERROR", "关键词超长")
        if (recipients[0], biz["user_template_id"]) not in self.subscriptions:
            return failed("USER_SUBSCRIBE_NOT_EXIST", "用户未订阅该消息")
        return {"code": "10000", "msg": "Success"}


def failed(sub_code: str, sub_msg: str) -> dict[str, str]:
    return {"code": "40004", "msg": "Business Failed", **sub(sub_code, sub_msg)}


@pytest.fixture
def gateway(fake_server, app_key, alipay_key) -> Iterator[FakeMessageGateway]:
    fake = FakeMessageGateway(app_key.public_key(), alipay_key)
    fake.server = fake_server(fake.handle)
    yield fake


@pytest.fixture
def config(gateway, app_key, alipay_key) -> dict:
    return alipay_config(gateway.server.url + "/gateway.do", app_key, alipay_key)


@pytest.fixture
def notifier(config) -> AlipayNotifier:
    return AlipayNotifier.from_config(config)


def send(notifier: AlipayNotifier, subject: str = OPEN_ID, values: dict[str, str] = DONE, **kwargs: Any) -> Any:
    options = {"page": "pages/application/index?id=17", "idempotency_key": "n:1", **kwargs}
    return notifier.send(subject, "application_done", values, **options)


def biz_content(gateway: FakeMessageGateway) -> dict[str, Any]:
    (request,) = gateway.server.requests
    return json.loads(request.form["biz_content"])


def test_a_signed_template_message_is_sent_to_the_open_id(notifier, gateway):
    gateway.subscriptions.add((OPEN_ID, "ali-application_done"))

    assert send(notifier) == NotifyResult("sent", "10000")

    assert gateway.server.requests[0].args["method"] == METHOD
    assert biz_content(gateway) == {
        "to_open_id": OPEN_ID,
        "user_template_id": "ali-application_done",
        "page": "pages/application/index?id=17",
        "data": '{"keyword1":{"value":"居住证办理"},"keyword2":{"value":"BJ2026112300017"},'
        '"keyword3":{"value":"准予办理，请到窗口领取证件"}}',
    }


def test_a_user_id_subject_is_sent_as_to_user_id_and_the_page_defaults_to_the_template(notifier, gateway):
    gateway.subscriptions.add((USER_ID, "ali-application_done"))
    assert send(notifier, USER_ID, page=None).status == "sent"
    body = biz_content(gateway)
    assert (body["to_user_id"], body["page"]) == (USER_ID, "pages/application/index")
    assert "to_open_id" not in body


def test_no_subscription_is_no_credit(notifier, gateway):
    assert send(notifier) == NotifyResult("no_credit", "USER_SUBSCRIBE_NOT_EXIST")


def test_an_unsigned_refusal_is_not_trusted(notifier, gateway):
    gateway.unsigned = True
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable) == ("USER_SUBSCRIBE_NOT_EXIST", False)


def test_a_template_alipay_does_not_know_is_invalid(gateway, app_key, alipay_key):
    codes = {"application_done": {"alipay": {"id": "ali-gone", "keys": {"item": "keyword1", "serial": "keyword2"}}}}
    codes["application_done"]["alipay"]["keys"]["result"] = "keyword3"
    config = alipay_config(gateway.server.url + "/gateway.do", app_key, alipay_key)
    notifier = AlipayNotifier.from_config({**config, "NOTIFY_TEMPLATE_CODES": json.dumps(codes)})
    assert send(notifier) == NotifyResult("invalid", "USER_TEMPLATE_ILLEGAL")
    assert biz_content(gateway)["user_template_id"] == "ali-gone"


def test_a_value_over_the_limit_never_leaves(notifier, gateway):
    result = send(notifier, values={**DONE, "serial": "BJ-" + "0" * 40})
    assert result == NotifyResult("invalid", "VALUE_LIMIT")
    assert gateway.server.requests == []


def test_a_busy_gateway_is_a_retryable_error(notifier, gateway):
    gateway.busy = True
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable, caught.value.rejected) == ("isp.unknow-error", True, False)


def test_a_request_signed_with_another_key_is_a_setup_error_not_an_invalid_message(gateway, stranger_key, alipay_key):
    notifier = AlipayNotifier.from_config(alipay_config(gateway.server.url + "/gateway.do", stranger_key, alipay_key))
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable, caught.value.rejected) == ("isv.invalid-signature", False, False)


def test_a_server_error_is_retryable_and_may_have_been_sent(notifier, gateway):
    gateway.broken = (502, "<html>502 Bad Gateway</html>")
    with pytest.raises(ProviderError) as caught:
        send(notifier)
    assert (caught.value.code, caught.value.retryable, caught.value.maybe_sent) == ("HTTP_502", True, True)


def test_a_template_without_keys_for_every_parameter_is_a_config_error(config):
    codes = {"rating_reply": {"alipay": {"id": "ali-rated", "keys": {"item": "keyword1"}}}}
    with pytest.raises(ProviderConfigError, match="rating_reply maps no alipay key for reply"):
        AlipayNotifier.from_config({**config, "NOTIFY_TEMPLATE_CODES": json.dumps(codes)})


def test_the_registry_builds_the_alipay_notifier(config):
    notifier = build("ALIPAY_NOTIFY_PROVIDER", {**config, "ALIPAY_NOTIFY_PROVIDER": "alipay"})
    assert isinstance(notifier, AlipayNotifier)
    assert notifier.name == "alipay"
