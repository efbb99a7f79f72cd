"""Row 16 of the security table over HTTP: a booking that only partly overlaps one the resident holds (09:00–09:30,
then 09:15–09:45 at another hall) is 409 BOOKING_OVERLAP, and nothing is booked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Slot
from tests.api.v1.test_appointments import (
    CARD_REPLACEMENT,
    NOW,
    appointment_count,
    book,
    booked,
    booked_ok,
    resident_headers,
    slot_ids,
)
from tests.helpers import assert_error

QUARTER = timedelta(minutes=15)


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


def test_a_partly_overlapping_booking_is_409_and_books_nothing(city, client):
    resident = resident_headers(city, client)
    nine_at_h1, nine_at_h2 = slot_ids(city, "H1")[0], slot_ids(city, "H2")[0]
    with city.app_context():
        slot = db.session.get(Slot, nine_at_h2)
        slot.starts_at, slot.ends_at = slot.starts_at + QUARTER, slot.ends_at + QUARTER
        db.session.commit()
    first = booked_ok(client, resident, nine_at_h1)
    before = appointment_count(city)
    body = assert_error(book(client, resident, nine_at_h2, key="key-2", item=CARD_REPLACEMENT), 409, "BOOKING_OVERLAP")
    assert body["details"] == {"reference": first["reference"]}
    assert appointment_count(city) == before and booked(city, nine_at_h2) == 0
