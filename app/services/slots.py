"""Appointment slots (预约号源): generation from each hall line's schedule, availability, admin adjustments.

A ``SlotSchedule`` cuts a hall line's opening hours into windows; ``ensure_slots`` creates the
missing slots of the working days from today to ``days_ahead`` (the sweep keeps them generated)
and never changes or deletes a slot that exists, so a booked slot outlives a schedule change.
``availability`` reads them for residents (cached in Redis for two seconds, computed anyway when
Redis is down); the database alone decides a booking.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from redis.exceptions import RedisError
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload, selectinload

from app import jobs
from app.calendar import CalendarGap, WorkingCalendar, hall_today
from app.errors import CapacityBelowBooked, ItemNotBookable, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.booking import Slot, SlotSchedule
from app.models.catalog import Hall, QueueCategory, window_categories
from app.redis_store import get_redis
from app.replica import on_replica
from app.services import audit, catalog
from app.services.catalog_rules import HHMM_RE
from app.services.checks import Problems, Reader, check_date_range, staff_reason
from app.services.scopes import DEPT_ADMIN, ROLES, SYS_ADMIN, StaffRights, hall_path

log = logging.getLogger(__name__)

MAX_RANGE_DAYS = 31
CACHE_SECONDS = 2
FULL_MARK_SECONDS = 5
MAX_CAPACITY = 1000
# The schedule fields an admin sets: (low, high, default) for the whole numbers; capacity None = windows.
SCHEDULE_NUMBERS = {
    "window_minutes": (5, 240, 30),
    "days_ahead": (0, 60, 7),
    "close_minutes_before": (0, 1440, 60),
    "walk_in_minutes_before": (0, 1440, 30),
    "cancel_minutes_before": (0, 1440, 120),
}
SCHEDULE_FIELDS = ("window_minutes", "capacity", "days_ahead", "release_time", "close_minutes_before",
                   "walk_in_minutes_before", "cancel_minutes_before")  # fmt: skip
DEFAULT_RELEASE_TIME = "08:00"
Span = tuple[datetime, datetime]  # a slot's start and end, in hall time
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


# --- Generation ---------------------------------------------------------------------------------


def _at(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), zone)


def _windows(hall: Hall, day: date, minutes: int, calendar: WorkingCalendar) -> list[Span]:
    """The day's booking windows in hall time: each opening span cut into ``minutes``, a short tail dropped."""
    zone, step = ZoneInfo(hall.timezone), timedelta(minutes=minutes)
    windows = []
    for start, end in catalog.hours_on(hall, day, calendar):
        begin, close = _at(day, start, zone), _at(day, end, zone)
        while begin + step <= close:
            windows.append((begin, begin + step))
            begin += step
    return windows


def _planned(schedule: SlotSchedule, today: date, calendar: WorkingCalendar, gaps: set[int]) -> dict[date, list[Span]]:
    """The windows of every working day from ``today`` to the release horizon, by day; uncovered years to ``gaps``."""
    planned: dict[date, list[Span]] = {}
    for offset in range(schedule.days_ahead + 1):
        day = today + timedelta(days=offset)
        try:
            working = calendar.is_working_day(day)
        except CalendarGap as gap:
            gaps.update(gap.years)  # never guess a year nobody entered
            continue
        windows = _windows(schedule.hall, day, schedule.window_minutes, calendar) if working else []
        if windows:
            planned[day] = windows
    return planned


def _windows_serving(category_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(window_categories).where(window_categories.c.category_id == category_id)
        )
        or 0
    )


def _insert_missing(schedule: SlotSchedule, missing: dict[date, list[Span]]) -> int:
    capacity = schedule.capacity or _windows_serving(schedule.category_id)
    if capacity <= 0:
        return 0
    now = utcnow()
    rows = [
        {
            "hall_id": schedule.hall_id,
            "category_id": schedule.category_id,
            "day": day,
            "starts_at": start.astimezone(UTC),
            "ends_at": end.astimezone(UTC),
            "capacity": capacity,
            "booked": 0,
            "closed": False,
            "updated_at": now,
        }
        for day, windows in sorted(missing.items())
        for start, end in windows
    ]
    # A concurrent run may insert the same slot first: skip it rather than fail.
    insert = _INSERTS[db.session.get_bind().dialect.name](Slot).on_conflict_do_nothing(
        index_elements=["category_id", "starts_at"]
    )
    return len(db.session.execute(insert.returning(Slot.id), rows).all())


