"""The 差评 work order (整改工单): a bad rating (level 1 or 2) is verified, rectified or explained, and answered
within ``RATING_WORK_ORDER_DAYS`` working days; the resident then rates the handling (回访), which closes it.

States::

    open -> verified -> rectified | explained -> replied -> closed (the resident's 回访)
    open | verified -> appealed -> appeal_upheld            (a supervisor upholds the department's appeal)
                               -> back where it was         (the appeal is rejected)

The responsible department's staff take the steps (its ``dept_admin`` alone appeals a rating as mistaken
or malicious, once); a supervisor over it decides the appeal. An upheld appeal excludes the rating from
statistics and keeps it in history. A rating of a ticket without an item has no department: the hall that
served it answers instead. Out of scope looks the same as missing (404).

No staff notification channel exists yet: a new work order is recorded as its ``open`` event and shows in
the department's list (``staff_list``, ``overdue``); the supervision alerts will announce it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.calendar import hall_today
from app.errors import Forbidden, NotFound, WorkOrderState
from app.extensions import db
from app.models.application import Application
from app.models.base import utcnow
from app.models.catalog import Hall
from app.models.feedback import Evaluation, WorkOrder, WorkOrderEvent
from app.models.queue import Ticket
from app.services import catalog, notify
from app.services.appointment_messages import fit
from app.services.checks import Problems, text_field
from app.services.paging import Page, paginate
from app.services.scopes import (
    DEPT_ADMIN,
    ROLES,
    SUPERVISOR,
    Path,
    StaffRights,
    department_path,
    hall_path,
    row_scope,
)

OPEN, VERIFIED, RECTIFIED, EXPLAINED = "open", "verified", "rectified", "explained"
REPLIED, CLOSED, APPEALED, APPEAL_UPHELD = "replied", "closed", "appealed", "appeal_upheld"
STATUSES = (OPEN, VERIFIED, RECTIFIED, EXPLAINED, REPLIED, CLOSED, APPEALED, APPEAL_UPHELD)
PENDING = (OPEN, VERIFIED, RECTIFIED, EXPLAINED)  # the department owes the reply: the deadline runs
REVISIT_LEVELS = {3: "满意", 2: "基本满意", 1: "不满意"}
TEXT_MAX = 500


@dataclass(frozen=True)
class Step:
    from_states: tuple[str, ...]
    to_state: str  # decide: when the appeal is upheld; a rejected one goes back where it was


STEPS = {
    "verify": Step((OPEN,), VERIFIED),
    "rectify": Step((VERIFIED,), RECTIFIED),
    "explain": Step((VERIFIED,), EXPLAINED),
    "reply": Step((RECTIFIED, EXPLAINED), REPLIED),
    "revisit": Step((REPLIED,), CLOSED),
    "appeal": Step((OPEN, VERIFIED), APPEALED),
    "decide": Step((APPEALED,), APPEAL_UPHELD),
}


def _due(timezone: str, now: datetime) -> date:
    """``RATING_WORK_ORDER_DAYS`` working days after today in the hall's timezone."""
    return catalog.due_after(timezone, now, current_app.config["RATING_WORK_ORDER_DAYS"])


def _record(order: WorkOrder, action: str, to_state: str, actor: tuple[str, int | None], now: datetime,
            text: str = "", **details: Any) -> None:  # fmt: skip
    db.session.add(
        WorkOrderEvent(
            work_order_id=order.id, at=now, action=action, from_status=order.status,
            to_status=to_state, actor_kind=actor[0], actor_id=actor[1], text=text, details=details,
        )
    )  # fmt: skip
    order.status, order.updated_at = to_state, now


def open_for(evaluation: Evaluation, timezone: str, now: datetime) -> WorkOrder:
    """The work order of a 差评, due in ``RATING_WORK_ORDER_DAYS`` working days; the caller commits."""
    order = WorkOrder(
        evaluation_id=evaluation.id,
        department_id=evaluation.department_id,
        hall_id=None if evaluation.department_id else evaluation.hall_id,
        status=OPEN,
        timezone=timezone,
        due_on=_due(timezone, now),
        created_at=now,
        updated_at=now,
    )
    db.session.add(order)
    db.session.flush()
    db.session.add(
        WorkOrderEvent(work_order_id=order.id, at=now, action="open", from_status=None, to_status=OPEN,
                       actor_kind="system", actor_id=None, details={"level": evaluation.level})
    )  # fmt: skip
    return order


