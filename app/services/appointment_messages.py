"""What messages about an appointment say: values shaped for the templates in app/notify_templates.py."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.models.booking import Appointment
from app.models.catalog import Hall
from app.services import checklist

THING_MAX = 20  # a template "thing" value


def local(moment: datetime, hall: Hall) -> str:
    """``moment`` in the hall's time, as messages and error messages show it: 2026-12-07 09:30."""
    return moment.astimezone(ZoneInfo(hall.timezone)).strftime("%Y-%m-%d %H:%M")


def hall_iso(moment: datetime, hall: Hall) -> str:
    """``moment`` as ISO 8601 in the hall's time, with its offset: how error details give times."""
    return moment.astimezone(ZoneInfo(hall.timezone)).isoformat()


def fit(text: str, limit: int = THING_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def values(appointment: Appointment) -> dict[str, str]:
    """Item, hall-time start and hall, as the appointment templates take them."""
    return {
        "item": fit(appointment.item.name),
        "time": local(appointment.starts_at, appointment.hall),
        "hall": fit(appointment.hall.name),
    }


def materials_summary(appointment: Appointment) -> str:
    """The materials checklist in a few words: "居民身份证等3项"."""
    names = [material.name for material in checklist.build(appointment.item.code).required_materials]
    if not names:
        return "有效身份证件"
    return fit(names[0], 14) + (f"等{len(names)}项" if len(names) > 1 else "")
