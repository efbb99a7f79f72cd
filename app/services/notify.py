"""The notification center: one way to tell a resident something.

``notify()`` writes an outbox row in the caller's transaction (nothing is sent if the
business change rolls back) and asks for delivery once it commits. ``deliver()`` claims a
due row, picks the channel and sends:

1. a WeChat or Alipay subscribe message, when the template may go there, the resident
   logged in through that mini-program, did not choose SMS, and has a send credit for
   it (a credit is spent per message; the provider saying "no credit", WeChat 43101,
   zeroes it and falls through);
2. otherwise an SMS to the resident's verified phone; a template with ``sms_link`` gets a
   short link (``/l/{code}``) to the page a tapped message would open.

A provider failure that surely sent nothing is retried with backoff (``RETRY_AFTER``);
one that may have gone out (a timeout after sending) is never repeated: an SMS is never
sent twice for one idempotency key. Quiet hours hold non-urgent messages until morning in
the hall's time. Login codes (secret templates) do not use the outbox at all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from app import jobs, metrics
from app.errors import InvalidInput
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import Resident, ResidentIdentity
from app.models.notify import Notification, NotificationSettings, SubscriptionCredit
from app.notify_templates import ALIPAY, SMS, WECHAT, Template, check_values, template
from app.providers import notifier, sms_sender
from app.providers.base import ProviderError, template_codes
from app.providers.sandbox import SandboxSms
from app.security.crypto import field_crypto
from app.services import links, residents

log = logging.getLogger(__name__)

RETRY_AFTER = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
STUCK_AFTER = timedelta(minutes=10)  # a row left "sending" this long: its sender died mid-send
SETTING_CHANNELS = ("auto", "sms")  # auto: a mini-program message when possible, else SMS


def notify(
    resident_id: int,
    template_key: str,
    data: Mapping[str, object],
    *,
    idempotency_key: str,
    link: str | None = None,
    timezone: str | None = None,
) -> Notification:
    """Queue a message for ``resident_id`` in the caller's transaction; the caller commits.

    ``idempotency_key`` names the business event (``appointment:42:reminder``): asking twice
    queues once. ``link`` is an app page the message opens (``pages/ticket/index?t=…``).
    ``timezone`` is the hall's, for quiet hours (default ``TIMEZONE``). Values are checked
    against the template now (``TemplateError``): a bad message is a bug of the caller.
    """
    found = template(template_key)
    if found.secret:
        raise ValueError(f"{template_key} carries a secret: send it directly, not through the outbox")
    checked = check_values(template_key, data)
    now = utcnow()
    values: dict[str, object] = {
        "resident_id": resident_id,
        "template": template_key,
        "data": checked,
        "link": link,
        "idempotency_key": idempotency_key,
        "status": "queued",
        "not_before": now if found.urgent else after_quiet_hours(now, timezone or current_app.config["TIMEZONE"]),
        "created_at": now,
        "updated_at": now,
    }
    if found.setting and not getattr(settings_of(resident_id), found.setting):
        values |= {"status": "skipped", "last_error": f"turned off: {found.setting}"}
    # Queued once: the row is new (RETURNING gives it), or the event was queued before, maybe by a concurrent
    # transaction, and this one takes that row; neither fails.
    row = db.session.scalar(_insert_new(values).returning(Notification))
    if row is None:
        return db.session.scalar(select(Notification).where(Notification.idempotency_key == idempotency_key))
    if row.status == "queued":
        jobs.after_commit(deliver, row.id)
    return row


def _insert_new(values: dict[str, object]) -> Insert:
    """INSERT … ON CONFLICT (idempotency_key) DO NOTHING, in the database's dialect."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(Notification).values(values).on_conflict_do_nothing(index_elements=["idempotency_key"])


def quiet_window() -> tuple[time, time] | None:
    spec = current_app.config["QUIET_HOURS"]
    if not spec:
        return None
    start, end = spec.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def after_quiet_hours(moment: datetime, timezone: str) -> datetime:
    """``moment``, or the end of the quiet hours it falls in (in ``timezone``), in UTC."""
    window = quiet_window()
    if window is None:
        return moment
    start, end = window
    local = moment.astimezone(ZoneInfo(timezone))
    clock = local.time()
    overnight = start > end
    quiet = (clock >= start or clock < end) if overnight else (start <= clock < end)
    if not quiet:
        return moment
    day = local.date() + timedelta(days=1) if overnight and clock >= start else local.date()
    return datetime.combine(day, end, tzinfo=local.tzinfo).astimezone(moment.tzinfo)


