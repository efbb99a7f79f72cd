"""WeChat login, stable token and face 2.0 adapters against a fake WeChat API on 127.0.0.1.

The fake checks what WeChat checks (appid and secret, grant types, a live
access_token, the face session's out_seq_no/openid and a cert_hash it computes
itself) and answers with WeChat's shapes: ``{"errcode": 40029, "errmsg": "invalid
code, rid: …"}`` and friends.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from werkzeug.wrappers import Request, Response

from app.providers import ProviderConfigError, build
from app.providers.base import ExternalIdentity, FaceSession, FaceStart, NotSupported, ProviderError
from app.providers.signing import wechat_cert_hash
from app.providers.wechat import WeChatClient, WeChatFace, WeChatLogin, WeChatTokenStore
from app.redis_store import get_redis

APP_ID = "wx5f2d9c1a7b3e4f60"
SECRET = "palmgov-test-wechat-secret"
OPENID = "oPalmGov-openid-resident-one"
UNIONID = "oUnion-palmgov-resident-one"
SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ=="
NAME = "张三"
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"
OUTER_NO = "a" * 16 + "B" * 16


# --- the fake WeChat API ---------------------------------------------------------------


def independent_cert_hash(cert_type: str, cert_name: str, cert_no: str) -> str:
    """The face 2.0 cert_hash as WeChat documents it, written here again (not app.providers.signing)."""

    def b64(text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode()

    text = f"cert_type={b64(cert_type)}&cert_name={b64(cert_name)}&cert_no={b64(cert_no)}"
    return hashlib.sha256(text.encode()).hexdigest()


def error(errcode: int, errmsg: str) -> dict[str, Any]:
    return {"errcode": errcode, "errmsg": f"{errmsg}, rid: 6650f3a2-1c9e0b7d-4e2a{abs(errcode)}"}


class FakeWeChat:
    def __init__(self) -> None:
        self.live_tokens: set[str] = set()
        self.stable_token_bodies: list[dict] = []
        self.token_expires_in = 7200
        self.token_delay = 0.0
        self.refuse_every_token = False
        self.broken: dict[str, tuple[int, str]] = {}  # path -> (status, body) answered instead
        self.forced: dict[str, dict] = {}
        self.login_codes = {
            "good-code": {"openid": OPENID, "session_key": SESSION_KEY, "unionid": UNIONID},
            "no-union-code": {"openid": OPENID, "session_key": SESSION_KEY},
        }
        self.used_codes: set[str] = set()
        self.phone_infos = {
            "phone-code": self.phone_info(),
            "other-app-code": self.phone_info(appid="wx0000000000000000"),
            "foreign-code": self.phone_info(country="1", pure="4155550100"),
            "fullwidth-code": self.phone_info(pure="１３８００１３８０００"),
        }
        self.face_sessions: dict[str, dict] = {}
        self.face_expires_in = 3600
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()
        self.server: Any = None

    @staticmethod
    def phone_info(*, appid: str = APP_ID, country: str = "86", pure: str = PHONE) -> dict:
        return {
            "phoneNumber": pure if country == "86" else f"+{country}{pure}",
            "purePhoneNumber": pure,
            "countryCode": country,
            "watermark": {"timestamp": 1767225600, "appid": appid},
        }

    @property
    def stable_token_calls(self) -> int:
        return len(self.stable_token_bodies)

    def handle(self, request: Request) -> Response:
        if request.path in self.broken:
            status, text = self.broken[request.path]
            return Response(text, status=status)
        routes = {
            ("POST", "/cgi-bin/stable_token"): self.stable_token,
            ("GET", "/sns/jscode2session"): self.jscode2session,
            ("POST", "/wxa/business/getuserphonenumber"): self.phone_number,
            ("POST", "/cityservice/face/identify/getverifyid"): self.getverifyid,
            ("POST", "/cityservice/face/identify/queryverifyinfo"): self.queryverifyinfo,
        }
        route = routes.get((request.method, request.path))
        if route is None:
            return Response("not found", status=404)
        if request.path in self.forced:
            answer = self.forced[request.path]
        elif request.path not in ("/cgi-bin/stable_token", "/sns/jscode2session") and not self.token_ok(request):
            answer = error(40001, "invalid credential, access_token is invalid or not latest")
        else:
            answer = route(request)
        body = json.dumps(answer, ensure_ascii=False).encode()
        self.bodies.append(body)
        return Response(body, content_type="application/json; encoding=utf-8")

    def token_ok(self, request: Request) -> bool:
        return not self.refuse_every_token and request.args.get("access_token") in self.live_tokens

    def stable_token(self, request: Request) -> dict:
        body = request.get_json()
        with self.lock:
            self.stable_token_bodies.append(body)
        time.sleep(self.token_delay)
        if body.get("grant_type") != "client_credential" or body.get("force_refresh") is not False:
            return error(40002, "invalid grant_type")
        if body.get("appid") != APP_ID:
            return error(40013, "invalid appid")
        if body.get("secret") != SECRET:
            return error(40125, "invalid appsecret")
        token = "ACCESS-" + secrets.token_urlsafe(96)
        self.live_tokens.add(token)
        return {"access_token": token, "expires_in": self.token_expires_in}

    def jscode2session(self, request: Request) -> dict:
        args = request.args
        if args.get("appid") != APP_ID or args.get("grant_type") != "authorization_code":
            return error(40013, "invalid appid")
        if args.get("secret") != SECRET:
            return error(40125, "invalid appsecret")
        code = args.get("js_code", "")
        special = {"busy-code": (-1, "system error"), "rate-code": (45011, "api minute-quota reach limit")}
        special |= {"risky-code": (40226, "invalid user: high risk")}
        if code in special:
            return error(*special[code])
        if code in self.used_codes:
            return error(40163, "code been used")
        if code not in self.login_codes:
            return error(40029, "invalid code")
        self.used_codes.add(code)
        return self.login_codes[code]

    def phone_number(self, request: Request) -> dict:
        body = request.get_json()
        if body.get("openid") not in (None, OPENID):
            return error(40003, "invalid openid")
        info = self.phone_infos.get(body.get("code"))
        if info is None:
            return error(40029, "invalid code")
        return {"errcode": 0, "errmsg": "ok", "phone_info": info}

    def getverifyid(self, request: Request) -> dict:
        body = request.get_json()
        cert = body.get("cert_info", {})
        if set(body) != {"out_seq_no", "cert_info", "openid"} or cert.get("cert_type") != "IDENTITY_CARD":
            return error(40097, "invalid args")
        if not (5 <= len(body["out_seq_no"]) <= 32) or not cert.get("cert_name") or not cert.get("cert_no"):
            return error(40097, "invalid args")
        verify_id = "vfy_" + secrets.token_urlsafe(24)
        self.face_sessions[verify_id] = {
            "out_seq_no": body["out_seq_no"],
            "openid": body["openid"],
            "cert_hash": independent_cert_hash("IDENTITY_CARD", cert["cert_name"], cert["cert_no"]),
            "verify_ret": 10000,
        }
        return {"errcode": 0, "errmsg": "ok", "verify_id": verify_id, "expires_in": self.face_expires_in}

    def queryverifyinfo(self, request: Request) -> dict:
        body = request.get_json()
        session = self.face_sessions.get(body.get("verify_id"))
        if session is None or body.get("out_seq_no") != session["out_seq_no"]:
            return error(40097, "invalid args")
        if body.get("openid") != session["openid"]:
            return error(40003, "invalid openid")
        if body.get("cert_hash") != session["cert_hash"]:
            return error(40097, "invalid args")
        return {"errcode": 0, "errmsg": "ok", "verify_ret": session["verify_ret"]}


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def wechat(fake_server) -> Iterator[FakeWeChat]:
    fake = FakeWeChat()
    fake.server = fake_server(fake.handle)
    yield fake


@pytest.fixture
def app_context(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app


def wechat_config(url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_APP_SECRET": SECRET,
        "WECHAT_API_BASE": url,
        "PROVIDER_TIMEOUT_SECONDS": 2,
        **overrides,
    }


@pytest.fixture
def login(wechat: FakeWeChat) -> WeChatLogin:
    return WeChatLogin.from_config(wechat_config(wechat.server.url))


@pytest.fixture
def face(wechat: FakeWeChat) -> WeChatFace:
    return WeChatFace.from_config(wechat_config(wechat.server.url))


def face_start(**overrides: Any) -> FaceStart:
    fields = {
        "resident_id": 7,
        "purpose": "account",
        "outer_no": OUTER_NO,
        "cert_name": NAME,
        "cert_no": ID_NUMBER,
        "subject": OPENID,
    }
    return FaceStart(**{**fields, **overrides})


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def raises(call, *args: Any, **kwargs: Any) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- configuration -------------------------------------------------------------------------


def test_from_config_names_the_missing_settings():
    for adapter in (WeChatLogin, WeChatFace):
        with pytest.raises(ProviderConfigError, match="WECHAT_APP_ID, WECHAT_APP_SECRET"):
            adapter.from_config(wechat_config("https://api.weixin.qq.com", WECHAT_APP_ID="", WECHAT_APP_SECRET=""))
    with pytest.raises(ProviderConfigError, match=r"needs WECHAT_APP_SECRET$"):
        WeChatLogin.from_config(wechat_config("https://api.weixin.qq.com", WECHAT_APP_SECRET=""))


def test_the_registry_builds_the_wechat_adapters():
    config = wechat_config("https://api.weixin.qq.com", WECHAT_LOGIN_PROVIDER="wechat", FACE_PROVIDER="wechat")
    login = build("WECHAT_LOGIN_PROVIDER", config)
    face = build("FACE_PROVIDER", config)
    assert isinstance(login, WeChatLogin)
    assert isinstance(face, WeChatFace)
    assert (login.name, face.name, login.client.app_id) == ("wechat", "wechat", APP_ID)


# --- code2Session --------------------------------------------------------------------------


def test_exchange_code_gives_the_openid_and_unionid_and_never_the_session_key(login, wechat):
    identity = login.exchange_code("good-code")
    assert identity == ExternalIdentity(provider="wechat", app_id=APP_ID, subject=OPENID, union_id=UNIONID)
    assert SESSION_KEY not in repr(identity)
    (request,) = wechat.server.requests
    assert request.method == "GET"
    assert request.args.to_dict() == {
        "appid": APP_ID,
        "secret": SECRET,
        "js_code": "good-code",
        "grant_type": "authorization_code",
    }


def test_exchange_code_without_a_unionid(login):
    assert login.exchange_code("no-union-code").union_id is None


@pytest.mark.parametrize(("code", "errcode"), [("unknown-code", "40029"), ("risky-code", "40226")])
def test_refused_codes_are_rejected(login, code, errcode):
    exc = raises(login.exchange_code, code)
    assert (exc.provider, exc.code, exc.rejected, exc.retryable) == ("wechat", errcode, True, False)
    assert "rid 6650f3a2" in str(exc)
    assert "invalid" not in str(exc)  # WeChat's own text stays out of our messages


def test_a_used_code_is_rejected(login):
    login.exchange_code("good-code")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.rejected, exc.retryable) == ("40163", True, False)


def test_an_empty_code_is_rejected_without_a_call(login, wechat):
    exc = raises(login.exchange_code, "")
    assert exc.rejected
    assert wechat.server.requests == []


@pytest.mark.parametrize(("code", "errcode"), [("busy-code", "-1"), ("rate-code", "45011")])
def test_busy_and_rate_limited_are_retryable(login, code, errcode):
    exc = raises(login.exchange_code, code)
    assert (exc.code, exc.retryable, exc.rejected) == (errcode, True, False)


def test_a_wrong_secret_is_neither_retryable_nor_the_residents_fault(wechat):
    login = WeChatLogin.from_config(wechat_config(wechat.server.url, WECHAT_APP_SECRET="not-the-secret"))
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable, exc.rejected) == ("40125", False, False)


def test_a_server_error_is_retryable(login, wechat):
    wechat.broken["/sns/jscode2session"] = (500, "upstream error")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable) == ("HTTP_500", True)


def test_a_closed_port_is_retryable():
    login = WeChatLogin.from_config(wechat_config(closed_port_url()))
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable, exc.rejected) == ("NETWORK", True, False)


def test_an_answer_that_is_not_json_is_retryable(login, wechat):
    wechat.broken["/sns/jscode2session"] = (200, "<html>gateway timeout</html>")
    exc = raises(login.exchange_code, "good-code")
    assert (exc.code, exc.retryable) == ("HTTP_200", True)


# --- stable access_token ---------------------------------------------------------------------


def test_the_token_is_fetched_once_and_cached_in_redis(app_context, login, wechat):
    assert login.exchange_phone_code("phone-code") == PHONE
    assert login.exchange_phone_code("phone-code") == PHONE
    assert wechat.stable_token_calls == 1
    assert wechat.stable_token_bodies[0] == {
        "grant_type": "client_credential",
        "appid": APP_ID,
        "secret": SECRET,
        "force_refresh": False,
    }
    phone_requests = [r for r in wechat.server.requests if r.path == "/wxa/business/getuserphonenumber"]
    tokens = {r.args["access_token"] for r in phone_requests}
    assert len(phone_requests) == 2
    assert tokens == wechat.live_tokens
    redis = get_redis()
    assert redis.get(f"wechat:token:{APP_ID}") in tokens
    assert 7200 - 300 - 5 <= redis.ttl(f"wechat:token:{APP_ID}") <= 7200 - 300


def test_a_short_lived_token_is_still_cached_briefly(app_context, wechat):
    wechat.token_expires_in = 300
    store = WeChatFace.from_config(wechat_config(wechat.server.url)).client.tokens
    assert store.get() in wechat.live_tokens
    assert get_redis().ttl(store.key) in (0, 1)


def test_a_refused_token_is_dropped_and_the_call_made_once_more(app_context, login, wechat):
    login.exchange_phone_code("phone-code")
    first = next(iter(wechat.live_tokens))
    wechat.live_tokens.clear()  # rotated elsewhere: WeChat now answers 40001 to the cached token
    assert login.exchange_phone_code("phone-code") == PHONE
    assert wechat.stable_token_calls == 2
    used = [r.args["access_token"] for r in wechat.server.requests if r.path.startswith("/wxa/")]
    assert used[:2] == [first, first]
    assert used[2] != first
    assert get_redis().get(f"wechat:token:{APP_ID}") == used[2]


def test_a_token_refused_twice_is_an_error_after_one_retry(app_context, login, wechat):
    wechat.refuse_every_token = True
    exc = raises(login.exchange_phone_code, "phone-code")
    assert (exc.code, exc.retryable, exc.rejected) == ("40001", False, False)
    assert wechat.stable_token_calls == 2
    assert len([r for r in wechat.server.requests if r.path.startswith("/wxa/")]) == 2


def test_invalidate_with_a_token_drops_only_that_token(app_context, wechat):
    store = WeChatLogin.from_config(wechat_config(wechat.server.url)).client.tokens
    token = store.get()
    store.invalidate("some-older-token")
    assert get_redis().get(store.key) == token
    store.invalidate(token)
    assert get_redis().get(store.key) is None
    store.get()
    store.invalidate()
    assert get_redis().get(store.key) is None
    assert wechat.stable_token_calls == 2


def test_concurrent_workers_fetch_the_token_once(app: Flask, wechat):
    wechat.token_delay = 0.3
    store = WeChatLogin.from_config(wechat_config(wechat.server.url)).client.tokens

    def fetch() -> str:
        with app.app_context():
            return store.get()

    with ThreadPoolExecutor(max_workers=6) as pool:
        tokens = [future.result() for future in [pool.submit(fetch) for _ in range(6)]]
    assert wechat.stable_token_calls == 1
    assert len(set(tokens)) == 1
    with app.app_context():
        assert get_redis().get(store.lock_key) is None  # the lock is released


def test_a_worker_waiting_on_a_stuck_lock_gives_up_retryably(app_context, wechat):
    client = WeChatClient(APP_ID, SECRET, api_base=wechat.server.url, timeout=2)
    store = WeChatTokenStore(APP_ID, SECRET, api_base=wechat.server.url, transport=client.transport, wait_seconds=0.2)
    get_redis().set(store.lock_key, "another-worker", ex=30)
    exc = raises(store.get)
    assert (exc.code, exc.retryable) == ("TOKEN_BUSY", True)
    assert wechat.stable_token_calls == 0


def test_a_refused_stable_token_call_is_reported(app_context, wechat):
    login = WeChatLogin.from_config(wechat_config(wechat.server.url, WECHAT_APP_SECRET="not-the-secret"))
    exc = raises(login.exchange_phone_code, "phone-code")
    assert (exc.code, exc.retryable) == ("40125", False)
    assert get_redis().get(f"wechat:token:{APP_ID}") is None
    assert get_redis().get(f"wechat:token-lock:{APP_ID}") is None


# --- phone number ----------------------------------------------------------------------------


def test_exchange_phone_code_checks_the_code_belongs_to_the_resident(app_context, login, wechat):
    assert login.exchange_phone_code("phone-code", subject=OPENID) == PHONE
    (request,) = [r for r in wechat.server.requests if r.path == "/wxa/business/getuserphonenumber"]
    assert json.loads(request.get_data()) == {"code": "phone-code", "openid": OPENID}
    assert set(request.args) == {"access_token"}
    exc = raises(login.exchange_phone_code, "phone-code", subject="oSomeoneElse")
    assert (exc.code, exc.rejected) == ("40003", True)


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("other-app-code", "WATERMARK_MISMATCH"),
        ("foreign-code", "PHONE_NOT_MAINLAND"),
        ("fullwidth-code", "PHONE_INVALID"),
        ("unknown-code", "40029"),
    ],
)
def test_phone_answers_we_cannot_vouch_for_are_rejected(app_context, login, code, error_code):
    exc = raises(login.exchange_phone_code, code)
    assert (exc.code, exc.rejected, exc.retryable) == (error_code, True, False)
    assert PHONE not in str(exc)


# --- face 2.0 ------------------------------------------------------------------------------------


def test_face_start_gets_a_verify_id_and_keeps_pii_out_of_the_url(app_context, face, wechat):
    before = datetime.now(UTC)
    session = face.start(face_start())
    verify_id = next(iter(wechat.face_sessions))
    assert session == FaceSession(
        provider="wechat",
        outer_no=OUTER_NO,
        provider_ref=verify_id,
        client_payload={"verify_id": verify_id},
        expires_at=session.expires_at,
    )
    assert session.expires_at is not None
    assert before + timedelta(seconds=600) <= session.expires_at <= datetime.now(UTC) + timedelta(seconds=600)
    (request,) = [r for r in wechat.server.requests if r.path.endswith("/getverifyid")]
    assert json.loads(request.get_data()) == {
        "out_seq_no": OUTER_NO,
        "cert_info": {"cert_type": "IDENTITY_CARD", "cert_name": NAME, "cert_no": ID_NUMBER},
        "openid": OPENID,
    }
    for received in wechat.server.requests:
        assert ID_NUMBER not in received.url
        assert "cert_" not in received.url


def test_face_session_expiry_follows_a_shorter_provider_ttl(app_context, face, wechat):
    wechat.face_expires_in = 120
    session = face.start(face_start())
    assert session.expires_at is not None
    assert session.expires_at <= datetime.now(UTC) + timedelta(seconds=120)


def test_face_start_needs_the_openid(face, wechat):
    exc = raises(face.start, face_start(subject=None))
    assert (exc.code, exc.rejected) == ("OPENID_REQUIRED", True)
    assert wechat.server.requests == []


def test_face_start_refusals_carry_no_pii(app_context, face):
    exc = raises(face.start, face_start(outer_no="abc"))
    assert (exc.code, exc.retryable) == ("40097", False)
    assert ID_NUMBER not in str(exc)
    assert NAME not in str(exc)


@pytest.mark.parametrize(
    ("verify_ret", "status"),
    [
        (10000, "passed"),
        (90002, "cancelled"),
        (90004, "cancelled"),
        (90006, "cancelled"),
        (90017, "expired"),
        (10001, "failed"),
        (10002, "failed"),
        (10003, "failed"),
        (10004, "failed"),
        (90001, "failed"),
    ],
)
def test_face_query_maps_verify_ret(app_context, face, wechat, verify_ret, status):
    session = face.start(face_start())
    wechat.face_sessions[session.provider_ref]["verify_ret"] = verify_ret
    result = face.query(session, face_start())
    assert (result.status, result.provider_code, result.score) == (status, str(verify_ret), None)
    assert result.raw_sha256 == hashlib.sha256(wechat.bodies[-1]).hexdigest()
    (request,) = [r for r in wechat.server.requests if r.path.endswith("/queryverifyinfo")]
    assert json.loads(request.get_data()) == {
        "verify_id": session.provider_ref,
        "out_seq_no": OUTER_NO,
        "cert_hash": independent_cert_hash("IDENTITY_CARD", NAME, ID_NUMBER),
        "openid": OPENID,
    }


@pytest.mark.parametrize(
    ("overrides", "errcode"), [({"cert_no": "110105194912310038"}, "40097"), ({"subject": "oSomeoneElse"}, "40003")]
)
def test_face_query_fails_when_wechat_finds_another_person(app_context, face, overrides, errcode):
    session = face.start(face_start())
    result = face.query(session, face_start(**overrides))
    assert (result.status, result.provider_code) == ("failed", errcode)


def test_face_query_busy_raises_retryable(app_context, face, wechat):
    session = face.start(face_start())
    wechat.forced["/cityservice/face/identify/queryverifyinfo"] = error(-1, "system error")
    exc = raises(face.query, session, face_start())
    assert (exc.code, exc.retryable) == ("-1", True)


def test_face_query_network_error_raises_retryable(app_context, face, wechat):
    session = face.start(face_start())
    wechat.broken["/cityservice/face/identify/queryverifyinfo"] = (502, "bad gateway")
    exc = raises(face.query, session, face_start())
    assert (exc.code, exc.retryable) == ("HTTP_502", True)


def test_face_query_without_verify_ret_is_not_final(app_context, face, wechat):
    session = face.start(face_start())
    wechat.forced["/cityservice/face/identify/queryverifyinfo"] = {"errcode": 0, "errmsg": "ok"}
    assert face.query(session, face_start()).status == "error"


def test_face_callbacks_are_not_supported(face):
    with pytest.raises(NotSupported):
        face.parse_callback({}, {}, b"{}")


# --- published vector ----------------------------------------------------------------------------


def test_cert_hash_matches_the_published_vector_in_both_implementations():
    vector = "3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b"
    assert wechat_cert_hash("IDENTITY_CARD", "张三", "310101199801011234") == vector
    assert independent_cert_hash("IDENTITY_CARD", "张三", "310101199801011234") == vector
