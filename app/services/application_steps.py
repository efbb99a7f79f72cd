"""The steps of an application (办件), whoever takes them: recording each as an event, the deadline clock
they drive, the message each one sends, and the staff side (their list, their transitions).

Staff see the applications of the departments their roles cover, never drafts; out of scope looks the
same as missing (404). A supervisor's role in scope lets them revoke (撤销); every other step is any
staff member's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.calendar import hall_today
from app.errors import NotFound
from app.extensions import db
from app.models.application import Application, ApplicationEvent
from app.models.base import utcnow
from app.services import application_lifecycle as lifecycle
from app.services import catalog, deadlines, links, notify
from app.services.appointment_messages import fit
from app.services.paging import Page, paginate
from app.services.scopes import ROLES, SUPERVISOR, StaffRights, department_path, departments_covered

LINK_DAYS = 90  # a progress link in a message works this long
WORK_LIST_COUNT_LIMIT = 1000  # the work list says "1000+" beyond this: nobody pages through more
# What the resident reads for each state (application_progress's ``status``, at most 20 characters).
STATUS_TEXT = {
    lifecycle.RECEIVED: "已提交，等待受理",
    lifecycle.WITHDRAWN: "已撤回",
    lifecycle.ACCEPTED: "已受理",
    lifecycle.NOT_ACCEPTED: "不予受理",
    lifecycle.IN_PROCESS: "正在办理",
    lifecycle.SPECIAL: "进入特别程序，办理时限暂停",
    lifecycle.DELIVERED: "办理结果已送达",
    lifecycle.REVOKED: "已撤销",
}
RESULT_TEXT = {lifecycle.APPROVED: "准予办理", lifecycle.APPROVED_PENDING: "容缺办理，请补交材料",
               lifecycle.REFUSED: "不予办理"}  # fmt: skip


@dataclass(frozen=True)
class Actor:
    kind: str  # lifecycle actor kind: resident | staff | supervisor
    id: int
    acting_for_id: int | None = None  # the applicant, when a resident acted for them (代办)


def resident_actor(resident_id: int, application: Application) -> Actor:
    acting_for = application.resident_id if application.resident_id != resident_id else None
    return Actor(lifecycle.RESIDENT, resident_id, acting_for)


# --- The clock -------------------------------------------------------------------------------------


def clock(
    application: Application, now: datetime | None = None, events: list[tuple[datetime, str]] | None = None
) -> deadlines.Clock:
    """Where the application stands against its deadlines, replayed from its events (``events``: their times
    and clock effects in order, when the caller has them loaded)."""
    now = now or utcnow()
    if events is None:
        events = db.session.execute(
            select(ApplicationEvent.at, ApplicationEvent.clock)
            .where(ApplicationEvent.application_id == application.id)
            .order_by(ApplicationEvent.id)
        ).all()
    return deadlines.clock(
        catalog.deadline_calendar(),
        application.timezone,
        promised_days=application.promised_days,
        legal_days=application.legal_days,
        processing_type=application.processing_type,
        events=[(at, effect) for at, effect in events if at <= now],
        now=now,
    )


# --- Recording a step ------------------------------------------------------------------------------


def record(application: Application, step: lifecycle.Step, actor: Actor, now: datetime) -> ApplicationEvent:
    """Apply a checked step to the application, append its event, update the stored due dates and queue the
    resident's message; the caller commits."""
    fields = dict(step.fields)
    event = ApplicationEvent(
        application_id=application.id,
        at=now,
        action=step.action,
        from_status=step.from_state,
        to_status=step.to_state,
        code=step.code,
        clock=step.clock,
        actor_kind="resident" if actor.kind == lifecycle.RESIDENT else "staff",
        actor_id=actor.id,
        acting_for_id=actor.acting_for_id,
        comment=fields.pop("comment", ""),
        details=fields,
    )
    db.session.add(event)
    application.status = step.to_state
    application.updated_at = now
    if step.action == "accept" and application.accepted_at is None:
        application.accepted_at = now
    if step.clock == deadlines.STOP and application.concluded_at is None:
        application.concluded_at = now
    if step.action == "deliver":
        application.result = {**application.result, "method": fields["method"], "delivered_at": now.isoformat()}
    if step.action in ("approve", "approve_pending", "refuse"):
        application.result = {**application.result, "conclusion": step.to_state}
    db.session.flush()
    counted = clock(application, now)
    application.promised_due, application.legal_due = counted.promised_due, counted.legal_due
    if application.number is not None:
        _tell(application, event, now)
    return event


