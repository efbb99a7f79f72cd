"""Appointments (预约): booking a slot, cancelling, rescheduling, checking in, and staff's day list.

The database decides every booking: one conditional UPDATE (``booked < capacity``) in the booking's
transaction takes a place, so no slot is ever overbooked, across workers and hosts. Before that,
the resident's row is locked (a write lock on SQLite), so one resident's concurrent requests are
judged one after the other: no one holds two bookings of one item or more than the limit.
A slot found full is remembered in Redis for a few seconds, so a flash crowd is turned away
without a transaction; a place coming back clears the mark.

The rules, in the order they are checked, each with its own code and when to try again, are in
docs/appointments.md. Timing rules come from the hall line's ``SlotSchedule``; limits from config.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app import jobs
from app.calendar import hall_today
from app.errors import (
    AlreadyBooked,
    AlreadyCheckedIn,
    AppointmentNotActive,
    BookingClosed,
    BookingOverlap,
    ChangeTooLate,
    CheckInExpired,
    CheckInInvalid,
    CheckInTooEarly,
    CheckInWrongHall,
    ItemNotBookable,
    NotAWorkingDay,
    NotFound,
    SlotClosed,
    SlotFull,
    SlotNotReleased,
    TooManyBookings,
)
from app.extensions import db
from app.models.base import MAX_ID, utcnow
from app.models.booking import Appointment, Slot, SlotSchedule
from app.models.catalog import Hall, ServiceItem
from app.models.identity import Resident
from app.services import appointment_messages as messages
from app.services import audit, booking_policy, catalog, checklist, idempotency, notify, proxies, qr, residents, slots
from app.services.idempotency import IdempotentRequest
from app.services.scopes import ROLES, StaffRights, hall_path
from app.services.transactions import commit_keeping_loaded

log = logging.getLogger(__name__)

BOOK = "appointments.book"
ACTIVE = "booked"
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out at a window
REFERENCE_LENGTH = 8
LIST_MAX = 100
_TOKEN_KEY_INFO = b"palmgov check-in tokens v1"
TOKEN_MAC_LENGTH = 16  # base32 characters: 80 bits


@dataclass(frozen=True)
class Booking:
    appointment: Appointment
    replayed: bool  # an earlier request with the same Idempotency-Key made it
    schedule: SlotSchedule | None = None  # the slot's line's, when the booking has it at hand

    def view(self) -> AppointmentView:
        return view(self.appointment, schedule=self.schedule)


# --- Booking ------------------------------------------------------------------------------------


def book(
    actor_id: int,
    item_code: str,
    slot_id: int,
    *,
    request: IdempotentRequest,
    acting_for: int | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book ``slot_id`` for ``item_code``, for the actor or (代办) the resident they act for."""
    now = now or utcnow()
    # The flash crowd's answer, before any SQL: the slot was found full seconds ago, and this is no retry
    # of a request that may have booked (whose key would be in Redis since before its commit).
    if slots.marked_full(slot_id) and not idempotency.maybe_seen(request):
        raise SlotFull(details={"slot_id": slot_id})
    found = idempotency.earlier(request)
    if found is not None:
        return Booking(_get(found.resource_id), True)
    resident_id = acting_for or actor_id
    if acting_for is not None:
        proxies.authorize(actor_id, acting_for)
    slot, item, schedule, hall = _bookable(item_code, slot_id)
    _check_slot(slot, schedule, hall, now)
    try:
        residents.lock(resident_id)
        found = idempotency.earlier(request)  # a concurrent duplicate committed while we waited
        if found is not None:
            db.session.rollback()
            return Booking(_get(found.resource_id), True)
        resident = db.session.get(Resident, resident_id)
        _check_resident(resident, item, slot, now)
        _take_place(slot)
        appointment = Appointment(
            reference=_new_reference(),
            resident_id=resident_id,
            booked_by_id=actor_id,
            item=item,
            hall=hall,
            slot=slot,
            day=slot.day,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            status=ACTIVE,
            created_at=now,
            updated_at=now,
        )
        db.session.add(appointment)
        db.session.flush()
        idempotency.remember(request, appointment.id, 201)
        if acting_for is not None:
            audit.record(
                "appointment.book",
                audit.Actor("resident", actor_id),
                acting_for_id=acting_for,
                object_type="appointment",
                object_id=appointment.id,
            )
        _confirm(appointment)
        commit_keeping_loaded()  # written through the ORM; the slot's ``booked`` is not in the answer
    except IntegrityError:  # the same key committed by a concurrent request of another resident's lock
        db.session.rollback()
        found = idempotency.earlier(request)
        if found is None:
            raise
        return Booking(_get(found.resource_id), True)
    except Exception:
        db.session.rollback()
        raise
    return Booking(appointment, False, schedule)


