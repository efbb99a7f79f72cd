"""Booking rules that follow a resident from one appointment to the next: no-shows, cancellations above
the limit, and the bans they lead to (a graduated policy, like the halls of Quanzhou and Hangzhou).

A *strike* is a no-show, or a cancellation beyond ``CANCEL_LIMIT`` within ``STRIKE_WINDOW_DAYS``.
Strikes count within the window and only since the resident's last ban began, so a lifted or
served ban starts them afresh. Below ``BAN_AFTER_STRIKES`` a strike brings a warning; at it, a ban
of ``BAN_DAYS`` (403 ``BOOKING_BANNED`` until it ends). A dept_admin of the hall where the last
strike happened can lift it, with a reason (audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app import jobs
from app.errors import BanNotActive, BookingBanned, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.booking import Appointment, BookingBan
from app.models.identity import Resident
from app.services import appointment_messages as messages
from app.services import audit, notify, residents
from app.services.checks import Problems, staff_reason
from app.services.scopes import DEPT_ADMIN, SYS_ADMIN, StaffRights, hall_path

NO_SHOWS, CANCELLATIONS = "no_shows", "cancellations"
REASON_WORDS = {NO_SHOWS: "未按时签到", CANCELLATIONS: "取消超限"}  # template "phrase": at most 5 characters
BAN_WORDS = {NO_SHOWS: "多次爽约", CANCELLATIONS: "取消过多"}


def active_ban(resident_id: int, now: datetime) -> BookingBan | None:
    return db.session.scalar(
        select(BookingBan)
        .where(BookingBan.resident_id == resident_id, BookingBan.lifted_at.is_(None), BookingBan.ends_at > now)
        .order_by(BookingBan.ends_at.desc())
        .limit(1)
    )


def check_not_banned(resident_id: int, now: datetime) -> None:
    ban = active_ban(resident_id, now)
    if ban is None:
        return
    until = messages.local(ban.ends_at, ban.hall)
    raise BookingBanned(
        f"因{BAN_WORDS[ban.reason]}，您的预约资格暂停至{until}，届时可再预约；也可到大厅现场取号",
        f"Booking is suspended until {until} after repeated {ban.reason.replace('_', '-')}; "
        "you can still take a ticket at the hall",
        details={"until": messages.hall_iso(ban.ends_at, ban.hall), "reason": ban.reason},
    )


def _strikes(resident_id: int, now: datetime) -> tuple[int, int]:
    """(strikes, cancellations) counted in the window since the last ban began."""
    config = current_app.config
    since = now - timedelta(days=config["STRIKE_WINDOW_DAYS"])
    last_ban = db.session.scalar(select(func.max(BookingBan.starts_at)).where(BookingBan.resident_id == resident_id))
    if last_ban is not None and last_ban > since:
        since = last_ban
    mine = Appointment.resident_id == resident_id
    no_shows = db.session.scalar(
        select(func.count(Appointment.id)).where(mine, Appointment.status == "no_show", Appointment.ends_at >= since)
    )
    cancellations = db.session.scalar(
        select(func.count(Appointment.id)).where(
            mine,
            Appointment.status == "cancelled",
            Appointment.cancelled_by == "resident",
            Appointment.cancelled_at >= since,
        )
    )
    return no_shows + max(0, cancellations - config["CANCEL_LIMIT"]), cancellations


def _strike(appointment: Appointment, reason: str, now: datetime) -> None:
    """Warn, or ban at the threshold; in the caller's transaction."""
    config = current_app.config
    strikes, _ = _strikes(appointment.resident_id, now)
    values = messages.values(appointment)
    if strikes < config["BAN_AFTER_STRIKES"]:
        notify.notify(
            appointment.resident_id,
            "booking_warning",
            {
                "item": values["item"],
                "time": values["time"],
                "reason": REASON_WORDS[reason],
                "left": str(config["BAN_AFTER_STRIKES"] - strikes),
            },
            idempotency_key=f"appointment:{appointment.id}:strike",
            timezone=appointment.hall.timezone,
        )
        return
    ban = BookingBan(
        resident_id=appointment.resident_id,
        hall_id=appointment.hall_id,
        reason=reason,
        strikes=strikes,
        starts_at=now,
        ends_at=now + timedelta(days=config["BAN_DAYS"]),
    )
    db.session.add(ban)
    db.session.flush()
    audit.record(
        "booking_ban.start",
        audit.SYSTEM,
        object_type="resident",
        object_id=appointment.resident_id,
        details={"ban_id": ban.id, "reason": reason, "strikes": strikes, "appointment_id": appointment.id},
    )
    until = ban.ends_at.astimezone(ZoneInfo(appointment.hall.timezone)).date().isoformat()
    notify.notify(
        appointment.resident_id,
        "booking_banned",
        {"reason": BAN_WORDS[reason], "until": until},
        idempotency_key=f"booking_ban:{ban.id}",
        timezone=appointment.hall.timezone,
    )


