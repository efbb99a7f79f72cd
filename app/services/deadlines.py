"""The working-day clock of an application (办件): days used, days left, due dates, overdue.

Pure: it replays the clock effects the lifecycle emitted (``application_lifecycle.Step.clock``)
on the hall's :class:`~app.calendar.WorkingCalendar` and stores nothing. The rules, worked
through on 国庆 2026 in docs/applications.md ("Deadlines"):

- Days count from acceptance, the acceptance day not counted: 承诺 5 个工作日 from a Monday
  end the next Monday (``WorkingCalendar.add_working_days``). An acceptance on a non-working
  day (an online case accepted at the weekend) counts as one on the next working day.
- A 即办件 (``immediate``) is due the working day it is accepted: a promised limit of 0 days.
- A working day is *paused* when the clock is paused at the end of that hall-local day (today:
  paused now). Paused days are not used, and both due dates move out by them: a pause from
  Tuesday morning to Thursday afternoon costs Tuesday and Wednesday, one that starts and ends
  on the same day costs nothing.
- A legal limit of 0 days means the catalog records none, as in ``catalog_rules``: no legal
  due date.
- Overdue: more working days used than promised, i.e. a working day after the promised due
  date has begun (or, once stopped, the case concluded on one).

Effects are replayed in order and one that does not apply changes nothing: a pause or resume
before acceptance (补正 before 受理, when no clock runs yet), a second start (re-acceptance
after a resubmitted 补正: the clock already resumed on resubmission and keeps its first start
day), anything after the first stop (a revocation after the conclusion: the clock measured
the handling, which ended then).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.calendar import ONE_DAY, WorkingCalendar
from app.services.catalog_rules import PROCESSING_TYPES

START, PAUSE, RESUME, STOP, NONE = "start", "pause", "resume", "stop", "none"
EFFECTS = (START, PAUSE, RESUME, STOP, NONE)


@dataclass(frozen=True)
class Clock:
    """Where an application stands against its deadlines (dates are hall-local).

    Before acceptance ``started_on``, the due dates, the days left and ``percent_used`` are None.
    ``percent_used`` is None for a 0-day promised limit (即办件), where ``overdue`` says it all;
    ``legal_due`` and ``legal_left`` are None when the item records no legal limit.
    """

    started_on: date | None  # the working day the count starts after
    promised_due: date | None
    legal_due: date | None
    days_used: int  # working days counted, paused days excluded
    paused_days: int  # working days not counted because the clock was paused
    promised_left: int | None  # negative once overdue
    legal_left: int | None
    percent_used: float | None  # of the promised limit; supervision warns from 80
    paused: bool
    stopped: bool
    overdue: bool


def clock(
    calendar: WorkingCalendar,
    tz_name: str,
    *,
    promised_days: int,
    legal_days: int,
    processing_type: str,
    events: Sequence[tuple[datetime, str]],
    now: datetime,
) -> Clock:
    """The clock of one application at ``now`` from its clock ``events`` (UTC time, effect), oldest first.

    Raises ``ValueError`` for naive datetimes, unknown effects, events out of order or after ``now``,
    and :class:`~app.calendar.CalendarGap` when a day falls in a year the calendar does not cover.
    """
    _check(promised_days, legal_days, processing_type, events, now)
    zone = ZoneInfo(tz_name)
    started_on: date | None = None
    stopped_on: date | None = None
    paused_since: date | None = None
    pauses: list[tuple[date, date]] = []  # [first, until): the days paused at their end
    for at, effect in events:
        day = at.astimezone(zone).date()
        if effect == STOP:
            if paused_since is not None:
                pauses.append((paused_since, day))
                paused_since = None
            stopped_on = day
            break
        if started_on is None:
            if effect == START:
                started_on = calendar.next_working_day(day)
        elif effect == PAUSE and paused_since is None:
            paused_since = day
        elif effect in (RESUME, START) and paused_since is not None:
            pauses.append((paused_since, day))
            paused_since = None

    if started_on is None:
        return Clock(None, None, None, 0, 0, None, None, None, False, stopped_on is not None, False)

    end = stopped_on or now.astimezone(zone).date()
    if paused_since is not None:
        pauses.append((paused_since, end + ONE_DAY))
    paused_days = sum(
        calendar.working_days_between(max(started_on, first - ONE_DAY), min(end, until - ONE_DAY))
        for first, until in pauses
    )
    used = calendar.working_days_between(started_on, end) - paused_days
    limit = 0 if processing_type == "immediate" else promised_days
    return Clock(
        started_on=started_on,
        promised_due=calendar.add_working_days(started_on, limit + paused_days),
        legal_due=calendar.add_working_days(started_on, legal_days + paused_days) if legal_days else None,
        days_used=used,
        paused_days=paused_days,
        promised_left=limit - used,
        legal_left=legal_days - used if legal_days else None,
        percent_used=round(100 * used / limit, 1) if limit else None,
        paused=paused_since is not None,
        stopped=stopped_on is not None,
        overdue=used > limit,
    )


def _check(
    promised_days: int, legal_days: int, processing_type: str, events: Sequence[tuple[datetime, str]], now: datetime
) -> None:
    if processing_type not in PROCESSING_TYPES:
        raise ValueError(f"processing_type must be one of {PROCESSING_TYPES}, not {processing_type!r}")
    if promised_days < 0 or legal_days < 0:
        raise ValueError("promised_days and legal_days must be zero or more")
    _require_aware(now, "now")
    previous: datetime | None = None
    for at, effect in events:
        _require_aware(at, "an event time")
        if effect not in EFFECTS:
            raise ValueError(f"unknown clock effect {effect!r}")
        if previous is not None and at < previous:
            raise ValueError("clock events must be in time order")
        if at > now:
            raise ValueError("a clock event lies after now")
        previous = at


def _require_aware(moment: datetime, what: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")
