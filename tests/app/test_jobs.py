"""Jobs start after commit only, and the sweep finds what a job never did (issue 5)."""

from __future__ import annotations

import pytest

from app import jobs
from app.extensions import db


@pytest.fixture
def ran(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setattr(jobs, "SWEEPERS", [lambda: calls.append(("sweep",))])
    return calls


def record(calls: list, value: str) -> None:
    calls.append(value)


def test_a_job_starts_only_after_its_transaction_commits(app):
    calls: list[str] = []
    with app.app_context():
        jobs.after_commit(record, calls, "rolled back")
        db.session.rollback()
        jobs.after_commit(record, calls, "committed")
        jobs.run_ready()
        assert calls == []  # not committed yet
        db.session.commit()
        jobs.run_ready()
        jobs.run_ready()
    assert calls == ["committed"]


def test_a_failing_inline_job_does_not_reach_the_caller(app):
    def broken() -> None:
        raise RuntimeError("provider on fire")

    with app.app_context():
        jobs.after_commit(broken)
        db.session.commit()
        jobs.run_ready()  # logged, not raised


class OneIteration:
    """An Event whose wait() lets the loop run once, then stops it."""

    def __init__(self) -> None:
        self.waits = 0

    def wait(self, timeout: float) -> bool:
        self.waits += 1
        return self.waits > 1


def test_the_sweeper_loop_runs_every_sweeper(app, ran):
    jobs.sweep_forever(app, OneIteration(), every=0)  # type: ignore[arg-type]
    assert ran == [("sweep",)]


def test_a_failing_sweeper_does_not_stop_the_others(app, monkeypatch):
    calls: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(jobs, "SWEEPERS", [broken, lambda: calls.append("second")])
    with app.app_context():
        jobs.sweep()
    assert calls == ["second"]
