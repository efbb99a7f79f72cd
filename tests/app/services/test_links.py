"""Signed page tokens, short links and where they lead, and hall mini-program codes."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask import Flask
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import event, select

from app import providers
from app.errors import InvalidInput, LinkExpired, LinkInvalid, LinkRevoked, NotFound, ProviderUnavailable
from app.extensions import db
from app.models.notify import ShortLink
from app.providers.base import ProviderError
from app.redis_store import connect
from app.services import links
from tests.catalog_helpers import Tree
from tests.helpers import CLOSED_PORT_REDIS

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
WECHAT_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50 NetType/WIFI"
ALIPAY_UA = "Mozilla/5.0 (Linux; Android 14) AlipayClient/10.5.96.8000 Language/zh-Hans"
BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app


def new_link(**overrides: object) -> ShortLink:
    fields: dict = {"page": "pages/halls/index", "query": {"id": "3"}, "purpose": "hall"} | overrides
    link = links.create_link(fields["page"], fields["query"], fields["purpose"], fields.get("ttl"))
    db.session.commit()
    return link


# --- page tokens -----------------------------------------------------------------------------------


def test_a_page_token_gives_back_its_object_id(ctx):
    token = links.page_token("appointment", 42, timedelta(hours=1))
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", token)
    assert len(token) < 100
    assert links.read_page_token("appointment", token) == 42


def test_a_page_token_carries_only_the_id_and_its_expiry(ctx):
    with time_machine.travel(NOW, tick=False):
        token = links.page_token("ticket", 7, timedelta(minutes=30))
    payload = token.split(".")[0]
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))) == [
        7,
        int((NOW + timedelta(minutes=30)).timestamp()),
    ]


@pytest.mark.parametrize("other", ["ticket", "application"])
def test_a_page_token_is_bound_to_its_purpose(ctx, other):
    token = links.page_token("appointment", 42, timedelta(hours=1))
    with pytest.raises(LinkInvalid):
        links.read_page_token(other, token)


def test_a_tampered_page_token_is_invalid(ctx):
    token = links.page_token("application", 42, timedelta(hours=1))
    payload, timestamp, signature = token.split(".")
    forged_payload = base64.urlsafe_b64encode(b"[43,4102444800]").decode().rstrip("=")
    # The first character: the last one of a base64 signature also holds padding bits a decoder ignores.
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    for forged in (f"{forged_payload}.{timestamp}.{signature}", f"{payload}.{timestamp}.{flipped}", "", "x.y.z"):
        with pytest.raises(LinkInvalid):
            links.read_page_token("application", forged)


def test_the_page_token_key_is_not_secret_key_itself(ctx):
    token = links.page_token("ticket", 42, timedelta(hours=1))
    plain = URLSafeTimedSerializer(ctx.config["SECRET_KEY"], salt="page-token.ticket")
    with pytest.raises(BadSignature):
        plain.loads(token)
    ctx.config["SECRET_KEY"] = "another-secret-key-for-palmgov-tests-0123456789"
    with pytest.raises(LinkInvalid):
        links.read_page_token("ticket", token)


def test_a_page_token_expires_after_its_ttl(ctx):
    with time_machine.travel(NOW, tick=False):
        token = links.page_token("appointment", 42, timedelta(hours=1))
    with time_machine.travel(NOW + timedelta(minutes=59), tick=False):
        assert links.read_page_token("appointment", token) == 42
    with time_machine.travel(NOW + timedelta(minutes=61), tick=False), pytest.raises(LinkExpired):
        links.read_page_token("appointment", token)


def test_max_age_can_be_stricter_than_the_ttl(ctx):
    with time_machine.travel(NOW, tick=False):
        token = links.page_token("ticket", 42, timedelta(days=7))
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        assert links.read_page_token("ticket", token, max_age=timedelta(hours=3)) == 42
        with pytest.raises(LinkExpired):
            links.read_page_token("ticket", token, max_age=timedelta(hours=1))


def test_unknown_purposes_and_empty_ttls_are_programming_errors(ctx):
    with pytest.raises(ValueError, match="purpose"):
        links.page_token("hall", 1, timedelta(hours=1))
    with pytest.raises(ValueError, match="ttl"):
        links.page_token("ticket", 1, timedelta(0))


# --- short links -----------------------------------------------------------------------------------


def test_codes_are_ten_random_base62_characters(ctx):
    codes = {new_link().code for _ in range(40)}
    assert len(codes) == 40
    assert all(re.fullmatch(r"[0-9A-Za-z]{10}", code) for code in codes)
    assert len(set("".join(codes))) > 40  # drawn from the whole alphabet, not hex or digits


def test_a_colliding_code_is_drawn_again(ctx, monkeypatch):
    taken = new_link().code
    drawn = iter([taken, taken, "Fresh00001"])
    monkeypatch.setattr(links, "_new_code", lambda: next(drawn))
    assert new_link().code == "Fresh00001"


def test_links_expire_after_short_link_days_by_default(ctx):
    with time_machine.travel(NOW, tick=False):
        link = new_link()
        ctx.config["SHORT_LINK_DAYS"] = 3
        shorter = new_link()
        custom = new_link(ttl=timedelta(hours=2))
    assert link.expires_at == NOW + timedelta(days=30)
    assert shorter.expires_at == NOW + timedelta(days=3)
    assert custom.expires_at == NOW + timedelta(hours=2)
    assert (link.clicks, link.revoked_at, link.purpose, link.query) == (0, None, "hall", {"id": "3"})


def test_short_url_uses_public_base_url(ctx):
    link = new_link()
    assert links.short_url(link) == f"http://127.0.0.1:5000/l/{link.code}"
    ctx.config["PUBLIC_BASE_URL"] = "https://palmgov.example.gov.cn"
    assert links.short_url(link) == f"https://palmgov.example.gov.cn/l/{link.code}"


@pytest.mark.parametrize(
    "page",
    [
        "https://evil.example",
        "//evil.example/pages/halls/index",
        "../pages/halls/index",
        "pages/halls/../../admin",
        "/pages/halls/index",
        "pages/halls/index?id=3",
        "pages/unknown/index",
        "",
    ],
)
def test_only_pages_of_the_app_are_accepted(ctx, page):
    with pytest.raises(InvalidInput) as caught:
        links.create_link(page, {}, "hall")
    assert set(caught.value.details["fields"]) == {"page"}
    assert db.session.scalar(select(ShortLink.id)) is None


@pytest.mark.parametrize(
    ("query", "purpose", "ttl", "field"),
    [
        ({"id": "3&next=https://evil.example"}, "hall", None, "query.id"),
        ({"id": "3#x"}, "hall", None, "query.id"),
        ({"id": "张三"}, "hall", None, "query.id"),
        ({"id": ""}, "hall", None, "query.id"),
        ({"Next": "x"}, "hall", None, "query"),
        ({f"k{n}": "x" for n in range(9)}, "hall", None, "query"),
        ({"id": "3"}, "Hall Link", None, "purpose"),
        ({"id": "3"}, "hall", timedelta(0), "ttl"),
    ],
)
def test_queries_hold_opaque_values_only(ctx, query, purpose, ttl, field):
    with pytest.raises(InvalidInput) as caught:
        links.create_link("pages/halls/index", query, purpose, ttl)
    assert field in caught.value.details["fields"]


def test_every_page_a_message_opens_is_allowed():
    assert {"pages/appointment/index", "pages/ticket/index", "pages/application/index"} <= links.PAGES
    assert links.HALL_PAGE in links.PAGES


# --- following a link ------------------------------------------------------------------------------


def test_a_browser_gets_the_h5_page(ctx):
    link = new_link(query={"id": "3", "t": "a.b-c"})
    assert links.resolve(link.code, BROWSER_UA) == "http://127.0.0.1:5000/#/pages/halls/index?id=3&t=a.b-c"
    assert links.resolve(new_link(page="pages/me/index", query={}).code, "") == "http://127.0.0.1:5000/#/pages/me/index"


@pytest.mark.parametrize(("user_agent", "channel"), [(WECHAT_UA, "wechat"), (ALIPAY_UA, "alipay")])
def test_inside_wechat_or_alipay_the_mini_program_opens(ctx, user_agent, channel):
    link = new_link()
    assert links.resolve(link.code, user_agent) == f"https://sandbox.invalid/{channel}/pages/halls/index?id=3"


def test_a_failing_deep_linker_falls_back_to_the_h5_page(ctx, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise ProviderError("wechat", "45009", "busy", retryable=True)

    monkeypatch.setattr(providers.deep_linker("wechat"), "link", refuse)
    assert links.resolve(new_link().code, WECHAT_UA) == "http://127.0.0.1:5000/#/pages/halls/index?id=3"


def test_each_follow_is_counted_and_committed(ctx):
    link = new_link()
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            links.resolve(link.code, BROWSER_UA)
    db.session.rollback()  # what was counted is committed
    row = db.session.scalar(select(ShortLink).where(ShortLink.code == link.code))
    assert (row.clicks, row.last_click_at) == (3, NOW)


def test_the_count_is_an_atomic_increment(ctx):
    """Concurrent follows each add one in SQL; none writes back a number it read earlier."""
    link = new_link()
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        links.resolve(link.code, BROWSER_UA)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    updates = [statement for statement in statements if statement.startswith("UPDATE short_links")]
    assert len(updates) == 1
    assert "clicks=(short_links.clicks + " in updates[0]


@pytest.mark.parametrize("code", ["Nonexisting", "short", "x" * 17, "abc/defghij", "%00abcdefgh", "abcdefghi j"])
def test_unknown_codes_are_not_found(ctx, code):
    new_link()
    with pytest.raises(NotFound):
        links.resolve(code, BROWSER_UA)


def test_an_expired_link_is_gone(ctx):
    with time_machine.travel(NOW, tick=False):
        link = new_link(ttl=timedelta(days=1))
    with time_machine.travel(NOW + timedelta(hours=23), tick=False):
        links.resolve(link.code, BROWSER_UA)
    with time_machine.travel(NOW + timedelta(days=1), tick=False), pytest.raises(LinkExpired):
        links.resolve(link.code, BROWSER_UA)


def test_a_revoked_link_is_gone_and_revoking_twice_changes_nothing(ctx):
    link = new_link()
    links.resolve(link.code, BROWSER_UA)
    with time_machine.travel(NOW, tick=False):
        links.revoke(link.code)
    db.session.commit()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        links.revoke(link.code)
    db.session.commit()
    assert link.revoked_at == NOW
    with pytest.raises(LinkRevoked):
        links.resolve(link.code, BROWSER_UA)
    assert link.clicks == 1  # a refused follow counts nothing
    with pytest.raises(NotFound):
        links.revoke("Nonexisting")


def test_revoke_joins_the_callers_transaction(ctx):
    link = new_link()
    links.revoke(link.code)
    db.session.rollback()
    assert links.resolve(link.code, BROWSER_UA).endswith("?id=3")


# --- hall codes ------------------------------------------------------------------------------------


def test_hall_qr_encodes_the_hall_page(ctx, tree: Tree):
    png = links.hall_qr(tree.hall_x1, "png")
    assert (png.mimetype, png.data[:8]) == ("image/png", PNG_SIGNATURE)
    svg = links.hall_qr(tree.hall_x1, "svg")
    assert svg.mimetype == "image/svg+xml"
    assert f"http://127.0.0.1:5000/#/pages/halls/index?id={tree.hall_x1}".encode() in svg.data  # its <title>


def test_hall_codes_of_an_unknown_hall_are_not_found(ctx, tree: Tree):
    with pytest.raises(NotFound):
        links.hall_qr(999_999, "png")
    with pytest.raises(NotFound):
        links.hall_mini_code(999_999, "wechat")


def test_hall_mini_code_asks_the_linker_once_a_day(ctx, tree: Tree, monkeypatch):
    linker = providers.deep_linker("wechat")
    asked: list[tuple[str, str]] = []
    original = linker.mini_code

    def counting(page: str, scene: str, *, width: int = 430) -> bytes:
        asked.append((page, scene))
        return original(page, scene, width=width)

    monkeypatch.setattr(linker, "mini_code", counting)
    first = links.hall_mini_code(tree.hall_x1, "wechat")
    second = links.hall_mini_code(tree.hall_x1, "wechat")
    assert first == second
    assert (first.mimetype, first.data[:8]) == ("image/png", PNG_SIGNATURE)
    assert asked == [("pages/halls/index", f"id={tree.hall_x1}")]
    links.hall_mini_code(tree.hall_x1, "alipay")
    links.hall_mini_code(tree.hall_x2, "wechat")
    assert len(asked) == 2  # the Alipay linker is another object; the other hall another code


def test_a_jpeg_mini_code_is_served_as_jpeg(ctx, tree: Tree, monkeypatch):
    monkeypatch.setattr(providers.deep_linker("wechat"), "mini_code", lambda *a, **k: b"\xff\xd8\xff\xe0jpeg")
    assert links.hall_mini_code(tree.hall_x1, "wechat").mimetype == "image/jpeg"


@pytest.mark.parametrize(
    "answer", [ProviderError("wechat", "45009", "busy", retryable=True), b"<html>not an image</html>"]
)
def test_a_failing_or_odd_mini_code_is_provider_unavailable(ctx, tree: Tree, monkeypatch, answer):
    def mini_code(*args: object, **kwargs: object) -> bytes:
        if isinstance(answer, Exception):
            raise answer
        return answer

    linker = providers.deep_linker("wechat")
    working = linker.mini_code
    monkeypatch.setattr(linker, "mini_code", mini_code)
    with pytest.raises(ProviderUnavailable):
        links.hall_mini_code(tree.hall_x1, "wechat")
    monkeypatch.setattr(linker, "mini_code", working)  # not undo(): on PostgreSQL that would undo the test's session
    assert links.hall_mini_code(tree.hall_x1, "wechat").mimetype == "image/png"  # nothing bad was cached


def test_mini_codes_need_no_redis(ctx, tree: Tree, monkeypatch):
    monkeypatch.setattr(links, "get_redis", lambda: connect(CLOSED_PORT_REDIS))
    assert links.hall_mini_code(tree.hall_x1, "alipay").data[:8] == PNG_SIGNATURE
