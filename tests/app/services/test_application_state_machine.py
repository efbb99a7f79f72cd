"""The 办件 lifecycle through the real services and database, as a state machine (issue 8): hypothesis takes
random steps as the resident, a clerk or a supervisor; no sequence reaches an unknown state, a refused step
changes nothing, and every step taken is one event whose states chain from the submission to now, each with
its message to the resident."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from app.errors import InvalidTransition
from app.extensions import db
from app.models import ApplicationEvent, Notification
from app.services import application_lifecycle as lifecycle
from app.services import application_steps, applications, residents
from app.services.scopes import SUPERVISOR, WINDOW_STAFF, Grant, Scope, StaffRights
from tests.application_helpers import PDF, make_online_item, submitted
from tests.catalog_helpers import build_tree

CLERK = StaffRights(2, (Grant(WINDOW_STAFF, Scope("all")),))
SUPERVISOR_RIGHTS = StaffRights(3, (Grant(SUPERVISOR, Scope("all")),))
FIELDS = {
    "reason": "材料不符合法定形式",
    "legal_basis": "《行政许可法》第四十五条",
    "items": ["户口簿复印件"],
    "materials": ["营业执照原件"],
    "method": "post",
}


class Lifecycle(RuleBasedStateMachine):
    resident_id: int

    def __init__(self) -> None:
        super().__init__()
        self.application = submitted(self.resident_id)
        self.steps = 1  # the submission

    def _status(self) -> str:
        db.session.expire_all()
        return applications.mine(self.resident_id, self.application.id).status

    @rule(action=st.sampled_from(sorted(lifecycle.ACTIONS)), actor=st.sampled_from(lifecycle.ACTOR_KINDS))
    def act(self, action: str, actor: str) -> None:
        before = self._status()
        spec = lifecycle.ACTIONS[action]
        fits = action in lifecycle.allowed(before, actor)
        try:
            if actor == lifecycle.RESIDENT:
                self._as_resident(action)
            else:
                rights = SUPERVISOR_RIGHTS if actor == lifecycle.SUPERVISOR else CLERK
                fields = {name: FIELDS[name] for name in spec.required}
                application_steps.transition(rights, self.application.id, action, fields)
        except InvalidTransition as refused:
            assert not fits, (before, action, actor)
            assert refused.details == {"state": before, "allowed": lifecycle.allowed(before, actor)}
            assert self._status() == before
            return
        assert fits, (before, action, actor)
        assert self._status() == spec.target
        self.steps += 1

    def _as_resident(self, action: str) -> None:
        if action == "resubmit":
            applications.add_file(self.resident_id, self.application.id, "户口簿", PDF)
            applications.resubmit(self.resident_id, self.application.id)
        elif action == "withdraw":
            applications.withdraw(self.resident_id, self.application.id)
        elif action == "submit":
            applications.submit(self.resident_id, self.application.id)
        else:  # a staff step: no resident endpoint takes it, and the lifecycle refuses it to a resident
            lifecycle.step(self._status(), action, lifecycle.RESIDENT, {})

    @invariant()
    def every_step_is_one_event_in_a_chain(self) -> None:
        events = db.session.scalars(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == self.application.id)
            .order_by(ApplicationEvent.id)
        ).all()
        assert len(events) == self.steps
        assert events[0].from_status == lifecycle.DRAFT
        assert all(earlier.to_status == later.from_status for earlier, later in itertools.pairwise(events))
        assert events[-1].to_status == self._status() in lifecycle.STATES
        told = db.session.scalars(
            select(Notification.idempotency_key).where(Notification.resident_id == self.resident_id)
        ).all()
        assert all(f"application:{self.application.id}:event:{row.id}:{self.resident_id}" in told for row in events)


def test_no_sequence_of_steps_reaches_an_invalid_state_or_loses_an_event(app):
    tree = build_tree(app)
    make_online_item(app, tree)
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        Lifecycle.resident_id = resident.id
        run_state_machine_as_test(
            Lifecycle,
            settings=settings(
                max_examples=50, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)
            ),
        )
