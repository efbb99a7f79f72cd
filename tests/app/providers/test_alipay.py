"""Alipay gateway client, login and certify adapters against a fake gateway on 127.0.0.1.

The fake gateway checks the request the way Alipay does, with its own code (not
app.providers.signing): common parameters in the query, business parameters in
the form body, and the RSA2 signature over all of them (``sign_type`` included)
with the app's public key. It answers ``{"<method>_response": {...}, "sign": ...}``
signed with a fake "Alipay" private key, or Alipay's error shapes
(``error_response`` with ``isv.code-invalid``, unsigned ``isv.invalid-signature``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from werkzeug.wrappers import Request, Response

from app.providers import ProviderConfigError, build
from app.providers.alipay import AlipayClient, AlipayFace, AlipayLogin
from app.providers.base import CallbackHint, ExternalIdentity, FaceStart, NotSupported, ProviderError

APP_ID = "2021000000000000"
USER_ID = "2088102150477652"
OPEN_ID = "074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5"
UNION_ID = "union-palmgov-resident-one"
NAME = "张三"
ID_NUMBER = "11010519491231002X"
OUTER_NO = "a" * 16 + "B" * 16
RETURN_URL = "alipays://platformapi/startapp?appId=2021000000000000&page=pages/face/done"
BEIJING = timezone(timedelta(hours=8))
CERTIFY_METHOD = "alipay.user.certify.open.certify"


# --- keys ------------------------------------------------------------------------------------


def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_base64(key: rsa.RSAPrivateKey) -> str:
    """The public key as Alipay's console shows it: the bare base64 body."""
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "".join(line for line in pem.decode().splitlines() if not line.startswith("-----"))