def _bookable(item_code: str, slot_id: int) -> tuple[Slot, ServiceItem, SlotSchedule, Hall]:
    # The slot, its line, the line's schedule and the hall in one round trip: every request of a flash crowd
    # comes here.
    found = db.session.execute(
        select(Slot, SlotSchedule, Hall)
        .join(Hall, Hall.id == Slot.hall_id)
        .outerjoin(SlotSchedule, SlotSchedule.category_id == Slot.category_id)
        .options(joinedload(Slot.category))
        .where(Slot.id == slot_id)
    ).first()
    item = catalog.published_item(item_code)
    if found is None or item is None:
        raise NotFound()
    slot, schedule, hall = found
    if not item.appointment or schedule is None or item_code not in slot.category.item_codes:
        raise ItemNotBookable()
    return slot, item, schedule, hall


def _check_slot(slot: Slot, schedule: SlotSchedule, hall: Hall, now: datetime) -> None:
    """The slot's own rules: released (放号), not too close, a working day, open."""
    opens = slots.released_at(schedule, slot.day, ZoneInfo(hall.timezone))
    if now < opens:
        raise SlotNotReleased(
            f"该日号源将于{messages.local(opens, hall)}放出，届时再来预约",
            f"Slots for this day are released at {messages.local(opens, hall)}; book then",
            details={"opens_at": messages.hall_iso(opens, hall)},
        )
    closes = slots.booking_closes_at(schedule, slot)
    if now >= closes:
        raise BookingClosed(
            f"该时段预约已于{messages.local(closes, hall)}截止，请选择更晚的时段或到大厅取号",
            f"Booking for this slot closed at {messages.local(closes, hall)}; "
            "choose a later slot or take a ticket at the hall",
            details={"closed_at": messages.hall_iso(closes, hall)},
        )
    if not catalog.working_calendar().is_working_day(slot.day):
        raise NotAWorkingDay()
    if slot.closed:
        raise SlotClosed()


def _check_resident(resident: Resident, item: ServiceItem, slot: Slot, now: datetime) -> None:
    residents.require_level(resident, item.assurance_level, now)
    booking_policy.check_not_banned(resident.id, now)
    active = db.session.scalars(
        select(Appointment).where(Appointment.resident_id == resident.id, Appointment.status == ACTIVE)
    ).all()
    _check_limits(active, item, slot.starts_at, slot.ends_at)


def _check_limits(active: list[Appointment], item: ServiceItem, starts_at: datetime, ends_at: datetime) -> None:
    config = current_app.config
    same_item = [row for row in active if row.item_id == item.id]
    if len(same_item) >= config["BOOKING_MAX_PER_ITEM"]:
        held = same_item[0]
        raise AlreadyBooked(
            f"您已预约该事项（{held.reference}），请按时办理或取消后再约",
            f"You already have a booking for this service ({held.reference}); keep it, or cancel it to book again",
            details={"reference": held.reference, "retry_after": messages.hall_iso(held.ends_at, held.hall)},
        )
    _check_overlap(active, starts_at, ends_at)
    if len(active) >= config["BOOKING_MAX_ACTIVE"]:
        first_free = min(active, key=lambda row: row.ends_at)
        raise TooManyBookings(
            f"您最多同时持有{config['BOOKING_MAX_ACTIVE']}个有效预约，请在办理或取消一个后再约",
            f"You can hold at most {config['BOOKING_MAX_ACTIVE']} bookings; book again after one is over or cancelled",
            details={
                "limit": config["BOOKING_MAX_ACTIVE"],
                "retry_after": messages.hall_iso(first_free.ends_at, first_free.hall),
            },
        )


def _check_overlap(active: list[Appointment], starts_at: datetime, ends_at: datetime) -> None:
    overlapping = next((row for row in active if row.starts_at < ends_at and starts_at < row.ends_at), None)
    if overlapping is not None:
        raise BookingOverlap(
            f"该时段与您的预约（{overlapping.reference}）时间重叠",
            f"This slot overlaps your booking {overlapping.reference}",
            details={"reference": overlapping.reference},
        )


