"""Supervisor statistics against a small world whose every figure is computed by hand below.

Hall-local times (Asia/Shanghai, +08:00). Hall X1 (department X's district), hall Y1 (department Y's).

Tickets on Monday 2026-11-23:
  X1, item ITEM-X, window X1-01: T1 queued 09:00 called 09:10 finished 09:20 done      wait 10, service 10
                                  T2 queued 09:00 called 09:30 finished 09:45 done      wait 30, service 15
                                  T3 queued 09:05 called 09:25 finished 09:30 no_show   wait 20
                                  T4 queued 09:10 cancelled 09:20 (never called)
  Y1, window Y1-01:               T5 ITEM-Y queued 10:00 called 10:07 finished 10:19 done   wait 7, service 12
                                  T6 no item queued 10:00 called 10:01 finished 10:02 done wait 1, service 1
Applications (promised 3 working days, accepted on Monday 11-16; the count starts on Tuesday 11-17):
  A1 ITEM-X submitted 11-16, approved 11-18: on time        A2 ITEM-X submitted 11-16, approved 11-23: late
  A3 ITEM-X submitted 11-20, in process                     A4 ITEM-X submitted 11-20, withdrawn 11-20
  A5 ITEM-Y submitted, accepted and approved 11-17: on time
Ratings on 11-23: E1 T1 level 5; E2 T2 level 3; E3 A1 level 2 (work order closed); E4 A2 level 1 (work order
open); E5 T5 level 1, appeal upheld (excluded); E6 T6 level 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from app.errors import Forbidden, InvalidInput
from app.extensions import db
from app.models.application import Application, ApplicationEvent
from app.models.catalog import QueueCategory, ServiceItem, Window
from app.models.feedback import Evaluation, WorkOrder
from app.models.queue import Ticket
from app.services import statistics
from app.services.scopes import StaffRights, grant
from app.services.statistics import ApplicationStats, RatingStats, TicketStats
from tests.catalog_helpers import Tree
from tests.staff_helpers import make_resident

CST = timezone(timedelta(hours=8))
DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=CST)
SINCE = date(2026, 11, 16)


def at(day: int, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime(2026, 11, day, hour, minute, tzinfo=CST)


@dataclass(frozen=True)
class World:
    tree: Tree
    window_x: int
    window_y: int


def _ticket(hall: int, category: int, window: int, number: int, item: int | None, status: str, queued: str,
            called: str | None, finished: str) -> Ticket:  # fmt: skip
    ticket = Ticket(
        hall_id=hall, category_id=category, issued_in_id=category, day=DAY, number=number, label=f"A{number:03}",
        source="kiosk", status=status, item_id=item, window_id=window if called else None,
        queued_at=at(23, queued), called_at=at(23, called) if called else None, finished_at=at(23, finished),
    )  # fmt: skip
    db.session.add(ticket)
    return ticket


def _application(resident: int, item: ServiceItem, status: str, days: list[tuple[datetime, str, str]]) -> Application:
    """An application whose steps are (at, action, clock effect), the first being the submission."""
    application = Application(
        region_code="330102", resident_id=resident, created_by_id=resident, item_id=item.id, item_code=item.code,
        department_id=item.department_id, status=status, form_enc="", processing_type="promised", promised_days=3,
        legal_days=0, timezone="Asia/Shanghai", submitted_at=days[0][0],
    )  # fmt: skip
    db.session.add(application)
    db.session.flush()
    for moment, action, effect in days:
        db.session.add(
            ApplicationEvent(application_id=application.id, at=moment, action=action, from_status="-",
                             to_status="-", clock=effect, actor_kind="staff")
        )  # fmt: skip
        if action == "accept":
            application.accepted_at = moment
        if effect == "stop":
            application.concluded_at = moment
    return application


def _rating(level: int, *, ticket: Ticket | None = None, application: Application | None = None,
            department: int | None, order: str | None = None, excluded: bool = False) -> None:  # fmt: skip
    rating = Evaluation(
        ticket_id=ticket.id if ticket else None, application_id=application.id if application else None,
        channel="onsite" if ticket else "online", level=level, department_id=department,
        hall_id=ticket.hall_id if ticket else None, window_id=ticket.window_id if ticket else None,
        created_at=at(23, "11:00"), excluded=excluded, appeal="upheld" if excluded else None,
    )  # fmt: skip
    db.session.add(rating)
    db.session.flush()
    if order is not None:
        db.session.add(
            WorkOrder(evaluation_id=rating.id, department_id=department, status=order, timezone="Asia/Shanghai",
                      due_on=date(2026, 11, 30), created_at=rating.created_at)
        )  # fmt: skip


def build_world(app, tree: Tree) -> World:
    resident = make_resident(app)
    with app.app_context():
        item_x = ServiceItem(code="ITEM-X", state="published", name="社保卡", department_id=tree.department_x,
                             audience="personal", processing_type="promised")  # fmt: skip
        item_y = ServiceItem(code="ITEM-Y", state="published", name="就业登记", department_id=tree.department_y,
                             audience="personal", processing_type="promised")  # fmt: skip
        line_x = QueueCategory(hall_id=tree.hall_x1, prefix="A", name="社保")
        line_y = QueueCategory(hall_id=tree.hall_y1, prefix="A", name="人社")
        window_x = Window(hall_id=tree.hall_x1, number="01")
        window_y = Window(hall_id=tree.hall_y1, number="01")
        db.session.add_all([item_x, item_y, line_x, line_y, window_x, window_y])
        db.session.flush()
        x, y = (tree.hall_x1, line_x.id, window_x.id), (tree.hall_y1, line_y.id, window_y.id)
        t1 = _ticket(*x, 1, item_x.id, "done", "09:00", "09:10", "09:20")
        t2 = _ticket(*x, 2, item_x.id, "done", "09:00", "09:30", "09:45")
        _ticket(*x, 3, item_x.id, "no_show", "09:05", "09:25", "09:30")
        _ticket(*x, 4, item_x.id, "cancelled", "09:10", None, "09:20")
        t5 = _ticket(*y, 5, item_y.id, "done", "10:00", "10:07", "10:19")
        t6 = _ticket(*y, 6, None, "done", "10:00", "10:01", "10:02")
        db.session.flush()

        accepted = (at(16, "10:00"), "accept", "start")
        on_time = [(at(16, "09:00"), "submit", "none"), accepted, (at(18, "15:00"), "approve", "stop")]
        late = [(at(16, "09:30"), "submit", "none"), accepted, (at(23, "15:00"), "approve", "stop")]
        a1 = _application(resident, item_x, "approved", on_time)
        a2 = _application(resident, item_x, "approved", late)
        _application(resident, item_x, "in_process", [(at(20, "09:00"), "submit", "none")])
        _application(resident, item_x, "withdrawn",
                     [(at(20, "09:00"), "submit", "none"), (at(20, "09:30"), "withdraw", "stop")])  # fmt: skip
        _application(resident, item_y, "approved",
                     [(at(17, "09:00"), "submit", "none"), (at(17, "09:10"), "accept", "start"),
                      (at(17, "16:00"), "approve", "stop")])  # fmt: skip

        _rating(5, ticket=t1, department=tree.department_x)
        _rating(3, ticket=t2, department=tree.department_x)
        _rating(2, application=a1, department=tree.department_x, order="closed")
        _rating(1, application=a2, department=tree.department_x, order="open")
        _rating(1, ticket=t5, department=tree.department_y, order="appeal_upheld", excluded=True)
        _rating(4, ticket=t6, department=None)
        db.session.commit()
        return World(tree, window_x.id, window_y.id)


@pytest.fixture
def world(app, tree) -> World:
    return build_world(app, tree)


def rights(*roles: tuple[str, str, int | None]) -> StaffRights:
    return StaffRights(1, tuple(grant(*role) for role in roles))


CITY_SUPERVISOR = ("supervisor", "all", None)


def run(app, by: str, staff: StaffRights | None = None, **kwargs: object) -> statistics.Report:
    with app.app_context():
        return statistics.report(staff or rights(CITY_SUPERVISOR), by=by, date_from=SINCE, date_to=DAY, now=NOW,
                                 **kwargs)  # fmt: skip


def by_key(report: statistics.Report) -> dict[str, statistics.Row]:
    return {row.key: row for row in report.rows}


NO_TICKETS = TicketStats(0, 0, 0, None, None, None)
NO_RATINGS = RatingStats(0, 0, None, 0, 0, None)


class TestFigures:
    def test_by_department(self, app, world):
        rows = by_key(run(app, "department"))
        x, y = str(world.tree.department_x), str(world.tree.department_y)
        assert rows.keys() == {x, y}  # T6 has no item and E6 no department: in no department row
        assert rows[x].label == "东区公安分局"
        # Waits 10, 30, 20: average 20, p90 = 3rd of 3 sorted = 30; service 10 and 15.
        assert rows[x].tickets == TicketStats(4, 2, 1, 20.0, 30.0, 12.5)
        # Submitted A1-A4; concluded A1, A2 (a withdrawal is no conclusion); on time A1.
        assert rows[x].applications == ApplicationStats(4, 2, 1, 0.5)
        # E1 5, E2 3, E3 2, E4 1: satisfied 2 of 4; bad E3 (closed) and E4 (open).
        assert rows[x].ratings == RatingStats(4, 2, 0.5, 2, 1, 0.5)
        assert rows[y].tickets == TicketStats(1, 1, 0, 7.0, 7.0, 12.0)
        assert rows[y].applications == ApplicationStats(1, 1, 1, 1.0)
        assert rows[y].ratings == NO_RATINGS  # E5 was excluded by an upheld appeal

    def test_by_hall(self, app, world):
        rows = by_key(run(app, "hall"))
        x, y = str(world.tree.hall_x1), str(world.tree.hall_y1)
        assert rows.keys() == {x, y}
        assert rows[x].tickets == TicketStats(4, 2, 1, 20.0, 30.0, 12.5)
        assert rows[x].applications is None  # applications belong to no hall
        assert rows[x].ratings == RatingStats(2, 2, 1.0, 0, 0, None)  # E3, E4 are online
        # Waits 7 and 1: average 4, p90 = 2nd of 2 = 7; service 12 and 1.
        assert rows[y].tickets == TicketStats(2, 2, 0, 4.0, 7.0, 6.5)
        assert rows[y].ratings == RatingStats(1, 1, 1.0, 0, 0, None)

    def test_by_window(self, app, world):
        rows = run(app, "window").rows
        assert [(row.key, row.label) for row in rows] == [
            (str(world.window_x), "hx1 01号窗口"),
            (str(world.window_y), "hy1 01号窗口"),
        ]
        window_x = by_key(run(app, "window"))[str(world.window_x)]
        # T4 was never called, so it has no window.
        assert window_x.tickets == TicketStats(3, 2, 1, 20.0, 30.0, 12.5)

    def test_by_item(self, app, world):
        rows = run(app, "item").rows
        assert [row.label for row in rows] == ["ITEM-X 社保卡", "ITEM-Y 就业登记"]
        assert rows[0].ratings == RatingStats(4, 2, 0.5, 2, 1, 0.5)  # ratings follow the ticket's or application's item
        assert rows[1].applications == ApplicationStats(1, 1, 1, 1.0)

    def test_by_day_counts_each_event_on_its_own_day(self, app, world):
        rows = by_key(run(app, "day"))
        assert list(rows) == ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20", "2026-11-23"]
        assert rows["2026-11-16"].applications == ApplicationStats(2, 0, 0, None)  # A1, A2 submitted
        assert rows["2026-11-17"].applications == ApplicationStats(1, 1, 1, 1.0)  # A5
        assert rows["2026-11-18"].applications == ApplicationStats(0, 1, 1, 1.0)  # A1 concluded
        assert rows["2026-11-20"].applications == ApplicationStats(2, 0, 0, None)  # A3, A4
        assert rows["2026-11-23"].applications == ApplicationStats(0, 1, 0, 0.0)  # A2, late
        # All six tickets: waits 10, 30, 20, 7, 1 -> average 13.6, p90 = 5th of 5 = 30; service 10, 15, 12, 1.
        assert rows["2026-11-23"].tickets == TicketStats(6, 4, 1, 13.6, 30.0, 9.5)
        assert rows["2026-11-23"].ratings == RatingStats(5, 3, 0.6, 2, 1, 0.5)  # E1-E4, E6
        assert rows["2026-11-16"].tickets == NO_TICKETS

    def test_a_range_leaves_out_what_falls_outside(self, app, world):
        with app.app_context():
            report = statistics.report(rights(CITY_SUPERVISOR), by="day", date_from=date(2026, 11, 17),
                                       date_to=date(2026, 11, 18), now=NOW)  # fmt: skip
        assert [(row.key, row.applications) for row in report.rows] == [
            ("2026-11-17", ApplicationStats(1, 1, 1, 1.0)),
            ("2026-11-18", ApplicationStats(0, 1, 1, 1.0)),
        ]


class TestPercentile:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [([], None), ([5.0], 5.0), (list(range(1, 11)), 9), (list(range(20, 0, -1)), 18), ([1.0, 2.0], 2.0)],
    )
    def test_nearest_rank(self, values, expected):
        assert statistics.p90([float(v) for v in values]) == expected


class TestScopeAndInput:
    def test_a_department_supervisor_sees_only_its_department(self, app, world):
        staff = rights(("supervisor", "department", world.tree.department_x))
        rows = run(app, "department", staff).rows
        assert [row.key for row in rows] == [str(world.tree.department_x)]
        # By hall: the department's tickets and on-site ratings in hall X1, none of hall Y1's.
        hall_rows = run(app, "hall", staff).rows
        assert [(row.key, row.tickets.issued, row.ratings.count) for row in hall_rows] == [
            (str(world.tree.hall_x1), 4, 2)
        ]

    def test_a_hall_supervisor_sees_the_hall_whatever_the_department(self, app, world):
        staff = rights(("dept_admin", "hall", world.tree.hall_y1))
        rows = by_key(run(app, "department", staff))
        assert rows.keys() == {str(world.tree.department_y)}  # T6 and E6 have no department
        assert rows[str(world.tree.department_y)].applications == ApplicationStats(0, 0, 0, None)

    def test_window_staff_are_refused(self, app, world):
        with pytest.raises(Forbidden):
            run(app, "hall", rights(("window_staff", "all", None)))

    @pytest.mark.parametrize(
        ("by", "date_from", "date_to", "field"),
        [
            ("staff", SINCE, DAY, "by"),
            ("day", date(2025, 11, 22), DAY, "to"),  # 367 days
            ("day", DAY, SINCE, "to"),
        ],
    )
    def test_bad_input(self, app, world, by, date_from, date_to, field):
        with app.app_context(), pytest.raises(InvalidInput) as raised:
            statistics.report(rights(CITY_SUPERVISOR), by=by, date_from=date_from, date_to=date_to, now=NOW)
        assert list(raised.value.details["fields"]) == [field]

    def test_366_days_and_the_default_range(self, app, world):
        with app.app_context():
            full = statistics.report(rights(CITY_SUPERVISOR), by="day", date_from=date(2025, 11, 23), date_to=DAY)
            default = statistics.report(rights(CITY_SUPERVISOR), by="day", now=NOW)
        assert (full.date_from, full.date_to) == (date(2025, 11, 23), DAY)
        assert (default.date_from, default.date_to) == (date(2026, 10, 26), date(2026, 11, 24))


class TestCsv:
    def test_lines(self, app, world):
        lines = statistics.csv_text(run(app, "item")).splitlines(keepends=True)
        assert lines[0].startswith("\ufeffkey,label,tickets_issued,")
        assert lines[0].endswith(",bad_closure_rate\r\n")
        assert lines[1:] == [
            "ITEM-X,ITEM-X 社保卡,4,2,1,20.0,30.0,12.5,4,2,1,0.5,4,2,0.5,2,1,0.5\r\n",
            "ITEM-Y,ITEM-Y 就业登记,1,1,0,7.0,7.0,12.0,1,1,1,1.0,0,0,,0,0,\r\n",
        ]

    def test_hall_rows_leave_application_cells_empty_and_quote_formulas(self, app, world):
        with app.app_context():
            db.session.get(Window, world.window_x).hall.name = "=HYPERLINK()"
            db.session.commit()
        lines = statistics.csv_text(run(app, "hall")).splitlines(keepends=True)
        assert f"{world.tree.hall_x1},'=HYPERLINK(),4,2,1,20.0,30.0,12.5,,,,,2,2,1.0,0,0,\r\n" in lines
