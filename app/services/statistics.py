"""Supervisor statistics (统计): numbers read straight from the rows the queue, applications and ratings write.

No table of its own: every figure is a query over tickets, applications and evaluations, so it can never
disagree with the records a supervisor follows back along the chain. Each source row is attributed to one
group (department, hall, window, item or day) and counted there; a row that has no value for the grouping
(a ticket without an item when grouping by department or item, an online rating when grouping by hall or
window) is left out of that grouping. Applications belong to no hall: grouped by hall or window their
figures are None.

Averages and the p90 are computed in Python over the rows, which keeps one code path on SQLite and
PostgreSQL and is cheap at district scale (tens of thousands of rows a month). The p90 uses the
nearest-rank method: the value at position ceil(0.9 × n) of the sorted list. Rates are None when the
denominator is 0.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import or_, select

from app.calendar import hall_today
from app.errors import Forbidden
from app.extensions import db
from app.models.application import Application
from app.models.base import utcnow
from app.models.catalog import Department, Hall, ServiceItem, Window
from app.models.feedback import Evaluation, WorkOrder
from app.models.queue import Ticket
from app.services import application_lifecycle as lifecycle
from app.services import application_steps, csv_export
from app.services.checks import Problems, check_date_range
from app.services.scopes import DEPT_ADMIN, SUPERVISOR, SYS_ADMIN, RowScope, StaffRights, row_scope

DEPARTMENT, HALL, WINDOW, ITEM, DAY = "department", "hall", "window", "item", "day"
GROUPINGS = (DEPARTMENT, HALL, WINDOW, ITEM, DAY)
STATS_ROLES = (SUPERVISOR, DEPT_ADMIN, SYS_ADMIN)
MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 30
SATISFIED_FROM = 3  # 非常满意 + 满意 + 基本满意: the national satisfaction rate
BAD_UP_TO = 2  # 不满意 + 非常不满意: 差评
_SLACK = timedelta(days=1)  # widens UTC bounds so every timezone's hall dates are inside them


@dataclass(frozen=True)
class Keys:
    """Where one source row belongs, by each grouping (None: it does not belong to that grouping)."""

    department: int | None
    hall: int | None
    window: int | None
    item: str | None
    day: date


@dataclass(frozen=True)
class TicketStats:
    issued: int
    served: int  # status done
    no_show: int
    avg_wait_minutes: float | None  # called_at - queued_at, over called tickets
    p90_wait_minutes: float | None
    avg_service_minutes: float | None  # finished_at - called_at, over done tickets


@dataclass(frozen=True)
class ApplicationStats:
    submitted: int
    concluded: int
    on_time: int
    on_time_rate: float | None


@dataclass(frozen=True)
class RatingStats:
    count: int  # ratings not excluded by an upheld appeal
    satisfied: int  # level >= 3
    satisfaction_rate: float | None
    bad: int  # level <= 2 (差评)
    bad_closed: int  # 差评 whose work order is closed (the resident's 回访 done)
    bad_closure_rate: float | None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    tickets: TicketStats
    applications: ApplicationStats | None  # None when grouping by hall or window
    ratings: RatingStats


@dataclass(frozen=True)
class Report:
    by: str
    date_from: date
    date_to: date
    rows: list[Row] = field(default_factory=list)


# --- Arithmetic -------------------------------------------------------------------------------------


def _minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def _average(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def p90(values: list[float]) -> float | None:
    """Nearest rank: the value at position ceil(0.9 × n) (1-based) of the sorted values."""
    if not values:
        return None
    return round(sorted(values)[math.ceil(0.9 * len(values)) - 1], 2)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# --- Range and scope --------------------------------------------------------------------------------


def _range(date_from: date | None, date_to: date | None, now: datetime) -> tuple[date, date]:
    """[date_from, date_to], by default the last 30 days up to today (``TIMEZONE``); at most 366 days."""
    date_to = date_to or hall_today(current_app.config["TIMEZONE"], now)
    date_from = date_from or date_to - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    check_date_range(date_from, date_to, MAX_RANGE_DAYS)
    return date_from, date_to


def _utc_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = datetime.combine(date_from, time.min, UTC) - _SLACK
    return start, datetime.combine(date_to + timedelta(days=1), time.min, UTC) + _SLACK


def _local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def _scope(staff: StaffRights) -> RowScope:
    if not staff.holds(*STATS_ROLES):
        raise Forbidden()
    return row_scope(staff, *STATS_ROLES)


# --- Reading the rows -------------------------------------------------------------------------------


def _tickets(scope: RowScope, date_from: date, date_to: date) -> list[tuple[Keys, Ticket]]:
    rows = db.session.execute(
        select(Ticket, ServiceItem.department_id, ServiceItem.code)
        .outerjoin(ServiceItem, ServiceItem.id == Ticket.item_id)
        .where(Ticket.day >= date_from, Ticket.day <= date_to, scope.where(Ticket.hall_id, ServiceItem.department_id))
    ).all()
    return [(Keys(department, ticket.hall_id, ticket.window_id, code, ticket.day), ticket)
            for ticket, department, code in rows]  # fmt: skip


def _applications(scope: RowScope, date_from: date, date_to: date) -> list[Application]:
    start, end = _utc_bounds(date_from, date_to)
    return list(
        db.session.scalars(
            select(Application).where(
                Application.department_id.in_(scope.departments),
                or_(Application.submitted_at.between(start, end), Application.concluded_at.between(start, end)),
            )
        )
    )


def _ratings(scope: RowScope, date_from: date, date_to: date) -> list[tuple[Keys, Evaluation, str | None]]:
    """Ratings not excluded, with where they belong and their work order's status."""
    start, end = _utc_bounds(date_from, date_to)
    rows = db.session.execute(
        select(
            Evaluation, Hall.timezone, Application.timezone, Application.item_code, ServiceItem.code, WorkOrder.status
        )
        .outerjoin(Hall, Hall.id == Evaluation.hall_id)
        .outerjoin(Application, Application.id == Evaluation.application_id)
        .outerjoin(Ticket, Ticket.id == Evaluation.ticket_id)
        .outerjoin(ServiceItem, ServiceItem.id == Ticket.item_id)
        .outerjoin(WorkOrder, WorkOrder.evaluation_id == Evaluation.id)
        .where(
            Evaluation.excluded.is_(False),
            Evaluation.created_at.between(start, end),
            scope.where(Evaluation.hall_id, Evaluation.department_id),
        )
    ).all()
    found = []
    for rating, hall_zone, application_zone, application_item, ticket_item, order_status in rows:
        day = _local_day(rating.created_at, hall_zone or application_zone or current_app.config["TIMEZONE"])
        if date_from <= day <= date_to:
            keys = Keys(rating.department_id, rating.hall_id, rating.window_id, application_item or ticket_item, day)
            found.append((keys, rating, order_status))
    return found


