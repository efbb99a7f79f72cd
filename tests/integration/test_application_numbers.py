"""办件编号 under a crowd (issue 8), on PostgreSQL through gunicorn: residents submitting at the same moment on
four workers each get their own number, the county's sequence of the day without a gap."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from api.auth import issue_tokens
from app.extensions import db
from app.models import Application
from app.models.base import utcnow
from app.services import applications, case_numbers, residents, sessions
from tests.application_helpers import PDF, draft, make_online_item
from tests.catalog_helpers import build_tree
from tests.integration import servers

CROWD = 40
WORKERS = 4


def test_40_residents_submitting_at_once_get_40_numbers_in_sequence(postgres: str, build_app, tmp_path: Path):
    app = build_app()
    make_online_item(app, build_tree(app))
    with app.app_context():
        ready = []
        for n in range(CROWD):
            resident = residents.new_resident(f"1390000{n:04d}")
            session = sessions.open_session(resident_id=resident.id, method="sms", client="test", ip="127.0.0.1",
                                            lifetime=timedelta(hours=1))  # fmt: skip
            application = draft(resident.id, now=utcnow())
            applications.add_file(resident.id, application.id, "身份证", PDF)
            ready.append((application.id, issue_tokens(session, "resident")["access_token"]))
        db.session.commit()
    with servers.gunicorns(postgres, tmp_path) as start:
        base, _ = start(WORKERS, REDIS_URL=app.config["REDIS_URL"], RATE_LIMIT_PER_IP="100000")
        answers = servers.in_parallel(
            [
                lambda application_id=application_id, token=token: servers.post_json(
                    f"{base}/api/v1/applications/{application_id}/submit", b"", {"Authorization": f"Bearer {token}"}
                )
                for application_id, token in ready
            ]
        )
    assert Counter(status for status, _ in answers) == {200: CROWD}
    numbers = [json.loads(body)["number"] for _, body in answers]
    assert sorted(case_numbers.parse(number).sequence for number in numbers) == list(range(1, CROWD + 1))
    with app.app_context():
        stored = db.session.scalars(select(Application.number).where(Application.number.is_not(None))).all()
    assert sorted(stored) == sorted(numbers)
