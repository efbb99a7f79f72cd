"""电子监察: the rules of ``supervision_rules`` evaluated on a schedule, the alerts they raise and escalate, and
what staff do with them.

``scan`` runs in the sweep (every 30 s). It evaluates every enabled rule over the open subjects (applications
submitted and not concluded, waiting tickets of the halls' today, paused windows of today, overdue 差评 work
orders) and, per alert (one per rule track and subject):

- raises it when its condition first holds;
- escalates it when a rule of a higher level holds (预警 -> 黄牌 -> 红牌: the level never goes down). An
  acknowledged or resolved alert goes back to ``open``, because the higher level tells more people; an
  appealed one stays appealed for the supervisor, an upheld one (the alert was wrong) is never touched;
- reopens a resolved alert when its condition began anew after the resolution (a window paused again, a
  work order stepped on and still overdue);
- resolves an ``open`` or ``acknowledged`` alert by itself (a system event) once its condition is gone: the
  application concluded or left ``received``, the ticket was called, the window resumed, the work order was
  answered. An appealed alert waits for the supervisor's decision instead; an alert of a track whose rules
  are all turned off is left as it is.

Staff: anyone covering the alert's department (or, for a hall's alert, its hall) acknowledges and resolves it
(a note required); the department's ``dept_admin`` appeals it as wrong; a supervisor over it decides the
appeal (upheld: kept in history as ``upheld``; rejected: back where it was). Out of scope looks the same as
missing (404).

Who is told: a warning the handlers (``window_staff`` of the scope), a yellow card also the department head
(``dept_admin``), a red card also the ``supervisor``. There is no staff notification channel yet
(``notify`` delivers to residents only), so each raise, escalation and reopening records them in its event's
``details.notify``; delivery waits for a staff channel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError

from app import jobs
from app.calendar import hall_today
from app.errors import AlertState, Forbidden, NotFound
from app.extensions import db
from app.models.application import Application, ApplicationEvent
from app.models.base import utcnow
from app.models.catalog import Department, Hall, Window
from app.models.queue import Ticket, WindowSession
from app.models.supervision import Alert, AlertEvent
from app.services import application_lifecycle as lifecycle
from app.services import application_steps, catalog, complaints, work_orders
from app.services import supervision_rules as rules
from app.services.checks import text_field
from app.services.deadlines import Clock
from app.services.paging import Page, paginate
from app.services.scopes import (
    DEPT_ADMIN,
    ROLES,
    SUPERVISOR,
    WINDOW_STAFF,
    Path,
    StaffRights,
    department_path,
    departments_covered,
    hall_path,
)

log = logging.getLogger(__name__)

OPEN, ACKNOWLEDGED, RESOLVED, APPEALED, UPHELD = "open", "acknowledged", "resolved", "appealed", "upheld"
STATUSES = (OPEN, ACKNOWLEDGED, RESOLVED, APPEALED, UPHELD)
ACTIVE = (OPEN, ACKNOWLEDGED)  # resolved by the system once the condition is gone
ACTIONS = {
    "acknowledge": (OPEN,),
    "resolve": (OPEN, ACKNOWLEDGED),
    "appeal": (OPEN, ACKNOWLEDGED),
    "decide": (APPEALED,),
}
TOLD = {
    rules.WARNING: (WINDOW_STAFF,),
    rules.YELLOW: (WINDOW_STAFF, DEPT_ADMIN),
    rules.RED: (WINDOW_STAFF, DEPT_ADMIN, SUPERVISOR),
}
NOTE_MAX = 500
SYSTEM = ("system", None)


@dataclass(frozen=True)
class Finding:
    """A rule's condition holding for one subject at a scan."""

    rule: rules.Rule
    subject_type: str
    subject_id: int
    department_id: int | None = None
    hall_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    since: datetime | None = None  # when the condition began: a later one after a resolution reopens it

    @property
    def key(self) -> tuple[str, str, int]:
        return self.rule.track, self.subject_type, self.subject_id


# --- The rules over the subjects -------------------------------------------------------------------------


def _deadline_holds(rule: rules.Rule, counted: Clock) -> bool:
    threshold = rule.threshold or 0
    if rule.key == "deadline_warning":
        return counted.percent_used is not None and counted.percent_used >= threshold
    if rule.key == "deadline_yellow":
        return counted.promised_left is not None and counted.promised_left < -threshold
    return counted.legal_left is not None and counted.legal_left < -threshold  # deadline_red


