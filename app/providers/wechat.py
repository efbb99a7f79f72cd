"""WeChat mini-program adapters: login (code2Session, phone number), 人脸核身 2.0 and subscribe messages.

- Calls that need an ``access_token`` use the *stable* token (``cgi-bin/stable_token``),
  shared by every worker through Redis with a single-flight lock; on 40001/40014/42001
  the cached token is dropped and the call is made once more.
- ``session_key`` is never kept, returned or logged.
- Nothing here logs, and no error message carries a name, ID number or phone number:
  errors name WeChat's ``errcode`` and the ``rid`` WeChat puts in ``errmsg``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlencode

import requests

from app.notify_templates import TEMPLATES, Codes
from app.providers.base import (
    CallbackHint,
    DeepLink,
    ExternalIdentity,
    FaceResult,
    FaceSession,
    FaceStart,
    NotifyResult,
    NotSupported,
    ProviderError,
    mini_program_message,
    require_mini_program_codes,
    template_codes,
)
from app.providers.signing import compact_json, wechat_cert_hash
from app.providers.transport import Transport
from app.redis_store import get_redis, redis_errors

PROVIDER = "wechat"
Clock = Callable[[], datetime]
FaceStatus = Literal["passed", "failed", "cancelled", "expired"]

TOKEN_REFRESH_MARGIN = 300  # the platform rotates 5 minutes early; refresh before that
TOKEN_LOCK_SECONDS = 15
TOKEN_ERRORS = frozenset({40001, 40014, 42001})  # invalid, malformed, expired access_token
BUSY_ERRORS = frozenset({-1, 45009, 45011})  # system busy, API quota, per-user rate limit
BAD_CODE_ERRORS = frozenset({40029, 40163, 40226})  # invalid code, code used, high-risk user blocked
PHONE_CODE_ERRORS = BAD_CODE_ERRORS | {40003}  # ... or the code belongs to another openid
FACE_SESSION_SECONDS = 600
FACE_PASSED = 10000
FACE_CANCELLED = range(90002, 90007)
FACE_TIMED_OUT = 90017
MINIPROGRAM_STATES = ("formal", "trial", "developer")
NO_CREDIT = 43101  # the resident refused, or their one-time credits for the template are used up
# Bad openid, template id, data (errmsg names the field) or page: the same message fails every time.
NOTIFY_INVALID = frozenset({40003, 40037, 47003, 41030})

_RID = re.compile(r"rid:\s*([0-9A-Za-z-]+)")
_PHONE = re.compile(r"[0-9]{11}")

# Delete the cached token only if it is still the one that failed (another worker may have replaced it).
_DELETE_IF_EQUAL = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


def _require(config: Mapping[str, Any], names: tuple[str, ...], adapter: str) -> None:
    from app.providers import ProviderConfigError

    missing = [name for name in names if not config.get(name)]
    if missing:
        raise ProviderConfigError(f"{adapter} needs {', '.join(missing)}")


def _now() -> datetime:
    return datetime.now(UTC)


def wechat_error(data: Mapping[str, Any], *, rejected_codes: frozenset[int] = frozenset()) -> ProviderError:
    """A ProviderError for an ``errcode`` answer; the message is WeChat's ``rid`` only, never its text."""
    errcode = _errcode(data)
    match = _RID.search(str(data.get("errmsg", "")))
    message = f"rid {match[1]}" if match else "no rid"
    return ProviderError(
        PROVIDER,
        str(errcode),
        message,
        retryable=errcode in BUSY_ERRORS,
        rejected=errcode in rejected_codes,
    )