def ensure_slots(hall_id: int | None = None, *, today: date | None = None) -> int:
    """Create the missing slots of every schedule (or one hall's) up to its release horizon; how many were made."""
    statement = select(SlotSchedule).options(selectinload(SlotSchedule.hall), selectinload(SlotSchedule.category))
    if hall_id is not None:
        statement = statement.where(SlotSchedule.hall_id == hall_id)
    schedules = db.session.scalars(statement.order_by(SlotSchedule.id)).all()
    if not schedules:
        return 0
    calendar = catalog.working_calendar()
    created, gaps = 0, set[int]()
    for schedule in schedules:
        first = today or hall_today(schedule.hall.timezone)
        planned = _planned(schedule, first, calendar, gaps)
        if not planned:
            continue
        # A day that has its slots keeps them as they are: a schedule change applies to the days after it.
        generated = set(
            db.session.scalars(
                select(Slot.day)
                .distinct()
                .where(Slot.category_id == schedule.category_id, Slot.day >= min(planned), Slot.day <= max(planned))
            )
        )
        missing = {day: windows for day, windows in planned.items() if day not in generated}
        if missing:
            created += _insert_missing(schedule, missing)
    db.session.commit()
    if gaps:
        log.warning(
            "no slots on days in %s: the working-day calendar does not cover it; enter the year's holidays",
            ", ".join(map(str, sorted(gaps))),
        )
    return created


jobs.SWEEPERS.append(ensure_slots)


def slot_count() -> int:
    return db.session.scalar(select(func.count(Slot.id))) or 0


def add_default_schedules(hall_codes: list[str]) -> int:
    """A schedule with the default settings for each line of these halls that has none; how many lines have one."""
    categories = db.session.scalars(
        select(QueueCategory).join(Hall).where(Hall.code.in_(hall_codes)).order_by(QueueCategory.id)
    ).all()
    scheduled = set(db.session.scalars(select(SlotSchedule.category_id)))
    for category in categories:
        if category.id not in scheduled:
            db.session.add(_new_schedule(category, _defaults()))
    db.session.commit()
    return len(categories)


def _defaults() -> dict[str, Any]:
    return {
        **{name: default for name, (_low, _high, default) in SCHEDULE_NUMBERS.items()},
        "capacity": None,
        "release_time": DEFAULT_RELEASE_TIME,
    }


def _new_schedule(category: QueueCategory, fields: dict[str, Any]) -> SlotSchedule:
    return SlotSchedule(hall_id=category.hall_id, category_id=category.id, updated_at=utcnow(), **fields)


# --- Availability -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotView:
    id: int
    starts_at: str  # ISO 8601 in hall time, with its offset
    ends_at: str
    capacity: int
    remaining: int
    bookable: bool


@dataclass(frozen=True)
class DayView:
    date: str
    released: bool
    released_at: str | None  # when the day's slots open for booking (放号), hall time
    slots: list[SlotView]


@dataclass(frozen=True)
class Availability:
    hall_id: int
    item: str
    category: str
    category_name: str
    date_from: date
    date_to: date
    days: list[DayView]


def _line_for(hall: Hall, code: str) -> tuple[QueueCategory, SlotSchedule | None]:
    """The hall line that takes bookings for the item: the first (by prefix) with a schedule, else the first."""
    lines = [category for category in hall.categories if code in category.item_codes]
    if not lines:
        raise NotFound()
    schedules = {
        row.category_id: row
        for row in db.session.scalars(
            select(SlotSchedule).where(SlotSchedule.category_id.in_([line.id for line in lines]))
        )
    }
    line = next((line for line in lines if line.id in schedules), lines[0])
    return line, schedules.get(line.id)


@on_replica
def availability(
    hall_id: int, item_code: str, date_from: date | None, date_to: date | None, now: datetime | None = None
) -> Availability:
    """The item's slots at the hall, day by day from ``date_from`` to ``date_to`` (hall dates, at most 31 days)."""
    now = now or utcnow()
    hall = db.session.get(Hall, hall_id, options=[joinedload(Hall.categories)])  # its lines in the same query
    if hall is None:
        raise NotFound()
    item = catalog.published_item(item_code)
    if item is None:
        raise NotFound()
    category, schedule = _line_for(hall, item_code)
    if not item.appointment:
        raise ItemNotBookable()
    date_from = date_from or hall_today(hall.timezone, now)
    horizon = schedule.days_ahead if schedule else SCHEDULE_NUMBERS["days_ahead"][2]
    date_to = date_to or date_from + timedelta(days=min(horizon, MAX_RANGE_DAYS - 1))
    check_date_range(date_from, date_to, MAX_RANGE_DAYS)
    key = f"slots:{{hall:{hall.id}}}:{category.id}:{date_from.isoformat()}:{date_to.isoformat()}"
    days = _cached(key)
    if days is None:
        days = _days(hall, category, schedule, date_from, date_to, now)
        _cache(key, days)
    return Availability(hall.id, item_code, category.prefix, category.name, date_from, date_to, days)


