"""Stateful schemathesis: chains of calls that follow the OpenAPI links of the spec (create -> read -> update ->
delete), in-process against the test's app on the demo city, with the hall open (``QUEUE_OPEN``).

Who calls: the window clerk of hall H1 on /api/v1/windows/* and /api/v1/staff/*, H1's kiosk on /api/v1/kiosk/*,
resident A (real name, L2) everywhere else. Root calls are steered to real data (a published item, open slots
of H1, B's phone for a proxy invitation) so that chains go somewhere; the rest is generated.

Checks on every step: no 5xx, the status code is documented, the body matches its schema; and resident B, replaying
any GET of A's own objects that A just read, gets 404 ``NOT_FOUND``: no resident reads another's object.

Bounded: ``MAX_SCENARIOS`` chains of at most ``MAX_STEPS`` calls, derandomized (the same choices on every run; the
app's answers decide where they lead).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, ClassVar

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import Flaky
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from sqlalchemy import select

from api.auth import issue_tokens
from app.extensions import db
from app.models import QueueCategory, ServiceItem, Slot
from app.models.base import utcnow
from app.services import consents, sessions
from tests.application_helpers import PDF
from tests.booking_helpers import QUEUE_OPEN
from tests.fuzz_helpers import api_spec
from tests.helpers import bearer, resident_token
from tests.queue_helpers import SOCIAL_CARD, demo_hall, kiosk_headers
from tests.staff_helpers import create_staff, make_resident, staff_headers

MAX_SCENARIOS = 100
MAX_STEPS = 10
MAX_RUNS = 20
RESIDENT_B_PHONE = "13900139001"
DEPARTMENT = "330100-rsj"  # SOCIAL_CARD's department
ONLINE_ITEM, UPLOADED = "330106-GG-JY-001", "居民户口簿"  # the demo item with a form and uploaded materials
STAFF_PATHS = ("/api/v1/windows", "/api/v1/staff/")
KIOSK_PATHS = ("/api/v1/kiosk/",)

schema = schemathesis.openapi.from_dict(api_spec())
# Valid input only, the callers' own credentials: invalid input and missing auth are test_fuzz.py's. NUL is refused
# everywhere with a 400 (docs/api.md).
schema.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False, allow_x00=False)
# Only the links the spec declares: the chains stay the documented ones, and the run stays bounded.
schema.config.phases.stateful.inference.algorithms = []

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
SETTINGS = {
    "stateful_step_count": MAX_STEPS,
    "derandomize": True,
    "database": None,
    "deadline": None,
    "phases": [Phase.generate],
    "suppress_health_check": list(HealthCheck),
}


class World:
    """The callers and the real data of one test's app."""

    def __init__(self, app: Flask) -> None:
        client = app.test_client()
        self.hall = demo_hall(app, "H1")
        clerk = create_staff(app, "clerk", ("window_staff", "hall", self.hall))
        self.staff = staff_headers(client, clerk)
        self.kiosk = kiosk_headers(app, self.hall)
        with app.app_context():
            resident = make_resident(app)
            session = sessions.open_session(
                resident_id=resident, method="sms", client="test", ip="127.0.0.1", lifetime=timedelta(hours=1)
            )
            self.resident_a = bearer(issue_tokens(session, "resident")["access_token"])
            self.resident_b = bearer(resident_token(RESIDENT_B_PHONE))
            db.session.commit()
            # One active booking per item: each booking takes the next item of line A, and the next slot.
            self.bookings = zip(itertools.cycle(self._line_items()), itertools.cycle(self._open_slots(utcnow())))
            self.consent_version = consents.TEXTS["face"].version
        self.keys = itertools.count()

    def _line_items(self) -> list[str]:
        """The published items of H1's line A that take appointments."""
        category = db.session.scalar(
            select(QueueCategory).where(QueueCategory.hall_id == self.hall, QueueCategory.prefix == "A")
        )
        return db.session.scalars(
            select(ServiceItem.code)
            .where(ServiceItem.code.in_(category.item_codes), ServiceItem.state == "published", ServiceItem.appointment)
            .order_by(ServiceItem.code)
        ).all()

    def _open_slots(self, now: datetime) -> list[int]:
        """H1's slots of line A (SOCIAL_CARD's) from now on, the earliest first: today's can be checked in."""
        return db.session.scalars(
            select(Slot.id)
            .join(QueueCategory, Slot.category_id == QueueCategory.id)
            .where(Slot.hall_id == self.hall, QueueCategory.prefix == "A", Slot.starts_at >= now, ~Slot.closed)
            .order_by(Slot.starts_at)
            .limit(20)
        ).all()

    def headers_for(self, path: str) -> dict[str, str]:
        if path.startswith(STAFF_PATHS):
            return self.staff
        if path.startswith(KIOSK_PATHS):
            return self.kiosk
        return self.resident_a

    def steer(self, case: schemathesis.Case) -> None:
        """Point a valid root call at real data; invalid ones are left as generated."""
        if case.headers and "Idempotency-Key" in case.headers:  # generated keys repeat: each call is a new request
            case.headers["Idempotency-Key"] = f"fuzz-{next(self.keys)}"
        body = case.body if isinstance(case.body, dict) else {}
        route = (case.method.upper(), case.path)
        if route == ("POST", "/api/v1/appointments"):
            item_code, slot_id = next(self.bookings)
            body.update(item_code=item_code, slot_id=slot_id)
            body.pop("acting_for", None)
        elif route == ("POST", "/api/v1/applications"):
            case.body = {"item_code": ONLINE_ITEM, "form": {}}  # a draft may leave the form for later
        elif route == ("POST", "/api/v1/halls/{hall_id}/tickets"):
            case.body = {"item_code": SOCIAL_CARD}
            case.path_parameters["hall_id"] = self.hall
        elif route == ("POST", "/api/v1/applications/{application_id}/materials") and "file" in body:
            case.body = {"material": UPLOADED, "file": PDF}
        elif route == ("POST", "/api/v1/kiosk/tickets"):
            for field in ("prefix", "id_number", "phone"):
                body.pop(field, None)
            body["item_code"] = SOCIAL_CARD
        elif route == ("POST", "/api/v1/complaints"):
            for field in ("ticket_id", "application_id"):
                body.pop(field, None)
            body["department_code"] = DEPARTMENT
        elif route == ("POST", "/api/v1/proxies"):
            body["grantor_phone"] = RESIDENT_B_PHONE
        elif route == ("POST", "/api/v1/me/consents"):
            body["version"] = self.consent_version
        elif route == ("GET", "/api/v1/windows"):
            case.query["hall_id"] = self.hall