# --- Figures ----------------------------------------------------------------------------------------


def _ticket_stats(tickets: list[Ticket]) -> TicketStats:
    waits = [_minutes(t.queued_at, t.called_at) for t in tickets if t.called_at is not None]
    done = [t for t in tickets if t.status == "done" and t.called_at is not None and t.finished_at is not None]
    return TicketStats(
        issued=len(tickets),
        served=sum(t.status == "done" for t in tickets),
        no_show=sum(t.status == "no_show" for t in tickets),
        avg_wait_minutes=_average(waits),
        p90_wait_minutes=p90(waits),
        avg_service_minutes=_average([_minutes(t.called_at, t.finished_at) for t in done]),
    )


def _application_stats(submitted: int, on_time: list[bool]) -> ApplicationStats:
    return ApplicationStats(submitted, len(on_time), sum(on_time), _rate(sum(on_time), len(on_time)))


def _rating_stats(ratings: list[tuple[Evaluation, str | None]]) -> RatingStats:
    satisfied = sum(rating.level >= SATISFIED_FROM for rating, _ in ratings)
    bad = [status for rating, status in ratings if rating.level <= BAD_UP_TO]
    closed = sum(status == "closed" for status in bad)
    return RatingStats(len(ratings), satisfied, _rate(satisfied, len(ratings)), len(bad), closed,
                       _rate(closed, len(bad)))  # fmt: skip


def _key(keys: Keys, by: str) -> str | None:
    value = keys.day if by == DAY else getattr(keys, by)
    return None if value is None else str(value)


def _grouped(pairs: Iterable[tuple[Keys, object]], by: str) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for keys, value in pairs:
        key = _key(keys, by)
        if key is not None:
            groups[key].append(value)
    return groups