def sign(key: rsa.RSAPrivateKey, content: str) -> str:
    return base64.b64encode(key.sign(content.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def verifies(key: rsa.RSAPublicKey, content: str, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature), content.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def request_sign_content(params: dict[str, str]) -> str:
    """What Alipay verifies a request against: all but ``sign``, non-empty, sorted, raw values."""
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sign" and v != "")


def notify_sign_content(params: dict[str, str]) -> str:
    """What Alipay signs in a notification: all but ``sign`` and ``sign_type``, sorted."""
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("sign", "sign_type"))


# --- the fake gateway ------------------------------------------------------------------------

COMMON = {"app_id", "method", "format", "charset", "sign_type", "timestamp", "version", "sign"}


class FakeGateway:
    def __init__(self, app_public_key: rsa.RSAPublicKey, alipay_key: rsa.RSAPrivateKey) -> None:
        self.app_public_key = app_public_key
        self.alipay_key = alipay_key
        self.max_skew: int | None = 300
        self.tamper: tuple[str, str] | None = None  # replace text in the node after signing
        self.unsigned = False
        self.escape_slashes = False  # sign over "/" but send "\/", as Alipay sometimes does
        self.broken: tuple[int, str] | None = None
        self.used_codes: set[str] = set()
        self.certifications: dict[str, dict] = {}
        self.bodies: list[bytes] = []
        self.server: Any = None

    def handle(self, request: Request) -> Response:
        if self.broken is not None:
            return Response(self.broken[1], status=self.broken[0])
        if request.method != "POST" or request.path != "/gateway.do":
            return Response("not found", status=404)
        query, form = request.args.to_dict(), request.form.to_dict()
        method = query.get("method", "")
        node = method.replace(".", "_") + "_response"
        problem = self.common_problem(request, query, form)
        if problem is not None:  # Alipay cannot or will not sign these
            return self.answer(node, {"code": "40002", "msg": "Invalid Arguments", **problem}, signed=False)
        handlers = {
            "alipay.system.oauth.token": self.oauth_token,
            "alipay.user.certify.open.initialize": self.certify_initialize,
            "alipay.user.certify.open.query": self.certify_query,
        }
        if method not in handlers:
            return self.answer("error_response", invalid("isv.invalid-method", "不存在的方法名"), signed=False)
        node_name, content = handlers[method](form)
        return self.answer(node if node_name is None else node_name, content)

    def common_problem(self, request: Request, query: dict[str, str], form: dict[str, str]) -> dict | None:
        if request.mimetype != "application/x-www-form-urlencoded":
            return sub("isv.invalid-content-type", "Content-Type 不支持")
        if set(query) != COMMON or COMMON & set(form):
            return sub("isv.missing-signature", "公共参数应在 URL 中，业务参数在表单中")
        if query["app_id"] != APP_ID:
            return sub("isv.invalid-app-id", "无效的AppID参数")
        fixed = {"format": "JSON", "charset": "utf-8", "sign_type": "RSA2", "version": "1.0"}
        if any(query[k] != v for k, v in fixed.items()):
            return sub("isv.invalid-signature-type", "公共参数不正确")
        try:
            sent_at = datetime.strptime(query["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
        except ValueError:
            return sub("isv.invalid-timestamp", "非法的时间戳参数")
        if self.max_skew is not None and abs((datetime.now(UTC) - sent_at).total_seconds()) > self.max_skew:
            return sub("isv.invalid-timestamp", "非法的时间戳参数")
        if not verifies(self.app_public_key, request_sign_content({**query, **form}), query["sign"]):
            return sub("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配")
        return None

    def answer(self, node: str, content: dict, *, signed: bool = True) -> Response:
        inner = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        signature = sign(self.alipay_key, inner)
        if self.escape_slashes:
            inner = inner.replace("/", "\\/")
        if self.tamper is not None:
            inner = inner.replace(*self.tamper)
        raw = '{"' + node + '":' + inner
        if signed and not self.unsigned:
            raw += ',"sign":"' + signature + '"'
        body = (raw + "}").encode()
        self.bodies.append(body)
        return Response(body, content_type="text/html;charset=utf-8")

    def oauth_token(self, form: dict[str, str]) -> tuple[str | None, dict]:
        if "biz_content" in form or set(form) != {"grant_type", "code"}:
            return "error_response", {"code": "40001", "msg": "Missing Required Arguments", **sub("isv.missing-code")}
        if form["grant_type"] != "authorization_code":
            return "error_response", invalid("isv.grant-type-invalid", "不支持的grantType")
        code = form["code"]
        if code == "busy-code":
            return "error_response", {
                "code": "20000",
                "msg": "Service Currently Unavailable",
                **sub("isp.unknow-error"),
            }
        identities = {
            "good-code": {"user_id": USER_ID, "open_id": OPEN_ID, "union_id": UNION_ID},
            "userid-only-code": {"user_id": USER_ID},
        }
        if code not in identities or code in self.used_codes:
            return "error_response", invalid("isv.code-invalid", "授权码code无效")
        self.used_codes.add(code)
        tokens = {"access_token": "authusrB" + secrets.token_hex(16), "expires_in": 1296000}
        tokens |= {"refresh_token": "authusrB" + secrets.token_hex(16), "re_expires_in": 2592000}
        return None, {**identities[code], **tokens, "auth_start": "2026-01-01 12:00:00"}

    def certify_initialize(self, form: dict[str, str]) -> tuple[str | None, dict]:
        biz = json.loads(form.get("biz_content", "{}"))
        identity = biz.get("identity_param", {})
        expected_identity = {"identity_type": "CERT_INFO", "cert_type": "IDENTITY_CARD"}
        if (
            len(biz.get("outer_order_no", "")) != 32
            or biz.get("biz_code") != "FACE"
            or any(identity.get(k) != v for k, v in expected_identity.items())
            or not identity.get("cert_name")
            or not identity.get("cert_no")
            or not biz.get("merchant_config", {}).get("return_url")
        ):
            return None, invalid("isv.invalid-parameter", "参数有误")
        certify_id = secrets.token_hex(16)
        self.certifications[certify_id] = {"biz": biz, "passed": "F"}
        return None, {"code": "10000", "msg": "Success", "certify_id": certify_id}

    def certify_query(self, form: dict[str, str]) -> tuple[str | None, dict]:
        certify_id = json.loads(form.get("biz_content", "{}")).get("certify_id")
        if certify_id not in self.certifications:
            return None, {
                "code": "40004",
                "msg": "Business Failed",
                **sub("OPEN_CERTIFY_BILL_NOT_EXIST", "认证单据不存在"),
            }
        certification = self.certifications[certify_id]
        material_info = certification.get("material_info", "{}")
        return None, {
            "code": "10000",
            "msg": "Success",
            "passed": certification["passed"],
            "material_info": material_info,
        }


def sub(sub_code: str, sub_msg: str = "") -> dict[str, str]:
    return {"sub_code": sub_code, "sub_msg": sub_msg}


def invalid(sub_code: str, sub_msg: str) -> dict[str, str]:
    return {"code": "40002", "msg": "Invalid Arguments", **sub(sub_code, sub_msg)}


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def gateway(fake_server, app_key, alipay_key) -> Iterator[FakeGateway]:
    fake = FakeGateway(app_key.public_key(), alipay_key)
    fake.server = fake_server(fake.handle)
    yield fake


def alipay_config(url: str, app_key: rsa.RSAPrivateKey, alipay_key: rsa.RSAPrivateKey, **overrides: Any) -> dict:
    return {
        "ALIPAY_APP_ID": APP_ID,
        "ALIPAY_PRIVATE_KEY": private_pem(app_key),
        "ALIPAY_PUBLIC_KEY": public_base64(alipay_key),
        "ALIPAY_GATEWAY": url,
        "ALIPAY_FACE_RETURN_URL": RETURN_URL,
        "PROVIDER_TIMEOUT_SECONDS": 2,
        **overrides,
    }


@pytest.fixture
def config(gateway, app_key, alipay_key) -> dict:
    return alipay_config(gateway.server.url + "/gateway.do", app_key, alipay_key)


@pytest.fixture
def login(config) -> AlipayLogin:
    return AlipayLogin.from_config(config)


@pytest.fixture
def face(config) -> AlipayFace:
    return AlipayFace.from_config(config)


def face_start(**overrides: Any) -> FaceStart:
    fields = {"resident_id": 7, "purpose": "account", "outer_no": OUTER_NO, "cert_name": NAME, "cert_no": ID_NUMBER}
    return FaceStart(**{**fields, **overrides})


def raises(call, *args: Any, **kwargs: Any) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        call(*args, **kwargs)
    return caught.value


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gateway.do"


# --- configuration -------------------------------------------------------------------------------


def test_from_config_names_the_missing_settings(app_key, alipay_key):
    empty = alipay_config("https://openapi.alipay.com/gateway.do", app_key, alipay_key, ALIPAY_APP_ID="")
    empty |= {"ALIPAY_PRIVATE_KEY": "", "ALIPAY_PUBLIC_KEY": ""}
    for adapter in (AlipayLogin, AlipayFace):
        with pytest.raises(ProviderConfigError, match="ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY"):
            adapter.from_config(empty)
    no_return = alipay_config("https://x.invalid/gateway.do", app_key, alipay_key, ALIPAY_FACE_RETURN_URL="")
    with pytest.raises(ProviderConfigError, match=r"AlipayFace needs ALIPAY_FACE_RETURN_URL$"):
        AlipayFace.from_config(no_return)
    assert isinstance(AlipayLogin.from_config(no_return), AlipayLogin)  # login does not need it


def test_from_config_refuses_a_broken_key_without_echoing_it(app_key, alipay_key):
    broken = alipay_config(
        "https://x.invalid/gateway.do", app_key, alipay_key, ALIPAY_PRIVATE_KEY="MIIEvQIBADAN-secret"
    )
    with pytest.raises(ProviderConfigError, match="ALIPAY_PRIVATE_KEY") as caught:
        AlipayLogin.from_config(broken)
    assert "secret" not in str(caught.value)
    swapped = alipay_config("https://x.invalid/gateway.do", app_key, alipay_key, ALIPAY_PUBLIC_KEY=private_pem(app_key))
    with pytest.raises(ProviderConfigError, match="ALIPAY_PUBLIC_KEY"):
        AlipayLogin.from_config(swapped)


def test_the_registry_builds_the_alipay_adapters(app_key, alipay_key):
    config = alipay_config("https://openapi.alipay.com/gateway.do", app_key, alipay_key)
    config |= {"ALIPAY_LOGIN_PROVIDER": "alipay", "FACE_PROVIDER": "alipay"}
    login, face = build("ALIPAY_LOGIN_PROVIDER", config), build("FACE_PROVIDER", config)
    assert isinstance(login, AlipayLogin)
    assert isinstance(face, AlipayFace)
    assert (login.name, face.name, face.client.app_id, face.return_url) == ("alipay", "alipay", APP_ID, RETURN_URL)


# --- requests ------------------------------------------------------------------------------------


def test_a_request_is_signed_like_the_official_sdk(gateway, app_key, alipay_key):
    """The request of signing_vectors.py: common parameters in the URL, code and grant_type in the form."""
    gateway.max_skew = None
    client = AlipayClient.from_config(alipay_config(gateway.server.url + "/gateway.do", app_key, alipay_key))
    client.clock = lambda: datetime(2026, 1, 1, 4, 0, 0, tzinfo=UTC)  # 12:00 in Beijing
    with pytest.raises(ProviderError, match=r"isv\.code-invalid"):
        client.call(
            "alipay.system.oauth.token", grant_type="authorization_code", code="4b203fe6c11548bcabd8da5bb087a83b"
        )
    (request,) = gateway.server.requests
    query, form = request.args.to_dict(), request.form.to_dict()
    signature = query.pop("sign")
    assert query == {
        "app_id": APP_ID,
        "method": "alipay.system.oauth.token",
        "format": "JSON",
        "charset": "utf-8",
        "sign_type": "RSA2",
        "timestamp": "2026-01-01 12:00:00",
        "version": "1.0",
    }
    assert form == {"grant_type": "authorization_code", "code": "4b203fe6c11548bcabd8da5bb087a83b"}
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded;charset=utf-8"
    content = (
        "app_id=2021000000000000&charset=utf-8&code=4b203fe6c11548bcabd8da5bb087a83b&format=JSON"
        "&grant_type=authorization_code&method=alipay.system.oauth.token&sign_type=RSA2"
        "&timestamp=2026-01-01 12:00:00&version=1.0"
    )
    assert verifies(app_key.public_key(), content, signature)


def test_a_request_signed_with_another_key_is_refused_by_the_gateway(gateway, stranger_key, alipay_key):
    login = AlipayLogin.from_config(alipay_config(gateway.server.url + "/gateway.do", stranger_key, alipay_key))
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.rejected, exc.retryable) == ("isv.invalid-signature", False, False)


# --- login ---------------------------------------------------------------------------------------


def test_exchange_code_gives_the_open_id(login, gateway):
    identity = login.exchange_code("good-code")
    assert identity == ExternalIdentity(provider="alipay", app_id=APP_ID, subject=OPEN_ID, union_id=UNION_ID)
    (request,) = gateway.server.requests
    assert "code" not in request.args
    assert "good-code" not in request.url


def test_exchange_code_falls_back_to_the_user_id(login):
    identity = login.exchange_code("userid-only-code")
    assert (identity.subject, identity.union_id) == (USER_ID, None)


@pytest.mark.parametrize("codes", [["unknown-code"], ["good-code", "good-code"]])
def test_invalid_and_used_codes_are_rejected(login, codes):
    *earlier, last = codes
    for code in earlier:
        login.exchange_code(code)
    exc = raises(login.exchange_code, last)
    assert (exc.provider, exc.code, exc.rejected, exc.retryable) == ("alipay", "isv.code-invalid", True, False)
    assert exc.gateway_code == "40002"  # type: ignore[attr-defined]
    assert "授权码" not in str(exc)


def test_a_busy_gateway_is_retryable(login):
    exc = raises(login.exchange_code, "busy-code")
    assert (exc.code, exc.retryable, exc.rejected) == ("isp.unknow-error", True, False)


def test_a_server_error_is_retryable(login, gateway):
    gateway.broken = (500, "<html>500 Internal Server Error</html>")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable) == ("HTTP_500", True)


def test_an_html_answer_is_retryable(login, gateway):
    gateway.broken = (200, "<html>系统繁忙</html>")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable) == ("BAD_ANSWER", True)


