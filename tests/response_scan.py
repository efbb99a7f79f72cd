"""Every response body of the test run, scanned for personal data once every test has run (security row 31,
docs/privacy.md).

A plugin (registered in tests/conftest.py, after ``tests.whole_run``): each process that runs tests connects
to Flask's ``request_finished`` signal, so every app any test builds records every answer it gives, through
the test client or a live server thread, into the process's own ``responses-<process>.jsonl`` in the run
directory (``tests/whole_run.py``). The check reads all of them when the run ends, however xdist spread it.

Some endpoints return full values on purpose, to the one caller entitled to them; ``ALLOWED`` lists them
with what they may show. Nothing else may show any.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import IO, Any

import pytest
from flask import Flask, Response, request, request_finished

from tests import whole_run

MAX_BODY = 64 * 1024  # enough for any JSON answer the tests read; large files are not personal data here
TEXT_TYPES = ("application/json", "text/", "application/problem+json")

# The residents the tests and the demo create, by their full names (a masked name is 张*).
KNOWN_NAMES = ("张三丰", "欧阳娜娜", "张三")
DETECTORS = {
    "phone": whole_run.PHONE,
    "id_number": re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])"),
    "name": re.compile("|".join(KNOWN_NAMES)),
    "jwt": re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ"),
    # A code in a message, or under a key only codes use ("code" alone also names regions and items).
    "otp": re.compile(r"(?i)验证码\D{0,4}[0-9]{4,8}|\"(?:otp|otp_code|sms_code)\"\s*:\s*\"[0-9]{4,8}\""),
}
PERSONAL = frozenset({"phone", "id_number", "name"})
# endpoint -> what it may show, and why.
ALLOWED: dict[str, frozenset[str]] = {
    "me.export": PERSONAL,  # the resident's own data, in full (PIPL Art. 45)
    "staff.reveal_resident": PERSONAL,  # a staff reveal: audited, with a reason
    "applications.staff_reveal": PERSONAL,  # the same, for an application's form
    "auth.create_session": frozenset({"jwt"}),  # logging in answers with tokens
    "auth.refresh": frozenset({"jwt"}),
    "staff.create_session": frozenset({"jwt"}),
    "staff.refresh": frozenset({"jwt"}),
    "me.link_phone": frozenset({"jwt"}),  # joining an existing account logs in as it
    "api-docs.openapi_json": frozenset({"phone", "id_number"}),  # the spec's example values, no one's data
    "dev.outbox": PERSONAL | {"otp"},  # development only: shows a phone what it was sent, login codes included
    "sandbox.sms_inbox": PERSONAL | {"otp"},  # the sandbox SMS provider's inbox (not in production)
}
KIND = "responses"
_RECORDER = pytest.StashKey["Recorder"]()


def leaks(record: dict[str, Any]) -> list[str]:
    """The detectors that fire on one recorded answer and are not allowed for its endpoint."""
    allowed = ALLOWED.get(record.get("endpoint") or "", frozenset())
    return [name for name, pattern in DETECTORS.items() if name not in allowed and pattern.search(record["body"])]


def read_records(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


@whole_run.check
def no_personal_data_in_the_responses(directory: Path) -> list[str]:
    return [
        f"{row['test']}: {row['endpoint']} {row['status']}: {', '.join(names)}"
        for row in read_records(whole_run.process_files(directory, KIND))
        if (names := leaks(row))
    ]


class Recorder:
    def __init__(self, path: Path) -> None:
        self.out: IO[str] = path.open("a", encoding="utf-8")

    def __call__(self, sender: Flask, response: Response, **_extra: object) -> None:
        if response.is_streamed or not response.mimetype.startswith(TEXT_TYPES):
            return
        record = {
            "test": os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0],
            "endpoint": request.endpoint,
            "status": response.status_code,
            "body": response.get_data(as_text=True)[:MAX_BODY],
        }
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()


def pytest_sessionstart(session: pytest.Session) -> None:
    if not whole_run.runs_tests(session.config):
        return
    recorder = Recorder(whole_run.process_file(session.config, KIND))
    request_finished.connect(recorder)  # held by the stash: blinker keeps only a weak reference
    session.config.stash[_RECORDER] = recorder


def pytest_unconfigure(config: pytest.Config) -> None:
    recorder = config.stash.get(_RECORDER, None)
    if recorder is not None:
        request_finished.disconnect(recorder)
        recorder.out.close()


@pytest.fixture(scope="session")
def response_log(pytestconfig: pytest.Config) -> Path:
    """This process's file of the run's response bodies."""
    return whole_run.process_file(pytestconfig, KIND)
