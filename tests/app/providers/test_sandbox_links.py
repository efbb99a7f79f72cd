"""The offline deep linkers: sandbox.invalid links and real QR codes of them."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from app.providers import build
from app.providers.base import ProviderError
from app.providers.sandbox import SandboxAlipayDeepLinker, SandboxWeChatDeepLinker

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_registry_builds_the_sandbox_linkers_by_default():
    config = {"WECHAT_LINK_PROVIDER": "sandbox", "ALIPAY_LINK_PROVIDER": "sandbox"}
    assert isinstance(build("WECHAT_LINK_PROVIDER", config), SandboxWeChatDeepLinker)
    assert isinstance(build("ALIPAY_LINK_PROVIDER", config), SandboxAlipayDeepLinker)


@pytest.mark.parametrize(
    ("linker", "channel"), [(SandboxWeChatDeepLinker(), "wechat"), (SandboxAlipayDeepLinker(), "alipay")]
)
def test_links_name_the_channel_page_and_query(linker, channel):
    with time_machine.travel(datetime(2026, 11, 23, tzinfo=UTC), tick=False):
        link = linker.link("pages/halls/index", {"id": "3", "t": "a.b"}, ttl_days=2)
    assert link.url == f"https://sandbox.invalid/{channel}/pages/halls/index?id=3&t=a.b"
    assert link.expires_at == datetime(2026, 11, 25, tzinfo=UTC)
    assert linker.link("pages/me/index", {}).url == f"https://sandbox.invalid/{channel}/pages/me/index"


def test_mini_code_is_a_png_about_the_width_asked():
    small = SandboxWeChatDeepLinker().mini_code("pages/halls/index", "id=3", width=300)
    large = SandboxWeChatDeepLinker().mini_code("pages/halls/index", "id=3", width=1200)
    width, height = png_size(small)
    assert width == height
    assert 200 <= width <= 300
    assert png_size(large)[0] > 3 * width


@pytest.mark.parametrize(("page", "scene"), [("/pages/halls/index", "id=3"), ("pages/halls/index", "x" * 33)])
def test_sandbox_refuses_what_wechat_would(page, scene):
    with pytest.raises(ProviderError) as caught:
        SandboxWeChatDeepLinker().mini_code(page, scene)
    assert caught.value.rejected


def test_a_link_to_another_site_is_refused():
    with pytest.raises(ProviderError, match="BAD_PAGE"):
        SandboxAlipayDeepLinker().link("https://evil.example", {})
    assert SandboxAlipayDeepLinker().link("pages/item/index", {"code": "x"}).expires_at > datetime.now(UTC) + timedelta(
        days=29
    )