def _errcode(data: Mapping[str, Any]) -> int:
    value = data.get("errcode", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProviderError(PROVIDER, "BAD_ANSWER", "errcode is not a number", retryable=True)
    return value


@dataclass(frozen=True)
class WeChatAnswer:
    """One JSON answer and the SHA-256 of the raw body it came in."""

    data: dict[str, Any]
    raw_sha256: str

    @property
    def errcode(self) -> int:
        return _errcode(self.data)


def _answer(response: requests.Response) -> WeChatAnswer:
    try:
        data = json.loads(response.content)
    except ValueError as exc:
        raise ProviderError(PROVIDER, f"HTTP_{response.status_code}", "answer is not JSON", retryable=True) from exc
    if not isinstance(data, dict):
        raise ProviderError(PROVIDER, "BAD_ANSWER", "answer is not a JSON object", retryable=True)
    return WeChatAnswer(data, hashlib.sha256(response.content).hexdigest())


def _post_json(transport: Transport, url: str, body: Mapping[str, Any], **kwargs: Any) -> WeChatAnswer:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    return _answer(transport.request("POST", url, data=compact_json(body), headers=headers, **kwargs))


class WeChatTokenStore:
    """The stable ``access_token`` of one app, cached in Redis at ``wechat:token:{appid}``.

    Only one worker fetches at a time (``SET NX EX`` lock); the others wait for it
    and read the cache, for at most ``wait_seconds``.
    """

    def __init__(
        self,
        app_id: str,
        secret: str,
        *,
        api_base: str,
        transport: Transport,
        wait_seconds: float | None = None,
        poll_seconds: float = 0.05,
    ) -> None:
        self.app_id = app_id
        self._secret = secret
        self.api_base = api_base.rstrip("/")
        self.transport = transport
        self.wait_seconds = transport.timeout + 1 if wait_seconds is None else wait_seconds
        self.poll_seconds = poll_seconds

    @property
    def key(self) -> str:
        return f"wechat:token:{self.app_id}"

    @property
    def lock_key(self) -> str:
        return f"wechat:token-lock:{self.app_id}"

    def get(self) -> str:
        deadline = time.monotonic() + self.wait_seconds
        owner = secrets.token_hex(8)
        while True:
            with redis_errors():
                token = get_redis().get(self.key)
                locked = not token and get_redis().set(self.lock_key, owner, nx=True, ex=TOKEN_LOCK_SECONDS)
            if token:
                return token
            if locked:
                return self._refresh(owner)
            if time.monotonic() >= deadline:
                raise ProviderError(PROVIDER, "TOKEN_BUSY", "another worker is fetching the token", retryable=True)
            time.sleep(self.poll_seconds)

    def invalidate(self, token: str | None = None) -> None:
        """Drop the cached token; with ``token``, only if the cache still holds that one."""
        with redis_errors():
            if token is None:
                get_redis().delete(self.key)
            else:
                get_redis().eval(_DELETE_IF_EQUAL, 1, self.key, token)

    def _refresh(self, owner: str) -> str:
        try:
            with redis_errors():
                cached = get_redis().get(self.key)  # filled while we took the lock
            if cached:
                return cached
            token, expires_in = self._fetch()
            with redis_errors():
                get_redis().set(self.key, token, ex=max(expires_in - TOKEN_REFRESH_MARGIN, 1))
            return token
        finally:
            with redis_errors():
                get_redis().eval(_DELETE_IF_EQUAL, 1, self.lock_key, owner)

    def _fetch(self) -> tuple[str, int]:
        body = {"grant_type": "client_credential", "appid": self.app_id, "secret": self._secret, "force_refresh": False}
        answer = _post_json(self.transport, f"{self.api_base}/cgi-bin/stable_token", body)
        if answer.errcode != 0:
            raise wechat_error(answer.data)
        token, expires_in = answer.data.get("access_token"), answer.data.get("expires_in")
        if not isinstance(token, str) or not token or isinstance(expires_in, bool) or not isinstance(expires_in, int):
            raise ProviderError(PROVIDER, "BAD_ANSWER", "stable_token answer has no token", retryable=True)
        if expires_in <= 0:
            raise ProviderError(PROVIDER, "BAD_ANSWER", "stable_token answer has expired", retryable=True)
        return token, expires_in


class WeChatClient:
    """Plain and ``access_token`` calls to the WeChat server API of one app."""

    def __init__(self, app_id: str, secret: str, *, api_base: str, timeout: float) -> None:
        self.app_id = app_id
        self._secret = secret
        self.api_base = api_base.rstrip("/")
        self.transport = Transport(PROVIDER, timeout)
        self.tokens = WeChatTokenStore(app_id, secret, api_base=self.api_base, transport=self.transport)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], adapter: str) -> WeChatClient:
        _require(config, ("WECHAT_APP_ID", "WECHAT_APP_SECRET", "WECHAT_API_BASE"), adapter)
        return cls(
            config["WECHAT_APP_ID"],
            config["WECHAT_APP_SECRET"],
            api_base=config["WECHAT_API_BASE"],
            timeout=float(config.get("PROVIDER_TIMEOUT_SECONDS", 5)),
        )

    def code2session(self, code: str) -> WeChatAnswer:
        params = {"appid": self.app_id, "secret": self._secret, "js_code": code, "grant_type": "authorization_code"}
        return _answer(self.transport.request("GET", f"{self.api_base}/sns/jscode2session", params=params))

    def post(self, path: str, body: Mapping[str, Any]) -> WeChatAnswer:
        """POST with the stable token; a token WeChat refuses is dropped and the call made once more."""
        token = self.tokens.get()
        answer = self._post_with(token, path, body)
        if answer.errcode in TOKEN_ERRORS:
            self.tokens.invalidate(token)
            answer = self._post_with(self.tokens.get(), path, body)
        return answer

    def _post_with(self, token: str, path: str, body: Mapping[str, Any]) -> WeChatAnswer:
        return _post_json(self.transport, f"{self.api_base}{path}", body, params={"access_token": token})