def _cached(key: str) -> list[DayView] | None:
    """The answer computed in the last seconds, if Redis has it (a read never fails for want of Redis)."""
    try:
        raw = get_redis().get(key)
    except RedisError:
        return None
    if raw is None:
        return None
    return [DayView(**{**day, "slots": [SlotView(**slot) for slot in day["slots"]]}) for day in json.loads(raw)]


def _cache(key: str, days: list[DayView]) -> None:
    try:
        get_redis().set(key, json.dumps([asdict(day) for day in days]), ex=CACHE_SECONDS)
    except RedisError:
        log.warning("availability not cached (Redis unavailable)")


def _full_key(slot_id: int) -> str:
    return f"slotfull:{slot_id}"


def marked_full(slot_id: int) -> bool:
    """Whether a booking found the slot full in the last seconds: a flash crowd is turned away here,
    before any SQL. The database still decides every booking that gets past it."""
    try:
        return bool(get_redis().exists(_full_key(slot_id)))
    except RedisError:
        return False


def mark_full(slot_id: int) -> None:
    try:
        get_redis().set(_full_key(slot_id), 1, ex=FULL_MARK_SECONDS)
    except RedisError:
        log.warning("slot %s: full mark not set (Redis unavailable)", slot_id)


def place_returned(slot_id: int) -> None:
    """A place came back (cancelled, moved, capacity raised, reopened): stop turning bookings away."""
    try:
        get_redis().delete(_full_key(slot_id))
    except RedisError:  # the mark expires in seconds anyway
        log.warning("slot %s: full mark not cleared (Redis unavailable)", slot_id)


def booking_closes_at(schedule: SlotSchedule, slot: Slot) -> datetime:
    """Booking stops ``close_minutes_before`` the slot, and never later than its release to walk-ins."""
    return slot.starts_at - timedelta(minutes=max(schedule.close_minutes_before, schedule.walk_in_minutes_before))


def released_at(schedule: SlotSchedule, day: date, zone: ZoneInfo) -> datetime:
    """When ``day``'s slots open for booking: ``release_time`` hall time, ``days_ahead`` days before (放号)."""
    return _at(day - timedelta(days=schedule.days_ahead), schedule.release_time, zone)