# --- Staff ------------------------------------------------------------------------------------------


def path_of(order: WorkOrder) -> Path:
    """Where the work order lives: its department, or the hall for a rating without one."""
    return department_path(order.department_id) if order.department_id else hall_path(order.hall_id or 0)


def for_staff(staff: StaffRights, work_order_id: int) -> WorkOrder:
    """A work order of a department (or hall) in the staff member's scope; else 404."""
    order = db.session.get(WorkOrder, work_order_id)
    if order is None or not staff.covers(path_of(order), *ROLES):
        raise NotFound()
    return order


def staff_list(staff: StaffRights, *, status: str | None = None, page: int = 1, page_size: int = 20) -> Page[Any]:
    """The work orders in scope, soonest due first."""
    statement = select(WorkOrder).where(row_scope(staff).where(WorkOrder.hall_id, WorkOrder.department_id))
    if status is not None:
        statement = statement.where(WorkOrder.status == status)
    return paginate(statement.order_by(WorkOrder.due_on, WorkOrder.id), page, page_size)


def allowed(order: WorkOrder) -> list[str]:
    """The staff steps that fit the work order's state now (the resident's 回访 is not theirs)."""
    return [
        name
        for name, step in STEPS.items()
        if order.status in step.from_states
        and name != "revisit"
        and not (name == "appeal" and order.appeal_decision is not None)
    ]


def _fits(order: WorkOrder, name: str) -> None:
    if name not in allowed(order):
        raise WorkOrderState(details={"status": order.status, "allowed": allowed(order)})


def verify(staff: StaffRights, work_order_id: int, text: object, *, now: datetime | None = None) -> WorkOrder:
    """核实: what the department found when it looked into the rating."""
    return _handle(staff, work_order_id, "verify", text, now or utcnow())


def rectify(staff: StaffRights, work_order_id: int, text: object, *, now: datetime | None = None) -> WorkOrder:
    """整改: what was put right."""
    return _handle(staff, work_order_id, "rectify", text, now or utcnow())


def explain(staff: StaffRights, work_order_id: int, text: object, *, now: datetime | None = None) -> WorkOrder:
    """解释说明: why nothing could be changed (no legal basis for what the resident wanted)."""
    return _handle(staff, work_order_id, "explain", text, now or utcnow())


def _handle(staff: StaffRights, work_order_id: int, name: str, value: object, now: datetime) -> WorkOrder:
    order = for_staff(staff, work_order_id)
    _fits(order, name)
    text = text_field(value, TEXT_MAX, "text")
    if name == "verify":
        order.verification = text
    else:
        order.handling, order.handling_text = name, text
    _record(order, name, STEPS[name].to_state, ("staff", staff.staff_id), now, text)
    db.session.commit()
    return order


def reply(staff: StaffRights, work_order_id: int, text: object, *, now: datetime | None = None) -> WorkOrder:
    """答复: the answer to the resident, sent as ``rating_reply`` with a link to the page where they rate the
    handling (回访). A rating nobody can be asked about (an anonymous ticket) is closed by the reply."""
    now = now or utcnow()
    order = for_staff(staff, work_order_id)
    _fits(order, "reply")
    order.reply, order.replied_at = text_field(text, TEXT_MAX, "text"), now
    evaluation = order.evaluation
    people = [person for person in dict.fromkeys((evaluation.resident_id, evaluation.rated_by_id)) if person]
    to_state = REPLIED if people else CLOSED
    _record(order, "reply", to_state, ("staff", staff.staff_id), now, order.reply)
    if not people:
        order.closed_at = now
    for resident_id in people:
        notify.notify(
            resident_id,
            "rating_reply",
            {"item": fit(_subject(evaluation)), "reply": fit(order.reply)},
            idempotency_key=f"work_order:{order.id}:reply:{resident_id}",
            link=f"pages/rating/index?work_order={order.id}",
            timezone=order.timezone,
        )
    db.session.commit()
    return order


