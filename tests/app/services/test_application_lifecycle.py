"""The 办件 lifecycle: the table, the national codes, the fields each action needs, and a random walk."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.errors import Conflict, InvalidInput, InvalidTransition
from app.services import application_lifecycle as lifecycle
from app.services.application_lifecycle import ACTIONS, ACTOR_KINDS, STATES, TERMINAL, allowed, status_code, step

# Written out again here, not derived from the module: action -> (from states, to state, who, event code, clock).
EXPECTED = {
    "submit": ({"draft"}, "received", "resident", 1, "none"),
    "withdraw": ({"draft", "received"}, "withdrawn", "resident", 2, "stop"),
    "accept": ({"received"}, "accepted", "staff", 3, "start"),
    "not_accept": ({"received", "correction"}, "not_accepted", "staff", 5, "stop"),
    "request_correction": ({"received", "accepted", "in_process"}, "correction", "staff", 6, "pause"),
    "resubmit": ({"correction"}, "received", "resident", 7, "resume"),
    "start_processing": ({"accepted"}, "in_process", "staff", 8, "none"),
    "special_start": ({"in_process"}, "special", "staff", 9, "pause"),
    "special_end": ({"special"}, "in_process", "staff", 10, "resume"),
    "approve": ({"in_process"}, "approved", "staff", 11, "stop"),
    "approve_pending": ({"in_process"}, "approved_pending", "staff", 12, "stop"),
    "refuse": ({"in_process"}, "refused", "staff", 13, "stop"),
    "deliver": ({"approved", "approved_pending"}, "delivered", "staff", None, "none"),
    "revoke": (
        {"accepted", "in_process", "special", "approved", "approved_pending", "delivered"},
        "revoked",
        "supervisor",
        15,
        "stop",
    ),
}
# Who may take an action needing ``who`` (a supervisor is staff too).
MAY = {"resident": {"resident"}, "staff": {"staff", "supervisor"}, "supervisor": {"supervisor"}}
VALID_FIELDS: dict[str, dict[str, Any]] = {
    "not_accept": {"reason": "不属于本部门职权范围"},
    "request_correction": {"items": ["户口簿复印件", "近期一寸照片"]},
    "special_start": {"reason": "需组织专家评审", "legal_basis": "《中华人民共和国行政许可法》第四十五条"},
    "approve_pending": {"materials": ["房屋租赁合同原件"]},
    "refuse": {"reason": "申请人不符合申领条件"},
    "deliver": {"method": "pickup"},
    "revoke": {"reason": "以欺骗手段取得许可"},
}


def fields_for(action: str) -> dict[str, Any]:
    return dict(VALID_FIELDS.get(action, {}))


class TestTable:
    def test_the_states_and_their_national_codes(self):
        assert dict(lifecycle.CODES) == {
            "draft": None,
            "received": 1,
            "withdrawn": 2,
            "accepted": 3,
            "not_accepted": 5,
            "correction": 6,
            "in_process": 8,
            "special": 9,
            "approved": 11,
            "approved_pending": 12,
            "refused": 13,
            "revoked": 15,
            "delivered": None,
        }
        assert set(STATES) == set(lifecycle.CODES)

    def test_codes_4_and_14_are_not_used(self):
        used = {code for code in lifecycle.CODES.values()} | {spec.code for spec in ACTIONS.values()}
        assert used - {None} == set(range(1, 16)) - {4, 14}

    def test_the_actions_table(self):
        assert {
            name: (set(spec.sources), spec.target, spec.actor, spec.code, spec.clock) for name, spec in ACTIONS.items()
        } == EXPECTED

    def test_terminal_states(self):
        assert {"withdrawn", "not_accepted", "refused", "revoked", "delivered"} == TERMINAL

    @pytest.mark.parametrize("action", sorted(EXPECTED))
    @pytest.mark.parametrize("state", STATES)
    @pytest.mark.parametrize("actor", ACTOR_KINDS)
    def test_every_action_from_every_state_for_every_actor(self, state, action, actor):
        sources, target, who, code, clock = EXPECTED[action]
        if state in sources and actor in MAY[who]:
            result = step(state, action, actor, fields_for(action))
            assert (result.action, result.from_state, result.to_state, result.clock) == (action, state, target, clock)
            assert result.code == (None if (state, action) == ("draft", "withdraw") else code)
        else:
            with pytest.raises(InvalidTransition) as caught:
                step(state, action, actor, fields_for(action))
            assert caught.value.details == {"state": state, "allowed": allowed(state, actor)}


class TestAllowed:
    @pytest.mark.parametrize(
        ("state", "actor", "expected"),
        [
            ("draft", "resident", ["submit", "withdraw"]),
            ("draft", "staff", []),
            ("received", "resident", ["withdraw"]),
            ("received", "staff", ["accept", "not_accept", "request_correction"]),
            ("received", "supervisor", ["accept", "not_accept", "request_correction"]),
            ("correction", "resident", ["resubmit"]),
            ("correction", "staff", ["not_accept"]),
            ("accepted", "staff", ["request_correction", "start_processing"]),
            ("accepted", "supervisor", ["request_correction", "revoke", "start_processing"]),
            ("in_process", "staff", ["approve", "approve_pending", "refuse", "request_correction", "special_start"]),
            (
                "in_process",
                "supervisor",
                ["approve", "approve_pending", "refuse", "request_correction", "revoke", "special_start"],
            ),
            ("in_process", "resident", []),
            ("special", "staff", ["special_end"]),
            ("special", "supervisor", ["revoke", "special_end"]),
            ("approved", "staff", ["deliver"]),
            ("approved_pending", "supervisor", ["deliver", "revoke"]),
            ("delivered", "staff", []),
            ("delivered", "supervisor", ["revoke"]),
        ],
    )
    def test_allowed_lists(self, state, actor, expected):
        assert allowed(state, actor) == expected

    @pytest.mark.parametrize("state", sorted(TERMINAL - {"delivered"}))
    @pytest.mark.parametrize("actor", ACTOR_KINDS)
    def test_nothing_leaves_a_terminal_state(self, state, actor):
        assert allowed(state, actor) == []

    def test_unknown_state_or_actor_is_a_programming_error(self):
        with pytest.raises(ValueError, match="unknown state 'lost'"):
            allowed("lost", "staff")
        with pytest.raises(ValueError, match="unknown actor_kind 'admin'"):
            allowed("received", "admin")
        with pytest.raises(ValueError, match="unknown state"):
            step("lost", "accept", "staff", {})


class TestStep:
    def test_invalid_transition_is_a_conflict_with_the_allowed_actions(self):
        with pytest.raises(InvalidTransition) as caught:
            step("received", "approve", "staff", {})
        error = caught.value
        assert isinstance(error, Conflict)
        assert error.code == "INVALID_TRANSITION"
        assert error.details == {"state": "received", "allowed": ["accept", "not_accept", "request_correction"]}
        assert (error.zh, error.en) == (
            "办件当前状态不允许此操作",
            "This action does not fit the application's current state",
        )

    def test_a_resident_cannot_take_a_staff_action(self):
        with pytest.raises(InvalidTransition) as caught:
            step("received", "accept", "resident", {})
        assert caught.value.details == {"state": "received", "allowed": ["withdraw"]}

    def test_staff_cannot_revoke(self):
        with pytest.raises(InvalidTransition) as caught:
            step("approved", "revoke", "staff", {"reason": "以欺骗手段取得许可"})
        assert caught.value.details == {"state": "approved", "allowed": ["deliver"]}

    def test_unknown_action(self):
        with pytest.raises(InvalidInput) as caught:
            step("received", "reopen", "staff", {})
        assert caught.value.details == {
            "fields": {
                "action": [
                    "Must be one of: accept, approve, approve_pending, deliver, not_accept, refuse, "
                    "request_correction, resubmit, revoke, special_end, special_start, start_processing, submit, "
                    "withdraw."
                ]
            }
        }

    def test_the_transition_is_checked_before_the_fields(self):
        with pytest.raises(InvalidTransition):
            step("draft", "refuse", "staff", {})

    def test_cleaned_fields_and_comment(self):
        result = step(
            "in_process",
            "special_start",
            "staff",
            {
                "reason": "  需组织专家评审 ",
                "legal_basis": "《行政许可法》第四十五条",
                "comment": " 已通知申请人\n专家名单另附 ",
            },
        )
        assert result == lifecycle.Step(
            action="special_start",
            from_state="in_process",
            to_state="special",
            code=9,
            clock="pause",
            fields={
                "reason": "需组织专家评审",
                "legal_basis": "《行政许可法》第四十五条",
                "comment": "已通知申请人\n专家名单另附",
            },
        )

    def test_no_comment_no_key(self):
        assert step("received", "accept", "staff", {}).fields == {}
        assert step("received", "accept", "staff", {"comment": None}).fields == {}

    def test_step_is_frozen(self):
        result = step("received", "accept", "staff", {})
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.to_state = "approved"  # type: ignore[misc]

    def test_leaving_a_draft_has_no_national_code(self):
        assert step("draft", "withdraw", "resident", {}).code is None
        assert step("draft", "submit", "resident", {}).code == 1  # sending it is 已接件
        assert step("received", "withdraw", "resident", {}).code == 2

    def test_event_codes_differ_from_the_state_codes_they_lead_to(self):
        resubmitted = step("correction", "resubmit", "resident", {})
        assert (resubmitted.code, status_code(resubmitted.to_state)) == (7, 1)
        ended = step("special", "special_end", "staff", {})
        assert (ended.code, status_code(ended.to_state)) == (10, 8)


class TestFields:
    @pytest.mark.parametrize(
        ("state", "action", "fields", "problems"),
        [
            (
                "received",
                "not_accept",
                {},
                {"reason": ["5-200 printable characters: why, as the resident will read it."]},
            ),
            (
                "received",
                "not_accept",
                {"reason": "不行"},
                {"reason": ["5-200 printable characters: why, as the resident will read it."]},
            ),
            (
                "received",
                "request_correction",
                {},
                {"items": ["At least one entry: everything missing, told at once (一次性告知), at most 50."]},
            ),
            (
                "received",
                "request_correction",
                {"items": []},
                {"items": ["At least one entry: everything missing, told at once (一次性告知), at most 50."]},
            ),
            (
                "received",
                "request_correction",
                {"items": "户口簿"},
                {"items": ["Must be a list of at most 50 strings."]},
            ),
            (
                "received",
                "request_correction",
                {"items": ["户口簿", " "]},
                {"items[1]": ["1-200 printable characters."]},
            ),
            (
                "received",
                "request_correction",
                {"items": ["x"] * 51},
                {"items": ["Must be a list of at most 50 strings."]},
            ),
            (
                "in_process",
                "special_start",
                {"reason": "需组织专家评审"},
                {"legal_basis": ["Missing data for required field."]},
            ),
            (
                "in_process",
                "approve_pending",
                {"materials": []},
                {"materials": ["At least one entry: the materials to follow (容缺), at most 50."]},
            ),
            ("approved", "deliver", {}, {"method": ["Missing data for required field."]}),
            ("approved", "deliver", {"method": "email"}, {"method": ["Must be one of: download, pickup, post."]}),
            ("received", "accept", {"reason": "多余的字段"}, {"reason": ["Unknown field."]}),
            (
                "received",
                "accept",
                {"comment": "x" * 501},
                {"comment": ["1-500 printable characters (new lines allowed)."]},
            ),
            (
                "delivered",
                "revoke",
                {"reason": ""},
                {"reason": ["5-200 printable characters: why, as the resident will read it."]},
            ),
        ],
    )
    def test_missing_and_invalid_fields(self, state, action, fields, problems):
        actor = "supervisor" if action == "revoke" else "staff"
        with pytest.raises(InvalidInput) as caught:
            step(state, action, actor, fields)
        assert caught.value.code == "VALIDATION_ERROR"
        assert caught.value.details == {"fields": problems}

    def test_every_problem_at_once(self):
        with pytest.raises(InvalidInput) as caught:
            step("in_process", "special_start", "staff", {"extra": 1})
        assert caught.value.details == {
            "fields": {
                "extra": ["Unknown field."],
                "reason": ["5-200 printable characters: why, as the resident will read it."],
                "legal_basis": ["Missing data for required field."],
            }
        }

    @pytest.mark.parametrize("method", ["download", "pickup", "post"])
    def test_delivery_methods(self, method):
        assert step("approved", "deliver", "staff", {"method": method}).fields == {"method": method}

    def test_lists_are_cleaned(self):
        result = step("accepted", "request_correction", "staff", {"items": [" 户口簿复印件 ", "近期一寸照片"]})
        assert result.fields == {"items": ["户口簿复印件", "近期一寸照片"]}


class TestStatusCode:
    @pytest.mark.parametrize(("conclusion", "code"), [("approved", 11), ("approved_pending", 12)])
    def test_delivered_shows_its_conclusion(self, conclusion, code):
        assert status_code("delivered", conclusion) == code

    @pytest.mark.parametrize("conclusion", [None, "refused", "delivered"])
    def test_delivered_needs_an_approval(self, conclusion):
        with pytest.raises(ValueError, match="needs its conclusion"):
            status_code("delivered", conclusion)

    def test_other_states_show_their_own(self):
        assert [status_code(state) for state in STATES if state != "delivered"] == [
            None, 1, 2, 3, 5, 6, 8, 9, 11, 12, 13, 15,
        ]  # fmt: skip


class LifecycleWalk(RuleBasedStateMachine):
    """Random actions by random actors, with or without their fields: the application only ever moves
    along the table, every accepted step is one event that chains onto the last, and nothing else
    changes anything."""

    def __init__(self) -> None:
        super().__init__()
        self.state = "draft"
        self.events: list[lifecycle.Step] = []

    @rule(
        action=st.sampled_from([*sorted(EXPECTED), "reopen"]),
        actor=st.sampled_from(ACTOR_KINDS),
        with_fields=st.booleans(),
    )
    def act(self, action: str, actor: str, with_fields: bool) -> None:
        before = (self.state, len(self.events))
        fields = fields_for(action) if with_fields else {}
        if action not in EXPECTED:
            with pytest.raises(InvalidInput):
                step(self.state, action, actor, fields)
        elif self.state not in EXPECTED[action][0] or actor not in MAY[EXPECTED[action][2]]:
            with pytest.raises(InvalidTransition) as caught:
                step(self.state, action, actor, fields)
            assert caught.value.details["allowed"] == allowed(self.state, actor)
            assert action not in caught.value.details["allowed"]
        elif fields_for(action) and not with_fields:
            with pytest.raises(InvalidInput):
                step(self.state, action, actor, fields)
        else:
            result = step(self.state, action, actor, fields)
            assert result.to_state == EXPECTED[action][1]
            self.events.append(result)
            self.state = result.to_state
            return
        assert (self.state, len(self.events)) == before

    @rule(data=st.data())
    def advance(self, data: st.DataObject) -> None:
        """Take an action the state allows, mostly one that does not end the case, so the walk
        reaches the concluded states and what follows them."""
        moves = [(actor, action) for actor in ACTOR_KINDS for action in allowed(self.state, actor)]
        onward = [(actor, action) for actor, action in moves if EXPECTED[action][1] not in TERMINAL]
        if moves:
            pool = onward if onward and data.draw(st.integers(0, 4)) else moves
            actor, action = data.draw(st.sampled_from(pool))
            self.act(action, actor, with_fields=True)

    @invariant()
    def the_state_is_known(self) -> None:
        assert self.state in STATES

    @invariant()
    def no_event_is_lost(self) -> None:
        chain = ["draft", *(event.to_state for event in self.events)]
        assert [event.from_state for event in self.events] == chain[:-1]
        assert chain[-1] == self.state

    @invariant()
    def terminal_states_allow_only_a_revocation_of_a_delivered_approval(self) -> None:
        if self.state in TERMINAL:
            expected = ["revoke"] if self.state == "delivered" else []
            assert allowed(self.state, "supervisor") == expected
            assert allowed(self.state, "staff") == allowed(self.state, "resident") == []


TestLifecycleWalk = LifecycleWalk.TestCase