def _take_place(slot: Slot) -> None:
    """The one statement that decides: a place is taken only if one is left."""
    taken = db.session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.booked < Slot.capacity, Slot.closed.is_(False))
        .values(booked=Slot.booked + 1, updated_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount
    if taken != 1:
        slots.mark_full(slot.id)
        raise SlotFull(details={"slot_id": slot.id})


def _give_back(slot_id: int) -> None:
    db.session.execute(
        update(Slot).where(Slot.id == slot_id).values(booked=Slot.booked - 1, updated_at=utcnow()),
        execution_options={"synchronize_session": False},
    )


def _new_reference() -> str:
    while True:
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if db.session.scalar(select(Appointment.id).where(Appointment.reference == reference)) is None:
            return reference


def _get(appointment_id: int) -> Appointment:
    found = db.session.get(Appointment, appointment_id)
    if found is None:
        raise NotFound()
    return found


# --- The resident's appointments ------------------------------------------------------------------


def mine(actor_id: int, appointment_id: int) -> Appointment:
    """The appointment if it is the actor's, or they act for its resident (代办) under a grant still active;
    else 404. Having made a booking gives no access once the grant is revoked."""
    found = db.session.get(Appointment, appointment_id)
    if found is None:
        raise NotFound()
    if actor_id != found.resident_id:
        proxies.authorize(actor_id, found.resident_id)
    return found


@dataclass(frozen=True)
class AppointmentView:
    """An appointment as its resident sees it: where and when, until when it can be changed, what to
    bring (the 一次性告知 checklist) and, while it is active, the check-in token for the kiosk."""

    appointment: Appointment
    category: str
    starts_at: datetime  # hall time
    ends_at: datetime
    change_until: datetime
    check_in_token: str | None
    check_in_from: datetime
    check_in_until: datetime
    checklist: checklist.Checklist | None


def view(
    appointment: Appointment, *, with_checklist: bool = True, schedule: SlotSchedule | None = None
) -> AppointmentView:
    """``schedule``: the slot's line's, when the caller has it (else it is read)."""
    zone = ZoneInfo(appointment.hall.timezone)
    schedule = schedule or _schedule_of(appointment)
    change_until = appointment.starts_at - timedelta(minutes=schedule.cancel_minutes_before if schedule else 0)
    opens, closes = check_in_window(appointment)
    active = appointment.status == ACTIVE
    return AppointmentView(
        appointment,
        appointment.slot.category.prefix,
        appointment.starts_at.astimezone(zone),
        appointment.ends_at.astimezone(zone),
        change_until.astimezone(zone),
        check_in_token(appointment) if active else None,
        opens.astimezone(zone),
        closes.astimezone(zone),
        checklist.of_item(appointment.item) if with_checklist else None,
    )


def get_mine(actor_id: int, appointment_id: int) -> AppointmentView:
    return view(mine(actor_id, appointment_id))


def list_mine(actor_id: int, *, active_only: bool = False) -> list[AppointmentView]:
    """The resident's appointments and those of relatives who granted them a proxy, latest slot first."""
    statement = select(Appointment).where(Appointment.resident_id.in_([actor_id, *proxies.grantors_of(actor_id)]))
    if active_only:
        statement = statement.where(Appointment.status == ACTIVE)
    rows = db.session.scalars(statement.order_by(Appointment.starts_at.desc()).limit(LIST_MAX))
    return [view(row, with_checklist=False) for row in rows]


def _schedule_of(appointment: Appointment) -> SlotSchedule | None:
    return db.session.scalar(select(SlotSchedule).where(SlotSchedule.category_id == appointment.slot.category_id))


def _check_change_deadline(appointment: Appointment, now: datetime) -> None:
    schedule = _schedule_of(appointment)
    deadline = appointment.starts_at - timedelta(minutes=schedule.cancel_minutes_before if schedule else 0)
    if now >= deadline:
        hall = appointment.hall
        raise ChangeTooLate(
            f"预约须在{messages.local(deadline, hall)}前取消或改约；如不能到场，无需操作，请下次按时",
            f"Appointments can be cancelled or moved until {messages.local(deadline, hall)}",
            details={"deadline": messages.hall_iso(deadline, hall)},
        )


def cancel(actor_id: int, appointment_id: int, now: datetime | None = None) -> Appointment:
    """Cancel until the line's deadline (2 hours before by default); the place is free at once."""
    now = now or utcnow()
    appointment = mine(actor_id, appointment_id)
    if appointment.status != ACTIVE:
        raise AppointmentNotActive()
    _check_change_deadline(appointment, now)
    try:
        changed = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status == ACTIVE)
            .values(status="cancelled", cancelled_at=now, cancelled_by="resident", updated_at=now),
            execution_options={"synchronize_session": False},
        ).rowcount
        if changed != 1:  # a concurrent cancel or check-in won
            raise AppointmentNotActive()
        _give_back(appointment.slot_id)
        if actor_id != appointment.resident_id:
            audit.record(
                "appointment.cancel",
                audit.Actor("resident", actor_id),
                acting_for_id=appointment.resident_id,
                object_type="appointment",
                object_id=appointment.id,
            )
        booking_policy.cancelled(appointment, now)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    db.session.refresh(appointment)
    slots.place_returned(appointment.slot_id)
    return appointment


