"""Reading the catalog: regions, departments, halls (open now?), and published service items."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, Integer, Select, cast, null, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from app import reference_cache
from app.calendar import CalendarGap, WorkingCalendar, hall_today
from app.errors import NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import CalendarYear, Department, Hall, HolidayOverride, QueueCategory, Region, ServiceItem
from app.replica import on_replica
from app.services import catalog_search
from app.services.paging import Page, page_of, paginate

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EARTH_RADIUS_M = 6_371_000


@on_replica
def regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.code)))


@on_replica
def departments(region_code: str | None = None) -> list[Department]:
    statement = select(Department).order_by(Department.code)
    if region_code:
        statement = statement.join(Region).where(Region.code == region_code)
    return list(db.session.scalars(statement))


CALENDAR = "working_calendar"  # its name in the reference cache
reference_cache.read_from(CALENDAR, HolidayOverride.__tablename__, CalendarYear.__tablename__)


def working_calendar() -> WorkingCalendar:
    """The holiday overrides and the years entered in full (a booking, a ticket or a deadline needs them): this
    worker's copy while fresh (app/reference_cache.py), else one round trip."""
    return reference_cache.cached(CALENDAR, _read_working_calendar)


def _read_working_calendar() -> WorkingCalendar:
    rows = db.session.execute(
        select(HolidayOverride.day, HolidayOverride.working, cast(null(), Integer).label("year")).union_all(
            select(cast(null(), Date), cast(null(), Boolean), CalendarYear.year)
        )
    ).all()
    overrides = {day: working for day, working, year in rows if year is None}
    years = frozenset(year for _, _, year in rows if year is not None)
    return WorkingCalendar(overrides=overrides, covered_years=years)


EVERY_YEAR = frozenset(range(MINYEAR, MAXYEAR + 1))


def deadline_calendar() -> WorkingCalendar:
    """The working calendar for counting deadlines (办件 time limits, 差评 replies): a year nobody entered
    holidays for yet counts Monday to Friday instead of failing the case. chinese-calendar learns each
    year's holidays in a release after the State Council publishes them (November); until an
    administrator enters them, /readyz warns about the gap."""
    return WorkingCalendar(overrides=working_calendar().overrides, covered_years=EVERY_YEAR)


def due_after(timezone: str, now: datetime, working_days: int) -> date:
    """The hall-local day ``working_days`` working days after today there: when a reply is due."""
    return deadline_calendar().add_working_days(hall_today(timezone, now), working_days)


@dataclass(frozen=True)
class HallView:
    hall: Hall
    today: date
    today_hours: list[list[str]]
    open_now: bool
    distance_m: int | None = None


def hours_on(hall: Hall, day: date, calendar: WorkingCalendar) -> list[list[str]]:
    """The hall's opening hours on ``day``: a special day, a closure, a public holiday, or its weekday hours."""
    text = day.isoformat()
    for special in hall.special_days:
        if special.get("date") == text:
            return special.get("hours", [])
    if text in hall.closed_days:
        return []
    weekday = WEEKDAYS[day.weekday()]
    try:
        working = calendar.is_working_day(day)
    except CalendarGap:
        return hall.hours.get(weekday, [])  # a year not entered yet: the plain weekly timetable
    weekend = day.weekday() >= 5
    if not working:
        return hall.hours.get(weekday, []) if weekend else []  # a public holiday closes a weekday
    if weekend:
        return hall.hours.get("mon", [])  # a make-up workday (调休) keeps weekday hours
    return hall.hours.get(weekday, [])


def view_hall(
    hall: Hall, calendar: WorkingCalendar, now: datetime | None = None, near: tuple[float, float] | None = None
) -> HallView:
    now = now or utcnow()
    today = hall_today(hall.timezone, now)
    hours = hours_on(hall, today, calendar)
    local = now.astimezone(ZoneInfo(hall.timezone)).time()
    open_now = any(time.fromisoformat(start) <= local < time.fromisoformat(end) for start, end in hours)
    distance = None
    if near is not None and hall.latitude is not None and hall.longitude is not None:
        distance = round(_distance_m(near, (hall.latitude, hall.longitude)))
    return HallView(hall, today, hours, open_now, distance)


