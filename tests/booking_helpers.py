"""A hall line with a schedule, for the slot and appointment tests: one hall of district X of the
``tree`` fixture, line A served by a number of windows, and the items it handles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from app.extensions import db
from app.models import Hall, QueueCategory, ServiceItem, Slot, SlotSchedule, Window
from app.services.scopes import SYS_ADMIN, Grant, Scope, StaffRights
from tests.catalog_helpers import Tree

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAY = [["09:00", "12:00"], ["13:30", "17:00"]]
HOURS = {day: WEEKDAY for day in ("mon", "tue", "wed", "thu", "fri")} | {"sat": [["09:00", "12:00"]], "sun": []}
MONDAY = date(2026, 11, 23)
QUEUE_OPEN = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)  # a Monday, the hall open
EVERYWHERE = StaffRights(1, (Grant(SYS_ADMIN, Scope("all")),))


def hall_time(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Line:
    hall_id: int
    category_id: int
    region_id: int


def make_line(app, tree: Tree, *, windows: int = 2, hours: dict = HOURS, **hall: object) -> Line:
    """A hall of district X with one line (A) served by ``windows`` windows and a default schedule. The line
    handles ITEM-1 (published) and ITEM-3 (a draft only); ITEM-2 is published but handled elsewhere."""
    with app.app_context():
        row = Hall(code="HT", name="测试大厅", region_id=tree.district_x, address="示范路 1 号", hours=hours, **hall)
        category = QueueCategory(hall=row, prefix="A", name="社保", item_codes=["ITEM-1", "ITEM-3"])
        db.session.add_all([row, category])
        db.session.add_all(Window(hall=row, number=f"0{n}", categories=[category]) for n in range(1, windows + 1))
        for code, state in (("ITEM-1", "draft"), ("ITEM-1", "published"), ("ITEM-2", "published"), ("ITEM-3", "draft")):
            db.session.add(
                ServiceItem(
                    code=code,
                    state=state,
                    name="社保卡",
                    department_id=tree.department_x,
                    audience="personal",
                    processing_type="immediate",
                )
            )
        db.session.flush()
        db.session.add(SlotSchedule(hall_id=row.id, category_id=category.id))
        db.session.commit()
        return Line(row.id, category.id, tree.district_x)


def schedule_of(line: Line) -> SlotSchedule:
    return db.session.scalar(select(SlotSchedule).where(SlotSchedule.category_id == line.category_id))


def slots_on(line: Line, day: date) -> list[Slot]:
    return db.session.scalars(
        select(Slot).where(Slot.category_id == line.category_id, Slot.day == day).order_by(Slot.starts_at)
    ).all()


def local_windows(rows: list[Slot]) -> list[tuple[str, str]]:
    return [(row.starts_at.astimezone(SHANGHAI).strftime("%H:%M"), row.ends_at.astimezone(SHANGHAI).strftime("%H:%M"))
            for row in rows]  # fmt: skip


def set_schedule(line: Line, **fields: object) -> None:
    db.session.execute(update(SlotSchedule).where(SlotSchedule.category_id == line.category_id).values(**fields))
    db.session.commit()
