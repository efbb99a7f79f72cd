"""The national lifecycle of an application (办件) as data, and the one function that moves it.

Pure: no database and no Flask. The application service keeps the state and the event log and
calls :func:`step` for every transition; the API shows the state with its national code beside
it (:func:`status_code`). docs/applications.md ("States and national codes") has the table.

The national status codes (工程建设项目审批 data exchange, ``blzt``; practice.md §3) mix
*states* and *events*: 7 补正(结束) and 10 特别程序(结束) are moments, after which the case is
back in an earlier state. So a state has the code of the event that leads into it
(:data:`CODES`), and each transition reports the code of its own event (``Step.code``): a
resubmission reports 7 and leaves the case ``received`` (code 1); ending a special procedure
reports 10 and leaves it ``in_process`` (code 8).

Codes we do not use:

- 4 不受理: peer systems file it with 5 不予受理 as the same outcome (Epoint maps both to one
  status). Refusing to accept is always a written decision with its reason (行政许可法 第三十二条,
  不予受理决定书), which is 5, so we report 5 only.
- 14 撤回: the applicant's withdrawal once the case is being handled (the 办理 stage, codes 6-15).
  Residents withdraw only before acceptance, which is 2 已撤件, the 接件 stage's own code beside
  1 已接件.

Actors: ``resident``, ``staff`` and ``supervisor`` (staff holding the ``scopes.SUPERVISOR``
role). A supervisor is staff too and may take every staff action; only a supervisor revokes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from app.errors import InvalidInput, InvalidTransition
from app.services.checks import MAX_LIST, Problems, Reader, staff_reason
from app.services.deadlines import NONE, PAUSE, RESUME, START, STOP
from app.services.scopes import SUPERVISOR

RESIDENT, STAFF = "resident", "staff"
ACTOR_KINDS = (RESIDENT, STAFF, SUPERVISOR)

DRAFT, RECEIVED, WITHDRAWN, ACCEPTED, NOT_ACCEPTED = "draft", "received", "withdrawn", "accepted", "not_accepted"
CORRECTION, IN_PROCESS, SPECIAL = "correction", "in_process", "special"
APPROVED, APPROVED_PENDING, REFUSED, REVOKED, DELIVERED = (
    "approved", "approved_pending", "refused", "revoked", "delivered",
)  # fmt: skip
STATES = (
    DRAFT, RECEIVED, WITHDRAWN, ACCEPTED, NOT_ACCEPTED, CORRECTION, IN_PROCESS, SPECIAL,
    APPROVED, APPROVED_PENDING, REFUSED, REVOKED, DELIVERED,
)  # fmt: skip

# The national code shown beside each state. A draft was never sent, so it has none; a delivered
# result shows the code of its conclusion (11 or 12), see status_code().
CODES: Mapping[str, int | None] = MappingProxyType(
    {
        DRAFT: None,
        RECEIVED: 1,  # 已接件
        WITHDRAWN: 2,  # 已撤件
        ACCEPTED: 3,  # 已受理
        NOT_ACCEPTED: 5,  # 不予受理
        CORRECTION: 6,  # 补正(开始)
        IN_PROCESS: 8,  # 部门开始办理
        SPECIAL: 9,  # 特别程序(开始)
        APPROVED: 11,  # 办结(通过)
        APPROVED_PENDING: 12,  # 办结(容缺通过)
        REFUSED: 13,  # 办结(不通过)
        REVOKED: 15,  # 撤销
        DELIVERED: None,
    }
)
CONCLUSIONS = frozenset({APPROVED, APPROVED_PENDING})  # what a delivered result can have been
# Nothing leaves these, except that a supervisor may revoke a delivered approval (撤销 a licence,
# 行政许可法 第六十九条), as it may an approval not yet delivered.
TERMINAL = frozenset({WITHDRAWN, NOT_ACCEPTED, REFUSED, REVOKED, DELIVERED})

DELIVERY_METHODS = ("download", "pickup", "post")
ITEM_MAX = 200  # one missing item or one material to follow
LEGAL_BASIS_MAX = 500
COMMENT_MAX = 500


@dataclass(frozen=True)
class Transition:
    """One row of :data:`ACTIONS`: who may take the action, from where, to where, with what."""

    sources: frozenset[str]
    target: str
    actor: str  # resident | staff | supervisor (who also takes every staff action)
    required: tuple[str, ...]
    clock: str  # the deadlines effect: start | pause | resume | stop | none
    code: int | None  # the national code of the event


def _t(
    sources: set[str], target: str, actor: str, required: tuple[str, ...], clock: str, code: int | None
) -> Transition:
    return Transition(frozenset(sources), target, actor, required, clock, code)


ACTIONS: Mapping[str, Transition] = MappingProxyType(
    {
        "submit": _t({DRAFT}, RECEIVED, RESIDENT, (), NONE, 1),
        # A withdrawal ends the case, so it stops the clock (it has not started unless a 补正 after
        # acceptance sent the case back to received).
        "withdraw": _t({DRAFT, RECEIVED}, WITHDRAWN, RESIDENT, (), STOP, 2),
        "accept": _t({RECEIVED}, ACCEPTED, STAFF, (), START, 3),
        # Also when a 补正 was never answered (补正期满未补正): the case cannot wait for ever.
        "not_accept": _t({RECEIVED, CORRECTION}, NOT_ACCEPTED, STAFF, ("reason",), STOP, 5),
        # 补正 at the counter before acceptance (行政许可法 第三十二条) or during review; the clock
        # pauses if it runs, and resumes when the resident resubmits (staff then accept again).
        "request_correction": _t({RECEIVED, ACCEPTED, IN_PROCESS}, CORRECTION, STAFF, ("items",), PAUSE, 6),
        "resubmit": _t({CORRECTION}, RECEIVED, RESIDENT, (), RESUME, 7),
        "start_processing": _t({ACCEPTED}, IN_PROCESS, STAFF, (), NONE, 8),
        "special_start": _t({IN_PROCESS}, SPECIAL, STAFF, ("reason", "legal_basis"), PAUSE, 9),
        "special_end": _t({SPECIAL}, IN_PROCESS, STAFF, (), RESUME, 10),
        "approve": _t({IN_PROCESS}, APPROVED, STAFF, (), STOP, 11),
        "approve_pending": _t({IN_PROCESS}, APPROVED_PENDING, STAFF, ("materials",), STOP, 12),
        "refuse": _t({IN_PROCESS}, REFUSED, STAFF, ("reason",), STOP, 13),
        "deliver": _t(set(CONCLUSIONS), DELIVERED, STAFF, ("method",), NONE, None),
        # 撤销 by a supervisor: a case being handled, or an approval (delivered or not). Not a
        # refusal or a non-acceptance: undoing those means handling the case again, not ending it.
        "revoke": _t(
            {ACCEPTED, IN_PROCESS, SPECIAL, *CONCLUSIONS, DELIVERED}, REVOKED, SUPERVISOR, ("reason",), STOP, 15
        ),
    }
)


@dataclass(frozen=True)
class Step:
    """A transition that fits: what the application service records as one event."""

    action: str
    from_state: str
    to_state: str
    code: int | None  # the national code of this event (None: leaving a draft, delivering)
    clock: str
    fields: dict[str, Any]  # the cleaned fields, "comment" included when given


def allowed(state: str, actor_kind: str) -> list[str]:
    """The actions ``actor_kind`` may take on an application in ``state``, sorted."""
    _require(state, STATES, "state")
    _require(actor_kind, ACTOR_KINDS, "actor_kind")
    return sorted(name for name, spec in ACTIONS.items() if state in spec.sources and _may(actor_kind, spec.actor))


def step(state: str, action: str, actor_kind: str, fields: Mapping[str, Any]) -> Step:
    """Check one transition and clean its fields; nothing is changed.

    Raises ``InvalidInput`` for an unknown action or missing, invalid or unknown fields
    (``details.fields``), and ``InvalidTransition`` when the action does not fit the state or the
    actor (``details.state`` and ``details.allowed``).
    """
    _require(state, STATES, "state")
    _require(actor_kind, ACTOR_KINDS, "actor_kind")
    spec = ACTIONS.get(action)
    if spec is None:
        raise InvalidInput(details={"fields": {"action": [f"Must be one of: {', '.join(sorted(ACTIONS))}."]}})
    if state not in spec.sources or not _may(actor_kind, spec.actor):
        raise InvalidTransition(details={"state": state, "allowed": allowed(state, actor_kind)})
    problems = Problems()
    read = Reader(dict(fields), problems, known=(*spec.required, "comment"))
    cleaned = {name: _FIELDS[name](read) for name in spec.required}
    comment = read.text("comment", COMMENT_MAX, None, multiline=True)
    if comment is not None:
        cleaned["comment"] = comment
    problems.raise_if_any()
    # A draft never reached the national system: discarding it is no national event.
    code = None if state == DRAFT and spec.target == WITHDRAWN else spec.code
    return Step(action, state, spec.target, code, spec.clock, cleaned)


def status_code(state: str, conclusion: str | None = None) -> int | None:
    """The national code shown beside ``state``. A delivered result has none of its own: it shows
    its ``conclusion``'s (``approved`` 11, ``approved_pending`` 12)."""
    _require(state, STATES, "state")
    if state != DELIVERED:
        return CODES[state]
    if conclusion not in CONCLUSIONS:
        raise ValueError(f"a delivered result needs its conclusion, one of {sorted(CONCLUSIONS)}")
    return CODES[conclusion]


