"""好差评 (issue 9): one rating per finished ticket or concluded application, real-name in the app, an
evaluator device at the counter for the ticket just finished, indicators per channel, and a 差评 opening a
work order due in working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import AlreadyRated, AssuranceRequired, Forbidden, InvalidInput, NotFound, RatingNotOpen
from app.extensions import db
from app.models import Evaluation, Ticket, WorkOrder, WorkOrderEvent
from app.services import application_steps, evaluations, residents, staff
from tests.application_helpers import CHILD_ID, grant_proxy, make_online_item, submitted
from tests.booking_helpers import QUEUE_OPEN, hall_time
from tests.evaluation_helpers import evaluator, served
from tests.staff_helpers import PHONE, create_staff, make_resident

GOOD = {"overall": 5, "attitude": 4}


def test_the_holder_rates_a_finished_ticket_once_and_the_chain_is_copied(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        ticket, window, clerk = served(app, line, resident)
        rated = evaluations.rate_ticket(resident, ticket, 4, GOOD, ["热情", "热情", "高效"], " 很好 ")
        assert (rated.channel, rated.level, rated.indicators, rated.tags, rated.comment) == (
            "onsite", 4, GOOD, ["热情", "高效"], "很好",
        )  # fmt: skip
        assert (rated.resident_id, rated.rated_by_id, rated.department_id, rated.hall_id) == (
            resident, None, tree.department_x, line.hall_id,
        )  # fmt: skip
        assert (rated.window_id, rated.staff_id, rated.device_id, rated.excluded) == (window, clerk, None, False)
        assert rated.created_at == QUEUE_OPEN
        assert db.session.scalar(select(WorkOrder)) is None  # 满意: nothing to follow up
        with pytest.raises(AlreadyRated) as again:
            evaluations.rate_ticket(resident, ticket, 1)
        assert again.value.details == {"evaluation_id": rated.id}
        with pytest.raises(AlreadyRated):  # whichever way it comes
            evaluations.rate_at_window(evaluator(app, line.hall_id), ticket, 1)
        assert [row.id for row in evaluations.mine(resident).items] == [rated.id]


def test_who_may_rate_a_ticket_and_when(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        ticket, _, _ = served(app, line, resident)
        stranger = residents.new_resident("13900139000")
        db.session.commit()
        with pytest.raises(NotFound):
            evaluations.rate_ticket(stranger.id, ticket, 5)
        unnamed = residents.new_resident("13700137000")
        db.session.commit()
        db.session.get(Ticket, ticket).resident_id = unnamed.id
        db.session.commit()
        with pytest.raises(AssuranceRequired) as refused:
            evaluations.rate_ticket(unnamed.id, ticket, 5)
        assert refused.value.details == {"required_level": 2, "level": 1}
        db.session.get(Ticket, ticket).resident_id = resident
        db.session.get(Ticket, ticket).status = "serving"
        db.session.commit()
        with pytest.raises(RatingNotOpen) as early:
            evaluations.rate_ticket(resident, ticket, 5)
        assert early.value.details == {"reason": "not_finished"}
        db.session.get(Ticket, ticket).status = "done"
        db.session.commit()
        clock.move_to(QUEUE_OPEN + timedelta(days=15, seconds=1))
        with pytest.raises(RatingNotOpen) as late:
            evaluations.rate_ticket(resident, ticket, 5)
        assert late.value.details == {"reason": "expired", "until": "2026-12-08T02:00:00+00:00"}
        clock.move_to(QUEUE_OPEN + timedelta(days=15))
        assert evaluations.rate_ticket(resident, ticket, 5).level == 5


def test_values_are_checked_per_channel_all_at_once(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        ticket, _, _ = served(app, line, resident)
        with pytest.raises(InvalidInput) as bad:
            evaluations.rate_ticket(resident, ticket, 6, {"overall": 0, "usability": 5}, ["x" * 21], "a\u0000b")
        assert bad.value.details == {
            "fields": {
                "level": ["Must be a whole number from 1 to 5."],
                "tags[0]": ["1-20 printable characters."],
                "comment": ["1-500 printable characters (new lines allowed)."],
                "indicators.usability": ["Unknown field."],
                "indicators.overall": ["Must be a whole number from 1 to 5."],
            }
        }
        with pytest.raises(InvalidInput) as many:
            evaluations.rate_ticket(resident, ticket, 3, tags=[f"t{n}" for n in range(11)])
        assert many.value.details == {"fields": {"tags": ["At most 10 tags."]}}
        assert db.session.scalar(select(Evaluation)) is None


def test_a_bad_rating_opens_a_work_order_due_in_five_working_days_over_the_weekend(app, tree, line, clock):
    clock.move_to(hall_time(2026, 11, 27, 16, 0))  # a Friday
    with app.app_context():
        resident = make_resident(app)
        ticket, _, _ = served(app, line, resident)
        rated = evaluations.rate_ticket(resident, ticket, 2, {"attitude": 1}, [], "态度差")
        order = db.session.scalar(select(WorkOrder))
        assert (order.evaluation_id, order.department_id, order.hall_id, order.status) == (
            rated.id, tree.department_x, None, "open",
        )  # fmt: skip
        assert (order.due_on, order.timezone) == (date(2026, 12, 4), "Asia/Shanghai")  # Fri + 5 working days
        opened = db.session.scalar(select(WorkOrderEvent))
        assert (opened.action, opened.to_status, opened.actor_kind, opened.details) == (
            "open", "open", "system", {"level": 2},
        )  # fmt: skip


def test_an_evaluator_device_rates_the_ticket_just_finished_in_its_hall(app, tree, line, clock):
    with app.app_context():
        ticket, window, clerk = served(app, line, None)  # an anonymous kiosk ticket: no real name needed
        pad = evaluator(app, line.hall_id)
        with pytest.raises(Forbidden):
            evaluations.rate_at_window(evaluator(app, line.hall_id, "kiosk"), ticket, 5)
        with pytest.raises(NotFound):
            evaluations.rate_at_window(evaluator(app, tree.hall_x1), ticket, 5)
        with pytest.raises(InvalidInput):
            evaluations.rate_at_window(pad, ticket, 5, {"usability": 5})  # an online indicator
        clock.move_to(QUEUE_OPEN + timedelta(minutes=10, seconds=1))
        with pytest.raises(RatingNotOpen):
            evaluations.rate_at_window(pad, ticket, 5)
        clock.move_to(QUEUE_OPEN + timedelta(minutes=10))
        rated = evaluations.rate_at_window(pad, ticket, 1, {"overall": 1})
        assert (rated.device_id, rated.resident_id, rated.window_id, rated.staff_id) == (pad.id, None, window, clerk)
        assert db.session.scalar(select(WorkOrder.evaluation_id)) == rated.id


def concluded(app, tree, applicant: int):
    """The applicant's application, accepted, handled and approved by a clerk of department X."""
    make_online_item(app, tree)
    account = create_staff(app, "handler", ("window_staff", "department", tree.department_x))
    rights = staff.rights(account.id)
    application = submitted(applicant, now=QUEUE_OPEN)
    for action in ("accept", "start_processing", "approve"):
        application_steps.transition(rights, application.id, action, {}, now=QUEUE_OPEN)
    return application, account.id


