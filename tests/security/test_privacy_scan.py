"""The whole-run response scan (``tests/response_scan.py``): its detectors and allowlist, the answers it
records, and a run whose answer leaks failing, with or without xdist (docs/privacy.md, "The scans")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import bearer, sms_login
from tests.response_scan import DETECTORS, leaks, read_records

ROOT = Path(__file__).parents[2]
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"
# An answer no endpoint may give: a full phone number.
LEAKY_TEST = """
from flask import Flask


def test_leaks():
    app = Flask("leaky")
    app.add_url_rule("/leak", "leak", lambda: {"phone": "13800138000"})
    assert app.test_client().get("/leak").status_code == 200
"""


def record(body: str, endpoint: str = "me.me") -> dict:
    return {"endpoint": endpoint, "body": body}


def test_the_detectors_catch_unmasked_values():
    bodies = [
        '{"phone": "13800138000"}',
        '{"id_number": "11010519491231002X"}',
        '{"name": "欧阳娜娜"}',
        f'{{"access_token": "{TOKEN}"}}',
        '{"text": "您的验证码是 482913"}',
    ]
    assert {name for body in bodies for name in leaks(record(body))} == set(DETECTORS)


def test_masked_values_and_other_codes_pass():
    masked = '{"phone": "138****8000", "id_number": "110***********002X", "name": "欧***", "code": "330100"}'
    assert leaks(record(masked)) == []
    # Eleven digits inside a random hex id are nobody's phone; the same digits on their own are.
    assert leaks(record('{"sandbox_ref": "sbxfc13876684564e86f9f2dfa7b7be2f80"}')) == []
    assert leaks(record('{"text": "致电 13876684564。"}')) == ["phone"]


def test_an_allowed_endpoint_may_show_only_what_it_is_allowed():
    assert leaks(record('{"phone": "13800138000"}', "me.export")) == []
    assert leaks(record(f'{{"access_token": "{TOKEN}"}}', "me.export")) == ["jwt"]


def test_every_answer_is_recorded(app, client, response_log: Path, request: pytest.FixtureRequest):
    headers = bearer(sms_login(app, client)["access_token"])
    client.get("/api/v1/me", headers=headers)
    mine = [row for row in read_records([response_log]) if row["test"] == request.node.nodeid]
    assert [row["endpoint"] for row in mine] == ["auth.request_sms_code", "auth.create_session", "me.me"]
    assert "eyJ" in mine[1]["body"] and leaks(mine[1]) == []  # tokens, where logging in is the point


@pytest.mark.parametrize(
    ("options", "files"),
    [([], ["responses-main.jsonl"]), (["-n", "2", "--dist", "each"], ["responses-gw0.jsonl", "responses-gw1.jsonl"])],
    ids=["alone", "two-workers"],
)
def test_a_leak_in_any_process_fails_the_run(tmp_path: Path, options: list[str], files: list[str]):
    """A small pytest run with only the scan's plugins; with ``--dist each`` both workers give the answer."""
    (tmp_path / "test_leaky.py").write_text(LEAKY_TEST, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-p", "tests.whole_run", "-p", "tests.response_scan"]
    command += ["-p", "xdist.plugin", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run"), *options]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        [*command, "test_leaky.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout + done.stderr
    assert "FAILED whole run::no_personal_data_in_the_responses" in done.stdout
    recorded = sorted(path.name for path in (tmp_path / "run").glob("responses-*.jsonl"))
    assert recorded == files
