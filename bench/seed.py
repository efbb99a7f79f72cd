"""A fast bulk seeder of applications (办件) for the growth runs: PostgreSQL ``COPY`` for the applications, then one
``INSERT … SELECT`` per lifecycle step for their events, then ``VACUUM ANALYZE`` (as autovacuum would after a day).

The mix (deterministic, one pattern of 20 repeated): 5 % drafts, 10 % received, 10 % accepted, 20 % in process,
10 % approved, 40 % delivered, 5 % refused; spread evenly over the departments, submitted over the last 300 days
(a daily sequence per day, so 办件编号 are valid and unique), each step one to a few days after the one before.
Applicants: one resident per four applications, a copy of one real resident's encrypted phone (no blind index).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from io import StringIO

from sqlalchemy import text

from app.services import application_lifecycle as lifecycle
from app.services import case_numbers
from bench.world import REGION, ZONE, World

DAYS = 300
APPLICATIONS_PER_RESIDENT = 4
MIX = (  # status, and the steps that led there
    ("draft", ()),
    ("received", ("submit",)),
    ("received", ("submit",)),
    ("accepted", ("submit", "accept")),
    ("accepted", ("submit", "accept")),
    *[("in_process", ("submit", "accept", "start_processing"))] * 4,
    *[("approved", ("submit", "accept", "start_processing", "approve"))] * 2,
    *[("delivered", ("submit", "accept", "start_processing", "approve", "deliver"))] * 8,
    ("refused", ("submit", "accept", "start_processing", "refuse")),
)
STEP_DAYS = {"submit": 0, "accept": 1, "start_processing": 2, "approve": 6, "refuse": 6, "deliver": 7}
COLUMNS = (
    "number", "region_code", "number_day", "sequence", "resident_id", "created_by_id", "item_id", "item_code",
    "department_id", "status", "form_enc", "processing_type", "promised_days", "legal_days", "timezone",
    "promised_due", "legal_due", "result", "created_at", "submitted_at", "accepted_at", "concluded_at", "updated_at",
)  # fmt: skip


def count() -> int:
    from app.extensions import db

    return db.session.scalar(text("SELECT count(*) FROM applications")) or 0


def grow_to(world: World, total: int) -> None:
    """Add applications until there are ``total`` (numbered on from those already there)."""
    from app.extensions import db

    first = count()
    if total <= first:
        return
    first_id = db.session.scalar(text("SELECT coalesce(max(id), 0) FROM applications")) or 0
    residents = _residents((total - first) // APPLICATIONS_PER_RESIDENT + 1)
    buffer = StringIO()
    now = datetime.now(UTC)
    for n in range(first, total):
        buffer.write("\t".join(_row(world, n, now, residents[(n - first) // APPLICATIONS_PER_RESIDENT])) + "\n")
    connection = db.session.connection().connection.driver_connection  # psycopg's own, for COPY
    with connection.cursor() as cursor, cursor.copy(f"COPY applications ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())
    for status, steps in {status: steps for status, steps in MIX}.items():
        previous = "draft"
        for action in steps:
            transition = lifecycle.ACTIONS[action]
            db.session.execute(
                text(
                    "INSERT INTO application_events (application_id, at, action, from_status, to_status, code, clock,"
                    " actor_kind, actor_id, comment, details)"
                    " SELECT id, least(submitted_at + make_interval(days => :days), now()), :action, :from_status,"
                    " :to_status, :code, :clock, :actor, NULL, '', '{}'"
                    " FROM applications WHERE id > :first AND status = :status"
                ),
                {
                    "days": STEP_DAYS[action],
                    "action": action,
                    "from_status": previous,
                    "to_status": transition.target,
                    "code": transition.code,
                    "clock": transition.clock,
                    "actor": transition.actor,
                    "first": first_id,
                    "status": status,
                },
            )
            previous = transition.target
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as autocommit:
        autocommit.execute(text("VACUUM ANALYZE applications, application_events, residents"))


def _residents(count: int) -> list[int]:
    """``count`` applicants, each a copy of the first resident's encrypted phone."""
    from app.extensions import db

    rows = db.session.execute(
        text(
            "INSERT INTO residents (phone_enc, elderly_mode, created_at)"
            " SELECT (SELECT phone_enc FROM residents ORDER BY id LIMIT 1), false, now()"
            " FROM generate_series(1, :count) RETURNING id"
        ),
        {"count": count},
    )
    return list(rows.scalars())


def _row(world: World, n: int, now: datetime, resident_id: int) -> list[str]:
    status, steps = MIX[n % len(MIX)]
    department_id, item_id, item_code = world.departments[n // len(MIX) % len(world.departments)]
    day = now.astimezone(ZONE).date() - timedelta(days=1 + n % DAYS)
    sequence = n // DAYS + 1
    submitted = datetime.combine(day, time(9), ZONE).astimezone(UTC) + timedelta(seconds=sequence % 28_800)
    accepted = "accept" in steps
    concluded = status in {"approved", "delivered", "refused"}
    values = {
        "number": case_numbers.number(REGION, day, sequence) if steps else None,
        "region_code": REGION,
        "number_day": day if steps else None,
        "sequence": sequence if steps else None,
        "resident_id": resident_id,
        "created_by_id": resident_id,
        "item_id": item_id,
        "item_code": item_code,
        "department_id": department_id,
        "status": status,
        "form_enc": "bench",  # never shown by progress or the work list
        "processing_type": "promised",
        "promised_days": 10,
        "legal_days": 20,
        "timezone": "Asia/Shanghai",
        "promised_due": day + timedelta(days=15) if accepted else None,
        "legal_due": day + timedelta(days=29) if accepted else None,
        "result": '{"conclusion": "approved"}' if status == "delivered" else "{}",
        "created_at": submitted - timedelta(minutes=20),
        "submitted_at": submitted if steps else None,
        "accepted_at": min(submitted + timedelta(days=STEP_DAYS["accept"]), now) if accepted else None,
        "concluded_at": min(submitted + timedelta(days=STEP_DAYS["approve"]), now) if concluded else None,
        "updated_at": submitted,
    }
    return ["\\N" if values[column] is None else str(values[column]) for column in COLUMNS]
