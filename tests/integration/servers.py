"""Real servers for the integration tests: gunicorn with deploy/gunicorn.conf.py on the test database,
and small HTTP helpers (stdlib only) to talk to it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
Answer = tuple[int, bytes]
Start = Callable[..., tuple[str, subprocess.Popen]]  # start(workers, **env) -> (base URL, process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> Answer:
    return send(urllib.request.Request(url))  # noqa: S310 (loopback only)


def post_json(url: str, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    headers = {"Content-Type": "application/json", **(headers or {})}
    return send(urllib.request.Request(url, data=body, headers=headers))  # noqa: S310 (loopback only)


def send(request: urllib.request.Request, timeout: float = 30) -> Answer:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def in_parallel(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run the calls at once (one thread each, released by a barrier); their answers in call order."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], Answer]) -> None:
        barrier.wait()
        answers[index] = call()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    missing = [index for index, answer in enumerate(answers) if answer is None]
    assert not missing, f"calls {missing} raised instead of answering"
    return answers  # type: ignore[return-value]  (none is missing)


@contextmanager
def gunicorns(database_url: str, tmp_path: Path) -> Iterator[Start]:
    """``start(workers, **env)`` runs gunicorn on the test database (a copy of it on SQLite) with the
    embedded Redis unless ``REDIS_URL`` is given; every server started is stopped on the way out."""
    processes: list[subprocess.Popen] = []

    def start(workers: int = 2, **settings: str) -> tuple[str, subprocess.Popen]:
        process, base = _start(database_url, tmp_path / f"run-{len(processes)}.db", workers, settings)
        processes.append(process)
        return base, process

    try:
        yield start
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=20)


def _start(database_url: str, copy: Path, workers: int, settings: dict[str, str]) -> tuple[subprocess.Popen, str]:
    if database_url.startswith("sqlite"):
        shutil.copyfile(database_url.removeprefix("sqlite:///"), copy)
        database_url = f"sqlite:///{copy}"
    port = free_port()
    env = {
        **os.environ,
        "PALMGOV_ENV": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        **settings,
    }
    process = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(f"{base}/healthz")[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("gunicorn did not come up within 30 s")