def test_a_closed_port_is_retryable(app_key, alipay_key):
    login = AlipayLogin.from_config(alipay_config(closed_port_url(), app_key, alipay_key))
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable) == ("NETWORK", True)


def test_exchange_phone_code_is_not_supported(login):
    with pytest.raises(NotSupported):
        login.exchange_phone_code("any")


# --- response signatures -------------------------------------------------------------------------


def test_a_tampered_answer_is_refused(login, gateway):
    gateway.tamper = (OPEN_ID, "074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCoX")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable, exc.rejected) == ("SIGNATURE_INVALID", False, False)


def test_a_tampered_error_is_refused(login, gateway):
    gateway.tamper = ('"code":"40002"', '"code":"20000"')
    exc = raises(login.exchange_code, "unknown-code")
    assert exc.code == "SIGNATURE_INVALID"


def test_an_answer_signed_by_another_key_is_refused(login, gateway, stranger_key):
    gateway.alipay_key = stranger_key
    assert raises(login.exchange_code, "good-code").code == "SIGNATURE_INVALID"


def test_an_unsigned_success_is_refused(login, gateway):
    gateway.unsigned = True
    assert raises(login.exchange_code, "good-code").code == "SIGNATURE_INVALID"


def test_an_unsigned_error_is_reported_as_the_error(login, gateway):
    gateway.unsigned = True
    exc = raises(login.exchange_code, "unknown-code")
    assert (exc.code, exc.signed) == ("isv.code-invalid", False)  # type: ignore[attr-defined]