def _applications(active: dict[str, rules.Rule], now: datetime) -> Iterator[Finding]:
    deadline = [rule for rule in active.values() if rule.track == rules.DEADLINE]
    correction = active.get("correction_not_sent")
    if not deadline and correction is None:
        return
    statement = select(Application).where(
        Application.status.not_in((lifecycle.DRAFT, *lifecycle.TERMINAL)), Application.concluded_at.is_(None)
    )
    for application in db.session.scalars(statement.order_by(Application.id)):
        where = {"department_id": application.department_id}
        if deadline:
            counted = application_steps.clock(application, now)
            values = {
                "promised_due": counted.promised_due and counted.promised_due.isoformat(),
                "legal_due": counted.legal_due and counted.legal_due.isoformat(),
                "percent_used": counted.percent_used,
                "days_used": counted.days_used,
            }
            for rule in deadline:
                if _deadline_holds(rule, counted):
                    yield Finding(rule, rules.APPLICATION, application.id, details=values, **where)
        if correction is not None and application.status == lifecycle.RECEIVED:
            received_at = db.session.scalar(
                select(ApplicationEvent.at)
                .where(ApplicationEvent.application_id == application.id,
                       ApplicationEvent.to_status == lifecycle.RECEIVED)
                .order_by(ApplicationEvent.id.desc()).limit(1)
            )  # fmt: skip
            if received_at is None:
                continue
            received_on = hall_today(application.timezone, received_at)
            due = catalog.deadline_calendar().add_working_days(received_on, correction.threshold or 0)
            if hall_today(application.timezone, now) > due:
                values = {"received_at": received_at.isoformat(), "due": due.isoformat()}
                yield Finding(correction, rules.APPLICATION, application.id, details=values, since=received_at, **where)


