"""Links that bring a resident back to a page of the app: signed page tokens, short links
(``/l/{code}``) and where they lead, QR codes and mini-program codes of hall pages.

- A page token is an itsdangerous token bound to one purpose (``appointment``, ``ticket``,
  ``application``) that carries an object id and its own expiry, nothing personal. The key is
  derived from SECRET_KEY for this use only, so no other signed value of the app passes as one.
- A short link points at a page from ``PAGES`` (the mini-program's own paths) with a query of
  opaque values, so it can never lead off-site or carry a name or a phone number. Codes are
  10 random base62 characters; links expire (``SHORT_LINK_DAYS``), can be revoked, and count clicks.
- ``create_link`` and ``revoke`` join the caller's transaction (the notification or the change
  that needs the link commits them); ``resolve`` commits its click.
- Following a link opens the mini-program page inside WeChat or Alipay (through the deep linker),
  and the H5 page (``{PUBLIC_BASE_URL}/#/{page}?{query}``) everywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import string
import time
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update

from app import metrics, providers
from app.errors import (
    InvalidInput,
    LinkExpired,
    LinkInvalid,
    LinkRevoked,
    NotFound,
    ProviderUnavailable,
    RedisUnavailable,
)
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Hall
from app.models.notify import ShortLink
from app.notify_templates import TEMPLATES
from app.providers.base import ProviderError
from app.redis_store import get_redis, redis_errors
from app.services import qr

TOKEN_PURPOSES = ("appointment", "ticket", "application")
_TOKEN_KEY_INFO = b"palmgov page tokens v1"

# The mini-program's pages (miniprogram/src/app.config.ts) and the pages messages open; the
# appointment, ticket, application and rating pages arrive with their features.
PAGES = frozenset(
    {
        "pages/home/index",
        "pages/items/index",
        "pages/item/index",
        "pages/halls/index",
        "pages/login/index",
        "pages/me/index",
    }
    | {found.page for found in TEMPLATES.values() if found.page}
)
HALL_PAGE = "pages/halls/index"
CHANNELS = ("wechat", "alipay")

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
CODE_LENGTH = 10
CODE_ATTEMPTS = 5
_CODE = re.compile(r"[0-9A-Za-z]{8,16}", re.ASCII)  # anything else is not looked up
_PURPOSE = re.compile(r"[a-z][a-z_]{0,31}", re.ASCII)
_QUERY_KEY = re.compile(r"[a-z][a-z0-9_]{0,31}", re.ASCII)
_QUERY_VALUE = re.compile(r"[A-Za-z0-9._~-]{1,512}", re.ASCII)  # unreserved characters: nothing to escape
QUERY_MAX_PAIRS = 8
# A deep link is opened at once by the browser that followed the short link: it need not live long.
DEEP_LINK_DAYS = 1
MINI_CODE_CACHE_SECONDS = 86400


# --- page tokens ------------------------------------------------------------------------------


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    if purpose not in TOKEN_PURPOSES:
        raise ValueError(f"page-token purpose {purpose!r} is not one of {', '.join(TOKEN_PURPOSES)}")
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), _TOKEN_KEY_INFO, hashlib.sha256).digest()
    return URLSafeTimedSerializer(key, salt=f"page-token.{purpose}", signer_kwargs={"digest_method": hashlib.sha256})


def page_token(purpose: str, object_id: int, ttl: timedelta) -> str:
    """An opaque URL-safe token for one object, valid for ``ttl`` and only for ``purpose``."""
    if ttl <= timedelta(0):
        raise ValueError("a page token needs a positive ttl")
    return _serializer(purpose).dumps([object_id, int(time.time() + ttl.total_seconds())])


def read_page_token(purpose: str, token: str, max_age: timedelta | None = None) -> int:
    """The object id in ``token``; LINK_INVALID if it is tampered or for another purpose, LINK_EXPIRED
    past its own expiry or older than ``max_age``."""
    serializer = _serializer(purpose)
    try:
        payload = serializer.loads(token, max_age=None if max_age is None else int(max_age.total_seconds()))
    except SignatureExpired as exc:
        raise LinkExpired() from exc
    except BadSignature as exc:  # also a malformed token, or one for another purpose
        raise LinkInvalid() from exc
    object_id, expires = payload  # signed by us, so in our shape
    if time.time() >= expires:
        raise LinkExpired()
    return object_id


# --- short links ------------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(BASE62) for _ in range(CODE_LENGTH))


def _check(page: str, query: Mapping[str, str], purpose: str, ttl: timedelta) -> None:
    problems: dict[str, list[str]] = {}
    if page not in PAGES:
        problems["page"] = ["Not a page of the app."]
    if len(query) > QUERY_MAX_PAIRS:
        problems["query"] = [f"At most {QUERY_MAX_PAIRS} parameters."]
    for key, value in query.items():
        if not (isinstance(key, str) and _QUERY_KEY.fullmatch(key)):
            problems["query"] = ["Names are 1-32 of a-z, 0-9, '_', starting with a letter."]
        elif not (isinstance(value, str) and _QUERY_VALUE.fullmatch(value)):
            problems[f"query.{key}"] = ["1-512 of A-Z, a-z, 0-9, '.', '_', '~', '-'."]
    if not _PURPOSE.fullmatch(purpose):
        problems["purpose"] = ["1-32 of a-z and '_'."]
    if ttl <= timedelta(0):
        problems["ttl"] = ["Must be positive."]
    if problems:
        raise InvalidInput(details={"fields": problems})


def create_link(page: str, query: Mapping[str, str], purpose: str, ttl: timedelta | None = None) -> ShortLink:
    """A new short link to ``page`` (added to the caller's transaction; the caller commits)."""
    ttl = timedelta(days=current_app.config["SHORT_LINK_DAYS"]) if ttl is None else ttl
    _check(page, query, purpose, ttl)
    for _ in range(CODE_ATTEMPTS):
        code = _new_code()
        if db.session.scalar(select(ShortLink.id).where(ShortLink.code == code)) is None:
            break
    else:  # five collisions in 62**10 codes: the generator is broken, not unlucky
        raise RuntimeError("no free short-link code")
    link = ShortLink(code=code, page=page, query=dict(query), purpose=purpose, expires_at=utcnow() + ttl)
    db.session.add(link)
    db.session.flush()
    return link


def short_url(link: ShortLink) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL']}/l/{link.code}"


def revoke(code: str) -> None:
    """The link stops working at once (added to the caller's transaction). NOT_FOUND if unknown."""
    link = _find(code)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        db.session.flush()


def _find(code: str) -> ShortLink:
    link = db.session.scalar(select(ShortLink).where(ShortLink.code == code)) if _CODE.fullmatch(code) else None
    if link is None:
        raise NotFound()
    return link


def resolve(code: str, user_agent: str) -> str:
    """Where ``/l/{code}`` sends this browser; the click is counted. NOT_FOUND, LINK_EXPIRED, LINK_REVOKED."""
    link = _find(code)
    now = utcnow()
    if link.revoked_at is not None:
        raise LinkRevoked()
    if link.expires_at <= now:
        raise LinkExpired()
    page, query = link.page, dict(link.query)
    db.session.execute(
        update(ShortLink).where(ShortLink.id == link.id).values(clicks=ShortLink.clicks + 1, last_click_at=now)
    )
    db.session.commit()
    channel = app_channel(user_agent)
    if channel is not None:
        try:
            return providers.deep_linker(channel).link(page, query, ttl_days=DEEP_LINK_DAYS).url
        except ProviderError as exc:  # the H5 page opens in the in-app browser too
            current_app.logger.warning("deep link failed, sending the H5 page: %s %s", exc.provider, exc.code)
            metrics.provider_failed("link", exc.provider)
    return h5_url(page, query)


def app_channel(user_agent: str) -> str | None:
    """``wechat`` or ``alipay`` when the browser is the app's own, else None."""
    if "MicroMessenger" in user_agent:
        return "wechat"
    if "AlipayClient" in user_agent:
        return "alipay"
    return None


def h5_url(page: str, query: Mapping[str, str]) -> str:
    """The page in the H5 build (hash routes)."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/#/{page}" + (f"?{urlencode(query)}" if query else "")


# --- hall codes -------------------------------------------------------------------------------


def _hall_query(hall_id: int) -> dict[str, str]:
    if db.session.get(Hall, hall_id) is None:
        raise NotFound()
    return {"id": str(hall_id)}


def hall_qr(hall_id: int, fmt: str) -> qr.Image:
    """A QR code of the hall's H5 page, for posters and the hall's own screens."""
    return qr.qr_image(h5_url(HALL_PAGE, _hall_query(hall_id)), fmt)


def hall_mini_code(hall_id: int, channel: str) -> qr.Image:
    """The mini-program code of the hall's page: the page reads ``id`` from the scene (``id=3``)."""
    query = _hall_query(hall_id)
    return mini_code(channel, HALL_PAGE, urlencode(query))


def mini_code(channel: str, page: str, scene: str) -> qr.Image:
    """A mini-program code, cached for a day: codes never change, and WeChat counts every call.

    PROVIDER_UNAVAILABLE when the provider fails or sends something that is not an image.
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel {channel!r} is not one of {', '.join(CHANNELS)}")
    linker = providers.deep_linker(channel)
    key = f"links:mini-code:{channel}:{linker.name}:{page}:{scene}"
    cached = _cached(key)
    if cached is not None:
        return qr.Image(cached, qr.image_type(cached) or "image/png")
    try:
        data = linker.mini_code(page, scene)
    except ProviderError as exc:
        current_app.logger.warning("mini-program code failed: %s %s", exc.provider, exc.code)
        metrics.provider_failed("link", exc.provider)
        raise ProviderUnavailable() from exc
    mimetype = qr.image_type(data)
    if mimetype is None:
        current_app.logger.warning("mini-program code from %s is neither PNG nor JPEG", channel)
        raise ProviderUnavailable()
    _cache(key, data)
    return qr.Image(data, mimetype)


# The cache is a saving, not a dependency: without Redis the provider is asked every time.
def _cached(key: str) -> bytes | None:
    try:
        with redis_errors():
            text = get_redis().get(key)
    except RedisUnavailable:
        return None
    return base64.b64decode(text) if text else None


def _cache(key: str, data: bytes) -> None:
    try:
        with redis_errors():
            get_redis().set(key, base64.b64encode(data).decode(), ex=MINI_CODE_CACHE_SECONDS)
    except RedisUnavailable:
        pass
