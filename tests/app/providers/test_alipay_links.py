"""Alipay start-app links and mini-program codes (``alipay.open.app.qrcode.create``) against a fake
gateway on 127.0.0.1 that verifies the RSA2 request signature with its own code, signs its answers,
and hosts the code image it points to."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.wrappers import Request, Response

from app.providers import build
from app.providers.alipay import AlipayDeepLinker
from app.providers.base import DeepLink, ProviderError
from tests.app.providers.test_alipay import private_pem, public_base64, request_sign_content, sign, verifies

APP_ID = "2021000000000000"
METHOD = "alipay.open.app.qrcode.create"
PNG = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(64)


class FakeGateway:
    def __init__(self, app_public_key: rsa.RSAPublicKey, alipay_key: rsa.RSAPrivateKey) -> None:
        self.app_public_key = app_public_key
        self.alipay_key = alipay_key
        self.codes: list[dict] = []
        self.forced: dict | None = None  # the response node answered instead
        self.image: tuple[int, str, bytes] = (200, "image/png", PNG)
        self.image_requests = 0
        self.url = ""

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/img/"):
            self.image_requests += 1
            status, content_type, body = self.image
            return Response(body, status=status, content_type=content_type)
        query, form = request.args.to_dict(), request.form.to_dict()
        if request.path != "/gateway.do" or query.get("method") != METHOD or query.get("app_id") != APP_ID:
            return Response("not found", status=404)
        node = METHOD.replace(".", "_") + "_response"
        if not verifies(self.app_public_key, request_sign_content({**query, **form}), query.get("sign", "")):
            content = {"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature"}
            return self.answer(node, content, signed=False)
        biz = json.loads(form["biz_content"])
        self.codes.append(biz)
        if self.forced is not None:
            return self.answer(node, self.forced)
        if not biz.get("url_param") or not biz.get("query_param") or not biz.get("describe"):
            content = {"code": "40004", "msg": "Business Failed", "sub_code": "INVALID_PARAMETER"}
            return self.answer(node, content)
        url = f"{self.url}/img/{secrets.token_hex(8)}.png"
        return self.answer(node, {"code": "10000", "msg": "Success", "qr_code_url": url})

    def answer(self, node: str, content: dict, *, signed: bool = True) -> Response:
        inner = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        raw = '{"' + node + '":' + inner
        if signed:
            raw += ',"sign":"' + sign(self.alipay_key, inner) + '"'
        return Response((raw + "}").encode(), content_type="text/html;charset=utf-8")


@pytest.fixture
def gateway(fake_server, app_key, alipay_key) -> Iterator[FakeGateway]:
    fake = FakeGateway(app_key.public_key(), alipay_key)
    fake.url = fake_server(fake.handle).url
    yield fake


def alipay_config(gateway_url: str, app_key: rsa.RSAPrivateKey, alipay_key: rsa.RSAPrivateKey) -> dict[str, Any]:
    return {
        "ALIPAY_APP_ID": APP_ID,
        "ALIPAY_PRIVATE_KEY": private_pem(app_key),
        "ALIPAY_PUBLIC_KEY": public_base64(alipay_key),
        "ALIPAY_GATEWAY": gateway_url,
        "PROVIDER_TIMEOUT_SECONDS": 2,
    }


@pytest.fixture
def linker(gateway, app_key, alipay_key) -> AlipayDeepLinker:
    return AlipayDeepLinker.from_config(alipay_config(gateway.url + "/gateway.do", app_key, alipay_key))


def raises(call, *args: Any, **kwargs: Any) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_the_registry_builds_it(app_key, alipay_key):
    config = alipay_config("https://openapi.alipay.com/gateway.do", app_key, alipay_key)
    found = build("ALIPAY_LINK_PROVIDER", {**config, "ALIPAY_LINK_PROVIDER": "alipay"})
    assert isinstance(found, AlipayDeepLinker)
    assert (found.name, found.client.app_id) == ("alipay", APP_ID)


# --- links -----------------------------------------------------------------------------------------


def test_link_wraps_an_alipays_scheme_for_sms(linker, gateway):
    link = linker.link("pages/appointment/index", {"t": "abc.DEF-_1", "lang": "zh"})
    assert link == DeepLink(link.url, None)
    prefix = "https://ds.alipay.com/?scheme="
    assert link.url.startswith(prefix)
    assert "/" not in link.url.removeprefix(prefix)  # the whole scheme is one encoded parameter
    scheme = unquote(link.url.removeprefix(prefix))
    assert scheme.startswith("alipays://platformapi/startapp?appId=2021000000000000&page=pages/appointment/index&")
    params = parse_qs(urlsplit(scheme).query)
    assert params["appId"] == [APP_ID]
    assert params["page"] == ["pages/appointment/index"]
    assert params["query"] == ["t=abc.DEF-_1&lang=zh"]  # the page's own query, encoded inside
    assert parse_qs(params["query"][0]) == {"t": ["abc.DEF-_1"], "lang": ["zh"]}
    assert gateway.codes == []  # no API call


def test_link_without_a_query_names_only_the_page(linker):
    scheme = unquote(linker.link("pages/halls/index", {}).url.removeprefix("https://ds.alipay.com/?scheme="))
    assert scheme == f"alipays://platformapi/startapp?appId={APP_ID}&page=pages/halls/index"


@pytest.mark.parametrize("page", ["/pages/halls/index", "pages/halls/index?id=3", "https://evil.example", "../x"])
def test_link_refuses_a_page_that_is_not_a_path(linker, page):
    exc = raises(linker.link, page, {})
    assert (exc.provider, exc.code, exc.rejected) == ("alipay", "BAD_PAGE", True)


# --- mini-program codes ----------------------------------------------------------------------------


def test_mini_code_creates_the_code_and_fetches_its_image(linker, gateway):
    assert linker.mini_code("pages/halls/index", "id=3") == PNG
    (biz,) = gateway.codes
    assert biz == {"url_param": "pages/halls/index", "query_param": "id=3", "describe": "PalmGov pages/halls/index"}
    assert gateway.image_requests == 1


def test_a_request_signed_with_another_key_is_refused(gateway, alipay_key, stranger_key):
    linker = AlipayDeepLinker.from_config(alipay_config(gateway.url + "/gateway.do", stranger_key, alipay_key))
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")
    assert (exc.code, exc.rejected, exc.retryable) == ("isv.invalid-signature", False, False)
    assert gateway.image_requests == 0


def test_an_answer_signed_with_another_key_is_not_trusted(gateway, app_key, stranger_key):
    linker = AlipayDeepLinker.from_config(alipay_config(gateway.url + "/gateway.do", app_key, stranger_key))
    assert raises(linker.mini_code, "pages/halls/index", "id=3").code == "SIGNATURE_INVALID"
    assert gateway.image_requests == 0


def test_a_business_failure_is_rejected(linker, gateway):
    gateway.forced = {"code": "40004", "msg": "Business Failed", "sub_code": "MINI_APP_NOT_ONLINE"}
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")
    assert (exc.code, exc.rejected) == ("MINI_APP_NOT_ONLINE", True)


@pytest.mark.parametrize(
    ("forced", "image"),
    [
        ({"code": "10000", "msg": "Success"}, None),
        ({"code": "10000", "msg": "Success", "qr_code_url": "ftp://x/y.png"}, None),
        (None, (404, "text/html", b"gone")),
        (None, (200, "text/html", b"<html>")),
        (None, (200, "image/png", b"")),
        (None, (302, "image/png", PNG)),  # the transport follows no redirects
    ],
)
def test_mini_code_refuses_a_missing_or_broken_image(linker, gateway, forced, image):
    gateway.forced = forced
    if image is not None:
        gateway.image = image
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")
    assert (exc.code, exc.retryable) == ("BAD_ANSWER", True)


@pytest.mark.parametrize("scene", ["", "x" * 33, "id=%E5%A4%A7", "大厅"])
def test_mini_code_refuses_a_bad_scene_before_any_call(linker, gateway, scene):
    assert raises(linker.mini_code, "pages/halls/index", scene).code == "BAD_SCENE"
    assert gateway.codes == []
