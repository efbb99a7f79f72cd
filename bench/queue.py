"""取号/叫号: tickets taken at the kiosk, then the hall's windows calling next, next to the Lua ceilings
(``/bench/lua-ticket``, ``/bench/lua-call``: only ``app.queueing``'s scripts, on the same keys) and the Lua + SQL
ceilings (``/bench/sql-ticket``, ``/bench/sql-call``: the same scripts and the same SQL), each on a line of its own.

Ticket issue: anonymous walk-in tickets, ``POST /api/v1/kiosk/tickets {"prefix": "A"}`` with the kiosk's device
token and a new Idempotency-Key each. Call-next: each window's clerk presses again as soon as the answer is in
(``POST /api/v1/windows/{id}/call-next``), one connection per window, until nobody waits (or the time is up).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select

from bench.common import Call, Run, request_bytes
from bench.world import QUEUE_LINES, World


def kiosk_calls(port: int, world: World, prefix: str, count: int) -> list[Call]:
    body = json.dumps({"prefix": prefix}).encode()
    calls = []
    for _ in range(count):
        headers = {"X-Device-Token": world.kiosk, "Idempotency-Key": str(uuid.uuid4())}
        calls.append(Call(request_bytes(port, "POST", "/api/v1/kiosk/tickets", body, headers)))
    return calls


def line_body(world: World, role: str, **more: object) -> bytes:
    """A ceiling's request: the hall, the role's line (with its letter) and the hall's today, and ``more``."""
    line = {"hall_id": world.hall_id, "category_id": world.lines[role], "prefix": QUEUE_LINES[role]}
    return json.dumps(line | {"day": world.today.isoformat(), **more}).encode()


def ceiling_tickets(port: int, world: World, role: str, count: int) -> list[Call]:
    """Tickets from a ceiling, on its own line: ``lua`` (``/bench/lua-ticket``) or ``sql`` (``/bench/sql-ticket``)."""
    return [Call(request_bytes(port, "POST", f"/bench/{role}-ticket", line_body(world, role))) for _ in range(count)]


def until_empty(raw: bytes) -> Iterator[Call]:
    """A clerk pressing call-next again as soon as the answer is in, until nobody waits (or an error)."""
    while True:
        call = Call(raw)
        yield call
        if call.status != 200 or _called(call) is None:
            return


def _called(call: Call) -> int | None:
    """The ticket id a call-next answer called (PalmGov answers the ticket, the ceiling its number)."""
    ticket = json.loads(call.body)["ticket"]
    return ticket["id"] if isinstance(ticket, dict) else ticket


def palmgov_windows(port: int, windows: list[int], tokens: list[str]) -> list[Iterator[Call]]:
    path = "/api/v1/windows/{}/call-next"
    return [
        until_empty(request_bytes(port, "POST", path.format(window), b"", {"Authorization": f"Bearer {token}"}))
        for window, token in zip(windows, tokens, strict=True)
    ]


def lua_windows(port: int, world: World, windows: int) -> list[Iterator[Call]]:
    return [
        until_empty(request_bytes(port, "POST", "/bench/lua-call", line_body(world, "lua"))) for _ in range(windows)
    ]


def sql_windows(port: int, world: World) -> list[Iterator[Call]]:
    """The Lua + SQL ceiling's windows: real ones (a called ticket's window is a foreign key), one stream each."""
    return [
        until_empty(request_bytes(port, "POST", "/bench/sql-call", line_body(world, "sql", window_id=window)))
        for window in world.sql_windows
    ]


def called_ids(run: Run) -> list[int]:
    return [ticket for call in run.calls if call.status == 200 and (ticket := _called(call)) is not None]


def check_issue(world: World, run: Run, role: str) -> dict[str, Any]:
    """From the database: as many tickets in the role's line as 201 answers, numbered 1..N, each number once."""
    from app.extensions import db
    from app.models import Ticket

    issued = sum(1 for call in run.calls if call.status == 201)
    numbers = list(db.session.scalars(select(Ticket.number).where(Ticket.issued_in_id == world.lines[role])))
    db.session.rollback()
    in_order = sorted(numbers) == list(range(1, issued + 1))
    return {"answered_201": issued, "tickets": len(numbers), "numbers_1_to_n": in_order, "ok": in_order}


def check_calls(world: World, run: Run, role: str) -> dict[str, Any]:
    """From the database: as many tickets of the role's line ``called`` as answers with a ticket, each of them with
    one ``called`` event, the rest still waiting; from the answers: no ticket called twice."""
    from app.extensions import db
    from app.models import Ticket, TicketEvent

    line = world.lines[role]
    statuses = dict(
        db.session.execute(
            select(Ticket.status, func.count()).where(Ticket.issued_in_id == line).group_by(Ticket.status)
        ).all()
    )
    per_ticket = Counter(
        db.session.scalars(
            select(TicketEvent.ticket_id)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(Ticket.issued_in_id == line, TicketEvent.kind == "called")
        )
    )
    db.session.rollback()
    answered = called_ids(run)
    once = len(answered) == len(set(answered)) == statuses.get("called", 0)
    events = set(per_ticket) == set(answered) and all(count == 1 for count in per_ticket.values())
    rest_waiting = set(statuses) <= {"called", "waiting"}
    return {
        "statuses": statuses,
        "answers_with_a_ticket": len(answered),
        "distinct_tickets_answered": len(set(answered)),
        "tickets_with_one_called_event": sum(1 for count in per_ticket.values() if count == 1),
        "ok": once and events and rest_waiting,
    }


def check_lua(world: World, issue: Run, call: Run) -> dict[str, Any]:
    """The Lua ceiling keeps nothing in the database: from Redis and the answers, numbers 1..N, each called once,
    the rest still in the line."""
    from app.queueing import HallDay
    from app.redis_store import get_redis

    hall_day, line = HallDay(world.hall_id, world.today), world.lines["lua"]
    numbers = [json.loads(call.body)["number"] for call in issue.calls if call.status == 201]
    answered = called_ids(call)
    counter = int(get_redis().get(hall_day.key("seq", line)) or 0)
    left = get_redis().zcard(hall_day.key("line", line))
    ok = (
        sorted(numbers) == list(range(1, counter + 1))
        and len(answered) == len(set(answered))
        and set(answered) <= set(numbers)
        and left == len(numbers) - len(answered)
    )
    return {"counter": counter, "called": len(answered), "left_in_line": left, "ok": ok}
