"""A hall's board over HTTP (issue 7), with a frozen clock in hall time: the snapshot JSON, and the event stream
(ping and snapshot first, calls as they happen, resume with Last-Event-ID, a short lifetime, a client that
leaves, Redis down at the start or failing midway)."""

from __future__ import annotations

import json
import uuid

import pytest
import time_machine
from flask import has_request_context
from sqlalchemy import select

from app.errors import RedisUnavailable
from app.extensions import db
from app.models import Window
from app.services import board, tickets
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import EVERYWHERE, Line, hall_time, make_line
from tests.catalog_helpers import build_tree
from tests.helpers import assert_error

NOW = hall_time(2026, 11, 23, 10, 0)  # Monday, the hall is open
DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture
def line(app, tree) -> Line:
    return make_line(app, tree)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def short(app):
    """Streams that end within a second, with a keepalive in between."""
    app.config.update(BOARD_STREAM_SECONDS=0.8, BOARD_KEEPALIVE_SECONDS=0.3)
    return app


def take(app, line: Line) -> None:
    with app.app_context():
        request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
        tickets.take(
            line.hall_id, tickets.Wanted("kiosk", prefix="A"), actor=tickets.Actor("device", 1), request=request
        )


def call(app, line: Line) -> None:
    with app.app_context():
        window_id = db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id, Window.number == "01"))
        tickets.call_next(window_id, staff=EVERYWHERE)


def blocks(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block]


def parse(block: str) -> dict[str, str]:
    """An SSE event's fields (comments left out)."""
    return dict(line.split(": ", 1) for line in block.split("\n") if not line.startswith(":"))


def events(text: str) -> list[tuple[str | None, str, dict]]:
    parsed = [parse(block) for block in blocks(text) if not block.startswith(":")]
    return [(fields.get("id"), fields["event"], json.loads(fields["data"])) for fields in parsed]


def stream_url(line: Line) -> str:
    return f"/api/v1/halls/{line.hall_id}/board/stream"


def test_the_board_snapshot(app, client, line):
    take(app, line)
    take(app, line)
    call(app, line)
    response = client.get(f"/api/v1/halls/{line.hall_id}/board")
    assert response.status_code == 200, response.get_json()
    call_a001 = {
        "number": "A001",
        "category": "A",
        "window": "01",
        "called_at": "2026-11-23T02:00:00+00:00",
        "announcement": "请A001号到1号窗口办理",
    }
    assert response.get_json() == {
        "hall_id": line.hall_id,
        "hall_name": "测试大厅",
        "day": "2026-11-23",
        "open_now": True,
        "now_calling": [call_a001],
        "recent_calls": [call_a001],
        "waiting": [{"prefix": "A", "name": "社保", "waiting": 1}],
    }
    assert_error(client.get("/api/v1/halls/999999/board"), 404, "NOT_FOUND")
    assert_error(client.get("/api/v1/halls/999999/board/stream"), 404, "NOT_FOUND")


def test_the_stream_starts_at_once_and_sends_calls_as_they_happen(short, client, line):
    take(short, line)
    response = client.get(stream_url(line), buffered=False)
    assert (response.status_code, response.mimetype) == (200, "text/event-stream")
    assert (response.headers["Cache-Control"], response.headers["X-Accel-Buffering"]) == ("no-cache", "no")
    chunks = iter(response.response)
    assert next(chunks) == b": ping\nretry: 3000\n\n"
    [(event_id, kind, snapshot)] = events(next(chunks).decode())
    assert (event_id, kind, snapshot["now_calling"], snapshot["waiting"][0]["waiting"]) == (None, "snapshot", [], 1)
    call(short, line)  # after the stream opened, before it is read
    rest = b"".join(chunks).decode()  # the stream ends by itself after its lifetime
    response.close()
    [(event_id, kind, data)] = events(rest)
    assert (kind, data["number"], data["window"], data["announcement"]) == (
        "call",
        "A001",
        "01",
        "请A001号到1号窗口办理",
    )
    assert event_id is not None
    assert ": keepalive" in rest
    assert not has_request_context()  # the stream's request ended with it


def test_last_event_id_resumes_after_it(short, client, line):
    short.config["BOARD_STREAM_SECONDS"] = 0.2
    with short.app_context():
        for n in range(3):
            board.announce(line.hall_id, "ticket", {"category": "A", "waiting": n})
        first, second, third = (event_id for event_id, _, _ in board.events(line.hall_id, "0-0", block_ms=0))

    def replayed(**options) -> list[tuple[str | None, str, dict]]:
        with client.get(stream_url(line), **options) as response:
            assert response.status_code == 200
            return events(response.get_data(as_text=True))[1:]  # after the snapshot

    assert replayed(headers={"Last-Event-ID": first}) == [
        (second, "ticket", {"category": "A", "waiting": 1}),
        (third, "ticket", {"category": "A", "waiting": 2}),
    ]
    assert [row[0] for row in replayed(query_string={"last_event_id": second})] == [third]
    # The browser's header (set when it reconnects) wins over the id the page was opened with.
    assert [row[0] for row in replayed(headers={"Last-Event-ID": second}, query_string={"last_event_id": first})] == [
        third
    ]
    assert replayed() == []  # no id: only what comes from now on
    assert replayed(headers={"Last-Event-ID": "nonsense"}) == []
    bad = client.get(stream_url(line), query_string={"last_event_id": "nonsense"})
    assert "last_event_id" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_a_client_that_leaves_ends_the_stream(client, line):
    response = client.get(stream_url(line), buffered=False)
    chunks = iter(response.response)
    assert next(chunks).startswith(b": ping")
    response.close()  # the server's next write would fail: the generator is closed instead
    assert not has_request_context()
    assert next(chunks, None) is None


def test_redis_failing_midway_ends_the_stream_quietly(short, client, line, monkeypatch):
    def down(*args, **kwargs):
        raise RedisUnavailable()

    monkeypatch.setattr(board, "events", down)
    with client.get(stream_url(line)) as response:
        assert response.status_code == 200
        text = response.get_data(as_text=True)
    assert [kind for _, kind, _ in events(text)] == ["snapshot"]  # no error event: the browser reconnects
    assert "error" not in text


def test_redis_down_at_the_start_is_503_but_the_board_answers(build_app):
    app = build_app(redis_url=DOWN)
    line = make_line(app, build_tree(app))
    client = app.test_client()
    assert_error(client.get(stream_url(line)), 503, "REDIS_UNAVAILABLE")
    board_now = client.get(f"/api/v1/halls/{line.hall_id}/board")
    assert (board_now.status_code, board_now.get_json()["waiting"]) == (
        200,
        [{"prefix": "A", "name": "社保", "waiting": 0}],
    )