class WeChatLogin:
    name = "wechat"

    def __init__(self, client: WeChatClient) -> None:
        self.client = client

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WeChatLogin:
        return cls(WeChatClient.from_config(config, "WeChatLogin"))

    def exchange_code(self, code: str) -> ExternalIdentity:
        if not code:
            raise ProviderError(PROVIDER, "INVALID_CODE", "empty code", rejected=True)
        answer = self.client.code2session(code)
        if answer.errcode != 0:
            raise wechat_error(answer.data, rejected_codes=BAD_CODE_ERRORS)
        openid, unionid = answer.data.get("openid"), answer.data.get("unionid")
        if not isinstance(openid, str) or not openid:
            raise ProviderError(PROVIDER, "BAD_ANSWER", "code2Session answer has no openid", retryable=True)
        return ExternalIdentity(
            provider=PROVIDER,
            app_id=self.client.app_id,
            subject=openid,
            union_id=unionid if isinstance(unionid, str) and unionid else None,
        )

    def exchange_phone_code(self, code: str, *, subject: str | None = None) -> str:
        """The 11-digit mainland number behind a ``getPhoneNumber`` code (checked against ``subject`` if given)."""
        if not code:
            raise ProviderError(PROVIDER, "INVALID_CODE", "empty code", rejected=True)
        body = {"code": code, **({"openid": subject} if subject else {})}
        answer = self.client.post("/wxa/business/getuserphonenumber", body)
        if answer.errcode != 0:
            raise wechat_error(answer.data, rejected_codes=PHONE_CODE_ERRORS)
        info = answer.data.get("phone_info")
        if not isinstance(info, dict):
            raise ProviderError(PROVIDER, "BAD_ANSWER", "answer has no phone_info", retryable=True)
        watermark = info.get("watermark")
        if not isinstance(watermark, dict) or watermark.get("appid") != self.client.app_id:
            raise ProviderError(PROVIDER, "WATERMARK_MISMATCH", "phone_info is for another app", rejected=True)
        if str(info.get("countryCode")) != "86":
            raise ProviderError(PROVIDER, "PHONE_NOT_MAINLAND", "only +86 numbers are accepted", rejected=True)
        phone = info.get("purePhoneNumber")
        if not isinstance(phone, str) or not _PHONE.fullmatch(phone):
            raise ProviderError(PROVIDER, "PHONE_INVALID", "purePhoneNumber is not 11 digits", rejected=True)
        return phone