def _days(
    hall: Hall,
    category: QueueCategory,
    schedule: SlotSchedule | None,
    date_from: date,
    date_to: date,
    now: datetime,
) -> list[DayView]:
    zone = ZoneInfo(hall.timezone)
    rows = db.session.scalars(
        select(Slot)
        .where(Slot.category_id == category.id, Slot.day >= date_from, Slot.day <= date_to)
        .order_by(Slot.starts_at)
    ).all()
    by_day: dict[date, list[Slot]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    days = []
    for offset in range((date_to - date_from).days + 1):
        day = date_from + timedelta(days=offset)
        release = released_at(schedule, day, zone) if schedule else None
        released = release is not None and now >= release
        slots = [_slot_view(row, schedule, released, now, zone) for row in by_day.get(day, [])]
        days.append(DayView(day.isoformat(), released, release.isoformat() if release else None, slots))
    return days


def _slot_view(row: Slot, schedule: SlotSchedule | None, released: bool, now: datetime, zone: ZoneInfo) -> SlotView:
    remaining = 0 if row.closed else max(0, row.capacity - row.booked)
    bookable = released and remaining > 0 and schedule is not None and now < booking_closes_at(schedule, row)
    return SlotView(
        row.id,
        row.starts_at.astimezone(zone).isoformat(),
        row.ends_at.astimezone(zone).isoformat(),
        row.capacity,
        remaining,
        bookable,
    )


# --- Administration -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffSlot:
    """A slot as staff see it: its hall line, hall-time window, and bookings."""

    slot: Slot
    category: str
    starts_at: datetime
    ends_at: datetime

    def __getattr__(self, name: str) -> object:
        return getattr(self.slot, name)

    @property
    def remaining(self) -> int:
        return 0 if self.slot.closed else max(0, self.slot.capacity - self.slot.booked)


def _staff_slot(row: Slot, zone: ZoneInfo) -> StaffSlot:
    return StaffSlot(row, row.category.prefix, row.starts_at.astimezone(zone), row.ends_at.astimezone(zone))


def _scoped_hall(hall_id: int, admin: StaffRights, *roles: str) -> Hall:
    hall = db.session.get(Hall, hall_id)
    if hall is None or not admin.covers(hall_path(hall.id), *roles):
        raise NotFound()
    return hall


def day_slots(hall_id: int, day: date | None, *, viewer: StaffRights) -> list[StaffSlot]:
    """A hall's slots of one day (today by default) with their bookings, for any staff member of the hall."""
    hall = _scoped_hall(hall_id, viewer, *ROLES)
    zone = ZoneInfo(hall.timezone)
    day = day or hall_today(hall.timezone)
    rows = db.session.scalars(
        select(Slot)
        .options(selectinload(Slot.category))
        .where(Slot.hall_id == hall.id, Slot.day == day)
        .order_by(Slot.starts_at, Slot.category_id)
    ).all()
    return [_staff_slot(row, zone) for row in rows]


def adjust_slot(
    slot_id: int, *, capacity: int | None = None, closed: bool | None = None, reason: object, admin: StaffRights
) -> StaffSlot:
    """Change one slot's capacity or close (reopen) it, with a reason; a capacity never goes below ``booked``."""
    slot = db.session.get(Slot, slot_id)
    roles = (SYS_ADMIN, DEPT_ADMIN)
    if slot is None or not admin.covers(hall_path(slot.hall_id), *roles):
        raise NotFound()
    problems = Problems()
    text = staff_reason(reason, problems, "why the slot is changed")
    if capacity is None and closed is None:
        problems.add("_schema", "Give capacity, closed, or both.")
    if capacity is not None and not 0 <= capacity <= MAX_CAPACITY:
        problems.add("capacity", f"Must be a whole number from 0 to {MAX_CAPACITY}.")
    problems.raise_if_any()
    before = {"capacity": slot.capacity, "closed": slot.closed}
    values: dict[str, Any] = {"updated_at": utcnow()}
    if capacity is not None:
        values["capacity"] = capacity
    if closed is not None:
        values["closed"] = closed
    # Conditional, like a booking: a booking that lands meanwhile is counted, never squeezed out.
    statement = update(Slot).where(Slot.id == slot.id)
    if capacity is not None:
        statement = statement.where(Slot.booked <= capacity)
    changed = db.session.execute(statement.values(**values), execution_options={"synchronize_session": False})
    if changed.rowcount == 0:
        db.session.rollback()
        booked = db.session.scalar(select(Slot.booked).where(Slot.id == slot_id))
        raise CapacityBelowBooked(details={"booked": booked, "capacity": capacity})
    db.session.refresh(slot)
    after = {"capacity": slot.capacity, "closed": slot.closed}
    role = next(role for role in roles if admin.covers(hall_path(slot.hall_id), role))
    audit.record(
        "slot.adjust",
        admin.actor(role),
        object_type="slot",
        object_id=slot.id,
        details={"before": before, "after": after, "reason": text, "hall_id": slot.hall_id, "day": str(slot.day)},
    )
    db.session.commit()
    if slot.capacity > before["capacity"] or (before["closed"] and not slot.closed):
        place_returned(slot.id)
    hall = db.session.get(Hall, slot.hall_id)
    return _staff_slot(slot, ZoneInfo(hall.timezone))


def clean_schedule(entry: object) -> dict[str, Any]:
    """A schedule body: every field optional, a field left out takes its default."""
    problems = Problems()
    read = Reader(entry, problems, known=SCHEDULE_FIELDS)
    cleaned: dict[str, Any] = {
        name: read.integer(name, low, high, default) for name, (low, high, default) in SCHEDULE_NUMBERS.items()
    }
    given = read.raw("capacity", None)  # null or left out: as many as windows serve the line
    cleaned["capacity"] = None if given is None else read.integer("capacity", 1, MAX_CAPACITY)
    cleaned["release_time"] = read.pattern("release_time", HHMM_RE, "A time of day, HH:MM.", DEFAULT_RELEASE_TIME)
    problems.raise_if_any()
    return cleaned


def _schedule_fields(schedule: SlotSchedule) -> dict[str, Any]:
    return {name: getattr(schedule, name) for name in SCHEDULE_FIELDS}


def set_schedule(hall_id: int, prefix: str, entry: object, *, admin: StaffRights) -> SlotSchedule:
    """Create or replace the schedule of a hall line (sys_admin of the hall); missing slots follow at once."""
    hall = _scoped_hall(hall_id, admin, SYS_ADMIN)
    category = next((line for line in hall.categories if line.prefix == prefix), None)
    if category is None:
        raise NotFound()
    cleaned = clean_schedule(entry)
    schedule = db.session.scalar(select(SlotSchedule).where(SlotSchedule.category_id == category.id))
    before = _schedule_fields(schedule) if schedule else None
    if schedule is None:
        schedule = _new_schedule(category, cleaned)
        db.session.add(schedule)
    else:
        for name, value in cleaned.items():
            setattr(schedule, name, value)
        schedule.updated_at = utcnow()
    db.session.flush()
    after = _schedule_fields(schedule)
    changed = [name for name in after if before is None or before[name] != after[name]]
    audit.record(
        "slot_schedule.set",
        admin.actor(SYS_ADMIN),
        object_type="slot_schedule",
        object_id=schedule.id,
        details={
            "hall_id": hall.id,
            "category": prefix,
            "before": None if before is None else {name: before[name] for name in changed},
            "after": {name: after[name] for name in changed},
        },
    )
    jobs.after_commit(ensure_slots, hall.id)
    db.session.commit()
    return schedule