def test_an_answer_signed_over_unescaped_slashes_verifies(face, gateway):
    """Alipay may sign "/" and send "\\/"; the official SDKs verify again with the slashes unescaped."""
    session = face.start(face_start())
    gateway.certifications[session.provider_ref]["material_info"] = '{"report":"https://x.invalid/m/1"}'
    gateway.escape_slashes = True
    assert face.query(session, face_start()).status == "failed"
    assert b"\\/" in gateway.bodies[-1]
    gateway.tamper = ("m\\/1", "m\\/2")
    assert raises(face.query, session, face_start()).code == "SIGNATURE_INVALID"


# --- face: certify -----------------------------------------------------------------------------------


def test_face_start_initializes_and_signs_the_certify_url(face, gateway, app_key):
    before = datetime.now(UTC)
    session = face.start(face_start())
    (certify_id, certification), *_ = gateway.certifications.items()
    assert certification["biz"] == {
        "outer_order_no": OUTER_NO,
        "biz_code": "FACE",
        "identity_param": {
            "identity_type": "CERT_INFO",
            "cert_type": "IDENTITY_CARD",
            "cert_name": NAME,
            "cert_no": ID_NUMBER,
        },
        "merchant_config": {"return_url": RETURN_URL},
    }
    assert (session.provider, session.outer_no, session.provider_ref) == ("alipay", OUTER_NO, certify_id)
    assert session.expires_at is not None
    assert before + timedelta(minutes=10) <= session.expires_at <= datetime.now(UTC) + timedelta(minutes=10)
    assert set(session.client_payload) == {"certify_id", "url"}
    assert session.client_payload["certify_id"] == certify_id

    url = session.client_payload["url"]
    assert url.startswith(gateway.server.url + "/gateway.do?")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["method"] == CERTIFY_METHOD
    assert json.loads(params["biz_content"]) == {"certify_id": certify_id}
    assert verifies(app_key.public_key(), request_sign_content(params), params["sign"])
    for text in (url, *(request.url for request in gateway.server.requests)):
        assert ID_NUMBER not in text
        assert "cert_no" not in text


