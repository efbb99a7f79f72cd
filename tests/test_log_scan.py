"""After every other test: no log line of the whole run shows personal data or secrets.

The detectors are deliberately broader than the scrubber's patterns, so a gap in
the scrubber shows up here rather than hiding behind the same regex.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

DETECTORS = {
    "phone": re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"),
    "id_number": re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"),
    "bearer": re.compile(r"(?i)bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}"),
    "jwt": re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ"),
    "otp": re.compile(r"(?i)验证码\D{0,4}[0-9]{4,8}|\b(?:otp|sms_code)\W{1,4}[0-9]{4,8}"),
}


def find_leaks(lines: list[str]) -> list[tuple[str, str]]:
    return [(name, line[:200]) for line in lines for name, pattern in DETECTORS.items() if pattern.search(line)]


def test_detectors_catch_unscrubbed_lines():
    raw = [
        "sms to 13800138000",
        "id 11010519491231002X",
        "Authorization: Bearer abcdefgh1234",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
        "您的验证码是 482913",
    ]
    assert {name for name, _ in find_leaks(raw)} == set(DETECTORS)


def test_app_logs_with_personal_data_are_scrubbed_on_the_way_out(run_log: Path):
    logging.getLogger("palmgov.test").warning("SMS to 13800138000 for 110101199003074514, code=482913")
    for handler in logging.getLogger().handlers:
        handler.flush()
    last = run_log.read_text(encoding="utf-8").splitlines()[-1]
    assert "138****8000" in last
    assert find_leaks([last]) == []


@pytest.mark.last
def test_no_personal_data_in_the_logs_of_the_whole_run(run_log: Path):
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = run_log.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 50, "the run log should hold the whole run's lines"
    assert find_leaks(lines) == []
