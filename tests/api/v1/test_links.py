"""/l/{code} short links, and a hall's QR code and mini-program codes."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app import providers
from app.extensions import db
from app.models.notify import ShortLink
from app.providers.base import ProviderError
from app.services import links
from tests.app.providers.conftest import FakeServer
from tests.app.providers.test_wechat_links import APP_ID, JPEG, SECRET, FakeWeChat
from tests.catalog_helpers import Tree, build_tree
from tests.helpers import assert_error

WECHAT_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50 NetType/WIFI"
ALIPAY_UA = "Mozilla/5.0 (Linux; Android 14) AlipayClient/10.5.96.8000"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make_link(app: Flask, page: str = "pages/halls/index", query: dict | None = None, **kwargs: object) -> str:
    with app.app_context():
        link = links.create_link(page, {"id": "3"} if query is None else query, "test", **kwargs)
        db.session.commit()
        return link.code


def png_width(data: bytes) -> int:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert width == height
    return width


# --- /l/{code} -------------------------------------------------------------------------------------


def test_a_short_link_redirects_to_the_h5_page(app, client):
    response = client.get(f"/l/{make_link(app)}")
    assert response.status_code == 302
    assert response.headers["Location"] == "http://127.0.0.1:5000/#/pages/halls/index?id=3"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("user_agent", "channel"), [(WECHAT_UA, "wechat"), (ALIPAY_UA, "alipay")])
def test_inside_the_apps_it_opens_the_mini_program(app, client, user_agent, channel):
    response = client.get(f"/l/{make_link(app)}", headers={"User-Agent": user_agent})
    assert response.status_code == 302
    assert response.headers["Location"] == f"https://sandbox.invalid/{channel}/pages/halls/index?id=3"


@pytest.mark.parametrize("code", ["Nonexisting", "abc", "a" * 40, "abc.def-ghi", "%E5%A4%A7abcdefghi"])
def test_an_unknown_code_is_404(app, client, code):
    make_link(app)
    response = client.get(f"/l/{code}")
    assert_error(response, 404, "NOT_FOUND")
    assert response.headers["Cache-Control"] == "no-store"


def test_an_expired_link_is_410(app, client):
    code = make_link(app, ttl=timedelta(microseconds=1))
    body = assert_error(client.get(f"/l/{code}", headers={"Accept-Language": "en"}), 410, "LINK_EXPIRED")
    assert body["message"] == "This link has expired"


def test_a_revoked_link_is_410(app, client):
    code = make_link(app)
    assert client.get(f"/l/{code}").status_code == 302
    with app.app_context():
        links.revoke(code)
        db.session.commit()
    response = client.get(f"/l/{code}")
    assert_error(response, 410, "LINK_REVOKED")
    assert response.headers["Cache-Control"] == "no-store"


def test_only_get_follows_a_link(app, client):
    assert_error(client.post(f"/l/{make_link(app)}"), 405, "METHOD_NOT_ALLOWED")


def test_short_links_count_against_the_per_ip_limit(build_app):
    app = build_app(RATE_LIMIT_PER_IP=2)
    client = app.test_client()
    code = make_link(app)
    assert [client.get(f"/l/{code}").status_code for _ in range(2)] == [302, 302]
    response = client.get(f"/l/{code}")
    assert_error(response, 429, "RATE_LIMITED")
    assert int(response.headers["Retry-After"]) > 0
    with app.app_context():
        assert db.session.scalar(select(ShortLink.clicks)) == 2


# --- hall QR codes ---------------------------------------------------------------------------------


def test_hall_qr_is_a_png_by_default(client, tree: Tree):
    response = client.get(f"/api/v1/halls/{tree.hall_x1}/qr")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert 200 <= png_width(response.data) <= 600
    assert response.headers["Cache-Control"] == "public, max-age=86400"


def test_hall_qr_as_svg_parses_as_xml(client, tree: Tree):
    response = client.get(f"/api/v1/halls/{tree.hall_x1}/qr", query_string={"format": "svg"})
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own output)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert title == f"http://127.0.0.1:5000/#/pages/halls/index?id={tree.hall_x1}"


def test_hall_qr_names_a_bad_format(client, tree: Tree):
    body = assert_error(client.get(f"/api/v1/halls/{tree.hall_x1}/qr?format=gif"), 400, "VALIDATION_ERROR")
    assert list(body["details"]["fields"]) == ["format"]


@pytest.mark.parametrize("path", ["qr", "mini-code?channel=wechat"])
def test_codes_of_an_unknown_hall_are_404(client, tree: Tree, path):
    assert_error(client.get(f"/api/v1/halls/999999/{path}"), 404, "NOT_FOUND")
    assert_error(client.get(f"/api/v1/halls/0/{path}"), 404, "NOT_FOUND")


# --- hall mini-program codes -----------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "alipay"])
def test_hall_mini_code_is_the_linkers_image(client, tree: Tree, channel):
    response = client.get(f"/api/v1/halls/{tree.hall_x1}/mini-code", query_string={"channel": channel})
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert png_width(response.data) >= 280
    assert response.headers["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("query", ["", "?channel=qq", "?channel=WeChat"])
def test_hall_mini_code_names_a_bad_channel(client, tree: Tree, query):
    body = assert_error(client.get(f"/api/v1/halls/{tree.hall_x1}/mini-code{query}"), 400, "VALIDATION_ERROR")
    assert list(body["details"]["fields"]) == ["channel"]


def test_a_failing_provider_is_503(app, client, tree: Tree, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise ProviderError("wechat", "45009", "busy", retryable=True)

    with app.app_context():
        monkeypatch.setattr(providers.deep_linker("wechat"), "mini_code", refuse)
    response = client.get(f"/api/v1/halls/{tree.hall_x1}/mini-code?channel=wechat")
    assert_error(response, 503, "PROVIDER_UNAVAILABLE")


# --- with the WeChat adapter against a fake WeChat -------------------------------------------------


@pytest.fixture
def wechat_app(build_app) -> Iterator[tuple[Flask, FakeWeChat, Tree]]:
    fake = FakeWeChat()
    server = FakeServer(fake.handle)
    try:
        app = build_app(
            WECHAT_LINK_PROVIDER="wechat",
            WECHAT_APP_ID=APP_ID,
            WECHAT_APP_SECRET=SECRET,
            WECHAT_API_BASE=server.url,
            PROVIDER_TIMEOUT_SECONDS=2,
        )
        yield app, fake, build_tree(app)
    finally:
        server.stop()


def test_inside_wechat_a_short_link_leads_to_a_url_link(wechat_app):
    app, fake, _ = wechat_app
    response = app.test_client().get(f"/l/{make_link(app)}", headers={"User-Agent": WECHAT_UA})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("https://wxaurl.cn/")
    (body,) = fake.bodies["/wxa/generate_urllink"]
    assert (body["path"], body["query"], body["expire_interval"]) == ("pages/halls/index", "id=3", 1)


def test_a_wechat_failure_sends_the_h5_page(wechat_app):
    app, fake, _ = wechat_app
    fake.published.clear()
    response = app.test_client().get(f"/l/{make_link(app)}", headers={"User-Agent": WECHAT_UA})
    assert response.headers["Location"] == "http://127.0.0.1:5000/#/pages/halls/index?id=3"


def test_the_wechat_mini_code_is_served_as_the_jpeg_wechat_drew(wechat_app):
    app, fake, tree = wechat_app
    response = app.test_client().get(f"/api/v1/halls/{tree.hall_y1}/mini-code?channel=wechat")
    assert response.status_code == 200
    assert (response.mimetype, response.data) == ("image/jpeg", JPEG)
    assert fake.bodies["/wxa/getwxacodeunlimit"][0]["scene"] == f"id={tree.hall_y1}"


def test_a_wechat_json_error_is_503(wechat_app):
    app, fake, tree = wechat_app
    fake.published.clear()
    response = app.test_client().get(f"/api/v1/halls/{tree.hall_y1}/mini-code?channel=wechat")
    assert_error(response, 503, "PROVIDER_UNAVAILABLE")