def test_face_start_prefers_the_requests_return_url(face, gateway):
    face.start(face_start(return_url="https://gov.example.cn/face/done"))
    (certification,) = gateway.certifications.values()
    assert certification["biz"]["merchant_config"] == {"return_url": "https://gov.example.cn/face/done"}


def test_face_start_refused_by_alipay_is_rejected(face):
    exc = raises(face.start, face_start(outer_no="short"))
    assert (exc.code, exc.rejected, exc.retryable) == ("isv.invalid-parameter", True, False)
    assert ID_NUMBER not in str(exc)


@pytest.mark.parametrize(("passed", "status"), [("T", "passed"), ("F", "failed")])
def test_face_query_maps_passed(face, gateway, passed, status):
    session = face.start(face_start())
    gateway.certifications[session.provider_ref]["passed"] = passed
    result = face.query(session, face_start())
    assert (result.status, result.provider_code, result.score) == (status, passed, None)
    assert result.raw_sha256 == hashlib.sha256(gateway.bodies[-1]).hexdigest()
    request = gateway.server.requests[-1]
    assert request.args["method"] == "alipay.user.certify.open.query"
    assert json.loads(request.form["biz_content"]) == {"certify_id": session.provider_ref}


def test_face_query_of_an_unknown_certify_id_is_expired(face, gateway):
    session = face.start(face_start())
    gateway.certifications.clear()
    result = face.query(session, face_start())
    assert (result.status, result.provider_code) == ("expired", "OPEN_CERTIFY_BILL_NOT_EXIST")
    assert result.raw_sha256 == hashlib.sha256(gateway.bodies[-1]).hexdigest()


