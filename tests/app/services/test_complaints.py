"""Complaints (投诉, issue 9): about one's own visit, application or a department; the department (or for a
visit without an item, the hall) answers by a working-day deadline; the resident rates the answer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ComplaintState, InvalidInput, NotFound
from app.extensions import db
from app.models import Notification
from app.services import complaints, residents, staff
from app.services.scopes import WINDOW_STAFF, Grant, Scope, StaffRights
from tests.application_helpers import MONDAY_MORNING, make_online_item, submitted
from tests.booking_helpers import hall_time
from tests.evaluation_helpers import served
from tests.staff_helpers import create_staff

FRIDAY = hall_time(2026, 11, 27, 16, 0)


def test_a_complaint_about_an_application_goes_to_its_department_and_closes_with_the_rating(app, tree):
    make_online_item(app, tree)
    with app.app_context():
        resident = residents.new_resident("13800138000").id
        db.session.commit()
        application = submitted(resident, now=MONDAY_MORNING)
        made = complaints.submit(resident, "efficiency", " 一周了还没受理 ", application_id=application.id, now=FRIDAY)
        assert (made.department_id, made.hall_id, made.text, made.status) == (tree.department_x, None,
                                                                              "一周了还没受理", "open")  # fmt: skip
        assert made.due_on == date(2026, 12, 4)  # five working days after Friday 27 November
        department = staff.rights(create_staff(app, "handler", (WINDOW_STAFF, "department", tree.department_x)).id)
        elsewhere = StaffRights(6, (Grant(WINDOW_STAFF, Scope("department", tree.department_y)),))
        assert [row.id for row in complaints.staff_list(department).items] == [made.id]
        assert complaints.staff_list(elsewhere).total == 0
        with pytest.raises(NotFound):
            complaints.reply(elsewhere, made.id, "已处理")
        with pytest.raises(ComplaintState):
            complaints.rate_reply(resident, made.id, 3)  # not answered yet
        answered = complaints.reply(department, made.id, "已于当日受理，系统故障致延误，已整改")
        assert (answered.status, answered.replied_by_id) == ("replied", department.staff_id)
        message = db.session.scalar(select(Notification).where(Notification.template == "complaint_reply"))
        assert (message.resident_id, message.data) == (resident, {"reply": "已于当日受理，系统故障致延误，已整改"})
        with pytest.raises(ComplaintState):
            complaints.reply(department, made.id, "再答复一次")
        with pytest.raises(InvalidInput):
            complaints.rate_reply(resident, made.id, 5)
        closed = complaints.rate_reply(resident, made.id, 2)
        assert (closed.status, closed.satisfaction) == ("closed", 2)


def test_a_complaint_about_a_visit_without_an_item_goes_to_the_hall(app, tree, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000").id
        db.session.commit()
        ticket, _, _ = served(app, line, resident, item=False)
        made = complaints.submit(resident, "attitude", "窗口人员态度差", ticket_id=ticket)
        assert (made.department_id, made.hall_id) == (None, line.hall_id)
        at_hall = StaffRights(7, (Grant(WINDOW_STAFF, Scope("hall", line.hall_id)),))
        assert complaints.for_staff(at_hall, made.id).id == made.id


def test_only_ones_own_visit_or_application_and_exactly_one_subject(app, tree, line, clock):
    with app.app_context():
        holder, other = residents.new_resident("13800138000").id, residents.new_resident("13900139000").id
        db.session.commit()
        ticket, _, _ = served(app, line, holder)
        with pytest.raises(NotFound):
            complaints.submit(other, "attitude", "不满意", ticket_id=ticket)
        with pytest.raises(NotFound):
            complaints.submit(other, "other", "不满意", department_code="no-such")
        with pytest.raises(InvalidInput) as bad:
            complaints.submit(other, "mood", "", ticket_id=ticket, department_code="dx-ga")
        assert set(bad.value.details["fields"]) == {"category", "text", "ticket_id"}
        made = complaints.submit(other, "guide", "办事指南写错了材料", department_code="dx-ga")
        assert made.department_id == tree.department_x
        with pytest.raises(NotFound):
            complaints.mine(holder, made.id)
        assert complaints.list_mine(other).total == 1
