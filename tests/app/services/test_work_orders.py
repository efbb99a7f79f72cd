"""The 差评 work order (issue 9): verify, rectify or explain, reply (the resident is told and asked), the
resident's 回访 closes it; the department's appeal and the supervisor's decision; scope; overdue."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import Forbidden, InvalidInput, NotFound, WorkOrderState
from app.extensions import db
from app.models import Evaluation, Notification, WorkOrder, WorkOrderEvent
from app.services import evaluations, residents, staff, work_orders
from tests.booking_helpers import Line, hall_time
from tests.evaluation_helpers import evaluator, served
from tests.staff_helpers import create_staff, make_resident


def bad_rating(app, line: Line, resident_id: int | None = None) -> int:
    """A 差评 of a finished ticket (of department X's ITEM-1 when the resident is known, else of line A only,
    rated at the window); its work order's id."""
    ticket, _, _ = served(app, line, resident_id, item=resident_id is not None)
    if resident_id is None:
        rated = evaluations.rate_at_window(evaluator(app, line.hall_id), ticket, 1)
    else:
        rated = evaluations.rate_ticket(resident_id, ticket, 2, {"attitude": 1}, [], "等了很久")
    return rated.work_order.id


def rights(app, username: str, *role: tuple[str, str, int | None]):
    return staff.rights(create_staff(app, username, *role).id)