def report(
    staff: StaffRights, *, by: str, date_from: date | None = None, date_to: date | None = None,
    now: datetime | None = None,
) -> Report:  # fmt: skip
    """The figures of the staff member's scope, one row per department, hall, window, item or hall date.

    Supervisors, department admins and system admins see the rows of the departments and halls their roles
    cover; anyone else (window staff) gets 403. ``InvalidInput`` for an unknown ``by`` or a bad range.
    """
    now = now or utcnow()
    if by not in GROUPINGS:
        problems = Problems()
        problems.add("by", f"Must be one of: {', '.join(GROUPINGS)}.")
        problems.raise_if_any()
    date_from, date_to = _range(date_from, date_to, now)
    scope = _scope(staff)

    tickets = _grouped(_tickets(scope, date_from, date_to), by)
    ratings = _grouped(((keys, (rating, status)) for keys, rating, status in _ratings(scope, date_from, date_to)), by)
    submitted: dict[str, int] = defaultdict(int)
    on_time: dict[str, list[bool]] = defaultdict(list)
    if by not in (HALL, WINDOW):
        for application in _applications(scope, date_from, date_to):
            _count_application(application, by, date_from, date_to, now, submitted, on_time)

    labels = _labels(by, {*tickets, *ratings, *submitted, *on_time})
    rows = [
        Row(
            key=key,
            label=labels[key],
            tickets=_ticket_stats(tickets.get(key, [])),
            applications=None if by in (HALL, WINDOW) else _application_stats(submitted[key], on_time[key]),
            ratings=_rating_stats(ratings.get(key, [])),
        )
        for key in labels
    ]
    return Report(by, date_from, date_to, sorted(rows, key=lambda row: (row.label, row.key)))


def _count_application(application: Application, by: str, date_from: date, date_to: date, now: datetime,
                       submitted: dict[str, int], on_time: dict[str, list[bool]]) -> None:  # fmt: skip
    """Count a submission on its submission day and a conclusion on its conclusion day (hall-local)."""

    def key_on(moment: datetime) -> str | None:
        day = _local_day(moment, application.timezone)
        if not date_from <= day <= date_to:
            return None
        return _key(Keys(application.department_id, None, None, application.item_code, day), by)

    if application.submitted_at is not None and (key := key_on(application.submitted_at)) is not None:
        submitted[key] += 1
    # A resident's withdrawal stops the clock too, but nothing was decided: it is no conclusion.
    if application.concluded_at is None or application.status == lifecycle.WITHDRAWN:
        return
    if (key := key_on(application.concluded_at)) is not None:
        counted = application_steps.clock(application, now)
        on_time[key].append(counted.stopped and not counted.overdue)


# --- Labels -----------------------------------------------------------------------------------------


def _labels(by: str, keys: set[str]) -> dict[str, str]:
    """What a person reads for each key: a name, a window with its hall, an item code with its name, a date."""
    if by == DAY:
        return {key: key for key in keys}
    if by == ITEM:
        names: dict[str, str] = {}
        # The published version's name wins over a draft's (published sorts after draft).
        for code, name in db.session.execute(
            select(ServiceItem.code, ServiceItem.name).where(ServiceItem.code.in_(keys)).order_by(ServiceItem.state)
        ):
            names[code] = name
        return {key: f"{key} {names[key]}" if key in names else key for key in keys}
    ids = [int(key) for key in keys]
    lookups: dict[str, Callable[[], Iterable[tuple[int, str]]]] = {
        DEPARTMENT: lambda: db.session.execute(select(Department.id, Department.name).where(Department.id.in_(ids))),
        HALL: lambda: db.session.execute(select(Hall.id, Hall.name).where(Hall.id.in_(ids))),
        WINDOW: lambda: (
            (window_id, f"{hall} {number}号窗口")
            for window_id, hall, number in db.session.execute(
                select(Window.id, Hall.name, Window.number).join(Hall).where(Window.id.in_(ids))
            )
        ),
    }
    found = {str(row_id): label for row_id, label in lookups[by]()}
    return {key: found.get(key, key) for key in keys}


# --- CSV --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "key", "label",
    "tickets_issued", "tickets_served", "tickets_no_show", "avg_wait_minutes", "p90_wait_minutes",
    "avg_service_minutes",
    "applications_submitted", "applications_concluded", "applications_on_time", "on_time_rate",
    "ratings", "ratings_satisfied", "satisfaction_rate", "ratings_bad", "ratings_bad_closed", "bad_closure_rate",
)  # fmt: skip


def _csv_values(row: Row) -> list[object]:
    t, a, r = row.tickets, row.applications, row.ratings
    applications = [None] * 4 if a is None else [a.submitted, a.concluded, a.on_time, a.on_time_rate]
    return [
        row.key, row.label,
        t.issued, t.served, t.no_show, t.avg_wait_minutes, t.p90_wait_minutes, t.avg_service_minutes,
        *applications,
        r.count, r.satisfied, r.satisfaction_rate, r.bad, r.bad_closed, r.bad_closure_rate,
    ]  # fmt: skip


def csv_text(report: Report) -> str:
    """The report as a CSV download (``csv_export``)."""
    return csv_export.csv_text(CSV_COLUMNS, map(_csv_values, report.rows))
