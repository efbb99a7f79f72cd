"""The demo city's queue for the HTTP tests of tickets and of the window console: the whole demo seeded with the
clock frozen on a Monday while the halls are open (``QUEUE_OPEN``), its hall H1, and a kiosk registered there.
A test module takes the fixtures by importing them: ``from tests.queue_helpers import city as city``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Hall
from app.services import devices, staff
from tests.booking_helpers import QUEUE_OPEN
from tests.staff_helpers import create_staff

SOCIAL_CARD = "330100-GG-RS-001"  # line A at every demo hall


@pytest.fixture
def city(seeded_city: Callable[[datetime], Flask]) -> Flask:
    return seeded_city(QUEUE_OPEN)


@pytest.fixture
def hall(city: Flask) -> int:
    return demo_hall(city, "H1")


def demo_hall(app: Flask, code: str) -> int:
    """The id of the demo city's hall ``code`` (H1, H2, ...)."""
    with app.app_context():
        return db.session.scalar(select(Hall.id).where(Hall.code == code))


def kiosk_headers(app: Flask, hall: int) -> dict[str, str]:
    """The device header of a kiosk registered at ``hall`` by a new sys_admin account."""
    admin = create_staff(app, "installer", ("sys_admin", "all", None))
    with app.app_context():
        return {"X-Device-Token": devices.register(hall, "kiosk", "Entrance", admin=staff.rights(admin.id)).token}