def test_the_whole_loop_closes_with_the_residents_revisit(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        order_id = bad_rating(app, line, resident)
        clerk = rights(app, "handler", ("window_staff", "department", tree.department_x))
        with pytest.raises(WorkOrderState) as early:
            work_orders.reply(clerk, order_id, "已处理")
        assert early.value.details == {"status": "open", "allowed": ["verify", "appeal"]}
        with pytest.raises(InvalidInput) as empty:
            work_orders.verify(clerk, order_id, "  ")
        assert empty.value.details == {"fields": {"text": ["1-500 printable characters (new lines allowed)."]}}
        assert work_orders.verify(clerk, order_id, "窗口人员离岗二十分钟属实").status == "verified"
        assert work_orders.rectify(clerk, order_id, "已批评教育并调整排班").status == "rectified"
        with pytest.raises(NotFound):  # only the resident who rated revisits
            work_orders.revisit(residents.new_resident("13900139000").id, order_id, 3)
        with pytest.raises(WorkOrderState):  # not before the reply
            work_orders.revisit(resident, order_id, 3)
        clock.move_to(hall_time(2026, 11, 24, 9, 30))
        replied = work_orders.reply(clerk, order_id, "已调整排班，感谢监督")
        assert (replied.status, replied.reply, replied.replied_at) == (
            "replied", "已调整排班，感谢监督", hall_time(2026, 11, 24, 9, 30),
        )  # fmt: skip
        message = db.session.scalar(select(Notification).where(Notification.template == "rating_reply"))
        assert (message.resident_id, message.data, message.link) == (
            resident, {"item": "社保卡", "reply": "已调整排班，感谢监督"}, f"pages/rating/index?work_order={order_id}",
        )  # fmt: skip
        with pytest.raises(InvalidInput):
            work_orders.revisit(resident, order_id, 4)
        closed = work_orders.revisit(resident, order_id, 2)
        assert (closed.status, closed.revisit_level, closed.handling) == ("closed", 2, "rectify")
        steps = db.session.execute(
            select(
                WorkOrderEvent.action, WorkOrderEvent.from_status, WorkOrderEvent.to_status, WorkOrderEvent.actor_kind
            )
            .where(WorkOrderEvent.work_order_id == order_id)
            .order_by(WorkOrderEvent.id)
        ).all()
        assert [tuple(step) for step in steps] == [
            ("open", None, "open", "system"),
            ("verify", "open", "verified", "staff"),
            ("rectify", "verified", "rectified", "staff"),
            ("reply", "rectified", "replied", "staff"),
            ("revisit", "replied", "closed", "resident"),
        ]


def test_an_anonymous_ticket_is_closed_by_the_explained_reply(app, tree, line, clock):
    with app.app_context():
        order_id = bad_rating(app, line)
        clerk = rights(app, "handler", ("window_staff", "hall", line.hall_id))  # no department: the hall answers
        work_orders.verify(clerk, order_id, "调阅录像核实")
        assert work_orders.explain(clerk, order_id, "材料不全无法当场办结，已一次性告知").handling == "explain"
        order = work_orders.for_staff(clerk, order_id)
        assert (order.department_id, order.hall_id, order.evaluation.department_id) == (None, line.hall_id, None)
        closed = work_orders.reply(clerk, order_id, "已向窗口说明情况")
        assert (closed.status, closed.closed_at) == ("closed", hall_time(2026, 11, 23, 10, 0))
        assert db.session.scalar(select(Notification).where(Notification.template == "rating_reply")) is None


def test_staff_out_of_scope_see_nothing(app, tree, line, clock):
    with app.app_context():
        order_id = bad_rating(app, line, make_resident(app))
        elsewhere = rights(app, "other", ("dept_admin", "department", tree.department_y))
        with pytest.raises(NotFound):
            work_orders.for_staff(elsewhere, order_id)
        with pytest.raises(NotFound):
            work_orders.verify(elsewhere, order_id, "核实")
        assert work_orders.staff_list(elsewhere).total == 0
        mine = rights(app, "mine", ("window_staff", "department", tree.department_x))
        assert [row.id for row in work_orders.staff_list(mine, status="open").items] == [order_id]
        assert work_orders.staff_list(mine, status="closed").total == 0


def test_an_upheld_appeal_excludes_the_rating_and_keeps_it(app, tree, line, clock):
    with app.app_context():
        order_id = bad_rating(app, line, make_resident(app))
        clerk = rights(app, "handler", ("window_staff", "department", tree.department_x))
        head = rights(app, "head", ("dept_admin", "department", tree.department_x))
        supervisor = rights(app, "watch", ("supervisor", "region", tree.district_x))
        with pytest.raises(Forbidden):  # the department's admin appeals
            work_orders.appeal(clerk, order_id, "恶意差评")
        work_orders.verify(clerk, order_id, "核实")
        with pytest.raises(Forbidden):  # a supervisor decides, not the department
            work_orders.decide(head, order_id, True, "同意")
        appealed = work_orders.appeal(head, order_id, "该居民当日未到窗口办理")
        assert (appealed.status, appealed.resumes_at, appealed.evaluation.appeal) == ("appealed", "verified", "pending")
        with pytest.raises(WorkOrderState):
            work_orders.rectify(clerk, order_id, "整改")
        upheld = work_orders.decide(supervisor, order_id, True, "经核实系误评")
        assert (upheld.status, upheld.appeal_decision, upheld.appeal_note) == (
            "appeal_upheld",
            "upheld",
            "经核实系误评",
        )
        evaluation = db.session.get(Evaluation, upheld.evaluation_id)
        assert (evaluation.excluded, evaluation.appeal, evaluation.level) == (True, "upheld", 2)
        assert work_orders.allowed(upheld) == []


def test_a_rejected_appeal_resumes_and_is_not_repeated(app, tree, line, clock):
    with app.app_context():
        order_id = bad_rating(app, line, make_resident(app))
        head = rights(app, "head", ("dept_admin", "department", tree.department_x))
        supervisor = rights(app, "watch", ("supervisor", "all", None))
        work_orders.appeal(head, order_id, "评价与事实不符")
        rejected = work_orders.decide(supervisor, order_id, False, "证据不足")
        assert (rejected.status, rejected.evaluation.appeal, rejected.evaluation.excluded) == (
            "open",
            "rejected",
            False,
        )
        with pytest.raises(WorkOrderState) as again:
            work_orders.appeal(head, order_id, "再次申诉")
        assert again.value.details == {"status": "open", "allowed": ["verify"]}


def test_overdue_lists_the_replies_owed_past_their_due_day(app, tree, line, clock):
    with app.app_context():
        late = bad_rating(app, line, make_resident(app))  # Monday 2026-11-23: due Monday 2026-11-30
        assert work_orders.for_staff(rights(app, "auditor", ("sys_admin", "all", None)), late).due_on == date(
            2026, 11, 30
        )
        assert work_orders.overdue(hall_time(2026, 11, 30, 23, 59)) == []
        assert [order.id for order in work_orders.overdue(hall_time(2026, 12, 1, 0, 0))] == [late]
        clerk = rights(app, "handler", ("window_staff", "department", tree.department_x))
        work_orders.verify(clerk, late, "核实")
        work_orders.explain(clerk, late, "说明")
        work_orders.reply(clerk, late, "答复")
        assert work_orders.overdue(hall_time(2026, 12, 1, 0, 0)) == []


def test_a_reply_due_in_a_year_without_holidays_yet_counts_monday_to_friday(app, tree, line, clock):
    """A 差评 on Monday 28 December 2026: five working days reach into 2027, which chinese-calendar does not know."""
    clock.move_to(hall_time(2026, 12, 28, 10, 0))
    with app.app_context():
        order_id = bad_rating(app, line, make_resident(app))
        assert db.session.get(WorkOrder, order_id).due_on == date(2027, 1, 4)
