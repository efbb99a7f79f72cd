"""电子监察 alerts (issue 9): each rule at its threshold and not before, on a frozen clock; escalation on one
row; no duplicates; auto-resolve when the subject finishes; the settings; staff actions, scope and appeals."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from sqlalchemy import func, select

from app.errors import AlertState, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.models import Alert, AlertEvent, Window
from app.services import (
    application_steps,
    complaints,
    evaluations,
    staff,
    supervision,
    tickets,
    window_sessions,
    work_orders,
)
from app.services.idempotency import IdempotentRequest
from config import ConfigError, TestConfig
from tests.application_helpers import make_online_item, submitted
from tests.booking_helpers import EVERYWHERE, Line, hall_time
from tests.evaluation_helpers import served
from tests.staff_helpers import create_staff, make_resident


def rights(app, username: str, *role: tuple[str, str, int | None]):
    return staff.rights(create_staff(app, username, *role).id)


def accepted(app, tree, clock, when) -> int:
    """An application of the 5-day (legal 20) online item, submitted and accepted at ``when``; its id."""
    clock.move_to(when)
    make_online_item(app, tree)
    application = submitted(make_resident(app), now=when)
    application_steps.transition(EVERYWHERE, application.id, "accept", {}, now=when)
    return application.id


def alerts() -> list[tuple]:
    return [
        (row.rule, row.level, row.subject_type, row.subject_id, row.status, row.department_id, row.hall_id)
        for row in db.session.scalars(select(Alert).order_by(Alert.id))
    ]


def scan_at(clock, when) -> int:
    clock.move_to(when)
    return supervision.scan()


def history(alert_id: int) -> list[tuple]:
    rows = db.session.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id))
    return [(e.action, e.from_status, e.to_status, e.from_level, e.to_level, e.actor_kind) for e in rows]


def take_ticket(line: Line) -> int:
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    wanted = tickets.Wanted("kiosk", prefix="A")
    return tickets.take(line.hall_id, wanted, actor=tickets.Actor("device", 1), request=request).ticket.id


def first_window(line: Line) -> int:
    return db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id).order_by(Window.number))


# --- Each rule at its threshold ------------------------------------------------------------------------


def test_a_normal_week_warns_at_80_percent_then_escalates_the_same_alert_to_yellow_and_red(app, tree, clock):
    with app.app_context():
        application = accepted(app, tree, clock, hall_time(2026, 11, 23, 10, 0))  # Monday; due Mon 30 Nov
        assert scan_at(clock, hall_time(2026, 11, 26, 23, 59)) == 0  # 3 of 5 days used: 60%
        assert alerts() == []
        assert scan_at(clock, hall_time(2026, 11, 27, 0, 1)) == 1  # the 4th day: 80%
        assert alerts() == [
            ("application_deadline", "warning", "application", application, "open", tree.department_x, None)
        ]
        alert = db.session.scalar(select(Alert))
        assert alert.details == {"promised_due": "2026-11-30", "legal_due": "2026-12-21", "percent_used": 80.0,
                                 "days_used": 4}  # fmt: skip
        assert scan_at(clock, hall_time(2026, 11, 30, 23, 59)) == 0  # the promised day itself: 100%, not overdue
        assert scan_at(clock, hall_time(2026, 12, 1, 0, 0)) == 1  # the day after promised_due: 黄牌
        assert alerts()[0][1] == "yellow"
        assert scan_at(clock, hall_time(2026, 12, 21, 23, 59)) == 0  # the legal due day
        assert scan_at(clock, hall_time(2026, 12, 22, 0, 0)) == 1  # after legal_due: 红牌, the same row
        assert alerts() == [
            ("application_deadline", "red", "application", application, "open", tree.department_x, None)
        ]
        assert history(alert.id) == [
            ("raise", None, "open", None, "warning", "system"),
            ("escalate", "open", "open", "warning", "yellow", "system"),
            ("escalate", "open", "open", "yellow", "red", "system"),
        ]
        told = [event.details["notify"] for event in db.session.scalars(select(AlertEvent).order_by(AlertEvent.id))]
        assert told == [
            {"roles": ["window_staff"], "department_id": tree.department_x},
            {"roles": ["window_staff", "dept_admin"], "department_id": tree.department_x},
            {"roles": ["window_staff", "dept_admin", "supervisor"], "department_id": tree.department_x},
        ]


def test_over_guoqing_the_holidays_do_not_count(app, tree, clock):
    with app.app_context():
        accepted(app, tree, clock, hall_time(2026, 9, 30, 10, 0))  # Wednesday before 国庆
        assert scan_at(clock, hall_time(2026, 10, 7, 18, 0)) == 0  # 1-7 Oct are holidays: nothing used
        assert scan_at(clock, hall_time(2026, 10, 11, 12, 0)) == 0  # 8, 9, 10 (make-up Saturday): 60%
        assert scan_at(clock, hall_time(2026, 10, 12, 9, 0)) == 1  # Monday 12 Oct: 80%
        assert db.session.scalar(select(Alert)).details["promised_due"] == "2026-10-13"


def test_a_correction_not_sent_within_5_working_days_of_receipt(app, tree, clock):
    with app.app_context():
        clock.move_to(hall_time(2026, 11, 23, 10, 0))
        make_online_item(app, tree)
        application = submitted(make_resident(app), now=hall_time(2026, 11, 23, 10, 0))
        assert scan_at(clock, hall_time(2026, 11, 30, 23, 59)) == 0  # the 5th working day is not over
        assert scan_at(clock, hall_time(2026, 12, 1, 0, 0)) == 1
        assert alerts() == [("correction_not_sent", "warning", "application", application.id, "open",
                             tree.department_x, None)]  # fmt: skip
        assert db.session.scalar(select(Alert)).details["due"] == "2026-11-30"
        application_steps.transition(EVERYWHERE, application.id, "request_correction", {"items": ["身份证复印件"]})
        assert supervision.scan() == 1  # sent to 补正: the condition is gone
        assert alerts()[0][4] == "resolved"
        assert history(db.session.scalar(select(Alert.id)))[-1] == (
            "auto_resolve", "open", "resolved", "warning", "warning", "system",
        )  # fmt: skip


def test_a_ticket_waiting_60_minutes_warns_its_hall_and_resolves_when_called(app, tree, line, clock):
    with app.app_context():
        ticket = take_ticket(line)
        assert scan_at(clock, hall_time(2026, 11, 23, 10, 59)) == 0
        assert scan_at(clock, hall_time(2026, 11, 23, 11, 0)) == 1
        assert alerts() == [("ticket_wait", "warning", "ticket", ticket, "open", None, line.hall_id)]
        assert db.session.scalar(select(Alert)).details["waited_minutes"] == 60
        assert supervision.scan() == 0  # no duplicate on a repeated scan
        assert db.session.scalar(select(func.count(AlertEvent.id))) == 1
        tickets.call_next(first_window(line), staff=rights(app, "clerk", ("window_staff", "hall", line.hall_id)))
        assert supervision.scan() == 1
        assert alerts()[0][4] == "resolved"


def test_a_window_paused_30_minutes_warns_and_a_new_pause_reopens_the_alert(app, tree, line, clock):
    with app.app_context():
        clerk = rights(app, "clerk", ("window_staff", "hall", line.hall_id))
        window = first_window(line)
        window_sessions.open_window(window, staff=clerk)
        session = window_sessions.pause(window, "系统故障暂停", staff=clerk).id
        assert scan_at(clock, hall_time(2026, 11, 23, 10, 29)) == 0
        assert scan_at(clock, hall_time(2026, 11, 23, 10, 30)) == 1
        assert alerts() == [("window_pause", "warning", "window", session, "open", None, line.hall_id)]
        window_sessions.resume(window, staff=clerk)
        assert supervision.scan() == 1
        assert alerts()[0][4] == "resolved"
        clock.move_to(hall_time(2026, 11, 23, 14, 0))
        window_sessions.pause(window, "午间休息暂停", staff=clerk)
        assert scan_at(clock, hall_time(2026, 11, 23, 14, 30)) == 1
        assert alerts()[0][4] == "open"
        assert [row[0] for row in history(db.session.scalar(select(Alert.id)))] == ["raise", "auto_resolve", "reopen"]


def test_an_overdue_work_order_is_a_yellow_card_for_its_department(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        ticket, _, _ = served(app, line, resident)
        order = evaluations.rate_ticket(resident, ticket, 1).work_order.id  # due Monday 30 Nov
        assert scan_at(clock, hall_time(2026, 11, 30, 23, 59)) == 0
        assert scan_at(clock, hall_time(2026, 12, 1, 8, 0)) == 1
        assert alerts() == [("work_order_overdue", "yellow", "work_order", order, "open", tree.department_x, None)]
        clerk = rights(app, "handler", ("window_staff", "department", tree.department_x))
        work_orders.verify(clerk, order, "核实属实")
        work_orders.explain(clerk, order, "已说明情况")
        work_orders.reply(clerk, order, "感谢监督")
        assert supervision.scan() == 1
        assert alerts()[0][4] == "resolved"


def test_a_complaint_unanswered_past_its_due_day_is_a_yellow_card(app, tree, line, clock):
    with app.app_context():
        resident = make_resident(app)
        complaint = complaints.submit(resident, "guide", "指南写错了", department_code="dx-ga").id  # due Mon 30 Nov
        assert scan_at(clock, hall_time(2026, 11, 30, 23, 59)) == 0
        assert scan_at(clock, hall_time(2026, 12, 1, 8, 0)) == 1
        assert alerts() == [("complaint_overdue", "yellow", "complaint", complaint, "open", tree.department_x, None)]
        clerk = rights(app, "handler", ("window_staff", "department", tree.department_x))
        complaints.reply(clerk, complaint, "已更正")
        assert supervision.scan() == 1
        assert alerts()[0][4] == "resolved"


# --- The settings ----------------------------------------------------------------------------------------


def test_a_threshold_override_and_a_rule_turned_off(app, tree, line, clock):
    with app.app_context():
        application = accepted(app, tree, clock, hall_time(2026, 11, 23, 10, 0))
        take_ticket(line)
        app.config["SUPERVISION_RULES"] = json.dumps(
            {"deadline_warning": {"threshold": 81}, "ticket_wait": {"enabled": False}}
        )
        assert scan_at(clock, hall_time(2026, 11, 27, 12, 0)) == 0  # 80% < 81; tickets not watched
        app.config["SUPERVISION_RULES"] = json.dumps({"deadline_warning": {"threshold": 80}})
        app.config["SUPERVISION_WAIT_MINUTES"] = 2000  # a setting gives the default; the JSON wins over it
        assert supervision.scan() == 1
        assert [row[3] for row in alerts()] == [application]


# --- Staff -------------------------------------------------------------------------------------------------


@pytest.fixture
def alert_id(app, tree, clock) -> int:
    """A yellow card on an application of department X."""
    with app.app_context():
        accepted(app, tree, clock, hall_time(2026, 11, 23, 10, 0))
        scan_at(clock, hall_time(2026, 12, 1, 9, 0))
        return db.session.scalar(select(Alert.id))


def test_staff_acknowledge_and_resolve_in_scope_and_others_get_404(app, tree, alert_id, clock):
    with app.app_context():
        elsewhere = rights(app, "other", ("supervisor", "department", tree.department_y))
        with pytest.raises(NotFound):
            supervision.acknowledge(elsewhere, alert_id)
        assert supervision.list_alerts(elsewhere).total == 0
        clerk = rights(app, "clerk", ("window_staff", "department", tree.department_x))
        assert [
            row.id for row in supervision.list_alerts(clerk, level="yellow", state="open", department="dx-ga").items
        ] == [alert_id]
        assert supervision.list_alerts(clerk, level="red").total == 0
        assert supervision.list_alerts(clerk, department="dy-rs").total == 0
        assert supervision.acknowledge(clerk, alert_id, "已安排专人跟进").status == "acknowledged"
        with pytest.raises(AlertState) as twice:
            supervision.acknowledge(clerk, alert_id)
        assert twice.value.details == {"status": "acknowledged", "allowed": ["resolve", "appeal"]}
        with pytest.raises(InvalidInput):  # a resolution says what was done
            supervision.resolve(clerk, alert_id, " ")
        done = supervision.resolve(clerk, alert_id, "已加急办结")
        assert (done.status, done.note) == ("resolved", "已加急办结")
        assert supervision.scan() == 0  # resolved by a person while still overdue: it stays resolved
        clock.move_to(hall_time(2026, 12, 22, 9, 0))
        assert supervision.scan() == 1  # until the red card raises it again
        assert (done.status, done.level) == ("open", "red")


def test_the_department_appeals_and_a_supervisor_decides(app, tree, alert_id, clock):
    with app.app_context():
        clerk = rights(app, "clerk", ("window_staff", "department", tree.department_x))
        head = rights(app, "head", ("dept_admin", "department", tree.department_x))
        supervisor = rights(app, "watch", ("supervisor", "region", tree.district_x))
        with pytest.raises(Forbidden):
            supervision.appeal(clerk, alert_id, "时限计算有误")
        assert supervision.appeal(head, alert_id, "申请人要求暂缓，已书面同意").status == "appealed"
        with pytest.raises(Forbidden):
            supervision.decide(head, alert_id, True, "同意")
        rejected = supervision.decide(supervisor, alert_id, False, "无书面材料")
        assert rejected.status == "open"
        supervision.appeal(head, alert_id, "补充书面材料")
        clock.move_to(hall_time(2026, 12, 22, 9, 0))
        assert supervision.scan() == 1  # escalates while appealed, stays for the supervisor
        upheld = supervision.decide(supervisor, alert_id, True, "材料属实")
        assert (upheld.status, upheld.level) == ("upheld", "red")
        with pytest.raises(AlertState):
            supervision.resolve(clerk, alert_id, "已办结")
        clock.move_to(hall_time(2026, 12, 23, 9, 0))
        assert supervision.scan() == 0  # an upheld alert is history: never touched again
        assert [row[0] for row in history(alert_id)] == [
            "raise", "appeal", "decide", "appeal", "escalate", "decide",
        ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("[1]", "SUPERVISION_RULES must be a JSON object of objects"),
        ('{"ticket_waits": {}}', "SUPERVISION_RULES names unknown rules: ticket_waits"),
        ('{"ticket_wait": {"limit": 5}}', "SUPERVISION_RULES.ticket_wait has unknown fields: limit"),
        (
            '{"ticket_wait": {"threshold": 0}}',
            "SUPERVISION_RULES.ticket_wait.threshold must be a whole number of minutes from 1 to 1440",
        ),
        ('{"work_order_overdue": {"threshold": 1}}', "the rule work_order_overdue has no threshold"),
        ('{"window_pause": {"enabled": "no"}}', "SUPERVISION_RULES.window_pause.enabled must be true or false"),
    ],
)
def test_bad_supervision_rules_stop_the_start(value, problem):
    with pytest.raises(ConfigError, match=re.escape(problem)):
        TestConfig({"SUPERVISION_RULES": value}).validate()
    with pytest.raises(
        ConfigError, match="SUPERVISION_WARNING_PERCENT must be a whole number of percent from 1 to 100"
    ):
        TestConfig({"SUPERVISION_WARNING_PERCENT": "120"}).validate()
