"""The notification center: outbox in the caller's transaction, channel choice, retries, quiet hours (issue 5)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from app import jobs
from app.extensions import db
from app.models import Notification, ResidentIdentity, SubscriptionCredit
from app.notify_templates import TemplateError
from app.providers.base import ProviderError, SmsReceipt
from app.providers.sandbox import SandboxSms
from app.services import notify, residents

PHONE = "13800138000"
REMINDER = {
    "item": "社会保障卡申领",
    "time": "2026-11-24 09:30",
    "hall": "东区政务服务中心",
    "materials": "身份证等3项",
}
CALLED = {"number": "A012", "window": "05", "item": "社会保障卡申领"}
# 2026-11-23 10:00 in Beijing, and 23:00 (quiet hours) the same day.
DAYTIME = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
NIGHT = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


class CountingSms:
    """An SMS provider that counts sends per idempotency key and fails as told."""

    name = "counting"

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.failures: list[ProviderError] = []

    def send(self, phone: str, template: str, params: Mapping[str, str], *, idempotency_key: str) -> SmsReceipt:
        self.sent.append(idempotency_key)
        if self.failures:
            raise self.failures.pop(0)
        return SmsReceipt(provider_msg_id=f"m{len(self.sent)}", provider_code="OK")


@pytest.fixture
def sms(app, monkeypatch):
    fake = CountingSms()
    monkeypatch.setitem(app.extensions["palmgov.providers"], "SMS_PROVIDER", fake)
    return fake


@pytest.fixture
def resident(app):
    with app.app_context():
        found = residents.new_resident(PHONE)
        db.session.commit()
        return found.id


def queue(resident_id: int, key: str = "appointment_reminder", data=None, *, idem: str = "appointment:1:reminder"):
    row = notify.notify(resident_id, key, data or REMINDER, idempotency_key=idem)
    db.session.commit()
    jobs.run_ready()
    return db.session.get(Notification, row.id)


def statuses() -> list[str]:
    return list(db.session.scalars(select(Notification.status).order_by(Notification.id)))


class TestOutbox:
    def test_a_notification_is_sent_once_its_transaction_commits(self, app, resident):
        with app.app_context(), time_machine.travel(DAYTIME):
            row = queue(resident)
            assert (row.status, row.channel, row.attempts) == ("sent", "sms", 1)
            message = SandboxSms.inbox(PHONE)[0]
            assert message["template"] == "appointment_reminder"
            assert message["params"] == {**REMINDER, "link": message["params"]["link"]}  # see test_notify_links.py

    def test_nothing_is_sent_when_the_business_change_rolls_back(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            notify.notify(resident, "appointment_reminder", REMINDER, idempotency_key="appointment:1:reminder")
            db.session.rollback()
            jobs.run_ready()
            assert sms.sent == [] and statuses() == []

    def test_the_same_event_is_queued_and_sent_once(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            first = queue(resident)
            second = queue(resident)
            assert first.id == second.id and sms.sent == ["appointment:1:reminder"]
            assert notify.deliver(first.id) is None  # already sent: nobody claims it again
            assert sms.sent == ["appointment:1:reminder"]

    def test_values_are_checked_before_anything_is_written(self, app, resident):
        with app.app_context(), pytest.raises(TemplateError) as raised:
            notify.notify(resident, "appointment_reminder", {**REMINDER, "item": "长" * 21}, idempotency_key="k")
        assert raised.value.problems == {"item": "at most 20 characters"}

    def test_login_codes_never_go_through_the_outbox(self, app, resident):
        with app.app_context(), pytest.raises(ValueError):
            notify.notify(resident, "otp", {"code": "123456"}, idempotency_key="otp")

    def test_a_resident_who_turned_reminders_off_gets_none(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            notify.update_settings(resident, reminders=False)
            assert queue(resident).status == "skipped"
            assert queue(resident, "ticket_called", CALLED, idem="ticket:1:called").status == "sent"
            assert sms.sent == ["ticket:1:called"]


class TestRetries:
    def test_a_send_that_surely_failed_is_retried_with_backoff_and_sent_once(self, app, resident, sms):
        sms.failures = [ProviderError("counting", "isv.BUSINESS_LIMIT_CONTROL", retryable=True)]
        with app.app_context(), time_machine.travel(DAYTIME, tick=False) as clock:
            row = queue(resident)
            assert row.status == "queued" and row.attempts == 1 and row.provider_code == "isv.BUSINESS_LIMIT_CONTROL"
            assert notify.send_due() == 0  # not due yet
            clock.shift(timedelta(seconds=31))
            assert notify.send_due() == 1
            db.session.refresh(row)
            assert row.status == "sent" and row.attempts == 2
            clock.shift(timedelta(hours=2))
            notify.send_due()
        assert sms.sent == ["appointment:1:reminder"] * 2  # one failure, one SMS

    def test_a_send_that_may_have_gone_out_is_never_repeated(self, app, resident, sms):
        sms.failures = [ProviderError("counting", "NETWORK", "ReadTimeout", retryable=True, maybe_sent=True)]
        with app.app_context(), time_machine.travel(DAYTIME, tick=False) as clock:
            row = queue(resident)
            assert row.status == "failed"
            for _ in range(3):
                clock.shift(timedelta(hours=1))
                notify.send_due()
        assert sms.sent == ["appointment:1:reminder"]

    def test_retries_end(self, app, resident, sms):
        sms.failures = [ProviderError("counting", "Throttling", retryable=True)] * notify.MAX_ATTEMPTS
        with app.app_context(), time_machine.travel(DAYTIME, tick=False) as clock:
            row = queue(resident)
            for _ in range(notify.MAX_ATTEMPTS + 2):
                clock.shift(timedelta(hours=2))
                notify.send_due()
            db.session.refresh(row)
            assert row.status == "failed" and row.attempts == notify.MAX_ATTEMPTS
        assert len(sms.sent) == notify.MAX_ATTEMPTS

    def test_a_refused_message_is_not_retried(self, app, resident, sms):
        sms.failures = [ProviderError("counting", "isv.MOBILE_NUMBER_ILLEGAL", rejected=True)]
        with app.app_context(), time_machine.travel(DAYTIME):
            assert queue(resident).status == "failed"

    def test_a_row_left_mid_send_is_failed_not_resent(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME, tick=False) as clock:
            row = notify.notify(resident, "appointment_reminder", REMINDER, idempotency_key="k1")
            row.status = "sending"  # its sender died after claiming it
            db.session.commit()
            clock.shift(notify.STUCK_AFTER + timedelta(seconds=1))
            notify.send_due()
            db.session.refresh(row)
            assert row.status == "failed" and sms.sent == []

    def test_a_lost_job_is_found_by_the_sweep(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            notify.notify(resident, "appointment_reminder", REMINDER, idempotency_key="k2")
            db.session.commit()  # and the process dies before run_ready()
            db.session.info.clear()
            jobs.sweep()
            assert statuses() == ["sent"] and sms.sent == ["k2"]


class TestQuietHours:
    def test_a_reminder_at_night_waits_for_the_morning(self, app, resident, sms):
        with app.app_context(), time_machine.travel(NIGHT, tick=False) as clock:
            row = queue(resident)
            assert row.status == "queued"
            assert row.not_before == datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # 07:30 in Beijing
            clock.move_to(datetime(2026, 11, 23, 23, 29, tzinfo=UTC))
            notify.send_due()
            assert sms.sent == []
            clock.move_to(datetime(2026, 11, 23, 23, 31, tzinfo=UTC))
            notify.send_due()
            assert sms.sent == ["appointment:1:reminder"]

    def test_urgent_messages_do_not_wait(self, app, resident, sms):
        with app.app_context(), time_machine.travel(NIGHT, tick=False):
            assert queue(resident, "ticket_called", CALLED, idem="ticket:9:called").status == "sent"

    @pytest.mark.parametrize(
        ("local", "expected"),
        [
            ("2026-11-23 21:59", "2026-11-23 21:59"),
            ("2026-11-23 22:00", "2026-11-24 07:30"),
            ("2026-11-24 03:00", "2026-11-24 07:30"),
            ("2026-11-24 07:30", "2026-11-24 07:30"),
        ],
    )
    def test_the_window_crosses_midnight_in_the_halls_time(self, app, local, expected):
        shanghai = timedelta(hours=8)
        moment = datetime.fromisoformat(local).replace(tzinfo=UTC) - shanghai
        with app.app_context():
            result = notify.after_quiet_hours(moment, "Asia/Shanghai")
        assert result == datetime.fromisoformat(expected).replace(tzinfo=UTC) - shanghai

    def test_no_quiet_hours(self, app):
        app.config["QUIET_HOURS"] = ""
        with app.app_context():
            assert notify.after_quiet_hours(NIGHT, "Asia/Shanghai") == NIGHT


class TestMiniProgram:
    def login_with(self, resident_id: int, channel: str, subject: str) -> None:
        db.session.add(ResidentIdentity(resident_id=resident_id, provider=channel, app_id="sandbox", subject=subject))
        db.session.commit()

    def test_a_credit_buys_one_wechat_message(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            self.login_with(resident, "wechat", "o-wechat-1")
            assert notify.add_credits(resident, "wechat", ["wx-appointment_reminder"]) == {"appointment_reminder": 1}
            first = queue(resident, idem="a:1")
            second = queue(resident, idem="a:2")
            assert (first.channel, second.channel) == ("wechat", "sms")
            assert notify.credits_of(resident, "wechat") == {"appointment_reminder": 0}
            assert sms.sent == ["a:2"]

    def test_no_credit_at_the_provider_falls_back_to_sms(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            self.login_with(resident, "wechat", "nocredit-1")  # the sandbox answers like WeChat's 43101
            notify.add_credits(resident, "wechat", ["wx-appointment_reminder"] * 2)
            assert queue(resident).channel == "sms"
            assert notify.credits_of(resident, "wechat") == {"appointment_reminder": 0}

    def test_a_resident_who_chose_sms_gets_sms(self, app, resident, sms):
        with app.app_context(), time_machine.travel(DAYTIME):
            self.login_with(resident, "alipay", "2088-1")
            notify.add_credits(resident, "alipay", ["ali-appointment_reminder"])
            notify.update_settings(resident, channel="sms")
            assert queue(resident).channel == "sms"
            assert db.session.scalar(select(func.sum(SubscriptionCredit.credits))) == 1

    def test_unknown_template_ids_are_named(self, app, resident):
        from app.errors import InvalidInput

        with app.app_context(), pytest.raises(InvalidInput) as raised:
            notify.add_credits(resident, "wechat", ["wx-appointment_reminder", "forged"])
        assert raised.value.details["fields"] == {"template_ids[1]": ["Not a template of ours."]}
