"""Every log line of the run, scanned for personal data and secrets once every test has run.

Each process that runs tests (pytest alone, or each xdist worker) writes every log line, through the app's
own JSON formatter and its scrubber, to its own ``run-log-<process>.jsonl`` in the run directory
(``tests/whole_run.py``); the scan reads all of them. The detectors are deliberately broader than the
scrubber's patterns, so a gap in the scrubber shows up here rather than hiding behind the same regex.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from app.logs import JsonFormatter
from tests import whole_run

KIND = "run-log"
DETECTORS = {
    "phone": whole_run.PHONE,
    "id_number": re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"),
    "bearer": re.compile(r"(?i)bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}"),
    "jwt": re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ"),
    "otp": re.compile(r"(?i)验证码\D{0,4}[0-9]{4,8}|\b(?:otp|sms_code)\W{1,4}[0-9]{4,8}"),
}
_HANDLER = pytest.StashKey[logging.FileHandler]()


def find_leaks(lines: list[str]) -> list[tuple[str, str]]:
    return [(name, line[:200]) for line in lines for name, pattern in DETECTORS.items() if pattern.search(line)]


@whole_run.check
def no_personal_data_in_the_logs(directory: Path) -> list[str]:
    return [
        f"{path.name}: {name}: {line}"
        for path in whole_run.process_files(directory, KIND)
        for name, line in find_leaks(path.read_text(encoding="utf-8").splitlines())
    ]


def pytest_sessionstart(session: pytest.Session) -> None:
    if not whole_run.runs_tests(session.config):
        return
    handler = logging.FileHandler(whole_run.process_file(session.config, KIND), encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    session.config.stash[_HANDLER] = handler


def pytest_unconfigure(config: pytest.Config) -> None:
    handler = config.stash.get(_HANDLER, None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


@pytest.fixture(scope="session")
def run_log(pytestconfig: pytest.Config) -> Path:
    """This process's file of the run's log lines."""
    return whole_run.process_file(pytestconfig, KIND)