def cancelled(appointment: Appointment, now: datetime) -> None:
    """After a resident's cancellation (caller's transaction): a strike once they are over the limit."""
    _, cancellations = _strikes(appointment.resident_id, now)
    if cancellations > current_app.config["CANCEL_LIMIT"]:
        _strike(appointment, CANCELLATIONS, now)


def mark_no_shows(now: datetime | None = None, limit: int = 500) -> int:
    """Booked appointments not checked in by the end of their slot plus the grace period become no-shows."""
    now = now or utcnow()
    cutoff = now - timedelta(minutes=current_app.config["NO_SHOW_GRACE_MINUTES"])
    due = db.session.scalars(
        select(Appointment)
        .options(selectinload(Appointment.item), selectinload(Appointment.hall))
        .where(Appointment.status == "booked", Appointment.ends_at < cutoff)
        .order_by(Appointment.ends_at)
        .limit(limit)
    ).all()
    marked = 0
    for appointment in due:
        changed = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status == "booked")
            .values(status="no_show", updated_at=now),
            execution_options={"synchronize_session": False},
        ).rowcount
        if changed == 1:  # not checked in meanwhile
            db.session.flush()
            _strike(appointment, NO_SHOWS, now)
            marked += 1
        db.session.commit()
    return marked


jobs.SWEEPERS.append(mark_no_shows)


# --- Staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BanView:
    ban: BookingBan
    phone: str | None  # masked by the API
    name: str | None


def _view(ban: BookingBan) -> BanView:
    profile = residents.profile(db.session.get(Resident, ban.resident_id))
    return BanView(ban, profile.phone, profile.name)


def list_bans(viewer: StaffRights, *, phone: str | None = None, active_only: bool = True) -> list[BanView]:
    """Bans started at halls the viewer administers, latest first; ``phone`` finds one resident's."""
    halls = viewer.halls(DEPT_ADMIN, SYS_ADMIN)
    statement = select(BookingBan)
    if halls is not None:
        statement = statement.where(BookingBan.hall_id.in_(halls))
    if active_only:
        statement = statement.where(BookingBan.lifted_at.is_(None), BookingBan.ends_at > utcnow())
    if phone is not None:
        resident = residents.find_by_phone(phone)
        if resident is None:
            return []
        statement = statement.where(BookingBan.resident_id == resident.id)
    return [_view(ban) for ban in db.session.scalars(statement.order_by(BookingBan.starts_at.desc()).limit(100))]


def lift_ban(ban_id: int, reason: object, *, admin: StaffRights) -> BanView:
    """End a ban now (appeal upheld, a mistake); audited with the reason."""
    ban = db.session.get(BookingBan, ban_id)
    if ban is None or not admin.covers(hall_path(ban.hall_id), DEPT_ADMIN, SYS_ADMIN):
        raise NotFound()
    problems = Problems()
    text = staff_reason(reason, problems, "why the ban is lifted")
    problems.raise_if_any()
    now = utcnow()
    if ban.lifted_at is not None or ban.ends_at <= now:
        raise BanNotActive()
    ban.lifted_at, ban.lifted_by_id, ban.lift_reason = now, admin.staff_id, text
    role = next(role for role in (SYS_ADMIN, DEPT_ADMIN) if admin.covers(hall_path(ban.hall_id), role))
    audit.record(
        "booking_ban.lift",
        admin.actor(role),
        object_type="resident",
        object_id=ban.resident_id,
        details={"ban_id": ban.id, "reason": text},
    )
    db.session.commit()
    return _view(ban)