def others_object_is_not_found(world: World, app: Flask) -> Callable[..., bool | None]:
    """Resident B replays each GET of an object that resident A read: always 404 NOT_FOUND, never the object."""

    def no_resident_reads_anothers_object(ctx: Any, response: Any, case: schemathesis.Case) -> bool | None:
        own_object = (
            case.method.upper() == "GET"
            and case.path_parameters
            and response.status_code == 200
            and world.headers_for(case.path) is world.resident_a
            and case.operation.definition.raw.get("security")
        )
        if not own_object:
            return None
        path = case.formatted_path
        replay = app.test_client().get(path, query_string=case.query, headers=world.resident_b)
        assert replay.status_code == 404, f"resident B read resident A's {path}: {replay.status_code}"
        assert replay.get_json()["code"] == "NOT_FOUND", replay.get_json()
        return True

    return no_resident_reads_anothers_object


@pytest.fixture
def city(seeded_city: Callable[[datetime], Flask]) -> Flask:
    app = seeded_city(QUEUE_OPEN)
    # All callers share one test IP and the frozen clock never ends a window: the limit is not what is tested here.
    app.config["RATE_LIMIT_PER_IP"] = 1_000_000
    return app


@pytest.fixture
def workflow(city: Flask) -> type:
    world = World(city)
    invariant = others_object_is_not_found(world, city)

    class Workflow(schema.as_state_machine()):
        scenarios = 0
        failures: ClassVar[list[str]] = []

        def setup(self) -> None:
            type(self).scenarios += 1

        def before_call(self, case: schemathesis.Case) -> None:
            world.steer(case)

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"app": city, "headers": world.headers_for(case.path)}

        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            try:
                case.validate_response(
                    response, checks=CHECKS, additional_checks=[invariant], transport_kwargs=kwargs,
                    recorder=self.recorder,
                )  # fmt: skip
            except (AssertionError, FailureGroup) as failure:
                self.failures.append(f"{case.method} {case.formatted_path}: {failure}")
                raise

    return Workflow


def test_linked_chains_keep_the_spec_and_the_owners_apart(workflow: type) -> None:
    # The app keeps what earlier scenarios did, so Hypothesis cannot always replay a choice sequence the same way
    # (Flaky): like schemathesis' own runner, start again until the budget is spent. Failures are kept as they
    # happen, since a replay may not show them again.
    for _ in range(MAX_RUNS):
        remaining = MAX_SCENARIOS - workflow.scenarios
        if remaining <= 0 or workflow.failures:
            break
        try:
            workflow.run(settings=settings(max_examples=remaining, **SETTINGS))
        except Flaky:
            continue
    assert not workflow.failures, "\n\n".join(workflow.failures)
