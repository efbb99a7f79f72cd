"""好差评: a resident rates a finished hall visit (现场"一次一评") or a concluded application (网上"一事一评")
once, and a 差评 opens a work order for whoever served them.

Who may rate:
- the ticket's holder, in the app, within ``RATING_WINDOW_DAYS`` of the ticket being finished at a window;
- the applicant, or a relative acting for them (代办; both are recorded), within the same window after the
  application concluded;
- an evaluator device (the rating pad at the counter) of the ticket's hall, within ``DEVICE_RATING_MINUTES``
  of the ticket being finished. The person rating is standing at the window that just served them, so the
  hall vouches for who they are: no real-name check, and anonymous kiosk tickets can be rated this way.

Ratings in the app are real-name only (assurance L2): national practice counts only 实名 差评 for follow-up
(实名差评回访率 100%), and a rating must be answerable.

One rating per ticket or application, whichever way it came: a second answers 409 ``ALREADY_RATED``
(the unique columns hold this against concurrent submissions too).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from app.errors import AlreadyRated, Forbidden, NotFound, RatingNotOpen
from app.extensions import db
from app.models.application import ApplicationEvent
from app.models.base import utcnow
from app.models.catalog import Hall
from app.models.feedback import Evaluation
from app.models.identity import L2, Device
from app.models.queue import Ticket, TicketEvent
from app.services import application_lifecycle as lifecycle
from app.services import applications, residents, work_orders
from app.services.checks import Problems, Reader
from app.services.paging import Page, paginate

ONSITE, ONLINE = "onsite", "online"
# The national indicators (practice.md §3): online 整体满意度, 办事效率, 办事指南精确度, 办事便捷度, 平台操作性;
# on site 整体满意度, 服务效率, 服务水平, 服务态度.
INDICATORS = {
    ONLINE: ("overall", "efficiency", "guide_accuracy", "convenience", "usability"),
    ONSITE: ("overall", "efficiency", "service_level", "attitude"),
}
LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
BAD_LEVELS = (1, 2)  # 差评: each opens a work order
# An application may be rated once it has come to an end for the resident.
RATEABLE = (
    lifecycle.APPROVED, lifecycle.APPROVED_PENDING, lifecycle.REFUSED, lifecycle.NOT_ACCEPTED,
    lifecycle.DELIVERED, lifecycle.REVOKED,
)  # fmt: skip
CONCLUDING = tuple(state for state in RATEABLE if state != lifecycle.DELIVERED)  # the steps that decided it
EVALUATOR = "evaluator"
DEVICE_RATING_MINUTES = 10
TAG_MAX, TAGS_MAX, COMMENT_MAX = 20, 10, 500


def _cleaned(channel: str, level: object, indicators: object, tags: object, comment: object) -> dict[str, Any]:
    """The rating's values checked, every problem at once (400 ``VALIDATION_ERROR``)."""
    problems = Problems()
    entry = {"level": level, "indicators": indicators, "tags": tags, "comment": comment}
    reader = Reader(entry, problems)
    cleaned: dict[str, Any] = {
        "level": reader.integer("level", 1, 5),
        "tags": list(dict.fromkeys(reader.strings("tags", TAG_MAX))),
        "comment": reader.text("comment", COMMENT_MAX, "", multiline=True),
    }
    if len(cleaned["tags"]) > TAGS_MAX:
        problems.add("tags", f"At most {TAGS_MAX} tags.")
    scores = reader.obj("indicators", INDICATORS[channel], {})
    cleaned["indicators"] = {}
    if isinstance(scores, Reader):
        for name in INDICATORS[channel]:
            if name in scores.entry:
                cleaned["indicators"][name] = scores.integer(name, 1, 5)
    problems.raise_if_any()
    return cleaned


def _real_name(resident_id: int, now: datetime) -> None:
    residents.require_level(residents.get(resident_id), L2, now)


def _within(finished_at: datetime | None, window: timedelta, now: datetime) -> None:
    if finished_at is None:
        raise RatingNotOpen(details={"reason": "not_finished"})
    if now > finished_at + window:
        raise RatingNotOpen(details={"reason": "expired", "until": (finished_at + window).isoformat()})


def _not_rated(column: Any, value: int) -> None:
    earlier = db.session.scalar(select(Evaluation.id).where(column == value))
    if earlier is not None:
        raise AlreadyRated(details={"evaluation_id": earlier})


def _save(evaluation: Evaluation, timezone: str, now: datetime) -> Evaluation:
    """Store the rating and, for a 差评, its work order, in one transaction."""
    try:
        db.session.add(evaluation)
        db.session.flush()
        if evaluation.level in BAD_LEVELS:
            work_orders.open_for(evaluation, timezone, now)
        db.session.commit()
    except IntegrityError:  # the same ticket or application, rated by a concurrent request
        db.session.rollback()
        if evaluation.ticket_id is not None:
            _not_rated(Evaluation.ticket_id, evaluation.ticket_id)
        else:
            _not_rated(Evaluation.application_id, evaluation.application_id)
        raise
    return evaluation


