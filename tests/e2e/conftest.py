"""The browser journeys' server: started the way ``make run`` starts it (gunicorn with the same
settings, SQLite, the embedded Redis, sandbox providers), on a free port, with a fresh seeded
database of its own. The journeys themselves are node scripts (playwright-core driving Debian's
Chromium) under ``miniprogram/tests/e2e/journeys/``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MINIPROGRAM = ROOT / "miniprogram"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
START_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    log: Path
    prepared: dict

    def journey_env(self) -> dict[str, str]:
        """What a journey script reads: the server, the staff accounts and the first hall's devices."""
        devices = self.prepared["devices"]
        return {
            "E2E_BASE_URL": self.base_url,
            "E2E_STAFF_USERNAME": self.prepared["staff"]["username"],
            "E2E_STAFF_PASSWORD": self.prepared["staff"]["password"],
            "E2E_SUPERVISOR_USERNAME": self.prepared["supervisor"]["username"],
            "E2E_SUPERVISOR_PASSWORD": self.prepared["supervisor"]["password"],
            "E2E_HALL_ID": str(self.prepared["hall_id"]),
            "E2E_KIOSK_TOKEN": devices["kiosk"],
            "E2E_DISPLAY_TOKEN": devices["display"],
            "E2E_EVALUATOR_TOKEN": devices["evaluator"],
        }


def _missing_tools() -> list[str]:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    if shutil.which("node") is None:
        missing.append("node")
    if not (MINIPROGRAM / "node_modules" / "playwright-core").exists():
        missing.append("miniprogram/node_modules (npm install in miniprogram/)")
    return missing


def frontend_dir() -> Path:
    return Path(os.environ.get("E2E_FRONTEND_DIR", MINIPROGRAM / "dist" / "h5"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_env(database: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "TEST_DATABASE_URL", "TEST_REDIS_URL"}
        and not key.endswith("_PROVIDER")
    }
    env.update(
        {
            "FLASK_APP": "wsgi",
            "DATABASE_URL": f"sqlite:///{database}",
            "FRONTEND_DIR": str(frontend_dir()),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
        }
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_ready(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as response:  # noqa: S310 (our http URL)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not get ready in {START_TIMEOUT_SECONDS} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("the journeys run once, in the embedded pass (their server is SQLite and embedded Redis)")
    missing = _missing_tools()
    if missing:
        message = "browser journeys need " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if not (frontend_dir() / "index.html").exists():
        pytest.fail(f"no H5 build in {frontend_dir()}: run `make frontend` (make test does)")

    workdir = tmp_path_factory.mktemp("e2e-server")
    port = _free_port()
    env = _server_env(workdir / "palmgov.db", port)
    bin_dir = Path(sys.executable).parent
    _run([str(bin_dir / "flask"), "db", "upgrade"], env)
    _run([str(bin_dir / "flask"), "seed-demo"], env)
    prepared = json.loads(_run([sys.executable, "-m", "tests.e2e.prepare"], env))

    log = workdir / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base_url, process, log)
        yield LiveServer(base_url, log, prepared)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