def reschedule(actor_id: int, appointment_id: int, slot_id: int, now: datetime | None = None) -> Appointment:
    """Move to another slot of the same item; the new place is taken before the old one is given back,
    so a resident never ends up with neither."""
    now = now or utcnow()
    appointment = mine(actor_id, appointment_id)
    if appointment.status != ACTIVE:
        raise AppointmentNotActive()
    _check_change_deadline(appointment, now)
    if slot_id == appointment.slot_id:
        return appointment
    slot, _, schedule, hall = _bookable(appointment.item.code, slot_id)
    old_slot = appointment.slot
    _check_slot(slot, schedule, hall, now)
    try:
        residents.lock(appointment.resident_id)
        others = db.session.scalars(
            select(Appointment).where(
                Appointment.resident_id == appointment.resident_id,
                Appointment.status == ACTIVE,
                Appointment.id != appointment.id,
            )
        ).all()
        _check_overlap(list(others), slot.starts_at, slot.ends_at)
        _take_place(slot)
        moved = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status == ACTIVE)
            .values(
                slot_id=slot.id,
                hall_id=slot.hall_id,
                day=slot.day,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                reminded_at=None,
                reschedules=Appointment.reschedules + 1,
                updated_at=now,
            ),
            execution_options={"synchronize_session": False},
        ).rowcount
        if moved != 1:
            raise AppointmentNotActive()
        _give_back(old_slot.id)
        db.session.flush()
        db.session.refresh(appointment)
        _confirm(appointment)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    slots.place_returned(old_slot.id)
    return appointment


def _confirm(appointment: Appointment) -> None:
    """The booking confirmation, in the booking's transaction (``appointment_booked``)."""
    notify.notify(
        appointment.resident_id,
        "appointment_booked",
        messages.values(appointment),
        idempotency_key=f"appointment:{appointment.id}:booked:{appointment.reschedules}",
        link=f"pages/appointment/index?ref={appointment.reference}",
        timezone=appointment.hall.timezone,
    )


