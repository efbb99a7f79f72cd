"""Statement budgets of the hot endpoints (issue 12): one request runs at most so many SQL statements, and no more
with more data (1 vs 20 waiting tickets, appointments, days of slots, events, applications), which catches an N+1 or
a full reload. Counted, not timed.

Not counted: savepoints (the PostgreSQL fixture's commits), so the budgets hold on both databases; the jobs a
request leaves for after its commit (the message delivery), which RQ workers run in production and the embedded
Redis of the tests runs inline; and the reference data each worker keeps (the working calendar and the catalog's
tree, app/reference_cache.py), which the tests turn off elsewhere and these read beforehand, as a worker in steady
state has."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.models import Application, ApplicationEvent, Window
from app.models.base import utcnow
from app.security.crypto import field_crypto
from app.services import catalog, links, residents, scopes
from app.validators import id_check_char
from tests.application_helpers import make_online_item, submitted
from tests.catalog_helpers import build_tree
from tests.helpers import app_context, bearer, resident_token, statements
from tests.queue_helpers import SOCIAL_CARD, kiosk_headers
from tests.queue_helpers import city as city
from tests.queue_helpers import hall as hall
from tests.staff_helpers import NAME, create_staff, staff_headers

TUESDAY = date(2026, 11, 24)  # the day after QUEUE_OPEN's Monday: its slots are released
_apps: list[Flask] = []  # the test's app, for reading the reference data beforehand


@pytest.fixture(autouse=True)
def jobs_left_queued(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "_run_inline", lambda func, args: None)


@pytest.fixture(autouse=True)
def reference_data_kept(app: Flask) -> Iterator[None]:
    """As deployed: the worker keeps the working calendar and the catalog's tree (``counted`` reads them first)."""
    app.config["REFERENCE_CACHE_SECONDS"] = 3600
    _apps.append(app)
    yield
    _apps.remove(app)


def counted(send: Callable[[], object]) -> tuple[int, object]:
    """How many statements one request ran, and its (successful) response."""
    with _apps[-1].app_context():
        catalog.working_calendar(), scopes.TREE.department_paths()
    with statements() as seen:
        response = send()
    assert response.status_code < 300, response.get_json()
    return len(seen), response


def warm(client, headers: dict[str, str], path: str = "/api/v1/tickets") -> dict[str, str]:
    """The session in the cache, as it is on every request after a login's first: budgets are the steady state."""
    assert client.get(path, headers=headers).status_code == 200
    return headers


def l2_resident(app: Flask, n: int) -> dict[str, str]:
    """The ``n``-th resident of the test, with a live session and a real name (L2, what the demo items ask)."""
    phone, id_body = f"139{n:08d}", f"3301021985061{n:04d}"
    with app_context(app):
        token = resident_token(phone)
        resident = residents.find_by_phone(phone)
        crypto, id_number = field_crypto(), id_body + id_check_char(id_body)
        resident.name_enc = crypto.encrypt(NAME, "resident.name")
        resident.id_number_enc = crypto.encrypt(id_number, "resident.id_number")
        resident.id_number_index = residents.id_number_index(id_number)
        resident.real_name_at = utcnow()
        db.session.commit()
    return bearer(token)


def availability(client, hall: int, first: date, days: int = 1):
    until = first + timedelta(days=days - 1)
    return client.get(f"/api/v1/halls/{hall}/availability?item={SOCIAL_CARD}&from={first}&to={until}")


def bookable(client, hall: int, day: date) -> list[int]:
    return [slot["id"] for slot in availability(client, hall, day).get_json()["days"][0]["slots"] if slot["bookable"]]


# --- Booking and tickets -----------------------------------------------------------------------------------------


def book(client, headers: dict[str, str], slot_id: int, key: str):
    return client.post("/api/v1/appointments", json={"item_code": SOCIAL_CARD, "slot_id": slot_id},
                       headers={**headers, "Idempotency-Key": key})  # fmt: skip


def test_a_booking(city, client, hall):
    places = bookable(client, hall, TUESDAY)
    resident = warm(client, l2_resident(city, 0))
    first, _ = counted(lambda: book(client, resident, places[0], "b-0"))
    others = [slot for day in (1, 2, 3) for slot in bookable(client, hall, TUESDAY + timedelta(days=day))]
    for n in range(1, 21):
        assert book(client, l2_resident(city, n), others[n], f"b-{n}").status_code == 201
    last = warm(client, l2_resident(city, 21))
    later, answer = counted(lambda: book(client, last, places[1], "b-21"))
    replayed, _ = counted(lambda: book(client, last, places[1], "b-21"))
    assert answer.get_json()["required_materials"]  # the checklist is in the answer
    assert first <= 16 and later == first
    assert replayed <= 10


