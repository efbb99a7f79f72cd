"""A hall's live board (叫号屏): its snapshot, and a stream of server-sent events for display boards and phones."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Iterator
from typing import Any

from flask import Response, current_app, request, stream_with_context

from api.blueprint import Blueprint
from api.schemas.board import BoardSchema, BoardStreamQuerySchema
from app.errors import RedisUnavailable
from app.services import board

log = logging.getLogger(__name__)

blp = Blueprint("board", __name__, url_prefix="/api/v1", description="A hall's live board (叫号屏)")

# Proxies must pass each event on at once (nginx buffers unless told not to) and keep none of it.
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
RETRY_MS = 3000  # how long the browser waits before it reconnects once a stream ends
LAST_EVENT_ID = {
    "in": "header",
    "name": "Last-Event-ID",
    "required": False,
    "schema": {"type": "string"},
    "description": "The last event id received: the stream replays what came after it",
}
STREAM_DOC = {
    "responses": {
        "200": {
            "description": "Server-sent events: a `snapshot` event first, then `call` and `ticket` events, "
            "a keepalive comment every 15 s; the stream ends after 5 minutes (reconnect)",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        }
    },
}


def _sse(kind: str, data: dict[str, Any], event_id: str | None = None) -> str:
    lines = [f"id: {event_id}"] if event_id is not None else []
    lines += [f"event: {kind}", f"data: {json.dumps(data, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n\n"


@blp.get("/halls/<id:hall_id>/board")
@blp.response(200, BoardSchema)
@blp.errors(404)
def get_board(hall_id: int) -> board.Board:
    """The hall's board: now calling, the latest calls and who waits in each line. Public, no personal data,
    read from the database (it answers when Redis is down)."""
    return board.snapshot(hall_id)


@blp.get("/halls/<id:hall_id>/board/stream", parameters=[LAST_EVENT_ID])
@blp.arguments(BoardStreamQuerySchema, location="query")
@blp.doc(**STREAM_DOC)
@blp.errors(404, 503)
def stream_board(query: dict, hall_id: int) -> Response:
    """The board live (`text/event-stream`, for `EventSource`): a `snapshot` event with the board, then each
    `call` (with the announcement text) and `ticket` (a line's waiting count) as it happens. An event's `id`
    resumes the stream: the browser sends it back as `Last-Event-ID` when it reconnects. 503
    `REDIS_UNAVAILABLE` while Redis is down (the board itself still answers)."""
    watch = board.watch(hall_id, request.headers.get("Last-Event-ID") or query.get("last_event_id"))
    snapshot = BoardSchema().dump(watch.board)
    return Response(
        stream_with_context(_stream(hall_id, snapshot, watch.cursor)),
        mimetype="text/event-stream",
        headers=STREAM_HEADERS,
    )


def _stream(hall_id: int, snapshot: dict[str, Any], cursor: str) -> Iterator[str]:
    """Runs inside the request context (``stream_with_context``). It ends after the stream's lifetime, or
    quietly when Redis fails so the browser reconnects; a client that left closes it at its next write
    (an event or a keepalive) with ``GeneratorExit``, which simply ends it."""
    config = current_app.config
    keepalive, lifetime = config["BOARD_KEEPALIVE_SECONDS"], config["BOARD_STREAM_SECONDS"]
    yield f": ping\nretry: {RETRY_MS}\n\n"
    yield _sse("snapshot", snapshot)
    last_write = time.monotonic()
    ends = last_write + lifetime
    while (now := time.monotonic()) < ends:
        if now - last_write >= keepalive:
            yield ": keepalive\n\n"
            last_write = now
        wait = min(ends, last_write + keepalive) - now
        try:
            found = board.events(hall_id, cursor, block_ms=math.ceil(wait * 1000))
        except RedisUnavailable:
            log.warning("hall %s: board stream ended early (Redis unavailable)", hall_id)
            return
        for event_id, kind, data in found:
            yield _sse(kind, data, event_id)
            cursor = event_id
        if found:
            last_write = time.monotonic()
