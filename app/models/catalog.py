"""The service catalog: where (regions, departments, halls, windows, queue categories),
what (service items with their guides and materials) and when (holiday overrides).

A service item exists as a ``draft`` row that department admins edit and, once
published, a ``published`` row residents read; both carry the same code (事项编码).
Publishing copies the draft over the published row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

REGION_LEVELS = ("province", "city", "district", "street")
ITEM_STATES = ("draft", "published")


class Region(db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # 行政区划代码
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(12))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)

    parent: Mapped[Region | None] = relationship(remote_side=[id])


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(32))

    region: Mapped[Region] = relationship()


class Hall(db.Model):
    __tablename__ = "halls"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    address: Mapped[str] = mapped_column(String(255))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    phone: Mapped[str | None] = mapped_column(String(32))
    # {"mon": [["09:00", "12:00"], ["13:30", "17:00"]], …, "sun": []}
    hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    closed_days: Mapped[list[str]] = mapped_column(JSON, default=list)  # ["2026-12-31"]
    # [{"date": "2026-12-26", "hours": [["09:00", "12:00"]], "note": "…"}]
    special_days: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    region: Mapped[Region] = relationship()
    categories: Mapped[list[QueueCategory]] = relationship(back_populates="hall", order_by="QueueCategory.prefix")
    windows: Mapped[list[Window]] = relationship(back_populates="hall", order_by="Window.number")


class QueueCategory(db.Model):
    """A line of a hall (A 社保医保, B 户政…); tickets are numbered per category and day."""

    __tablename__ = "queue_categories"
    __table_args__ = (UniqueConstraint("hall_id", "prefix"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(64))
    # Codes of the service items this line handles (stable across draft and published rows).
    item_codes: Mapped[list[str]] = mapped_column(JSON, default=list)

    hall: Mapped[Hall] = relationship(back_populates="categories")


window_categories = Table(
    "window_categories",
    db.metadata,
    Column("window_id", ForeignKey("windows.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("queue_categories.id", ondelete="CASCADE"), primary_key=True),
)


class Window(db.Model):
    __tablename__ = "windows"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    number: Mapped[str] = mapped_column(String(8))
    accessible: Mapped[bool] = mapped_column(default=False)

    hall: Mapped[Hall] = relationship(back_populates="windows")
    categories: Mapped[list[QueueCategory]] = relationship(secondary=window_categories)


class ServiceItem(db.Model):
    """事项 and its full guide (办事指南). See docs/catalog.md for each field."""

    __tablename__ = "service_items"
    __table_args__ = (UniqueConstraint("code", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(10))  # draft | published
    name: Mapped[str] = mapped_column(String(128))
    sub_item: Mapped[str | None] = mapped_column(String(128))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    audience: Mapped[str] = mapped_column(String(12))  # personal | legal_person
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    processing_type: Mapped[str] = mapped_column(String(10))  # immediate (即办件) | promised (承诺件)
    legal_days: Mapped[int] = mapped_column(default=0)  # working days
    promised_days: Mapped[int] = mapped_column(default=0)
    # {"free": true, "lines": []} or {"free": false, "lines": [{"name", "amount_fen", "basis"}]}
    fee: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    visits: Mapped[int] = mapped_column(default=1)  # 0 fully online, 1 最多跑一次, 2
    online: Mapped[bool] = mapped_column(default=False)
    appointment: Mapped[bool] = mapped_column(default=True)
    assurance_level: Mapped[int] = mapped_column(default=1)
    conditions: Mapped[list[str]] = mapped_column(JSON, default=list)
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    special_procedures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    faq: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    application_form: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # see application_forms
    consult_phone: Mapped[str | None] = mapped_column(String(32))
    complaint_phone: Mapped[str | None] = mapped_column(String(32))
    # Name, keywords, their pinyin and initials, lower case: what search matches on either database.
    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    department: Mapped[Department] = relationship()
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", order_by="Material.position", cascade="all, delete-orphan"
    )


class Material(db.Model):
    """One line of the 一次性告知 list."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(128))
    count: Mapped[int] = mapped_column(default=1)
    form: Mapped[str] = mapped_column(String(12))  # original | copy | electronic
    source: Mapped[str | None] = mapped_column(String(128))
    required: Mapped[bool] = mapped_column(default=True)
    condition: Mapped[str | None] = mapped_column(String(255))  # 情形, in words
    notes: Mapped[str | None] = mapped_column(Text)
    sample_url: Mapped[str | None] = mapped_column(String(255))
    upload: Mapped[bool] = mapped_column(default=False)  # uploaded with an online application

    item: Mapped[ServiceItem] = relationship(back_populates="materials")


class HolidayOverride(db.Model):
    """A day the national calendar gets wrong for us: a local closure, or a year not yet published."""

    __tablename__ = "holiday_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(128), default="")


class CalendarYear(db.Model):
    """A year whose holidays an administrator entered in full (for years the package does not know yet)."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    note: Mapped[str] = mapped_column(String(128), default="")