@on_replica
def halls(region_code: str | None = None, near: tuple[float, float] | None = None) -> list[HallView]:
    statement = select(Hall).order_by(Hall.code)
    if region_code:
        statement = statement.join(Region).where(Region.code == region_code)
    calendar = working_calendar()
    views = [view_hall(hall, calendar, near=near) for hall in db.session.scalars(statement)]
    if near is not None:
        views.sort(key=lambda view: (view.distance_m is None, view.distance_m or 0))
    return views


@on_replica
def hall(hall_id: int) -> HallView:
    found = db.session.get(Hall, hall_id)
    if found is None:
        raise NotFound()
    return view_hall(found, working_calendar())


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class ItemFilter:
    q: str | None = None
    theme: str | None = None
    department: str | None = None
    audience: str | None = None
    hall: int | None = None
    online: bool | None = None


@on_replica
def items(filters: ItemFilter, page: int, page_size: int) -> Page[ServiceItem]:
    statement: Select = select(ServiceItem).where(ServiceItem.state == "published")
    if filters.q:
        statement = statement.where(catalog_search.matches(filters.q))
    if filters.department:
        statement = statement.join(Department).where(Department.code == filters.department)
    if filters.audience:
        statement = statement.where(ServiceItem.audience == filters.audience)
    if filters.online is not None:
        statement = statement.where(ServiceItem.online.is_(filters.online))
    codes = _codes_handled_at(filters.hall) if filters.hall is not None else None
    if codes is not None:
        statement = statement.where(ServiceItem.code.in_(codes))
    order = [catalog_search.rank(filters.q)] if filters.q else []
    statement = statement.order_by(*order, ServiceItem.code)
    if filters.theme:  # themes are a JSON list: filter in Python, the same on both databases
        matching = [item for item in db.session.scalars(statement) if filters.theme in item.themes]
        return page_of(matching, page, page_size)
    return paginate(statement, page, page_size)


def _codes_handled_at(hall_id: int) -> set[str]:
    found = db.session.get(Hall, hall_id)
    return {code for category in found.categories for code in category.item_codes} if found else set()


@dataclass(frozen=True)
class HandledAt:
    hall_id: int
    hall: str
    address: str
    category: str  # queue category prefix, e.g. "A"
    category_name: str


@dataclass(frozen=True)
class ItemGuide:
    """A published item (its fields read through) and the hall lines that handle it."""

    item: ServiceItem
    handled_at: list[HandledAt]

    def __getattr__(self, name: str) -> object:
        return getattr(self.item, name)


def published_item(code: str, *options: ORMOption) -> ServiceItem | None:
    """The published version of an item (a draft may exist beside it), loaded with ``options``."""
    return db.session.scalar(
        select(ServiceItem).options(*options).where(ServiceItem.code == code, ServiceItem.state == "published")
    )


@on_replica
def guide(code: str) -> ItemGuide:
    found = published_item(code, joinedload(ServiceItem.department), selectinload(ServiceItem.materials))
    if found is None:
        raise NotFound()
    return guide_of(found)


def guide_of(item: ServiceItem) -> ItemGuide:
    """The guide of a published item already loaded: the hall lines that handle it, found in one query."""
    lines = db.session.execute(
        select(Hall.id, Hall.name, Hall.address, QueueCategory.prefix, QueueCategory.name, QueueCategory.item_codes)
        .join(QueueCategory, QueueCategory.hall_id == Hall.id)
        .order_by(Hall.code, QueueCategory.prefix)
    )
    handled_at = [
        HandledAt(hall_id, hall_name, address, prefix, name)
        for hall_id, hall_name, address, prefix, name, item_codes in lines
        if item.code in item_codes
    ]
    return ItemGuide(item, handled_at)