def _subject(evaluation: Evaluation) -> str:
    """What was rated, as the resident knows it: the item's name, else the hall's."""
    if evaluation.application_id is not None:
        return db.session.get(Application, evaluation.application_id).item.name
    ticket = db.session.get(Ticket, evaluation.ticket_id)
    return ticket.item.name if ticket.item is not None else db.session.get(Hall, ticket.hall_id).name


def appeal(staff: StaffRights, work_order_id: int, reason: object, *, now: datetime | None = None) -> WorkOrder:
    """申诉: the department's admin holds the rating mistaken or malicious; a supervisor decides. Once per
    work order, before the department handled it."""
    now = now or utcnow()
    order = for_staff(staff, work_order_id)
    if not staff.covers(path_of(order), DEPT_ADMIN):
        raise Forbidden()
    _fits(order, "appeal")
    order.appeal_reason, order.resumes_at = text_field(reason, TEXT_MAX, "reason"), order.status
    order.evaluation.appeal = "pending"
    _record(order, "appeal", APPEALED, ("staff", staff.staff_id), now, order.appeal_reason)
    db.session.commit()
    return order


def decide(staff: StaffRights, work_order_id: int, upheld: bool, note: object, *,
           now: datetime | None = None) -> WorkOrder:  # fmt: skip
    """复核: a supervisor over the department upholds the appeal (the rating leaves the statistics, stays in
    history, the work order ends as ``appeal_upheld``) or rejects it (the work order resumes where it was)."""
    now = now or utcnow()
    order = for_staff(staff, work_order_id)
    if not staff.covers(path_of(order), SUPERVISOR):
        raise Forbidden()
    _fits(order, "decide")
    order.appeal_note = text_field(note, TEXT_MAX, "note")
    order.appeal_decision = "upheld" if upheld else "rejected"
    order.evaluation.appeal = order.appeal_decision
    if upheld:
        order.evaluation.excluded, order.closed_at = True, now
    to_state = APPEAL_UPHELD if upheld else order.resumes_at or OPEN
    _record(order, "decide", to_state, ("staff", staff.staff_id), now, order.appeal_note, upheld=upheld)
    db.session.commit()
    return order


# --- The resident -----------------------------------------------------------------------------------


def revisit(resident_id: int, work_order_id: int, level: object, *, now: datetime | None = None) -> WorkOrder:
    """回访: the resident rates the handling 3 满意, 2 基本满意 or 1 不满意, which closes the work order."""
    now = now or utcnow()
    order = db.session.get(WorkOrder, work_order_id)
    if order is None or resident_id not in (order.evaluation.resident_id, order.evaluation.rated_by_id):
        raise NotFound()
    problems = Problems()
    if not isinstance(level, int) or isinstance(level, bool) or level not in REVISIT_LEVELS:
        problems.add("level", "Must be 3 (满意), 2 (基本满意) or 1 (不满意).")
    problems.raise_if_any()
    if order.status != REPLIED:
        raise WorkOrderState(details={"status": order.status, "allowed": []})
    order.revisit_level, order.closed_at = level, now
    _record(order, "revisit", CLOSED, ("resident", resident_id), now, level=level)
    db.session.commit()
    return order


# --- Supervision ------------------------------------------------------------------------------------


def overdue(now: datetime | None = None) -> list[WorkOrder]:
    """Work orders the department still owes a reply for, past their due day in their hall's timezone."""
    now = now or utcnow()
    late: list[WorkOrder] = []
    for timezone in db.session.scalars(select(WorkOrder.timezone).distinct()):
        late += db.session.scalars(
            select(WorkOrder).where(
                WorkOrder.timezone == timezone,
                WorkOrder.status.in_(PENDING),
                WorkOrder.due_on < hall_today(timezone, now),
            )
        )
    return sorted(late, key=lambda order: (order.due_on, order.id))