def test_the_applicant_or_a_relative_acting_rates_a_concluded_application(app, tree, clock):
    with app.app_context():
        applicant = make_resident(app)
        relative = residents.new_resident("13900139000")
        db.session.commit()
        application, _ = concluded(app, tree, applicant)
        pending = submitted(applicant, now=QUEUE_OPEN)
        with pytest.raises(RatingNotOpen) as early:
            evaluations.rate_application(applicant, pending.id, 5)
        assert early.value.details == {"reason": "not_finished"}
        with pytest.raises(NotFound):
            evaluations.rate_application(relative.id, application.id, 5)
        grant_proxy(relative.id, applicant, PHONE)
        db.session.commit()
        with pytest.raises(AssuranceRequired):  # the relative acting needs a real name of their own
            evaluations.rate_application(relative.id, application.id, 5)
        relative.id_number_index = residents.id_number_index(CHILD_ID)
        db.session.commit()
        rated = evaluations.rate_application(relative.id, application.id, 5)
        assert (rated.resident_id, rated.rated_by_id) == (applicant, relative.id)
        assert [row.id for row in evaluations.mine(applicant).items] == [rated.id]
        assert [row.id for row in evaluations.mine(relative.id).items] == [rated.id]


def test_an_application_rating_names_the_department_and_the_deciding_clerk(app, tree, clock):
    with app.app_context():
        applicant = make_resident(app)
        application, clerk = concluded(app, tree, applicant)
        with pytest.raises(InvalidInput):
            evaluations.rate_application(applicant, application.id, 5, {"attitude": 5})  # an on-site indicator
        indicators = {"overall": 2, "efficiency": 1, "guide_accuracy": 3, "convenience": 2, "usability": 2}
        rated = evaluations.rate_application(applicant, application.id, 2, indicators)
        assert (rated.channel, rated.application_id, rated.ticket_id, rated.department_id, rated.staff_id) == (
            "online", application.id, None, tree.department_x, clerk,
        )  # fmt: skip
        assert rated.indicators == indicators
        assert db.session.scalar(select(WorkOrder.department_id)) == tree.department_x
        with pytest.raises(AlreadyRated):
            evaluations.rate_application(applicant, application.id, 5)
