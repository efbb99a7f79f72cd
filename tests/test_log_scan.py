"""The whole-run log scan (``tests/log_scan.py``): its detectors, the scrubbed lines it reads, and a run whose
log leaks failing, with or without xdist, whichever process wrote the line."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.log_scan import DETECTORS, find_leaks

ROOT = Path(__file__).parents[1]
# A line past the scrubber, as if it had a gap.
LEAKY_TEST = """
def test_leaks(run_log):
    with run_log.open("a", encoding="utf-8") as log:
        log.write("sms to 13800138000\\n")
"""


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
    last = run_log.read_text(encoding="utf-8").splitlines()[-1]
    assert "138****8000" in last
    assert find_leaks([last]) == []


@pytest.mark.parametrize(
    ("options", "files"),
    [([], ["run-log-main.jsonl"]), (["-n", "2", "--dist", "each"], ["run-log-gw0.jsonl", "run-log-gw1.jsonl"])],
    ids=["alone", "two-workers"],
)
def test_a_leak_in_any_process_log_fails_the_run(tmp_path: Path, options: list[str], files: list[str]):
    """A small pytest run with only the scan's plugins; with ``--dist each`` both workers log the leak."""
    (tmp_path / "test_leaky.py").write_text(LEAKY_TEST, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-p", "tests.whole_run", "-p", "tests.log_scan", "-p", "xdist.plugin"]
    command += ["-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run"), *options, "test_leaky.py"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout + done.stderr
    assert "FAILED whole run::no_personal_data_in_the_logs" in done.stdout
    assert "1 failed, " in done.stdout.splitlines()[-1]
    assert sorted({line.split(":")[0] for line in done.stdout.splitlines() if ": phone: " in line}) == files
