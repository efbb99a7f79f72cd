"""Online applications (issue 8), the resident's side: drafts, uploads, submission with its 办件编号, withdrawal,
补正 and resubmission, and who may see what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import AssuranceRequired, InvalidInput, InvalidTransition, ItemNotOnline, NotFound, UploadLimit
from app.extensions import db
from app.models import Application, ApplicationEvent, Notification, ServiceItem
from app.services import application_steps, applications, case_numbers, links, residents
from app.services.scopes import Grant, Scope, StaffRights
from tests.application_helpers import (
    ANSWERS,
    ITEM,
    MONDAY_MORNING,
    PDF,
    draft,
    grant_proxy,
    make_online_item,
    png,
    submitted,
)
from tests.application_helpers import request as create_request
from tests.booking_helpers import EVERYWHERE
from tests.catalog_helpers import build_tree

NOW = MONDAY_MORNING


@pytest.fixture
def tree(app):
    tree = build_tree(app)
    make_online_item(app, tree)
    return tree


@pytest.fixture
def resident(app, tree) -> int:
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        return resident.id


def test_a_draft_keeps_partial_answers_encrypted_and_checks_what_it_has(app, resident):
    with app.app_context():
        application = draft(resident, {"contact": "13900139000"})
        assert (application.status, application.number) == ("draft", None)
        assert applications.form_of(application) == {"contact": "13900139000"}
        assert "13900139000" not in application.form_enc
        with pytest.raises(InvalidInput) as bad:
            applications.update_form(resident, application.id, {"child_id": "11010120150307", "nope": 1})
        assert set(bad.value.details["fields"]) == {"form.child_id", "form.nope"}
        updated = applications.update_form(resident, application.id, {"contact": None, "reason": "lost"})
        assert applications.form_of(updated) == {"reason": "lost"}


def test_only_online_items_at_the_residents_level(app, resident):
    with app.app_context():
        item = db.session.scalar(select(ServiceItem).where(ServiceItem.code == ITEM))
        item.online = False
        db.session.commit()
        with pytest.raises(ItemNotOnline):
            draft(resident)
        item.online, item.assurance_level = True, 2
        db.session.commit()
        with pytest.raises(AssuranceRequired) as refused:
            draft(resident)
        assert refused.value.details == {"required_level": 2, "level": 1}
        with pytest.raises(NotFound):
            applications.create(resident, "NO-SUCH", {}, request=create_request(resident))


def test_submitting_checks_everything_at_once_then_numbers_the_application(app, resident):
    with app.app_context():
        application = draft(resident, {"contact": "13900139000"})
        with pytest.raises(InvalidInput) as incomplete:
            applications.submit(resident, application.id, now=NOW)
        assert incomplete.value.details["fields"] == {
            "form.child_id": ["This field is required."],
            "form.reason": ["This field is required."],
            "form.promise": ["Must be ticked to continue."],
            "materials": ["Upload at least one file for: 身份证."],
        }
        applications.update_form(resident, application.id, ANSWERS)
        applications.add_file(resident, application.id, "身份证", png(), filename="../../身份证 正面.PNG", now=NOW)
        sent = applications.submit(resident, application.id, now=NOW)
        assert sent.status == "received" and sent.submitted_at == NOW
        assert sent.number == case_numbers.number("330102", NOW.date(), 1) and case_numbers.is_valid(sent.number)
        second = submitted(resident)
        assert case_numbers.parse(second.number).sequence == 2
        events = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == sent.id)).all()
        assert [(row.action, row.from_status, row.to_status, row.code) for row in events] == [
            ("submit", "draft", "received", 1)
        ]
        message = db.session.scalar(select(Notification).where(Notification.resident_id == resident))
        assert (message.template, message.data["status"]) == ("application_progress", "已提交，等待受理")
        token = message.link.split("t=")[1]
        assert links.read_page_token("application", token) == sent.id
        assert applications.files_of(sent)[0].filename == "身份证 正面.png"


def test_uploads_only_for_upload_lines_while_editable_and_within_limits(app, resident):
    with app.app_context():
        application = draft(resident)
        with pytest.raises(InvalidInput) as wrong:
            applications.add_file(resident, application.id, "照片", PDF)
        assert wrong.value.details["fields"]["material"] == ["One of: 身份证, 户口簿."]
        for _ in range(applications.FILES_PER_MATERIAL):
            applications.add_file(resident, application.id, "户口簿", PDF)
        with pytest.raises(UploadLimit):
            applications.add_file(resident, application.id, "户口簿", PDF)
        kept = applications.files_of(application)
        applications.remove_file(resident, application.id, kept[0].id)
        with pytest.raises(NotFound):
            applications.remove_file(resident, application.id, kept[0].id)
        applications.add_file(resident, application.id, "户口簿", PDF)  # room again
        with pytest.raises(InvalidInput):  # removed files do not count: 身份证 is still missing
            applications.submit(resident, application.id)
        row, data = applications.read_file(application, kept[1].id)
        assert (row.media_type, data) == ("application/pdf", PDF)
        applications.add_file(resident, application.id, "身份证", PDF)
        applications.submit(resident, application.id)
        with pytest.raises(InvalidTransition) as closed:
            applications.add_file(resident, application.id, "身份证", PDF)
        assert closed.value.details == {"state": "received", "allowed": ["withdraw"]}


def test_another_residents_application_is_not_found_but_a_grantee_sees_the_grantors(app, resident):
    with app.app_context():
        mine = submitted(resident)
        stranger = residents.new_resident("13700137000")
        son = residents.new_resident("13600136000")
        grant_proxy(son.id, resident, "13800138000")
        db.session.commit()
        for action in (
            lambda who: applications.mine(who, mine.id),
            lambda who: applications.withdraw(who, mine.id),
            lambda who: applications.update_form(who, mine.id, {}),
        ):
            with pytest.raises(NotFound):
                action(stranger.id)
        assert applications.mine(son.id, mine.id).id == mine.id
        assert [row.id for row in applications.list_mine(son.id).items] == [mine.id]
        assert applications.list_mine(stranger.id).total == 0
        for_father = draft(son.id, acting_for=resident)
        assert (for_father.resident_id, for_father.created_by_id) == (resident, son.id)
        with pytest.raises(NotFound):
            draft(stranger.id, acting_for=resident)


def test_a_retry_with_the_same_key_gets_the_same_draft(app, resident):
    with app.app_context():
        request = create_request(resident)
        first = applications.create(resident, ITEM, {}, request=request)
        again = applications.create(resident, ITEM, {}, request=request)
        assert (again.application.id, again.replayed) == (first.application.id, True)


def test_withdrawing_before_acceptance_only(app, resident):
    with app.app_context():
        gone = applications.withdraw(resident, draft(resident).id, "填错了")
        assert gone.status == "withdrawn"
        sent = submitted(resident)
        application_steps.transition(EVERYWHERE, sent.id, "accept", {}, now=NOW)
        with pytest.raises(InvalidTransition) as refused:
            applications.withdraw(resident, sent.id)
        assert refused.value.details == {"state": "accepted", "allowed": []}


def test_correction_pauses_the_clock_and_resubmission_resumes_it(app, resident):
    """Accepted Monday 23 Nov (5 working days: due Mon 30 Nov); 补正 from Tue 24 to Thu 26 pauses Tue and Wed."""
    with app.app_context():
        sent = submitted(resident)
        application_steps.transition(EVERYWHERE, sent.id, "accept", {}, now=NOW)
        assert (sent.promised_due.isoformat(), sent.legal_due.isoformat()) == ("2026-11-30", "2026-12-21")
        application_steps.transition(EVERYWHERE, sent.id, "start_processing", {}, now=NOW)
        asked = application_steps.transition(
            EVERYWHERE, sent.id, "request_correction", {"items": ["户口簿首页复印件", "监护关系证明"]},
            now=NOW + timedelta(days=1),
        )  # fmt: skip
        assert applications.view(asked, "resident").correction == ["户口簿首页复印件", "监护关系证明"]
        message = db.session.scalar(select(Notification).where(Notification.template == "application_supplement"))
        assert message.data == {"item": "少儿医保参保登记", "serial": sent.number,
                                "materials": "户口簿首页复印件、监护关系证明", "deadline": "2026-12-24"}  # fmt: skip
        applications.add_file(resident, sent.id, "户口簿", PDF)
        applications.update_form(resident, sent.id, {"reason": "lost"})
        back = applications.resubmit(resident, sent.id, now=NOW + timedelta(days=3))
        assert back.status == "received"
        application_steps.transition(EVERYWHERE, sent.id, "accept", {}, now=NOW + timedelta(days=3))
        clock = application_steps.clock(back, NOW + timedelta(days=3))
        assert (clock.started_on.isoformat(), clock.paused_days, clock.promised_due.isoformat()) == (
            "2026-11-23", 2, "2026-12-02",
        )  # fmt: skip
        assert back.promised_due.isoformat() == "2026-12-02"


def test_a_year_the_calendar_does_not_know_is_counted_monday_to_friday(app, resident):
    """Accepted Mon 28 Dec 2026: five working days reach into 2027, which chinese-calendar does not cover yet."""
    with app.app_context():
        late = MONDAY_MORNING + timedelta(days=35)
        sent = submitted(resident, now=late)
        accepted = application_steps.transition(EVERYWHERE, sent.id, "accept", {}, now=late)
        assert accepted.promised_due.isoformat() == "2027-01-04"


def test_staff_of_another_department_and_drafts_are_not_found(app, resident, tree):
    with app.app_context():
        sent, unsent = submitted(resident), draft(resident)
        elsewhere = StaffRights(7, (Grant("window_staff", Scope("department", tree.department_y)),))
        here = StaffRights(8, (Grant("window_staff", Scope("department", tree.department_x)),))
        with pytest.raises(NotFound):
            application_steps.transition(elsewhere, sent.id, "accept", {})
        with pytest.raises(NotFound):
            application_steps.for_staff(EVERYWHERE, unsent.id)
        assert [row.id for row in application_steps.staff_list(here).items] == [sent.id]
        assert application_steps.staff_list(elsewhere).total == 0
        with pytest.raises(InvalidTransition) as not_theirs:
            application_steps.transition(here, sent.id, "revoke", {"reason": "违法取得许可"})
        assert not_theirs.value.details["allowed"] == ["accept", "not_accept", "request_correction"]
        assert db.session.get(Application, sent.id).status == "received"


def test_staff_list_soonest_deadline_first_and_due_before(app, resident):
    with app.app_context():
        first, second, waiting = submitted(resident), submitted(resident), submitted(resident)
        application_steps.transition(EVERYWHERE, second.id, "accept", {}, now=NOW)
        application_steps.transition(EVERYWHERE, first.id, "accept", {}, now=NOW + timedelta(days=1))
        listed = application_steps.staff_list(EVERYWHERE)
        assert [row.id for row in listed.items] == [second.id, first.id, waiting.id]
        due = application_steps.staff_list(EVERYWHERE, due_before=second.promised_due + timedelta(days=1))
        assert [row.id for row in due.items] == [second.id]
        assert application_steps.staff_list(EVERYWHERE, status="received").total == 1


def test_staff_list_counts_up_to_its_limit_and_says_so(app, resident, monkeypatch):
    monkeypatch.setattr(application_steps, "WORK_LIST_COUNT_LIMIT", 3)
    with app.app_context():
        first_three = [submitted(resident).id for _ in range(3)]
        exact = application_steps.staff_list(EVERYWHERE, page_size=2)
        assert (exact.total, exact.total_capped) == (3, False)
        beyond = [submitted(resident).id for _ in range(2)]
        capped = application_steps.staff_list(EVERYWHERE, page_size=2)
        assert (capped.total, capped.total_capped) == (3, True)
        # The pages go on past the count: the list itself is not capped.
        pages = [application_steps.staff_list(EVERYWHERE, page=page, page_size=2).items for page in (1, 2, 3)]
        assert sorted(row.id for page in pages for row in page) == sorted(first_three + beyond)
        assert application_steps.staff_list(EVERYWHERE, status="accepted").total_capped is False


def test_every_step_tells_the_applicant_and_the_relative_who_applied(app, resident):
    with app.app_context():
        son = residents.new_resident("13600136000")
        grant_proxy(son.id, resident, "13800138000")
        db.session.commit()
        application = draft(son.id, acting_for=resident)
        applications.add_file(son.id, application.id, "身份证", PDF)
        applications.submit(son.id, application.id)
        for action, fields in (("accept", {}), ("start_processing", {}), ("approve", {}),
                               ("deliver", {"method": "download"})):  # fmt: skip
            application_steps.transition(EVERYWHERE, application.id, action, fields)
        sent = db.session.execute(
            select(Notification.resident_id, Notification.template).order_by(Notification.id)
        ).all()
        steps = ["application_progress"] * 3 + ["application_done", "application_progress"]
        assert sent == [(who, template) for template in steps for who in (resident, son.id)]
        events = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.action == "submit")).all()
        assert (events[0].actor_id, events[0].acting_for_id) == (son.id, resident)
