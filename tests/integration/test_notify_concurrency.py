"""Two transactions queueing the same business event at once (two windows telling one resident their turn is
close) on PostgreSQL: both succeed and one message is queued; neither fails its caller's transaction."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification
from app.services import notify, residents


def test_the_same_event_queued_by_two_transactions_at_once_is_one_message(postgres: str, build_app):
    app = build_app()
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        resident_id = resident.id
    first_added = threading.Event()
    answers: dict[str, int | BaseException] = {}

    def queue(name: str, hold: float) -> None:
        with app.app_context():
            try:
                row = notify.notify(resident_id, "ticket_near", {"number": "A004", "ahead": 3},
                                    idempotency_key="ticket:4:near")  # fmt: skip
                first_added.set()
                time.sleep(hold)  # the other transaction now inserts the same key and waits on ours
                db.session.commit()
                answers[name] = row.id
            except BaseException as error:
                answers[name] = error
                db.session.rollback()

    first = threading.Thread(target=queue, args=("first", 0.5))
    first.start()
    first_added.wait(5)
    second = threading.Thread(target=queue, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)
    assert answers["first"] == answers["second"], answers
    with app.app_context():
        assert db.session.scalar(select(func.count(Notification.id))) == 1
