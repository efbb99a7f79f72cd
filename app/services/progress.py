"""办件进度 without logging in: behind the signed link a message carries, or found by 办件编号 and the last four
digits of the applicant's phone (rate limited, so the four digits cannot be guessed through).

What it shows is the public part of the case: the item, the state with its national code, the deadline
and the timeline of steps; the applicant's name masked, no answers, no files, no phone.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app import ratelimit
from app.errors import LinkInvalid, NotFound
from app.extensions import db
from app.models.application import Application, ApplicationEvent
from app.models.base import utcnow
from app.redis_store import get_redis
from app.services import application_steps, applications, case_numbers, deadlines, links, residents

LOOKUP_LIMITS = (ratelimit.Limit("progress_lookup_ip", 10, 60),)
NUMBER_LIMITS = (ratelimit.Limit("progress_lookup_number", 5, 3600),)


@dataclass(frozen=True)
class Progress:
    application: Application
    code: int | None  # the national code of its state
    clock: deadlines.Clock
    events: list[ApplicationEvent]
    applicant_name: str | None  # plain; the HTTP layer masks it


# The application with what the page shows of it, in two queries.
_SHOWN = (joinedload(Application.item), joinedload(Application.department), selectinload(Application.events))


def of(application: Application, now: datetime | None = None, applicant: residents.Profile | None = None) -> Progress:
    """``applicant``: the applicant's profile, when the caller has read it already."""
    profile = applicant or residents.profile(residents.get(application.resident_id))
    events = list(application.events)
    return Progress(
        application,
        applications.progress_code(application),
        application_steps.clock(application, now, [(event.at, event.clock) for event in events]),
        events,
        profile.name,
    )


def by_token(token: str, now: datetime | None = None) -> Progress:
    """The progress behind a message's link: 404 for a token that is not ours (a path that names nothing),
    410 LINK_EXPIRED for an old one."""
    try:
        application_id = links.read_page_token("application", token)
    except LinkInvalid as exc:
        raise NotFound() from exc
    application = db.session.get(Application, application_id, options=_SHOWN)
    if application is None or application.number is None:
        raise NotFound()
    return of(application, now)


def lookup(number: str, phone_last4: str, client: str, now: datetime | None = None) -> Progress:
    """The progress of the application with this number whose applicant's phone ends in ``phone_last4``.
    A wrong number and a wrong phone get the same 404; both count against the limits (per client, and per
    number so that a number's four digits cannot be tried from many clients)."""
    now = now or utcnow()
    parsed = case_numbers.parse(number.strip())
    canonical = number.strip().upper()
    ratelimit.hit(get_redis(), f"ip:{client}", LOOKUP_LIMITS)
    ratelimit.hit(get_redis(), f"case:{canonical}", NUMBER_LIMITS)
    application = None
    if parsed is not None:
        application = db.session.scalar(select(Application).options(*_SHOWN).where(Application.number == canonical))
    applicant = residents.profile(residents.get(application.resident_id)) if application else None
    phone = applicant.phone if applicant else None
    if application is None or phone is None or not _same_digits(phone[-4:], phone_last4):
        raise NotFound()
    return of(application, now, applicant)


def _same_digits(expected: str, given: str) -> bool:
    return given.isascii() and hmac.compare_digest(expected, given)