def _tell(application: Application, event: ApplicationEvent, now: datetime) -> None:
    """The step's message to the applicant and, when another resident applied for them, to that resident."""
    item, serial = fit(application.item.name), application.number
    if event.to_status == lifecycle.CORRECTION:
        until = hall_today(application.timezone, now + timedelta(days=current_app.config["CORRECTION_DAYS"]))
        template, data = "application_supplement", {
            "item": item, "serial": serial, "materials": fit("、".join(event.details["items"])),
            "deadline": until.isoformat(),
        }  # fmt: skip
    elif event.to_status in RESULT_TEXT:
        template, data = "application_done", {"item": item, "serial": serial, "result": RESULT_TEXT[event.to_status]}
    else:
        text = STATUS_TEXT[event.to_status]
        template, data = "application_progress", {"item": item, "serial": serial, "status": text}
    token = links.page_token("application", application.id, timedelta(days=LINK_DAYS))
    for resident_id in dict.fromkeys((application.resident_id, application.created_by_id)):
        notify.notify(
            resident_id,
            template,
            data,
            idempotency_key=f"application:{application.id}:event:{event.id}:{resident_id}",
            link=f"pages/application/index?t={token}",
            timezone=application.timezone,
        )


# --- Staff ------------------------------------------------------------------------------------------


def for_staff(staff: StaffRights, application_id: int) -> Application:
    """An application of a department in the staff member's scope, once submitted; else 404."""
    application = db.session.get(Application, application_id)
    if (
        application is None
        or application.status == lifecycle.DRAFT
        or not staff.covers(department_path(application.department_id), *ROLES)
    ):
        raise NotFound()
    return application


def actor_kind(staff: StaffRights, application: Application) -> str:
    """``supervisor`` when the staff member holds that role over the application's department, else ``staff``."""
    if staff.covers(department_path(application.department_id), SUPERVISOR):
        return lifecycle.SUPERVISOR
    return lifecycle.STAFF


def transition(
    staff: StaffRights, application_id: int, action: str, fields: dict[str, Any], *, now: datetime | None = None
) -> Application:
    """A staff step (accept, request_correction, approve…), checked against the lifecycle; 409
    ``INVALID_TRANSITION`` with the allowed actions when it does not fit."""
    now = now or utcnow()
    application = for_staff(staff, application_id)
    step = lifecycle.step(application.status, action, actor_kind(staff, application), fields)
    record(application, step, Actor(actor_kind(staff, application), staff.staff_id), now)
    db.session.commit()
    return application


def staff_list(
    staff: StaffRights,
    *,
    status: str | None = None,
    due_before: date | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Any]:
    """Submitted applications of the departments in scope, soonest promised deadline first (those without
    one, not yet accepted, after them in the order they came). The total is counted up to
    ``WORK_LIST_COUNT_LIMIT``: a department's list grows with its years of cases."""
    statement = select(Application).where(
        Application.department_id.in_(departments_covered(staff)), Application.status != lifecycle.DRAFT
    )
    if status is not None:
        statement = statement.where(Application.status == status)
    if due_before is not None:
        statement = statement.where(Application.promised_due < due_before, Application.concluded_at.is_(None))
    # In the order of ix_applications_work_list, so a page is read from the index instead of sorting them all.
    order = (Application.promised_due.asc().nulls_last(), Application.submitted_at, Application.id)
    # The list shows each one's item: loaded in one query for the page, however many items it has.
    return paginate(
        statement.options(selectinload(Application.item)).order_by(*order),
        page,
        page_size,
        count_limit=WORK_LIST_COUNT_LIMIT,
    )
