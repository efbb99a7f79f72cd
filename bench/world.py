"""The city the benchmark runs in, built in the scratch database through PalmGov's own services: one hall open all
day with its lines, slots, windows, clerks and kiosk; departments with a published item each; residents logged in
beforehand; a clerk of the first department for its work list. Sessions live in the database and Redis as after a
login; access tokens are minted when a run needs them (they live 15 minutes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_jwt_extended import create_access_token

ZONE = ZoneInfo("Asia/Shanghai")
REGION = "339900"
ITEM = "BENCH-1"  # the bookable item (department 1)
WINDOW = timedelta(minutes=10)
FIRST_WINDOW = time(8, 30)  # hall time
WARM_UP = 256  # requests per workload before measuring, on lines and slots of their own
ALL_DAY = {day: [["00:00", "23:59"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
CLERK_PASSWORD = "bench-correct-horse-battery"  # noqa: S105 (a scratch database's throwaway accounts)
# Booking: a line per server (PalmGov, the SQL ceiling, the naive control) and the warm-up's.
BOOKING_LINES = {"booking": "B", "sql_book": "C", "naive_book": "N", "booking_warm_up": "W"}
# Queue: PalmGov's kiosk line (its windows serve it), the Lua ceiling's, the Lua + SQL ceiling's (windows of its
# own: a called ticket's window_id is a foreign key), and the warm-up's.
QUEUE_LINES = {"ticket_issue": "A", "lua": "L", "sql": "S", "queue_warm_up": "V"}


@dataclass
class World:
    hall_id: int
    item_id: int
    release_day: date  # the booking's day (released, three days ahead)
    today: date  # the hall's today (the queue's day)
    slots: dict[str, list[int]]  # per booking line, in window order
    lines: dict[str, int]  # queue category id per role
    residents: list[int]
    resident_sessions: list[str]  # public ids
    warm_up_residents: list[int]
    warm_up_sessions: list[str]
    windows: list[int]  # serving the kiosk line
    warm_up_windows: list[int]
    sql_windows: list[int]  # the Lua + SQL call ceiling's
    clerk_sessions: list[str]  # one per window
    kiosk: str  # the kiosk's device token
    departments: list[tuple[int, int, str]]  # (department id, its item id, the item's code)
    worker_session: str  # a clerk of the first department: the staff work list

    def resident_tokens(self, warm_up: bool = False) -> list[str]:
        return [
            token(public_id, "resident") for public_id in (self.warm_up_sessions if warm_up else self.resident_sessions)
        ]

    def clerk_tokens(self) -> list[str]:
        return [token(public_id, "staff") for public_id in self.clerk_sessions]


def token(session_public_id: str, kind: str) -> str:
    """An access token for a session, as a login answers it (api.auth.issue_tokens)."""
    return create_access_token(session_public_id, additional_claims={"kind": kind})


def build(residents: int, places: int, capacity: int, windows: int, departments: int) -> World:
    from app.calendar import hall_today
    from app.extensions import db
    from app.models import Hall, QueueCategory, Region, ServiceItem, SlotSchedule, Window
    from app.models.catalog import Department, HolidayOverride
    from app.services import audit, devices, scopes, sessions, staff

    region = Region(code=REGION, name="压测区", level="district")
    hall = Hall(code="BENCH", name="压测大厅", region=region, address="示范路 1 号", hours=ALL_DAY)
    offices = [Department(code=f"bench-{n:02d}", name=f"压测局 {n}", region=region) for n in range(1, departments + 1)]
    booking_lines = {
        role: QueueCategory(
            hall=hall, prefix=prefix, name=role, item_codes=[] if role in {"sql_book", "naive_book"} else [ITEM]
        )
        for role, prefix in BOOKING_LINES.items()
    }
    queue_lines = {
        role: QueueCategory(hall=hall, prefix=prefix, name=role, item_codes=[]) for role, prefix in QUEUE_LINES.items()
    }

    def serving(mark: str, role: str) -> list[Window]:
        return [
            Window(hall=hall, number=f"{mark}{n:02d}", categories=[queue_lines[role]]) for n in range(1, windows + 1)
        ]

    counters, warm_up, ceiling = serving("", "ticket_issue"), serving("V", "queue_warm_up"), serving("S", "sql")
    lines = [*booking_lines.values(), *queue_lines.values()]
    db.session.add_all([region, hall, *offices, *lines, *counters, *warm_up, *ceiling])
    items = [
        ServiceItem(
            code=ITEM if n == 0 else f"BENCH-D{n + 1:02d}",
            state="published",
            name="压测事项" if n == 0 else f"压测事项 {n + 1}",
            department=office,
            audience="personal",
            processing_type="promised",
            promised_days=10,
            legal_days=20,
            appointment=True,
            assurance_level=1,
        )
        for n, office in enumerate(offices)
    ]
    db.session.add_all(items)
    db.session.flush()
    today = hall_today(hall.timezone)
    release_day = datetime.now(ZONE).date() + timedelta(days=3)  # released at 08:00 D-7, so open now
    for day in sorted({today, release_day}):
        db.session.add(HolidayOverride(day=day, working=True, note="benchmark"))
    for role in ("booking", "booking_warm_up"):
        db.session.add(SlotSchedule(hall_id=hall.id, category_id=booking_lines[role].id, capacity=capacity))
    slots = _slots(hall.id, booking_lines, release_day, max(1, places // capacity), capacity)
    resident_ids, resident_sessions = _residents(residents, 3_900_000_000)
    warm_ids, warm_sessions = _residents(WARM_UP, 3_800_000_000)
    db.session.commit()

    def account(username: str, role: str, scope: str, node: int | None) -> int:
        created = staff.create_account(
            username, username, CLERK_PASSWORD, actor=audit.SYSTEM, grants=[scopes.grant(role, scope, node)]
        )
        return created.account.id

    def staff_session(account_id: int) -> str:
        session = sessions.open_session(
            staff_id=account_id, method="password", client="bench", ip="127.0.0.1", lifetime=timedelta(hours=3)
        )
        db.session.commit()
        sessions.check(session.public_id)  # cached in Redis, as after the login
        return session.public_id

    installer = account("bench-installer", "sys_admin", "all", None)
    kiosk = devices.register(hall.id, "kiosk", "Entrance", admin=staff.rights(installer)).token
    clerks = [staff_session(account(f"bench-clerk-{n:02d}", "window_staff", "hall", hall.id)) for n in range(windows)]
    worker = staff_session(account("bench-case-worker", "window_staff", "department", offices[0].id))
    for public_id in resident_sessions + warm_sessions:
        sessions.check(public_id)  # logged in beforehand and browsing: their sessions are in Redis
    return World(
        hall_id=hall.id,
        item_id=items[0].id,
        release_day=release_day,
        today=today,
        slots=slots,
        lines={role: line.id for role, line in queue_lines.items()},
        residents=resident_ids,
        resident_sessions=resident_sessions,
        warm_up_residents=warm_ids,
        warm_up_sessions=warm_sessions,
        windows=[row.id for row in counters],
        warm_up_windows=[row.id for row in warm_up],
        sql_windows=[row.id for row in ceiling],
        clerk_sessions=clerks,
        kiosk=kiosk,
        departments=[(office.id, item.id, item.code) for office, item in zip(offices, items, strict=True)],
        worker_session=worker,
    )


def _slots(hall_id: int, lines: dict, day: date, count: int, capacity: int) -> dict[str, list[int]]:
    from app.extensions import db
    from app.models import Slot

    first = datetime.combine(day, FIRST_WINDOW, ZONE)
    slots: dict[str, list[int]] = {}
    for role, line in lines.items():
        warm_up = role == "booking_warm_up"
        rows = [
            Slot(
                hall_id=hall_id,
                category_id=line.id,
                day=day,
                starts_at=(first + n * WINDOW).astimezone(UTC),
                ends_at=(first + (n + 1) * WINDOW).astimezone(UTC),
                capacity=WARM_UP // 4 if warm_up else capacity,
            )
            for n in range(2 if warm_up else count)  # a warm-up slot for PalmGov and one for the SQL ceiling
        ]
        db.session.add_all(rows)
        db.session.flush()
        slots[role] = [row.id for row in rows]
    return slots


def _residents(count: int, first_phone: int) -> tuple[list[int], list[str]]:
    """``count`` residents with a phone (assurance L1) and a live session each."""
    from app.services import residents, sessions

    ids, public_ids = [], []
    for n in range(count):
        resident = residents.new_resident(f"1{first_phone + n:010d}")
        session = sessions.open_session(
            resident_id=resident.id, method="sms", client="bench", ip="127.0.0.1", lifetime=timedelta(hours=3)
        )
        ids.append(resident.id)
        public_ids.append(session.public_id)
    return ids, public_ids