def _may(actor_kind: str, needed: str) -> bool:
    return actor_kind == needed or (actor_kind == SUPERVISOR and needed == STAFF)


def _require(value: str, options: tuple[str, ...], what: str) -> None:
    if value not in options:
        raise ValueError(f"unknown {what} {value!r}")


def _reason(read: Reader) -> str:
    return staff_reason(read.entry.get("reason"), read.problems, "why, as the resident will read it")


def _legal_basis(read: Reader) -> str | None:
    return read.text("legal_basis", LEGAL_BASIS_MAX)


def _list(name: str, why: str) -> Callable[[Reader], list[str]]:
    def clean(read: Reader) -> list[str]:
        values = read.strings(name, ITEM_MAX)
        if not values and name not in read.problems.fields:
            read.problems.add(name, f"At least one entry: {why}.")
        return values

    return clean


def _method(read: Reader) -> str | None:
    return read.choice("method", DELIVERY_METHODS)


_FIELDS: Mapping[str, Callable[[Reader], Any]] = MappingProxyType(
    {
        "reason": _reason,
        "legal_basis": _legal_basis,
        "items": _list("items", f"everything missing, told at once (一次性告知), at most {MAX_LIST}"),
        "materials": _list("materials", f"the materials to follow (容缺), at most {MAX_LIST}"),
        "method": _method,
    }
)
