"""The supervision loop end to end (issue 9, "Done when"): an application nobody handles goes 预警 -> 黄牌 -> 红牌
as the clock moves, only through the sweep's ``scan``, and the alert resolves itself once the case concludes."""

from __future__ import annotations

from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.models import Alert, AlertEvent
from app.services import application_steps, supervision
from tests.application_helpers import make_online_item, submitted
from tests.booking_helpers import EVERYWHERE, hall_time
from tests.staff_helpers import make_resident


def test_an_overdue_application_goes_warning_yellow_red_then_resolves(app, tree, clock):
    assert supervision.scan in jobs.SWEEPERS
    with app.app_context():
        make_online_item(app, tree)
        monday = hall_time(2026, 11, 23, 10, 0)
        clock.move_to(monday)
        application = submitted(make_resident(app), now=monday).id
        application_steps.transition(EVERYWHERE, application, "accept", {}, now=monday)
        application_steps.transition(EVERYWHERE, application, "start_processing", {}, now=monday)
        seen = []
        for day in (24, 27, 30):
            clock.move_to(hall_time(2026, 11, day, 9, 0))
            supervision.scan()
            seen.append(db.session.scalar(select(Alert.level)))
        for when in (hall_time(2026, 12, 1, 9, 0), hall_time(2026, 12, 22, 9, 0), hall_time(2026, 12, 23, 9, 0)):
            clock.move_to(when)
            supervision.scan()
            seen.append(db.session.scalar(select(Alert.level)))
        assert seen == [None, "warning", "warning", "yellow", "red", "red"]
        application_steps.transition(EVERYWHERE, application, "approve", {})
        supervision.scan()
        alert = db.session.scalar(select(Alert))
        assert (alert.subject_id, alert.status, alert.level) == (application, "resolved", "red")
        actions = db.session.scalars(select(AlertEvent.action).order_by(AlertEvent.id)).all()
        assert actions == ["raise", "escalate", "escalate", "auto_resolve"]