# --- Tickets (on site) ------------------------------------------------------------------------------


def _ticket_rating(ticket: Ticket, values: Mapping[str, Any], now: datetime) -> Evaluation:
    """A rating of a finished ticket, with who served it copied from the ticket's completion."""
    served_by = db.session.scalar(
        select(TicketEvent.actor_id)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "complete", TicketEvent.actor_kind == "staff")
        .order_by(TicketEvent.id.desc())
        .limit(1)
    )
    return Evaluation(
        ticket_id=ticket.id,
        resident_id=ticket.resident_id,
        channel=ONSITE,
        department_id=ticket.item.department_id if ticket.item is not None else None,
        hall_id=ticket.hall_id,
        window_id=ticket.window_id,
        staff_id=served_by,
        created_at=now,
        **values,
    )


def _timezone(ticket: Ticket) -> str:
    return db.session.get(Hall, ticket.hall_id).timezone


def _done(ticket: Ticket) -> None:
    if ticket.status != "done":
        raise RatingNotOpen(details={"reason": "not_finished"})


def rate_ticket(
    resident_id: int,
    ticket_id: int,
    level: object,
    indicators: object = None,
    tags: object = None,
    comment: object = None,
    *,
    now: datetime | None = None,
) -> Evaluation:
    """The holder rates their finished ticket in the app (real name, within the rating window)."""
    now = now or utcnow()
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.resident_id != resident_id:
        raise NotFound()
    values = _cleaned(ONSITE, level, indicators, tags, comment)
    _real_name(resident_id, now)
    _not_rated(Evaluation.ticket_id, ticket.id)
    _done(ticket)
    _within(ticket.finished_at, timedelta(days=current_app.config["RATING_WINDOW_DAYS"]), now)
    return _save(_ticket_rating(ticket, values, now), _timezone(ticket), now)


def rate_at_window(
    device: Device,
    ticket_id: int,
    level: object,
    indicators: object = None,
    tags: object = None,
    comment: object = None,
    *,
    now: datetime | None = None,
) -> Evaluation:
    """An evaluator device of the ticket's hall rates the ticket just finished at a window (within
    ``DEVICE_RATING_MINUTES``). Other devices get 403; a ticket of another hall 404."""
    now = now or utcnow()
    if device.kind != EVALUATOR:
        raise Forbidden()
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.hall_id != device.hall_id:
        raise NotFound()
    values = _cleaned(ONSITE, level, indicators, tags, comment)
    _not_rated(Evaluation.ticket_id, ticket.id)
    _done(ticket)
    _within(ticket.finished_at, timedelta(minutes=DEVICE_RATING_MINUTES), now)
    evaluation = _ticket_rating(ticket, values, now)
    evaluation.device_id = device.id
    return _save(evaluation, _timezone(ticket), now)


# --- Applications (online) --------------------------------------------------------------------------


def rate_application(
    resident_id: int,
    application_id: int,
    level: object,
    indicators: object = None,
    tags: object = None,
    comment: object = None,
    *,
    now: datetime | None = None,
) -> Evaluation:
    """The applicant (or a relative acting for them: both recorded) rates a concluded application."""
    now = now or utcnow()
    application = applications.mine(resident_id, application_id)
    values = _cleaned(ONLINE, level, indicators, tags, comment)
    _real_name(resident_id, now)
    _not_rated(Evaluation.application_id, application.id)
    if application.status not in RATEABLE:
        raise RatingNotOpen(details={"reason": "not_finished"})
    window = timedelta(days=current_app.config["RATING_WINDOW_DAYS"])
    _within(application.concluded_at or application.updated_at, window, now)
    decided_by = db.session.scalar(
        select(ApplicationEvent.actor_id)
        .where(
            ApplicationEvent.application_id == application.id,
            ApplicationEvent.to_status.in_(CONCLUDING),
            ApplicationEvent.actor_kind == "staff",
        )
        .order_by(ApplicationEvent.id.desc())
        .limit(1)
    )
    evaluation = Evaluation(
        application_id=application.id,
        resident_id=application.resident_id,
        rated_by_id=resident_id if resident_id != application.resident_id else None,
        channel=ONLINE,
        department_id=application.department_id,
        staff_id=decided_by,
        created_at=now,
        **values,
    )
    return _save(evaluation, application.timezone, now)


# --- Reading ----------------------------------------------------------------------------------------


def mine(resident_id: int, *, page: int = 1, page_size: int = 20) -> Page[Any]:
    """The ratings the resident gave or that were given of their own services, newest first."""
    statement = select(Evaluation).where(
        or_(Evaluation.resident_id == resident_id, Evaluation.rated_by_id == resident_id)
    )
    return paginate(statement.order_by(Evaluation.created_at.desc(), Evaluation.id.desc()), page, page_size)