def _tickets(rule: rules.Rule, now: datetime) -> Iterator[Finding]:
    cutoff = now - timedelta(minutes=rule.threshold or 0)
    for hall in db.session.scalars(select(Hall).order_by(Hall.id)):
        waiting = db.session.scalars(
            select(Ticket).where(
                Ticket.hall_id == hall.id,
                Ticket.day == hall_today(hall.timezone, now),
                Ticket.status == "waiting",
                Ticket.queued_at <= cutoff,
            )
        )
        for ticket in waiting:
            minutes = int((now - ticket.queued_at).total_seconds() // 60)
            values = {"label": ticket.label, "queued_at": ticket.queued_at.isoformat(), "waited_minutes": minutes}
            yield Finding(rule, rules.TICKET, ticket.id, hall_id=hall.id, details=values, since=ticket.queued_at)


def _windows(rule: rules.Rule, now: datetime) -> Iterator[Finding]:
    paused = db.session.execute(
        select(WindowSession, Window, Hall)
        .join(Window, Window.id == WindowSession.window_id)
        .join(Hall, Hall.id == Window.hall_id)
        .where(WindowSession.status == "paused",
               WindowSession.updated_at <= now - timedelta(minutes=rule.threshold or 0))
        .order_by(WindowSession.id)
    ).all()  # fmt: skip
    for session, window, hall in paused:
        if session.day != hall_today(hall.timezone, now):
            continue  # a session left paused on an earlier day is over
        values = {
            "window_id": window.id, "window": window.number, "reason": session.pause_reason,
            "paused_since": session.updated_at.isoformat(),
            "paused_minutes": int((now - session.updated_at).total_seconds() // 60),
        }  # fmt: skip
        yield Finding(rule, rules.WINDOW, session.id, hall_id=hall.id, details=values, since=session.updated_at)


def _work_orders(rule: rules.Rule, now: datetime) -> Iterator[Finding]:
    for order in work_orders.overdue(now):
        values = {"due_on": order.due_on.isoformat(), "status": order.status}
        hall_id = None if order.department_id else order.hall_id
        yield Finding(rule, rules.WORK_ORDER, order.id, order.department_id, hall_id, values, since=order.updated_at)


def _complaints(rule: rules.Rule, now: datetime) -> Iterator[Finding]:
    for complaint in complaints.overdue(now):
        values = {"due_on": complaint.due_on.isoformat(), "category": complaint.category}
        hall_id = None if complaint.department_id else complaint.hall_id
        yield Finding(rule, rules.COMPLAINT, complaint.id, complaint.department_id, hall_id, values,
                      since=complaint.created_at)  # fmt: skip


COLLECTORS = (
    ("ticket_wait", _tickets),
    ("window_pause", _windows),
    ("work_order_overdue", _work_orders),
    ("complaint_overdue", _complaints),
)


def _findings(active: dict[str, rules.Rule], now: datetime) -> Iterator[Finding]:
    yield from _applications(active, now)
    for key, collect in COLLECTORS:
        if key in active:
            yield from collect(active[key], now)


# --- The scan ----------------------------------------------------------------------------------------------


def scan(now: datetime | None = None) -> int:
    """Raise, escalate, reopen and resolve the alerts as the rules find the subjects now; how many changed. Runs
    in the sweep; a concurrent scan's alert wins and this one's changes wait for the next sweep."""
    now = now or utcnow()
    configured = rules.rules(current_app.config)
    active = {rule.key: rule for rule in configured if rule.enabled}
    found: dict[tuple[str, str, int], Finding] = {}
    for finding in _findings(active, now):
        held = found.get(finding.key)
        if held is None or rules.rank(finding.rule.level) > rules.rank(held.rule.level):
            found[finding.key] = finding
    changed = sum(_apply(finding, now) for finding in found.values())
    tracks = {rule.track for rule in active.values()}
    for alert in db.session.scalars(select(Alert).where(Alert.status.in_(ACTIVE), Alert.rule.in_(sorted(tracks)))):
        if (alert.rule, alert.subject_type, alert.subject_id) not in found:
            _change(alert, "auto_resolve", RESOLVED, alert.level, SYSTEM, now)
            changed += 1
    try:
        db.session.commit()
    except IntegrityError:  # another worker raised the same alert meanwhile
        db.session.rollback()
        log.warning("supervision scan lost a race; the next sweep applies its findings")
        return 0
    return changed


def _apply(finding: Finding, now: datetime) -> int:
    alert = db.session.scalar(
        select(Alert).where(
            Alert.rule == finding.rule.track,
            Alert.subject_type == finding.subject_type,
            Alert.subject_id == finding.subject_id,
        )
    )
    if alert is None:
        alert = Alert(
            rule=finding.rule.track, level=finding.rule.level, subject_type=finding.subject_type,
            subject_id=finding.subject_id, department_id=finding.department_id, hall_id=finding.hall_id,
            status=OPEN, details=finding.details, opened_at=now, updated_at=now,
        )  # fmt: skip
        db.session.add(alert)
        db.session.flush()
        _event(alert, "raise", None, None, SYSTEM, now, _told(alert, finding))
        return 1
    if alert.status == UPHELD:
        return 0
    if rules.rank(finding.rule.level) > rules.rank(alert.level):
        status = APPEALED if alert.status == APPEALED else OPEN
        _change(
            alert,
            "escalate",
            status,
            finding.rule.level,
            SYSTEM,
            now,
            details=_told(alert, finding, finding.rule.level),
        )
        alert.details = finding.details
        return 1
    if alert.status == RESOLVED and finding.since is not None and finding.since > alert.updated_at:
        _change(alert, "reopen", OPEN, alert.level, SYSTEM, now, details=_told(alert, finding))
        alert.details = finding.details
        return 1
    return 0


def _told(alert: Alert, finding: Finding, level: str | None = None) -> dict[str, Any]:
    """Who this change should reach, and the rule that made it (delivery awaits a staff channel)."""
    level = level or alert.level
    scope = {"department_id": alert.department_id} if alert.department_id else {"hall_id": alert.hall_id}
    return {"rule": finding.rule.key, "text": finding.rule.text, "notify": {"roles": list(TOLD[level]), **scope}}


def _event(alert: Alert, action: str, from_status: str | None, from_level: str | None, actor: tuple[str, int | None],
           now: datetime, details: dict[str, Any] | None = None, note: str = "") -> None:  # fmt: skip
    db.session.add(
        AlertEvent(
            alert_id=alert.id, at=now, action=action, from_status=from_status, to_status=alert.status,
            from_level=from_level, to_level=alert.level, actor_kind=actor[0], actor_id=actor[1], note=note,
            details=details or {},
        )
    )  # fmt: skip


def _change(alert: Alert, action: str, status: str, level: str, actor: tuple[str, int | None], now: datetime,
            note: str = "", details: dict[str, Any] | None = None) -> None:  # fmt: skip
    from_status, from_level = alert.status, alert.level
    alert.status, alert.level, alert.updated_at = status, level, now
    _event(alert, action, from_status, from_level, actor, now, details, note)


jobs.SWEEPERS.append(scan)


# --- Staff -------------------------------------------------------------------------------------------------


def path_of(alert: Alert) -> Path | None:
    """Where the alert lives: its department, else its hall."""
    if alert.department_id is not None:
        return department_path(alert.department_id)
    return hall_path(alert.hall_id) if alert.hall_id is not None else None


def for_staff(staff: StaffRights, alert_id: int) -> Alert:
    """An alert of a department or hall in the staff member's scope; else 404."""
    alert = db.session.get(Alert, alert_id)
    path = path_of(alert) if alert is not None else None
    if alert is None or path is None or not staff.covers(path, *ROLES):
        raise NotFound()
    return alert


def allowed(alert: Alert) -> list[str]:
    """The staff actions that fit the alert's status now (roles aside)."""
    return [name for name, sources in ACTIONS.items() if alert.status in sources]


def list_alerts(
    staff: StaffRights,
    *,
    level: str | None = None,
    state: str | None = None,
    department: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Any]:
    """The alerts in scope, red first, then the newest; ``department`` is a department code (its alerts only)."""
    in_scope = Alert.department_id.in_(departments_covered(staff))
    halls = staff.halls(*ROLES)
    if halls is None:
        in_scope = in_scope | Alert.hall_id.is_not(None)
    elif halls:
        in_scope = in_scope | Alert.hall_id.in_(sorted(halls))
    statement = select(Alert).where(in_scope)
    if level is not None:
        statement = statement.where(Alert.level == level)
    if state is not None:
        statement = statement.where(Alert.status == state)
    if department is not None:
        statement = statement.where(Alert.department_id.in_(select(Department.id).where(Department.code == department)))
    severity = case({level: rank for rank, level in enumerate(rules.LEVELS)}, value=Alert.level)
    return paginate(statement.order_by(severity.desc(), Alert.opened_at.desc(), Alert.id.desc()), page, page_size)


def _fits(alert: Alert, action: str) -> None:
    if alert.status not in ACTIONS[action]:
        raise AlertState(details={"status": alert.status, "allowed": allowed(alert)})


def _act(staff: StaffRights, alert: Alert, action: str, status: str, note: str, now: datetime, **details: Any) -> Alert:
    alert.note = note or alert.note
    _change(alert, action, status, alert.level, ("staff", staff.staff_id), now, note, details)
    db.session.commit()
    return alert


def acknowledge(staff: StaffRights, alert_id: int, note: object = None, *, now: datetime | None = None) -> Alert:
    """签收: someone in scope has seen the alert and is on it (an optional note)."""
    alert = for_staff(staff, alert_id)
    _fits(alert, "acknowledge")
    text = "" if note is None else text_field(note, NOTE_MAX, "note")
    return _act(staff, alert, "acknowledge", ACKNOWLEDGED, text, now or utcnow())


def resolve(staff: StaffRights, alert_id: int, note: object, *, now: datetime | None = None) -> Alert:
    """办结: what was done about it (the note is required)."""
    alert = for_staff(staff, alert_id)
    _fits(alert, "resolve")
    return _act(staff, alert, "resolve", RESOLVED, text_field(note, NOTE_MAX, "note"), now or utcnow())


def appeal(staff: StaffRights, alert_id: int, reason: object, *, now: datetime | None = None) -> Alert:
    """申诉: the department's admin holds the alert wrong (a supervisor decides)."""
    alert = for_staff(staff, alert_id)
    if not staff.covers(path_of(alert) or (), DEPT_ADMIN):
        raise Forbidden()
    _fits(alert, "appeal")
    return _act(staff, alert, "appeal", APPEALED, text_field(reason, NOTE_MAX, "reason"), now or utcnow())


def decide(staff: StaffRights, alert_id: int, upheld: bool, note: object, *, now: datetime | None = None) -> Alert:
    """复核: a supervisor over the alert upholds the appeal (the alert was wrong: ``upheld``, kept in history and
    never touched again by the scan) or rejects it (the alert goes back to where the appeal found it)."""
    alert = for_staff(staff, alert_id)
    if not staff.covers(path_of(alert) or (), SUPERVISOR):
        raise Forbidden()
    _fits(alert, "decide")
    text = text_field(note, NOTE_MAX, "note")
    before = db.session.scalar(
        select(AlertEvent.from_status)
        .where(AlertEvent.alert_id == alert.id, AlertEvent.action == "appeal")
        .order_by(AlertEvent.id.desc()).limit(1)
    )  # fmt: skip
    return _act(staff, alert, "decide", UPHELD if upheld else before or OPEN, text, now or utcnow(), upheld=upheld)