def walk_in(client, kiosk: dict[str, str], key: str):
    return client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": key})


def walk_ins(client, kiosk: dict[str, str], count: int, prefix: str) -> None:
    for n in range(count):
        assert walk_in(client, kiosk, f"{prefix}-{n}").status_code == 201


def test_a_kiosk_ticket(city, client, hall):
    kiosk = kiosk_headers(city, hall)
    walk_ins(client, kiosk, 1, "before")
    first, _ = counted(lambda: walk_in(client, kiosk, "one"))
    walk_ins(client, kiosk, 19, "more")
    later, answer = counted(lambda: walk_in(client, kiosk, "twenty"))
    assert answer.get_json()["ahead"] == 21
    assert first <= 9 and later == first


def test_a_phone_ticket(city, client, hall):
    def take(headers: dict[str, str]):
        return client.post(f"/api/v1/halls/{hall}/tickets", json={"item_code": SOCIAL_CARD},
                           headers={**headers, "Idempotency-Key": "phone"})  # fmt: skip

    kiosk, one, another = (
        kiosk_headers(city, hall),
        warm(client, l2_resident(city, 1)),
        warm(client, l2_resident(city, 2)),
    )
    walk_ins(client, kiosk, 1, "before")
    first, _ = counted(lambda: take(one))
    walk_ins(client, kiosk, 19, "more")
    later, _ = counted(lambda: take(another))
    assert first <= 13 and later == first


def test_calling_next(city, client, hall):
    kiosk = kiosk_headers(city, hall)
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    with city.app_context():
        window = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))

    def call():
        return client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)

    # Enough waiting each time that a ticket is then QUEUE_NEAR_PLACES (3) from the front: its "turn is close".
    walk_ins(client, kiosk, 6, "before")
    assert call().get_json()["ticket"]  # opens the window for today
    first, _ = counted(call)
    walk_ins(client, kiosk, 20, "more")
    later, answer = counted(call)
    assert answer.get_json()["ticket"]["status"] == "called"
    assert first <= 7 and later == first


# --- Reads ----------------------------------------------------------------------------------------------------


def test_an_item_guide(city, client):
    used, answer = counted(lambda: client.get(f"/api/v1/items/{SOCIAL_CARD}"))
    assert answer.get_json()["handled_at"] and answer.get_json()["materials"]
    assert used <= 3


def test_availability(city, client, hall):
    one, _ = counted(lambda: availability(client, hall, TUESDAY))
    many, answer = counted(lambda: availability(client, hall, TUESDAY, days=20))
    assert sum(len(day["slots"]) for day in answer.get_json()["days"]) > 20
    assert one <= 4 and many == one


@pytest.fixture
def online(app: Flask) -> Flask:
    make_online_item(app, build_tree(app))
    return app


def applications(app: Flask, count: int, first: int = 0) -> list[int]:
    """``count`` submitted applications, each of its own resident (phones 137…, ending in their number)."""
    with app.app_context():
        made = []
        for n in range(first, first + count):
            resident = residents.new_resident(f"137{n:08d}")
            db.session.commit()
            made.append(submitted(resident.id).id)
        return made


def test_progress(online, client):
    (application_id,) = applications(online, 1)
    with online.app_context():
        token = links.page_token("application", application_id, timedelta(days=1))
        number = db.session.get(Application, application_id).number

    def by_link():
        return client.get(f"/api/v1/progress/{token}")

    def lookup():
        return client.post("/api/v1/progress/lookup", json={"number": number, "phone_last4": "0000"})

    linked, looked_up = counted(by_link)[0], counted(lookup)[0]
    with online.app_context():
        application = db.session.get(Application, application_id)
        db.session.add_all(
            ApplicationEvent(application_id=application.id, at=utcnow(), action="note", actor_kind="staff",
                             from_status=application.status, to_status=application.status)
            for _ in range(20)
        )  # fmt: skip
        db.session.commit()
    linked_later, answer = counted(by_link)
    assert len(answer.get_json()["timeline"]) > 20
    assert linked <= 3 and looked_up <= 3 and linked_later == linked and counted(lookup)[0] == looked_up


def test_the_staff_work_list(online, client):
    applications(online, 1)
    with online.app_context():
        department = db.session.scalar(select(Application.department_id))
    clerk = warm(
        client,
        staff_headers(client, create_staff(online, "clerk", ("window_staff", "department", department))),
        "/api/v1/staff/me",
    )

    def work_list():
        return client.get("/api/v1/staff/applications", headers=clerk)

    one, _ = counted(work_list)
    applications(online, 20, first=1)
    many, answer = counted(work_list)
    assert answer.get_json()["total"] == 21
    assert one <= 4 and many == one
