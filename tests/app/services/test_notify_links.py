"""SMS that carry a short link to the page a mini-program message would open (the appointment reminder)."""

from __future__ import annotations

from string import Formatter

import pytest
import time_machine
from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification, ResidentIdentity
from app.models.notify import ShortLink
from app.notify_templates import TEMPLATES, TemplateError, check_values, template
from app.providers.sandbox import SandboxAlipayNotifier, SandboxSms, SandboxWeChatNotifier
from app.services import links, notify, residents
from tests.app.services.test_notify import DAYTIME, PHONE, REMINDER, queue

BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36"


@pytest.fixture
def resident(app):
    with app.app_context():
        found = residents.new_resident(PHONE)
        db.session.commit()
        return found.id


def sent_link(app) -> ShortLink:
    url = SandboxSms.inbox(PHONE)[0]["params"]["link"]
    prefix = f"{app.config['PUBLIC_BASE_URL']}/l/"
    assert url.startswith(prefix)
    return db.session.scalar(select(ShortLink).where(ShortLink.code == url.removeprefix(prefix)))


class TestSms:
    def test_the_reminder_sms_links_to_the_rows_page_and_query(self, app, resident):
        with app.app_context(), time_machine.travel(DAYTIME):
            row = notify.notify(
                resident,
                "appointment_reminder",
                REMINDER,
                idempotency_key="a:1",
                link="pages/appointment/index?t=Ab1-x",
            )
            db.session.commit()
            assert notify.deliver(row.id) == "sent"
            link = sent_link(app)
            assert (link.page, link.query, link.purpose) == ("pages/appointment/index", {"t": "Ab1-x"}, "notification")
            assert links.resolve(link.code, BROWSER_UA) == (
                f"{app.config['PUBLIC_BASE_URL']}/#/pages/appointment/index?t=Ab1-x"
            )
            [entry] = [entry for entry in notify.dev_outbox(PHONE) if entry.source == "sandbox"]
            assert entry.text.endswith(f"请携带身份证等3项材料准时到场。材料清单：{links.short_url(link)}")

    def test_without_a_link_the_sms_opens_the_templates_page(self, app, resident):
        with app.app_context(), time_machine.travel(DAYTIME):
            assert queue(resident).channel == "sms"
            link = sent_link(app)
            assert (link.page, link.query) == (template("appointment_reminder").page, {})

    def test_a_link_that_is_no_page_of_the_app_fails_the_sms_unsent(self, app, resident):
        with app.app_context(), time_machine.travel(DAYTIME):
            row = notify.notify(
                resident, "appointment_reminder", REMINDER, idempotency_key="a:2", link="https://evil.example/x?y=1"
            )
            db.session.commit()
            assert notify.deliver(row.id) == "failed"
            assert "Not a page of the app." in db.session.get(Notification, row.id).last_error
            assert SandboxSms.inbox(PHONE) == []
            assert db.session.scalar(select(func.count(ShortLink.id))) == 0

    def test_an_sms_without_sms_link_carries_none(self, app, resident):
        called = {"number": "A012", "window": "05", "item": "社会保障卡申领"}
        with app.app_context(), time_machine.travel(DAYTIME):
            assert queue(resident, "ticket_called", called, idem="t:1").status == "sent"
            assert SandboxSms.inbox(PHONE)[0]["params"] == called
            assert db.session.scalar(select(func.count(ShortLink.id))) == 0


@pytest.mark.parametrize(
    ("notifier", "template_id"),
    [(SandboxWeChatNotifier, "wx-appointment_reminder"), (SandboxAlipayNotifier, "ali-appointment_reminder")],
)
def test_a_mini_program_message_carries_no_link(app, resident, notifier, template_id):
    channel, subject = notifier.channel, f"o-{notifier.channel}-1"
    with app.app_context(), time_machine.travel(DAYTIME):
        db.session.add(ResidentIdentity(resident_id=resident, provider=channel, app_id="sandbox", subject=subject))
        db.session.commit()
        notify.add_credits(resident, channel, [template_id])
        assert queue(resident).channel == channel
        [message] = notifier.inbox(subject)
        assert message["values"] == REMINDER
        assert message["page"] == "pages/appointment/index"
        assert message["text"].endswith("材料清单：")
        assert db.session.scalar(select(func.count(ShortLink.id))) == 0


class TestValues:
    @pytest.mark.parametrize(
        "link",
        [
            "https://gov.example/l/" + "a" * 43,  # 65 characters
            "ftp://gov.example/l/abc",
            "gov.example/l/abc",
            "https://gov.example/l/a b",
            "https://",
        ],
    )
    def test_a_link_too_long_or_not_http_is_refused(self, link):
        with pytest.raises(TemplateError) as raised:
            check_values("appointment_reminder", {**REMINDER, "link": link}, sms=True)
        assert raised.value.problems == {"link": "a link of at most 64 characters"}

    @pytest.mark.parametrize("link", ["https://gov.example/l/" + "a" * 42, "http://127.0.0.1:5000/l/AbC123xyz0"])
    def test_an_http_link_of_64_characters_fits(self, link):
        values = check_values("appointment_reminder", {"link": link, **REMINDER}, sms=True)
        assert list(values) == ["item", "time", "hall", "materials", "link"]

    def test_only_the_sms_form_has_the_link(self):
        link = {"link": "https://gov.example/l/abc"}
        with pytest.raises(TemplateError) as raised:
            check_values("appointment_reminder", {**REMINDER, **link})
        assert raised.value.problems == {"link": "not a parameter of this template"}
        with pytest.raises(TemplateError) as raised:
            check_values("appointment_reminder", REMINDER, sms=True)
        assert raised.value.problems == {"link": "missing"}
        with pytest.raises(TemplateError):
            check_values("appointment_booked", {"item": "x", "time": "09:30", "hall": "y", **link}, sms=True)


@pytest.mark.parametrize("found", TEMPLATES.values(), ids=lambda found: found.key)
def test_each_sms_text_has_a_slot_for_each_sms_parameter(found):
    slots = {name for _, name, _, _ in Formatter().parse(found.text) if name}
    assert slots == {name for name, _ in found.sms_params}
    assert not found.sms_link or found.page is not None
