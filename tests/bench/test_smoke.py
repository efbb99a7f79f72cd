"""``python -m bench --smoke`` runs every workload and ceiling in a tiny mode and passes its checks. It needs
PostgreSQL (the CI's second pass, with ``TEST_DATABASE_URL``): the bench creates and drops a scratch database on
that server, and flushes the test's own Redis db (``TEST_REDIS_URL``'s for this xdist worker, or the embedded
one), never another. With nginx on the PATH it also measures the item guide through nginx's cache (bench/edge.py);
without it, it says so and leaves those runs out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_run_writes_results_whose_checks_pass(tmp_path: Path, clean_redis: str) -> None:
    database_url = os.environ.get("TEST_DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        pytest.skip("the bench needs PostgreSQL: set TEST_DATABASE_URL (and TEST_REDIS_URL) to run it")
    url = make_url(database_url)
    server = URL.create("postgresql", url.username, url.password, url.host, url.port).render_as_string(False)
    command = [sys.executable, "-m", "bench", "--smoke", "--postgres", server, "--redis", clean_redis]
    command += ["--results", str(tmp_path), "--charts", str(tmp_path / "charts")]

    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)

    assert finished.returncode == 0, finished.stdout[-4000:] + finished.stderr[-4000:]
    [results] = tmp_path.glob("*.json")
    found = json.loads(results.read_text())
    assert found["failed"] == []
    assert {"hello", "sql_read", "sql_book", "lua_ticket", "lua_call", "sql_ticket", "sql_call"} <= set(found["runs"])
    ratios = {(row["workload"], row["ceiling"]) for row in found["ratios"]}
    assert {("ticket_issue", "sql_ticket"), ("call_next", "sql_call")} <= ratios
    assert found["runs"]["naive_book"]["check"]["oversold"], "the checker must see the negative control oversell"
    assert set(found["growth"]["ratios"]) == {"progress", "work_list"}
    if shutil.which("nginx"):  # the bench's PATH is this one
        assert found["skipped"] == {}
        assert found["machine"]["nginx"]
        assert {"hello_edge", "item_guide_edge", "availability_edge"} <= set(found["runs"])
        assert {("item_guide_edge", "hello_edge"), ("availability_edge", "hello_edge")} <= ratios
        assert found["runs"]["item_guide_edge"]["check"]["hits"] > 0
        assert found["runs"]["availability_edge"]["check"]["hits"] > 0
    else:
        assert set(found["skipped"]) == {"edge"}
        assert not {"hello_edge", "item_guide_edge", "availability_edge"} & set(found["runs"])
        assert not {row["workload"] for row in found["ratios"]} & {"hello_edge", "item_guide_edge", "availability_edge"}
    assert results.with_suffix(".md").exists()
    charts = sorted(path.name for path in (tmp_path / "charts").glob("*.png"))
    assert charts == ["growth.png", "latency.png", "ratios.png"]