def send_reminders(now: datetime | None = None, limit: int = 500) -> int:
    """The day-before reminder, with the materials checklist and a link to it: from ``REMINDER_TIME`` hall time
    on the day before (quiet hours still apply). An appointment booked after that moment has its confirmation."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Appointment)
        .options(selectinload(Appointment.item), selectinload(Appointment.hall))
        .where(
            Appointment.status == ACTIVE,
            Appointment.reminded_at.is_(None),
            Appointment.starts_at > now,
            Appointment.starts_at < now + timedelta(days=2),
        )
        .order_by(Appointment.starts_at)
        .limit(limit)
    ).all()
    sent = 0
    at = time.fromisoformat(current_app.config["REMINDER_TIME"])
    for appointment in due:
        remind_at = datetime.combine(appointment.day - timedelta(days=1), at, ZoneInfo(appointment.hall.timezone))
        if now < remind_at or appointment.created_at >= remind_at:
            continue
        notify.notify(
            appointment.resident_id,
            "appointment_reminder",
            {**messages.values(appointment), "materials": messages.materials_summary(appointment)},
            idempotency_key=f"appointment:{appointment.id}:reminder:{appointment.reschedules}",
            link=f"pages/item/index?code={appointment.item.code}",
            timezone=appointment.hall.timezone,
        )
        appointment.reminded_at = now
        sent += 1
    db.session.commit()
    return sent


jobs.SWEEPERS.append(send_reminders)


# --- Check-in ----------------------------------------------------------------------------------


def _token_mac(appointment_id: int, day: date) -> str:
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), _TOKEN_KEY_INFO, hashlib.sha256).digest()
    digest = hmac.new(key, f"{appointment_id}:{day.isoformat()}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:TOKEN_MAC_LENGTH]


def check_in_token(appointment: Appointment) -> str:
    """``<id in base 36>.<MAC>``: at most 24 characters (a mini-program code's scene takes 32), valid for
    the appointment's day only (a move to another day makes a new one)."""
    return f"{_base36(appointment.id)}.{_token_mac(appointment.id, appointment.day)}"


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text


def read_token(token: str) -> Appointment:
    """The appointment of a genuine check-in token (any state); CHECK_IN_INVALID otherwise."""
    ident, _, mac = token.strip().upper().partition(".")
    if not (1 <= len(ident) <= 7 and ident.isalnum() and ident.isascii() and len(mac) == TOKEN_MAC_LENGTH):
        raise CheckInInvalid()
    appointment_id = int(ident, 36)
    appointment = db.session.get(Appointment, appointment_id) if appointment_id <= MAX_ID else None
    if appointment is None or not hmac.compare_digest(_token_mac(appointment.id, appointment.day), mac):
        raise CheckInInvalid()
    return appointment


def check_in_qr(token: str, fmt: str) -> qr.Image:
    """The QR code a kiosk scans: the token itself, drawn only for a genuine one (404 otherwise: there is no
    such code to draw)."""
    try:
        read_token(token)
    except CheckInInvalid as exc:
        raise NotFound() from exc
    return qr.qr_image(token.strip().upper(), fmt)


def check_in_window(appointment: Appointment) -> tuple[datetime, datetime]:
    config = current_app.config
    return (
        appointment.starts_at - timedelta(minutes=config["CHECK_IN_EARLY_MINUTES"]),
        appointment.ends_at + timedelta(minutes=config["NO_SHOW_GRACE_MINUTES"]),
    )


def check_in(token: str, *, hall_id: int, now: datetime | None = None) -> Appointment:
    """Verify and consume a check-in token scanned at ``hall_id``, in the caller's transaction (the queue
    issues the appointment's ticket in the same one): the appointment, now ``checked_in``."""
    now = now or utcnow()
    appointment = read_token(token)
    hall = appointment.hall
    if appointment.hall_id != hall_id:
        raise CheckInWrongHall(
            f"该预约在{hall.name}，请前往该大厅签到",
            f"This appointment is at {hall.name}; check in there",
            details={"hall_id": hall.id, "hall": hall.name},
        )
    if appointment.status == "checked_in":
        raise AlreadyCheckedIn()
    if appointment.status != ACTIVE:
        raise AppointmentNotActive()
    opens, closes = check_in_window(appointment)
    if now < opens:
        raise CheckInTooEarly(
            f"请于{messages.local(opens, hall)}后签到",
            f"Check-in opens at {messages.local(opens, hall)}",
            details={"opens_at": messages.hall_iso(opens, hall)},
        )
    if now > closes:
        raise CheckInExpired(details={"closed_at": messages.hall_iso(closes, hall)})
    changed = db.session.execute(
        update(Appointment)
        .where(Appointment.id == appointment.id, Appointment.status == ACTIVE)
        .values(status="checked_in", checked_in_at=now, updated_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    if changed != 1:
        raise AlreadyCheckedIn()
    db.session.refresh(appointment)
    return appointment


# --- Staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffAppointment:
    """One line of a hall's day list; the API masks the personal data."""

    appointment: Appointment
    category: str
    item_code: str
    item_name: str
    starts_at: datetime  # hall time
    ends_at: datetime
    name: str | None
    phone: str | None
    by_proxy: bool


def day_list(hall_id: int, day: date | None, *, viewer: StaffRights) -> list[StaffAppointment]:
    """A hall's appointments of one day (today by default), in slot order, for any staff member of the hall."""
    hall = db.session.get(Hall, hall_id)
    if hall is None or not viewer.covers(hall_path(hall.id), *ROLES):
        raise NotFound()
    zone = ZoneInfo(hall.timezone)
    day = day or hall_today(hall.timezone)
    rows = db.session.scalars(
        select(Appointment)
        .options(selectinload(Appointment.item), selectinload(Appointment.slot).selectinload(Slot.category))
        .where(Appointment.hall_id == hall.id, Appointment.day == day)
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    people = {
        resident.id: residents.profile(resident)
        for resident in db.session.scalars(select(Resident).where(Resident.id.in_({row.resident_id for row in rows})))
    }
    return [
        StaffAppointment(
            row,
            row.slot.category.prefix,
            row.item.code,
            row.item.name,
            row.starts_at.astimezone(zone),
            row.ends_at.astimezone(zone),
            people[row.resident_id].name,
            people[row.resident_id].phone,
            row.booked_by_id != row.resident_id,
        )
        for row in rows
    ]
