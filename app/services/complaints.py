"""投诉: a resident complains about a visit, an application or a department; the department concerned (or, for
a visit without an item, the hall that served it) answers within ``COMPLAINT_REPLY_DAYS`` working days; the
resident reads the answer and may rate it (满意, 基本满意, 不满意), which closes the complaint.

Staff see the complaints of the departments and halls in their scope; anything else is 404, as is another
resident's ticket or application named in a complaint.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.calendar import hall_today
from app.errors import ComplaintState, InvalidInput, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Department, Hall, ServiceItem
from app.models.feedback import Complaint
from app.models.queue import Ticket
from app.services import applications, catalog, notify
from app.services.appointment_messages import fit
from app.services.checks import Problems, clean_text, text_field
from app.services.paging import Page, paginate
from app.services.scopes import ROLES, StaffRights, department_path, hall_path, row_scope

CATEGORIES = ("attitude", "efficiency", "guide", "platform", "other")  # 服务态度, 办事效率, 办事指南, 平台使用, 其他
OPEN, REPLIED, CLOSED = "open", "replied", "closed"
TEXT_MAX = 1000
REPLY_MAX = 500
SATISFACTION = {3: "满意", 2: "基本满意", 1: "不满意"}


def _where(
    resident_id: int, ticket_id: int | None, application_id: int | None, department_code: str | None
) -> tuple[int | None, int | None]:
    """The (department, hall) that answers: from the resident's own ticket or application, else the department
    named. Exactly one of the three is given (checked by the caller)."""
    if application_id is not None:
        return applications.mine(resident_id, application_id).department_id, None
    if ticket_id is not None:
        ticket = db.session.get(Ticket, ticket_id)
        if ticket is None or ticket.resident_id != resident_id:
            raise NotFound()
        item = db.session.get(ServiceItem, ticket.item_id) if ticket.item_id else None
        return (item.department_id, None) if item is not None else (None, ticket.hall_id)
    department = db.session.scalar(select(Department).where(Department.code == department_code))
    if department is None:
        raise NotFound()
    return department.id, None


def submit(
    resident_id: int,
    category: str,
    text: object,
    *,
    ticket_id: int | None = None,
    application_id: int | None = None,
    department_code: str | None = None,
    now: datetime | None = None,
) -> Complaint:
    """A complaint, about one's own ticket or application or about a department by its code."""
    now = now or utcnow()
    problems = Problems()
    if category not in CATEGORIES:
        problems.add("category", f"One of: {', '.join(CATEGORIES)}.")
    body = clean_text(text, TEXT_MAX, True, problems, "text")
    if sum(value is not None for value in (ticket_id, application_id, department_code)) != 1:
        problems.add("ticket_id", "Name one of ticket_id, application_id or department_code: what it is about.")
    problems.raise_if_any()
    department_id, hall_id = _where(resident_id, ticket_id, application_id, department_code)
    hall = db.session.get(Hall, hall_id) if hall_id else None
    timezone = hall.timezone if hall else current_app.config["TIMEZONE"]
    complaint = Complaint(
        resident_id=resident_id,
        category=category,
        text=body,
        ticket_id=ticket_id,
        application_id=application_id,
        department_id=department_id,
        hall_id=hall_id,
        status=OPEN,
        timezone=timezone,
        due_on=catalog.due_after(timezone, now, current_app.config["COMPLAINT_REPLY_DAYS"]),
        created_at=now,
    )
    db.session.add(complaint)
    db.session.commit()
    return complaint


def mine(resident_id: int, complaint_id: int) -> Complaint:
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or complaint.resident_id != resident_id:
        raise NotFound()
    return complaint


def list_mine(resident_id: int, *, page: int = 1, page_size: int = 20) -> Page[Any]:
    statement = select(Complaint).where(Complaint.resident_id == resident_id)
    return paginate(statement.order_by(Complaint.created_at.desc(), Complaint.id.desc()), page, page_size)


def for_staff(staff: StaffRights, complaint_id: int) -> Complaint:
    """A complaint of a department or hall in the staff member's scope; else 404."""
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound()
    path = department_path(complaint.department_id) if complaint.department_id else hall_path(complaint.hall_id or 0)
    if not staff.covers(path, *ROLES):
        raise NotFound()
    return complaint


def staff_list(staff: StaffRights, *, status: str | None = None, page: int = 1, page_size: int = 20) -> Page[Any]:
    """The complaints in scope, soonest due first."""
    statement = select(Complaint).where(row_scope(staff).where(Complaint.hall_id, Complaint.department_id))
    if status is not None:
        statement = statement.where(Complaint.status == status)
    return paginate(statement.order_by(Complaint.due_on, Complaint.id), page, page_size)


def reply(staff: StaffRights, complaint_id: int, text: object, *, now: datetime | None = None) -> Complaint:
    """The department's answer; the resident is told (``complaint_reply``) and may rate it."""
    now = now or utcnow()
    complaint = for_staff(staff, complaint_id)
    answer = text_field(text, REPLY_MAX, "text")
    if complaint.status != OPEN:
        raise ComplaintState(details={"status": complaint.status})
    complaint.status, complaint.reply, complaint.replied_by_id, complaint.replied_at = (
        REPLIED, answer, staff.staff_id, now,
    )  # fmt: skip
    notify.notify(
        complaint.resident_id,
        "complaint_reply",
        {"reply": fit(answer)},
        idempotency_key=f"complaint:{complaint.id}:reply",
        link=f"pages/complaint/index?id={complaint.id}",
        timezone=complaint.timezone,
    )
    db.session.commit()
    return complaint


def rate_reply(resident_id: int, complaint_id: int, level: object, *, now: datetime | None = None) -> Complaint:
    """The resident rates the answer (3 满意, 2 基本满意, 1 不满意): the complaint is closed."""
    now = now or utcnow()
    complaint = mine(resident_id, complaint_id)
    if level not in SATISFACTION or isinstance(level, bool):
        raise InvalidInput(details={"fields": {"level": ["3 满意, 2 基本满意 or 1 不满意."]}})
    if complaint.status != REPLIED:
        raise ComplaintState(details={"status": complaint.status})
    complaint.status, complaint.satisfaction, complaint.closed_at = CLOSED, level, now
    db.session.commit()
    return complaint


def overdue(now: datetime | None = None) -> list[Complaint]:
    """Complaints still unanswered past their due day in their timezone (for supervision)."""
    now = now or utcnow()
    late: list[Complaint] = []
    for timezone in db.session.scalars(select(Complaint.timezone).distinct()):
        late += db.session.scalars(
            select(Complaint).where(
                Complaint.timezone == timezone, Complaint.status == OPEN, Complaint.due_on < hall_today(timezone, now)
            )
        )
    return sorted(late, key=lambda complaint: (complaint.due_on, complaint.id))