# --- Settings and credits ---------------------------------------------------------------------


def settings_of(resident_id: int) -> NotificationSettings:
    """The resident's settings (the defaults until they change one)."""
    found = db.session.get(NotificationSettings, resident_id)
    return found or NotificationSettings(resident_id=resident_id, channel="auto", reminders=True, progress=True)


def update_settings(resident_id: int, **changes: object) -> NotificationSettings:
    settings = db.session.get(NotificationSettings, resident_id) or settings_of(resident_id)
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.updated_at = utcnow()
    db.session.add(settings)
    db.session.commit()
    return settings


def add_credits(resident_id: int, channel: str, template_ids: list[str]) -> dict[str, int]:
    """Record send credits a resident granted in a mini-program: one per accepted template id
    (``wx.requestSubscribeMessage`` / ``my.requestSubscribeMessage``). Returns the balances."""
    known = template_codes(current_app.config)
    keys = [known.template_for(channel, template_id) for template_id in template_ids]
    unknown = {f"template_ids[{i}]": ["Not a template of ours."] for i, key in enumerate(keys) if key is None}
    if unknown:
        raise InvalidInput(details={"fields": unknown})
    for key in keys:
        credit = _credit(resident_id, channel, key) or SubscriptionCredit(
            resident_id=resident_id, channel=channel, template=key, credits=0
        )
        credit.credits += 1
        credit.updated_at = utcnow()
        db.session.add(credit)
        db.session.flush()
    db.session.commit()
    return credits_of(resident_id, channel)


def credits_of(resident_id: int, channel: str) -> dict[str, int]:
    rows = db.session.scalars(
        select(SubscriptionCredit).where(
            SubscriptionCredit.resident_id == resident_id, SubscriptionCredit.channel == channel
        )
    )
    return {row.template: row.credits for row in rows}


def _credit(resident_id: int, channel: str, key: str) -> SubscriptionCredit | None:
    return db.session.scalar(
        select(SubscriptionCredit).where(
            SubscriptionCredit.resident_id == resident_id,
            SubscriptionCredit.channel == channel,
            SubscriptionCredit.template == key,
        )
    )


# --- Delivery -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: str  # sent | retry | failed | skipped
    channel: str | None = None
    provider: str | None = None
    code: str | None = None
    message_id: str | None = None
    error: str | None = None


