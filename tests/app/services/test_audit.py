"""The audit log is append-only and hash-chained (security row 34)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update

from app.extensions import db
from app.models.audit import GENESIS_HASH, AuditEvent, AuditImmutable
from app.services import audit

ACTOR = audit.Actor("staff", 7, "supervisor")


def write_rows(count: int) -> list[AuditEvent]:
    rows = [
        audit.record("test.action", ACTOR, object_type="thing", object_id=n, details={"n": n}) for n in range(count)
    ]
    db.session.commit()
    return rows


def test_rows_chain_from_the_genesis_hash(app):
    with app.app_context():
        first, second, _ = write_rows(3)
        assert first.prev_hash == GENESIS_HASH
        assert second.prev_hash == first.hash
        assert audit.verify_chain() == audit.ChainReport(rows=3, broken_at=None)


@pytest.mark.parametrize("statement", [update(AuditEvent).values(result="failure"), delete(AuditEvent)])
def test_the_app_cannot_update_or_delete_rows(app, statement):
    with app.app_context():
        write_rows(1)
        with pytest.raises(AuditImmutable):
            db.session.execute(statement)
        db.session.rollback()
        row = db.session.scalar(select(AuditEvent))
        row.result = "failure"
        with pytest.raises(AuditImmutable):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(AuditImmutable):
            db.session.delete(db.session.scalar(select(AuditEvent)))
            db.session.flush()
        db.session.rollback()


def test_an_edited_row_breaks_the_chain(app, runner):
    with app.app_context():
        rows = write_rows(3)
        # Tampering from outside the app: raw SQL behind the ORM's back.
        db.session.execute(text("UPDATE audit_events SET result = 'denied' WHERE id = :id"), {"id": rows[1].id})
        db.session.commit()
        assert audit.verify_chain().broken_at == rows[1].id
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1
    assert f"BROKEN at row {rows[1].id}" in result.output


def test_a_deleted_row_breaks_the_chain(app, runner):
    with app.app_context():
        rows = write_rows(3)
        db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": rows[1].id})
        db.session.commit()
        assert audit.verify_chain().broken_at == rows[2].id
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1
    assert f"BROKEN at row {rows[2].id}" in result.output


def test_a_deleted_first_row_breaks_the_chain(app, runner):
    """Only a retention purge may start the chain after the genesis row (tests/app/services/test_retention.py)."""
    with app.app_context():
        first, second = (row.id for row in write_rows(2))
        db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": first})
        db.session.commit()
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1
    assert f"BROKEN at row {second}" in result.output


def test_audit_verify_reports_a_good_chain(app, runner):
    with app.app_context():
        write_rows(2)
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 0
    assert "Audit chain OK: 2 rows." in result.output
