"""py-spy on the server's workers while a workload runs (``--profile``): the raw stacks go beside the results, and a
summary (the share of samples in each library, the busiest functions) into the results file."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# (label, how its frames' files start, as py-spy prints them)
LIBRARIES = (
    ("SQLAlchemy", ("(sqlalchemy/", "(flask_sqlalchemy/")),
    ("psycopg", "(psycopg/"),
    ("redis-py", "(redis/"),
    ("marshmallow + webargs + flask-smorest", ("(marshmallow/", "(webargs/", "(flask_smorest/")),
    ("PyJWT + flask-jwt-extended", ("(jwt/", "(flask_jwt_extended/")),
    ("Werkzeug", "(werkzeug/"),
    ("logging", "(logging/"),
    ("PalmGov app/", "(app/"),
    ("PalmGov api/", "(api/"),
)


@contextmanager
def recording(master_pid: int, seconds: float, out: Path) -> Iterator[None]:
    """Sample every worker of the gunicorn ``master_pid`` (100 Hz, active threads only) until the block ends."""
    process = subprocess.Popen(  # noqa: S603 (our own py-spy, fixed arguments)
        [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(master_pid),
            "--subprocesses",
            "--rate",
            "100",
            "--duration",
            str(int(seconds) + 5),
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)  # py-spy writes what it has and stops
        process.wait(timeout=60)


def summary(raw: Path, top: int = 12) -> dict[str, Any]:
    """From py-spy's raw (collapsed) stacks: the share of samples by the library of their innermost frame that
    belongs to one (the rest: the standard library, gunicorn, Flask), and the functions most samples were in."""
    if not raw.exists():
        return {}
    total, innermost, leaves = 0, Counter[str](), Counter[str]()
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count, frames = int(count_text), stack.split(";")
        total += count
        innermost[next((label for frame in reversed(frames) if (label := _library(frame))), "other")] += count
        leaves[frames[-1]] += count
    if not total:
        return {}
    return {
        "samples": total,
        "libraries_share": {label: round(innermost[label] / total, 3) for label in [*dict(LIBRARIES), "other"]},
        "top_self": [[frame, round(count / total, 3)] for frame, count in leaves.most_common(top)],
    }


def _library(frame: str) -> str | None:
    for label, pieces in LIBRARIES:
        if any(piece in frame for piece in ((pieces,) if isinstance(pieces, str) else pieces)):
            return label
    return None
