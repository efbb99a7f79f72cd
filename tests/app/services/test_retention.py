"""Data retention (docs/privacy.md): what outlived its period goes, the rest stays, the audit chain still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent
from app.models.identity import AuthSession, FaceVerification
from app.models.notify import Notification
from app.services import audit, residents, retention, sessions
from config import ConfigError, TestConfig

START = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
ACTOR = audit.Actor("staff", 7, "supervisor")


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def seed_personal_data() -> int:
    """A resident with a session, a sent and a queued notification and a face check, all made at START."""
    resident = residents.new_resident("13800138000")
    session = sessions.open_session(
        resident_id=resident.id, method="sms", client="test", ip="127.0.0.1", lifetime=timedelta(days=30)
    )
    for status in ("sent", "queued"):
        db.session.add(
            Notification(resident_id=resident.id, template="t", idempotency_key=f"k-{status}", status=status)
        )
    db.session.add(
        FaceVerification(
            resident_id=resident.id,
            purpose="account",
            provider="sandbox",
            outer_no="outer-1",
            cert_index="x" * 64,
            expires_at=START + timedelta(minutes=10),
        )
    )
    audit.record("login", ACTOR, object_type="session", object_id=session.id)
    db.session.commit()
    return resident.id


def test_nothing_goes_before_its_period(app):
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        seed_personal_data()
        clock.move_to(START + timedelta(days=60))
        assert retention.run() == {"sessions": 0, "notifications": 0, "face_checks": 0, "audit_events": 0}
        assert (count(AuthSession), count(Notification), count(FaceVerification)) == (1, 2, 1)


def test_each_kind_goes_after_its_own_period(app):
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        seed_personal_data()
        clock.move_to(START + timedelta(days=91))  # face checks: 90 days
        assert retention.run()["face_checks"] == 1
        # Sessions: 180 days after they expired (30 days after login); notifications: 180 days, once finished.
        clock.move_to(START + timedelta(days=211))
        counts = retention.run()
        assert (counts["sessions"], counts["notifications"]) == (1, 1)
        assert db.session.scalars(select(Notification.status)).all() == ["queued"]
        row = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "retention.run").order_by(AuditEvent.id.desc())
        )
        assert row.details == {"deleted": {"sessions": 1, "notifications": 1}}


def test_periods_are_settings(build_app):
    app = build_app(RETENTION_FACE_CHECKS_DAYS=400)
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        seed_personal_data()
        clock.move_to(START + timedelta(days=300))
        assert retention.run()["face_checks"] == 0


def test_old_audit_rows_go_and_the_kept_chain_still_verifies(app, runner):
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        old = [audit.record("test.old", ACTOR, object_id=n).id for n in range(3)]
        db.session.commit()
        clock.move_to(START + timedelta(days=1000))
        kept = audit.record("test.kept", ACTOR)
        db.session.commit()
        clock.move_to(START + timedelta(days=1096))  # the old rows are past 1095 days, the kept one is not
        assert retention.run()["audit_events"] == 3
        assert db.session.scalar(select(func.min(AuditEvent.id))) == kept.id
        assert audit.verify_chain().broken_at is None
        assert db.session.scalars(select(AuditEvent.id).where(AuditEvent.id.in_(old))).all() == []
    assert runner.invoke(args=["audit-verify"]).exit_code == 0


def test_rows_removed_from_the_head_by_anyone_else_still_break_the_chain(app, runner):
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        audit.record("test.old", ACTOR)
        db.session.commit()
        clock.move_to(START + timedelta(days=1100))
        first, second = audit.record("test.kept", ACTOR), audit.record("test.kept", ACTOR)
        db.session.commit()
        retention.run()
        db.session.execute(AuditEvent.__table__.delete().where(AuditEvent.__table__.c.id == first.id))
        db.session.commit()
        assert audit.verify_chain().broken_at == second.id
    result = runner.invoke(args=["audit-verify"])
    assert (result.exit_code, f"BROKEN at row {second.id}" in result.output) == (1, True)


def test_the_command_reports_what_it_deleted(app, runner):
    with time_machine.travel(START, tick=False) as clock:
        with app.app_context():
            seed_personal_data()
        clock.move_to(START + timedelta(days=365))
        result = runner.invoke(args=["retention-run"])
    assert result.exit_code == 0, result.output
    assert "Deleted: sessions: 1, notifications: 1, face_checks: 1, audit_events: 0" in result.output


def test_the_sweep_runs_it_at_most_hourly(app):
    with app.app_context(), time_machine.travel(START, tick=False) as clock:
        seed_personal_data()
        clock.move_to(START + timedelta(days=365))
        retention.sweep()
        assert count(AuthSession) == 0
        late = residents.new_resident("13900139000")
        db.session.add(AuthSession(resident_id=late.id, method="sms", expires_at=START))
        db.session.commit()
        retention.sweep()  # within the hour: nothing runs
        assert count(AuthSession) == 1


@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [
        ("RETENTION_AUDIT_DAYS", "179", "RETENTION_AUDIT_DAYS must be at least 180"),
        ("RETENTION_SESSIONS_DAYS", "0", "RETENTION_SESSIONS_DAYS must be at least 1"),
    ],
)
def test_too_short_periods_are_refused_at_start(setting, value, problem):
    with pytest.raises(ConfigError, match=problem):
        TestConfig({setting: value}).validate()
