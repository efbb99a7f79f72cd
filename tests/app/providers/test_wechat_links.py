"""WeChat URL Link, URL Scheme and mini-program codes against a fake WeChat API on 127.0.0.1.

The fake checks the live access_token and the request bodies as WeChat documents them, and
answers ``getwxacodeunlimit`` the way WeChat does: the image bytes with an image Content-Type,
or a JSON error with the same 200 status.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from werkzeug.wrappers import Request, Response

from app.providers import ProviderConfigError, build
from app.providers.base import DeepLink, ProviderError
from app.providers.wechat import WeChatDeepLinker

APP_ID = "wx5f2d9c1a7b3e4f60"
SECRET = "palmgov-test-wechat-secret"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + secrets.token_bytes(64)
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PATHS = ("/wxa/generate_urllink", "/wxa/generatescheme", "/wxa/getwxacodeunlimit")
SCENE_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$&'()*+,/:;=?@-._~")


def error(errcode: int, errmsg: str) -> dict[str, Any]:
    return {"errcode": errcode, "errmsg": f"{errmsg} rid: 6650f3a2-1c9e0b7d-{abs(errcode)}"}


class FakeWeChat:
    def __init__(self) -> None:
        self.live_tokens: set[str] = set()
        self.token_calls = 0
        self.published = {"pages/halls/index", "pages/appointment/index"}
        self.forced: dict[str, dict] = {}  # path -> the JSON answered instead
        self.image_type = "image/jpeg"
        self.raw: tuple[str, bytes] | None = None  # (Content-Type, body) answered by getwxacodeunlimit
        self.bodies: dict[str, list[dict]] = {path: [] for path in PATHS}

    def handle(self, request: Request) -> Response:
        if request.method != "POST":
            return Response("not found", status=404)
        if request.path == "/cgi-bin/stable_token":
            return self.json(self.stable_token(request.get_json()))
        if request.path not in PATHS:
            return Response("not found", status=404)
        if request.mimetype != "application/json":  # getwxacodeunlimit takes no form posts
            return self.json(error(47001, "data format error"))
        body = json.loads(request.get_data())
        self.bodies[request.path].append(body)
        if request.args.get("access_token") not in self.live_tokens:
            return self.json(error(40001, "invalid credential, access_token is invalid or not latest"))
        if request.path in self.forced:
            return self.json(self.forced[request.path])
        if request.path == "/wxa/getwxacodeunlimit":
            if self.raw is not None:
                return Response(self.raw[1], content_type=self.raw[0])
            return self.mini_code(body)
        return self.json(self.generate(request.path, body))

    @staticmethod
    def json(answer: dict) -> Response:
        return Response(json.dumps(answer), content_type="application/json; encoding=utf-8")

    def stable_token(self, body: dict) -> dict:
        self.token_calls += 1
        if (body.get("appid"), body.get("secret")) != (APP_ID, SECRET):
            return error(40125, "invalid appsecret")
        token = "ACCESS-" + secrets.token_urlsafe(32)
        self.live_tokens.add(token)
        return {"access_token": token, "expires_in": 7200}

    def generate(self, path: str, body: dict) -> dict:
        jump = body.get("jump_wxa", {}) if path == "/wxa/generatescheme" else body
        if body.get("expire_type") != 1 or not 1 <= body.get("expire_interval", 0) <= 30:
            return error(40097, "invalid args")
        if jump.get("env_version") not in ("release", "trial", "develop"):
            return error(40097, "invalid args")
        if jump.get("path") not in self.published or len(jump.get("query", "")) > 1024:
            return error(40165, "invalid weapp pagepath")
        if path == "/wxa/generatescheme":
            return {"errcode": 0, "errmsg": "ok", "openlink": "weixin://dl/business/?t=" + secrets.token_hex(6)}
        return {"errcode": 0, "errmsg": "ok", "url_link": "https://wxaurl.cn/" + secrets.token_hex(6)}

    def mini_code(self, body: dict) -> Response:
        scene = body.get("scene", "")
        if not 1 <= len(scene) <= 32 or not set(scene) <= SCENE_CHARS:
            return self.json(error(40169, "invalid length for scene, or the data is not json string"))
        if body.get("check_path", True) and body.get("page") not in self.published:
            return self.json(error(41030, "invalid page"))
        if not 280 <= body.get("width", 430) <= 1280:
            return self.json(error(40097, "invalid args"))
        return Response(JPEG, content_type=self.image_type)


@pytest.fixture
def wechat(fake_server) -> Iterator[FakeWeChat]:
    fake = FakeWeChat()
    fake.server = fake_server(fake.handle)  # type: ignore[attr-defined]
    yield fake


def wechat_config(url: str, **overrides: Any) -> dict:
    return {
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_APP_SECRET": SECRET,
        "WECHAT_API_BASE": url,
        "PROVIDER_TIMEOUT_SECONDS": 2,
        **overrides,
    }


@pytest.fixture
def linker(app: Flask, wechat: FakeWeChat) -> Iterator[WeChatDeepLinker]:
    """The token store keeps the access_token in Redis, so the calls run inside the app."""
    with app.app_context():
        found = WeChatDeepLinker.from_config(wechat_config(wechat.server.url))  # type: ignore[attr-defined]
        found.clock = lambda: NOW
        yield found


def raises(call, *args: Any, **kwargs: Any) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- configuration ---------------------------------------------------------------------------------


def test_the_registry_builds_it_with_its_env_version():
    config = wechat_config("https://api.weixin.qq.com", WECHAT_LINK_PROVIDER="wechat", WECHAT_ENV_VERSION="trial")
    found = build("WECHAT_LINK_PROVIDER", config)
    assert isinstance(found, WeChatDeepLinker)
    assert (found.name, found.env_version, found.client.app_id) == ("wechat", "trial", APP_ID)


def test_from_config_refuses_an_unknown_env_version_and_missing_keys():
    with pytest.raises(ProviderConfigError, match="WECHAT_ENV_VERSION"):
        WeChatDeepLinker.from_config(wechat_config("https://api.weixin.qq.com", WECHAT_ENV_VERSION="beta"))
    with pytest.raises(ProviderConfigError, match="WeChatDeepLinker needs WECHAT_APP_ID"):
        WeChatDeepLinker.from_config(wechat_config("https://api.weixin.qq.com", WECHAT_APP_ID=""))


# --- URL Link and URL Scheme -----------------------------------------------------------------------


def test_link_generates_a_url_link(linker, wechat):
    link = linker.link("pages/appointment/index", {"t": "abc.DEF-_1"}, ttl_days=7)
    assert link.url.startswith("https://wxaurl.cn/")
    assert link.expires_at == NOW + timedelta(days=7)
    (body,) = wechat.bodies["/wxa/generate_urllink"]
    assert body == {
        "path": "pages/appointment/index",
        "query": "t=abc.DEF-_1",
        "expire_type": 1,
        "expire_interval": 7,
        "env_version": "release",
    }


def test_scheme_generates_an_openlink(linker, wechat):
    link = linker.scheme("pages/halls/index", {"id": "3"}, ttl_days=30)
    assert link == DeepLink(link.url, NOW + timedelta(days=30))
    assert link.url.startswith("weixin://dl/business/?t=")
    (body,) = wechat.bodies["/wxa/generatescheme"]
    assert body == {
        "jump_wxa": {"path": "pages/halls/index", "query": "id=3", "env_version": "release"},
        "expire_type": 1,
        "expire_interval": 30,
    }


def test_a_refused_token_is_fetched_again_once(linker, wechat):
    linker.link("pages/halls/index", {})
    wechat.live_tokens.clear()  # WeChat rotated the token the cache still holds
    assert linker.link("pages/halls/index", {}).url.startswith("https://wxaurl.cn/")
    assert wechat.token_calls == 2


def test_an_unpublished_page_is_rejected(linker, wechat):
    exc = raises(linker.link, "pages/rating/index", {})
    assert (exc.provider, exc.code, exc.rejected, exc.retryable) == ("wechat", "40165", True, False)
    assert "rid 6650f3a2" in str(exc)


def test_a_busy_api_is_retryable(linker, wechat):
    wechat.forced["/wxa/generatescheme"] = error(45009, "reach max api daily quota limit")
    exc = raises(linker.scheme, "pages/halls/index", {})
    assert (exc.code, exc.retryable, exc.rejected) == ("45009", True, False)


@pytest.mark.parametrize(
    "answer",
    [{"errcode": 0, "errmsg": "ok"}, {"errcode": 0, "url_link": "http://evil.example/x"}, {"errcode": "0"}],
)
def test_an_answer_without_an_https_link_is_refused(linker, wechat, answer):
    wechat.forced["/wxa/generate_urllink"] = answer
    assert raises(linker.link, "pages/halls/index", {}).code == "BAD_ANSWER"


@pytest.mark.parametrize(
    ("page", "query", "ttl_days", "code"),
    [
        ("/pages/halls/index", {}, 30, "BAD_PAGE"),
        ("pages/halls/index?id=3", {}, 30, "BAD_PAGE"),
        ("https://evil.example", {}, 30, "BAD_PAGE"),
        ("pages/halls/index", {"t": "x" * 1100}, 30, "BAD_QUERY"),
        ("pages/halls/index", {}, 31, "BAD_TTL"),
        ("pages/halls/index", {}, 0, "BAD_TTL"),
    ],
)
def test_bad_links_are_refused_before_any_call(linker, wechat, page, query, ttl_days, code):
    exc = raises(linker.link, page, query, ttl_days=ttl_days)
    assert (exc.code, exc.rejected) == (code, True)
    assert wechat.bodies["/wxa/generate_urllink"] == []


# --- mini-program codes ----------------------------------------------------------------------------


def test_mini_code_returns_the_image(linker, wechat):
    assert linker.mini_code("pages/halls/index", "id=3", width=600) == JPEG
    (body,) = wechat.bodies["/wxa/getwxacodeunlimit"]
    assert body == {
        "scene": "id=3",
        "page": "pages/halls/index",
        "check_path": True,
        "env_version": "release",
        "width": 600,
    }


def test_a_trial_build_skips_the_published_page_check(linker, wechat):
    linker.env_version = "trial"
    assert linker.mini_code("pages/ticket/index", "t=1") == JPEG
    assert wechat.bodies["/wxa/getwxacodeunlimit"][0]["check_path"] is False


@pytest.mark.parametrize(
    ("answer", "code", "retryable", "rejected"),
    [
        (error(45009, "reach max api minute quota"), "45009", True, False),
        (error(41030, "invalid page"), "41030", False, True),
        (error(40169, "invalid length for scene"), "40169", False, True),
        (error(-1, "system error"), "-1", True, False),
    ],
)
def test_mini_code_errors_come_as_json_with_status_200(linker, wechat, answer, code, retryable, rejected):
    wechat.forced["/wxa/getwxacodeunlimit"] = answer
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")
    assert (exc.code, exc.retryable, exc.rejected) == (code, retryable, rejected)


def test_mini_code_branches_on_the_content_type_not_the_status(linker, wechat):
    wechat.published.discard("pages/halls/index")
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")  # a 200 with JSON is an error
    assert exc.code == "41030"
    wechat.published.add("pages/halls/index")
    wechat.image_type = "image/png"
    assert linker.mini_code("pages/halls/index", "id=3") == JPEG  # any image type is the image


def test_mini_code_fetches_a_refused_token_again_once(linker, wechat):
    linker.mini_code("pages/halls/index", "id=3")
    wechat.live_tokens.clear()
    assert linker.mini_code("pages/halls/index", "id=3") == JPEG
    assert wechat.token_calls == 2
    assert len(wechat.bodies["/wxa/getwxacodeunlimit"]) == 3


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (("text/html", b"<html>busy</html>"), "HTTP_200"),
        (("image/jpeg", b""), "BAD_ANSWER"),
        (("application/json", b'{"errcode": 0, "errmsg": "ok"}'), "BAD_ANSWER"),
    ],
)
def test_mini_code_refuses_an_answer_that_is_neither_image_nor_error(linker, wechat, raw, code):
    wechat.raw = raw
    exc = raises(linker.mini_code, "pages/halls/index", "id=3")
    assert (exc.code, exc.retryable) == (code, True)


@pytest.mark.parametrize(
    ("scene", "width", "code"),
    [
        ("", 430, "BAD_SCENE"),
        ("x" * 33, 430, "BAD_SCENE"),
        ("id=%E5%A4%A7", 430, "BAD_SCENE"),  # no "%": WeChat cannot take URL-encoded text
        ("大厅", 430, "BAD_SCENE"),
        ("id 3", 430, "BAD_SCENE"),
        ("id=3", 279, "BAD_WIDTH"),
        ("id=3", 1281, "BAD_WIDTH"),
    ],
)
def test_a_bad_scene_or_width_is_refused_before_any_call(linker, wechat, scene, width, code):
    exc = raises(linker.mini_code, "pages/halls/index", scene, width=width)
    assert (exc.code, exc.rejected) == (code, True)
    assert wechat.bodies["/wxa/getwxacodeunlimit"] == []
    assert wechat.token_calls == 0


def test_scene_may_use_every_character_wechat_allows(linker, wechat):
    scene = "aZ9!#$&'()*+,/:;=?@-._~"
    linker.mini_code("pages/halls/index", scene)
    assert wechat.bodies["/wxa/getwxacodeunlimit"][0]["scene"] == scene
