"""Growth: progress lookup by token and the staff work list at 10k and at 1M applications, and the query plans of
what they run (captured from one request each through Flask's test client in this process, then
``EXPLAIN (ANALYZE, BUFFERS)`` of every SELECT it sent, with its parameters)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import event, text

from bench.common import Call, Run, request_bytes
from bench.world import World, token

PAGE_SIZE = 20
WORK_LIST = f"/api/v1/staff/applications?page={{}}&page_size={PAGE_SIZE}"
WORK_LIST_PAGES = 5  # a clerk pages through the first few pages


def sample(count: int, seed: int) -> list[tuple[int, str]]:
    """(id, 办件编号) of ``count`` submitted applications drawn at random."""
    from app.extensions import db

    rows = db.session.execute(
        text("SELECT id, number FROM applications WHERE number IS NOT NULL ORDER BY md5(id::text || :seed) LIMIT :n"),
        {"seed": str(seed), "n": count},
    ).all()
    db.session.rollback()
    return [(row.id, row.number) for row in rows]


def progress_paths(applications: list[tuple[int, str]]) -> list[str]:
    from app.services import links

    return [f"/api/v1/progress/{links.page_token('application', id_, timedelta(days=30))}" for id_, _ in applications]


def progress_calls(port: int, paths: list[str], count: int, seed: int) -> list[Call]:
    rng = random.Random(seed)  # noqa: S311 (a reproducible order, not a secret)
    return [Call(request_bytes(port, "GET", rng.choice(paths))) for _ in range(count)]


def work_list_calls(port: int, world: World, count: int) -> list[Call]:
    headers = {"Authorization": f"Bearer {token(world.worker_session, 'staff')}"}
    return [
        Call(request_bytes(port, "GET", WORK_LIST.format(1 + n % WORK_LIST_PAGES), b"", headers)) for n in range(count)
    ]


def check_progress(run: Run, applications: list[tuple[int, str]], paths: list[str]) -> dict[str, Any]:
    """Each 200 answers the application its token names (its number), with a timeline."""
    number_of = {path.encode(): number for path, (_, number) in zip(paths, applications, strict=True)}
    wrong = 0
    for call in run.calls:
        if call.status == 200:
            path = call.raw.split(b" ", 2)[1]
            body = json.loads(call.body)
            wrong += body["number"] != number_of[path] or not body["timeline"]
    return {"answers": sum(1 for call in run.calls if call.status == 200), "wrong_application": wrong, "ok": wrong == 0}


def check_work_list(world: World, run: Run) -> dict[str, Any]:
    """Each 200 answers a full page of the department's submitted applications, and the right total (counted up
    to the work list's limit, with ``total_capped`` beyond it)."""
    from app.extensions import db
    from app.services.application_steps import WORK_LIST_COUNT_LIMIT

    department = world.departments[0][0]
    total = db.session.scalar(
        text("SELECT count(*) FROM applications WHERE department_id = :d AND status <> 'draft'"), {"d": department}
    )
    db.session.rollback()
    wrong = 0
    for call in run.calls:
        if call.status == 200:
            body = json.loads(call.body)
            on_page = min(PAGE_SIZE, max(0, total - (body["page"] - 1) * PAGE_SIZE))
            counted = (min(total, WORK_LIST_COUNT_LIMIT), total > WORK_LIST_COUNT_LIMIT)
            wrong += (body["total"], body["total_capped"]) != counted or len(body["items"]) != on_page
    return {"department_total": total, "wrong_pages": wrong, "ok": wrong == 0}


@contextmanager
def _statements(app: Flask) -> Iterator[list[tuple[str, Any]]]:
    from app.extensions import db

    captured: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield captured
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plans(app: Flask, path: str, headers: dict[str, str]) -> dict[str, Any]:
    """The statements one request sends, and the plan of each SELECT among them."""
    from app.extensions import db

    with _statements(app) as captured:
        status = app.test_client().get(path, headers=headers).status_code
    found = []
    with app.app_context(), db.engine.connect() as connection:
        for statement, parameters in captured:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            rows = connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters or {}).scalars()
            plan = list(rows)
            took = next(float(line.split()[2]) for line in plan if line.startswith("Execution Time"))
            found.append({"statement": " ".join(statement.split()), "execution_ms": took, "plan": plan})
        connection.rollback()
    return {"status": status, "statements": len(captured), "selects": found}


def growth_plans(app: Flask, world: World, progress_path: str) -> dict[str, Any]:
    worker = {"Authorization": f"Bearer {token(world.worker_session, 'staff')}"}
    return {"progress": plans(app, progress_path, {}), "work_list": plans(app, WORK_LIST.format(1), worker)}