def deliver(notification_id: int) -> str | None:
    """Send one due notification if nobody else is; returns its new status (None when not claimed)."""
    now = utcnow()
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == "queued", Notification.not_before <= now)
        .values(status="sending", attempts=Notification.attempts + 1, updated_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return None
    row = db.session.get(Notification, notification_id)
    db.session.refresh(row)
    outcome = _send(row)
    _record(row, outcome)
    db.session.commit()
    return row.status


def _record(row: Notification, outcome: Outcome) -> None:
    now = utcnow()
    row.channel, row.provider = outcome.channel, outcome.provider
    row.provider_code, row.provider_msg_id = outcome.code, outcome.message_id
    row.last_error = (outcome.error or "")[:255] or None
    row.updated_at = now
    if outcome.status == "retry" and row.attempts < MAX_ATTEMPTS:
        row.status, row.not_before = "queued", now + RETRY_AFTER[row.attempts - 1]
    elif outcome.status == "retry":
        row.status = "failed"
    else:
        row.status = outcome.status
    if row.status == "sent":
        row.sent_at = now


def _send(row: Notification) -> Outcome:
    found = template(row.template)
    resident = db.session.get(Resident, row.resident_id)
    if resident is None or resident.disabled_at is not None:
        return Outcome("skipped", error="resident disabled")
    if settings_of(resident.id).channel != "sms":
        for channel in (WECHAT, ALIPAY):
            outcome = _try_mini_program(row, found, resident, channel)
            if outcome is not None:
                return outcome
    if SMS not in found.channels:
        return Outcome("skipped", error="no channel can carry it")
    return _send_sms(row, found, resident)


def _try_mini_program(row: Notification, found: Template, resident: Resident, channel: str) -> Outcome | None:
    """A subscribe message, or None to fall through to the next channel (no credit, refused, down)."""
    if channel not in found.channels:
        return None
    subject = db.session.scalar(
        select(ResidentIdentity.subject).where(
            ResidentIdentity.resident_id == resident.id, ResidentIdentity.provider == channel
        )
    )
    credit = _credit(resident.id, channel, row.template)
    if subject is None or credit is None or credit.credits <= 0:
        return None
    sender = notifier(channel)
    page = row.link or found.page
    try:
        result = sender.send(subject, row.template, row.data, page=page, idempotency_key=row.idempotency_key)
    except ProviderError as exc:  # SMS next: a message late is worse than a message by another way
        log.warning("notification %s: %s failed: %s", row.id, channel, exc)
        metrics.provider_failed("notify", exc.provider)
        return None
    if result.status == "no_credit":
        credit.credits = 0
        return None
    if result.status == "invalid":
        log.warning("notification %s: %s refused it (%s)", row.id, channel, result.provider_code)
        return None
    credit.credits -= 1
    return Outcome("sent", channel, sender.name, result.provider_code, result.provider_msg_id)


def _send_sms(row: Notification, found: Template, resident: Resident) -> Outcome:
    if resident.phone_enc is None:
        return Outcome("skipped", SMS, error="no verified phone")
    values = dict(row.data)
    if found.sms_link:
        try:
            values["link"] = _short_link(row, found)
        except InvalidInput as exc:  # a link the caller gave that is no page of the app
            return Outcome("failed", SMS, error=f"no short link: {exc.details}")
    phone = field_crypto().decrypt(resident.phone_enc, "resident.phone")
    sender = sms_sender()
    try:
        receipt = sender.send(phone, row.template, values, idempotency_key=row.idempotency_key)
    except ProviderError as exc:
        metrics.provider_failed("sms", exc.provider)
        if exc.retryable and not exc.maybe_sent:
            return Outcome("retry", SMS, sender.name, exc.code, error=str(exc))
        # Refused, or it may have gone out (a timeout after sending): never send it again.
        return Outcome("failed", SMS, sender.name, exc.code, error=str(exc))
    return Outcome("sent", SMS, sender.name, receipt.provider_code, receipt.provider_msg_id)


def _short_link(row: Notification, found: Template) -> str:
    """A short link to the page the message is about (``row.link``, else the template's page).

    It joins the delivery's transaction, committed with the outcome. A retry makes a new one: the
    link of a send that surely failed reached nobody.
    """
    page, _, query = (row.link or found.page or "").partition("?")
    return links.short_url(links.create_link(page, dict(parse_qsl(query)), "notification"))


def send_due(limit: int = 200) -> int:
    """Deliver what is due (lost jobs, retries, the end of quiet hours); fail rows stuck mid-send."""
    now = utcnow()
    db.session.execute(
        update(Notification)
        .where(Notification.status == "sending", Notification.updated_at < now - STUCK_AFTER)
        .values(status="failed", last_error="the sender stopped mid-send; not repeated", updated_at=now),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    due = db.session.scalars(
        select(Notification.id)
        .where(Notification.status == "queued", Notification.not_before <= now)
        .order_by(Notification.not_before)
        .limit(limit)
    ).all()
    return sum(deliver(notification_id) is not None for notification_id in due)


@dataclass(frozen=True)
class OutboxEntry:
    source: str  # "outbox" (a notification, any status) or "sandbox" (what a sandbox SMS provider sent)
    template: str
    text: str  # the message as the resident reads it
    channel: str | None
    status: str | None
    at: datetime


def dev_outbox(phone: str, limit: int = 20) -> list[OutboxEntry]:
    """What a phone's resident was sent or will be sent, newest first (development only): the sandbox SMS
    inbox (login codes included) and the resident's latest notifications."""
    entries = [
        OutboxEntry(
            "sandbox",
            message["template"],
            template(message["template"]).render(message["params"]),
            SMS,
            "sent",
            datetime.fromtimestamp(message["sent_at"], UTC),
        )
        for message in SandboxSms.inbox(phone)
    ]
    resident = residents.find_by_phone(phone)
    if resident is not None:
        rows = db.session.scalars(
            select(Notification)
            .where(Notification.resident_id == resident.id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
        entries += [
            OutboxEntry(
                "outbox", row.template, template(row.template).render(row.data), row.channel, row.status, row.created_at
            )
            for row in rows
        ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


jobs.SWEEPERS.append(send_due)