def test_face_query_trusts_no_unsigned_bill_not_exist(face, gateway):
    session = face.start(face_start())
    gateway.certifications.clear()
    gateway.unsigned = True
    exc = raises(face.query, session, face_start())
    assert exc.code == "OPEN_CERTIFY_BILL_NOT_EXIST"


def test_face_query_network_error_raises_retryable(face, gateway):
    session = face.start(face_start())
    gateway.broken = (503, "busy")
    exc = raises(face.query, session, face_start())
    assert (exc.code, exc.retryable) == ("HTTP_503", True)


# --- notifications -------------------------------------------------------------------------------


def notification(key: rsa.RSAPrivateKey, **fields: str) -> dict[str, str]:
    params = {
        "notify_id": "2026010100222120000000000000000001",
        "notify_time": "2026-01-01 12:00:01",
        "notify_type": "certify_result",
        "app_id": APP_ID,
        "charset": "utf-8",
        "version": "1.0",
        "sign_type": "RSA2",
        "certify_id": "8a2c3d4e5f60718293a4b5c6d7e8f901",
        "note": "a + b & c = 完成",  # needs URL-decoding to verify
        **fields,
    }
    params["sign"] = sign(key, notify_sign_content(params))
    return params


NOTIFY_TIME = int(datetime(2026, 1, 1, 4, 0, 1, tzinfo=UTC).timestamp())


def test_a_signed_notification_names_the_certify_id(face, alipay_key):
    body = urlencode(notification(alipay_key)).encode()
    assert face.parse_callback({}, {}, body) == CallbackHint(
        provider_ref="8a2c3d4e5f60718293a4b5c6d7e8f901",
        timestamp=NOTIFY_TIME,
        nonce="2026010100222120000000000000000001",
    )


def test_a_notification_may_carry_the_certify_id_in_biz_content(face, alipay_key):
    params = notification(alipay_key, certify_id="", biz_content='{"certify_id":"c1d2e3","passed":"T"}')
    assert face.parse_callback({}, {}, urlencode(params).encode()).provider_ref == "c1d2e3"


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p, k: p | {"certify_id": "another"}, id="tampered"),
        pytest.param(lambda p, k: p | {"sign": sign(k, notify_sign_content(p))}, id="signed-by-a-stranger"),
        pytest.param(lambda p, k: {n: v for n, v in p.items() if n != "sign"}, id="unsigned"),
        pytest.param(lambda p, k: p | {"sign_type": "RSA"}, id="not-rsa2"),
        pytest.param(lambda p, k: p | {"sign": "bm90IGEgc2lnbmF0dXJl"}, id="garbage-sign"),
    ],
)
def test_a_badly_signed_notification_is_refused(face, alipay_key, stranger_key, spoil):
    params = spoil(notification(alipay_key), stranger_key)
    exc = raises(face.parse_callback, {}, {}, urlencode(params).encode())
    assert exc.code == "SIGNATURE_INVALID"


def test_sign_type_is_not_part_of_the_signed_notification(face, alipay_key):
    params = notification(alipay_key)
    with_sign_type = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sign")
    params["sign"] = sign(alipay_key, with_sign_type)
    assert raises(face.parse_callback, {}, {}, urlencode(params).encode()).code == "SIGNATURE_INVALID"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"no pairs here",
        b"notify_id=1&notify_id=2",
    ],
)
def test_an_unreadable_notification_is_a_bad_callback(face, body):
    assert raises(face.parse_callback, {}, {}, body).code == "BAD_CALLBACK"


@pytest.mark.parametrize(
    "fields",
    [
        {"notify_time": "2026/01/01 12:00:01"},
        {"notify_id": ""},
        {"certify_id": ""},
        {"certify_id": "", "biz_content": "not json"},
        {"app_id": "2021000000000001"},
    ],
)
def test_a_signed_notification_missing_what_we_need_is_a_bad_callback(face, alipay_key, fields):
    body = urlencode(notification(alipay_key, **fields)).encode()
    assert raises(face.parse_callback, {}, {}, body).code == "BAD_CALLBACK"