class WeChatFace:
    """人脸核身 2.0: ``getverifyid`` before ``wx.requestFacialVerify``, ``queryverifyinfo`` after it."""

    name = "wechat"

    def __init__(self, client: WeChatClient, *, clock: Clock = _now) -> None:
        self.client = client
        self.clock = clock

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WeChatFace:
        return cls(WeChatClient.from_config(config, "WeChatFace"))

    def start(self, request: FaceStart) -> FaceSession:
        openid = _openid(request)
        body = {
            "out_seq_no": request.outer_no,
            "cert_info": {"cert_type": "IDENTITY_CARD", "cert_name": request.cert_name, "cert_no": request.cert_no},
            "openid": openid,
        }
        answer = self.client.post("/cityservice/face/identify/getverifyid", body)
        if answer.errcode != 0:
            raise wechat_error(answer.data)
        verify_id, expires_in = answer.data.get("verify_id"), answer.data.get("expires_in", 3600)
        if not isinstance(verify_id, str) or not verify_id:
            raise ProviderError(PROVIDER, "BAD_ANSWER", "getverifyid answer has no verify_id", retryable=True)
        if isinstance(expires_in, bool) or not isinstance(expires_in, int) or expires_in <= 0:
            raise ProviderError(PROVIDER, "BAD_ANSWER", "getverifyid answer has no valid expires_in", retryable=True)
        return FaceSession(
            provider=PROVIDER,
            outer_no=request.outer_no,
            provider_ref=verify_id,
            client_payload={"verify_id": verify_id},
            expires_at=self.clock() + timedelta(seconds=min(expires_in, FACE_SESSION_SECONDS)),
        )

    def query(self, session: FaceSession, request: FaceStart) -> FaceResult:
        body = {
            "verify_id": session.provider_ref,
            "out_seq_no": session.outer_no,
            "cert_hash": wechat_cert_hash("IDENTITY_CARD", request.cert_name, request.cert_no),
            "openid": _openid(request),
        }
        answer = self.client.post("/cityservice/face/identify/queryverifyinfo", body)
        errcode = answer.errcode
        if errcode in BUSY_ERRORS or errcode in TOKEN_ERRORS:
            raise wechat_error(answer.data)
        if errcode != 0:  # WeChat re-checks cert_info and openid; a mismatch is an errcode
            return FaceResult("failed", None, str(errcode), answer.raw_sha256)
        verify_ret = answer.data.get("verify_ret")
        if isinstance(verify_ret, bool) or not isinstance(verify_ret, int):
            return FaceResult("error", None, "NO_VERIFY_RET", answer.raw_sha256)
        return FaceResult(_face_status(verify_ret), None, str(verify_ret), answer.raw_sha256)

    def parse_callback(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> CallbackHint:
        raise NotSupported(PROVIDER, "face 2.0 has no result callback; query the result")


def _openid(request: FaceStart) -> str:
    if not request.subject:
        raise ProviderError(PROVIDER, "OPENID_REQUIRED", "face 2.0 needs the resident's openid", rejected=True)
    return request.subject


def _face_status(verify_ret: int) -> FaceStatus:
    if verify_ret == FACE_PASSED:
        return "passed"
    if verify_ret in FACE_CANCELLED:
        return "cancelled"
    if verify_ret == FACE_TIMED_OUT:
        return "expired"
    return "failed"  # 10001-10004 and the other client failures


class WeChatNotifier:
    """Subscribe messages (``subscribeMessage.send``); each "accept" in ``wx.requestSubscribeMessage`` is one credit.

    Values are checked against the template before anything is sent. WeChat takes no idempotency
    key for this call, so ``idempotency_key`` is not sent: the caller sends each message once.
    """

    name = "wechat"

    def __init__(self, client: WeChatClient, *, codes: Codes, state: str = "formal") -> None:
        self.client = client
        self.codes = codes
        self.state = state

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WeChatNotifier:
        from app.providers import ProviderConfigError

        state = config.get("WECHAT_MINIPROGRAM_STATE") or "formal"
        if state not in MINIPROGRAM_STATES:
            raise ProviderConfigError(f"WECHAT_MINIPROGRAM_STATE must be one of {', '.join(MINIPROGRAM_STATES)}")
        codes = template_codes(config)
        require_mini_program_codes(PROVIDER, codes)
        return cls(WeChatClient.from_config(config, "WeChatNotifier"), codes=codes, state=state)

    def send(
        self, subject: str, template: str, values: Mapping[str, str], *, page: str | None, idempotency_key: str
    ) -> NotifyResult:
        message = mini_program_message(PROVIDER, self.codes, template, values)
        if isinstance(message, NotifyResult):
            return message
        template_id, data = message
        body: dict[str, Any] = {"touser": subject, "template_id": template_id}
        page = page or TEMPLATES[template].page
        if page:
            body["page"] = page
        body |= {
            "data": {key: {"value": value} for key, value in data.items()},
            "miniprogram_state": self.state,
            "lang": "zh_CN",
        }
        answer = self.client.post("/cgi-bin/message/subscribe/send", body)
        errcode = answer.errcode
        if errcode == 0:
            return NotifyResult("sent", "0", str(answer.data.get("msgid") or ""))
        if errcode == NO_CREDIT:
            return NotifyResult("no_credit", str(errcode))
        if errcode in NOTIFY_INVALID:
            return NotifyResult("invalid", str(errcode))
        raise wechat_error(answer.data)  # busy and quota errors are retryable; a token refused twice is not


# --- deep links and mini-program codes ----------------------------------------------------

ENV_VERSIONS = ("release", "trial", "develop")
LINK_MAX_DAYS = 30  # URL Link and URL Scheme expire within 30 days at most
LINK_QUERY_MAX = 1024
MINI_CODE_WIDTHS = range(280, 1281)
LINK_REJECTED = frozenset({40165})  # the path or query is not acceptable
MINI_CODE_REJECTED = frozenset({41030, 40169})  # no such (published) page; bad scene
# A published page path: no leading "/", no query.
_PAGE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*", re.ASCII)
# The characters getwxacodeunlimit accepts in a scene: no "%", so nothing URL-encoded.
_SCENE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}", re.ASCII)


