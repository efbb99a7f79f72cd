"""The resident journeys in a real browser (issue 10): each node script under
``miniprogram/tests/e2e/journeys/`` drives the H5 build against the live server and saves its
screenshots to ``docs/screenshots/``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, MINIPROGRAM, ROOT, LiveServer

JOURNEYS = MINIPROGRAM / "tests" / "e2e" / "journeys"
# The five resident journeys of issue 10 and the hall journey of issue 11; each must exist and pass.
REQUIRED = ("book", "queue", "apply", "rate", "elderly", "hall")
JOURNEY_TIMEOUT_SECONDS = 240


def journeys() -> list[Path]:
    return sorted(JOURNEYS.glob("*.mjs"))


def test_every_required_journey_is_there():
    names = {path.stem.split("-", 1)[-1] for path in journeys()}
    assert set(REQUIRED) <= names, f"missing journeys: {set(REQUIRED) - names}"


@pytest.mark.parametrize("journey", journeys(), ids=lambda path: path.stem)
def test_journey(journey: Path, live_server: LiveServer):
    env = {
        **os.environ,
        **live_server.journey_env(),
        "E2E_SCREENSHOTS": str(ROOT / "docs" / "screenshots"),
        "E2E_CHROMIUM": CHROMIUM,
    }
    done = subprocess.run(
        ["node", "tests/e2e/run.mjs", str(journey.relative_to(MINIPROGRAM))],
        cwd=MINIPROGRAM,
        env=env,
        capture_output=True,
        text=True,
        timeout=JOURNEY_TIMEOUT_SECONDS,
    )
    server_tail = live_server.log.read_text()[-3000:]
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n--- server log (tail) ---\n{server_tail}"