def _link_page(page: str) -> str:
    if not _PAGE.fullmatch(page):
        raise ProviderError(PROVIDER, "BAD_PAGE", "a page path has no leading '/' and no query", rejected=True)
    return page


class WeChatDeepLinker:
    """URL Link (``https://wxaurl.cn/…``, opens the mini-program from an SMS or a browser), URL Scheme
    (``weixin://dl/business/…``) and unlimited mini-program codes (``getwxacodeunlimit``)."""

    name = "wechat"

    def __init__(self, client: WeChatClient, *, env_version: str = "release", clock: Clock = _now) -> None:
        self.client = client
        self.env_version = env_version
        self.clock = clock

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WeChatDeepLinker:
        from app.providers import ProviderConfigError

        env_version = config.get("WECHAT_ENV_VERSION", "release")
        if env_version not in ENV_VERSIONS:
            raise ProviderConfigError(f"WECHAT_ENV_VERSION must be one of {', '.join(ENV_VERSIONS)}")
        return cls(WeChatClient.from_config(config, "WeChatDeepLinker"), env_version=env_version)

    def link(self, page: str, query: Mapping[str, str], *, ttl_days: int = 30) -> DeepLink:
        """A URL Link: an https URL that works in SMS, in browsers and inside WeChat."""
        body = {"path": _link_page(page), "query": self._query(query), "expire_type": 1}
        body |= {"expire_interval": _link_days(ttl_days), "env_version": self.env_version}
        url = self._generate("/wxa/generate_urllink", body, "url_link", "https://")
        return DeepLink(url, self.clock() + timedelta(days=ttl_days))

    def scheme(self, page: str, query: Mapping[str, str], *, ttl_days: int = 30) -> DeepLink:
        """An encrypted URL Scheme (``weixin://``): only phone browsers outside WeChat open it."""
        jump = {"path": _link_page(page), "query": self._query(query), "env_version": self.env_version}
        body = {"jump_wxa": jump, "expire_type": 1, "expire_interval": _link_days(ttl_days)}
        url = self._generate("/wxa/generatescheme", body, "openlink", "weixin://")
        return DeepLink(url, self.clock() + timedelta(days=ttl_days))

    def mini_code(self, page: str, scene: str, *, width: int = 430) -> bytes:
        """The image WeChat draws (JPEG or PNG, as WeChat chooses); errors come as JSON with the same 200."""
        if not _SCENE.fullmatch(scene):
            raise ProviderError(PROVIDER, "BAD_SCENE", "1-32 of [0-9A-Za-z!#$&'()*+,/:;=?@._~-]", rejected=True)
        if width not in MINI_CODE_WIDTHS:
            raise ProviderError(PROVIDER, "BAD_WIDTH", "width is 280-1280 pixels", rejected=True)
        body = {
            "scene": scene,
            "page": _link_page(page),
            "check_path": self.env_version == "release",  # trial and develop builds may have unpublished pages
            "env_version": self.env_version,
            "width": width,
        }
        token = self.client.tokens.get()
        response = self._post_raw(token, "/wxa/getwxacodeunlimit", body)
        if not _is_image(response) and _answer(response).errcode in TOKEN_ERRORS:
            self.client.tokens.invalidate(token)
            response = self._post_raw(self.client.tokens.get(), "/wxa/getwxacodeunlimit", body)
        if _is_image(response):
            if not response.content:
                raise ProviderError(PROVIDER, "BAD_ANSWER", "empty image", retryable=True)
            return response.content
        answer = _answer(response)
        if answer.errcode == 0:
            raise ProviderError(PROVIDER, "BAD_ANSWER", "neither an image nor an error", retryable=True)
        raise wechat_error(answer.data, rejected_codes=MINI_CODE_REJECTED)

    def _query(self, query: Mapping[str, str]) -> str:
        text = urlencode(query)
        if len(text) > LINK_QUERY_MAX:
            raise ProviderError(PROVIDER, "BAD_QUERY", f"query is over {LINK_QUERY_MAX} characters", rejected=True)
        return text

    def _generate(self, path: str, body: Mapping[str, Any], field: str, prefix: str) -> str:
        answer = self.client.post(path, body)
        if answer.errcode != 0:
            raise wechat_error(answer.data, rejected_codes=LINK_REJECTED)
        url = answer.data.get(field)
        if not isinstance(url, str) or not url.startswith(prefix):
            raise ProviderError(PROVIDER, "BAD_ANSWER", f"answer has no {field}", retryable=True)
        return url

    def _post_raw(self, token: str, path: str, body: Mapping[str, Any]) -> requests.Response:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        url = f"{self.client.api_base}{path}"
        return self.client.transport.request(
            "POST", url, data=compact_json(body), headers=headers, params={"access_token": token}
        )


def _link_days(ttl_days: int) -> int:
    if not 1 <= ttl_days <= LINK_MAX_DAYS:
        raise ProviderError(PROVIDER, "BAD_TTL", f"links live 1-{LINK_MAX_DAYS} days", rejected=True)
    return ttl_days


def _is_image(response: requests.Response) -> bool:
    return response.headers.get("Content-Type", "").strip().lower().startswith("image/")
