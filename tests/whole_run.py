"""Checks over the whole run: files every test process writes, read once every test has run.

A run is the pytest that was started, alone or as the controller of xdist workers. Each process that runs
tests writes its own files into the run directory, ``<kind>-<process>.jsonl`` (process: ``main`` without
xdist, else the worker id ``gw0``, ``gw1``…). The run directory is the started pytest's basetemp; xdist
workers are told it, and their own basetemps are folders inside it.

When the run ends, the started pytest calls every function registered with ``@check`` with the run
directory; each finding it returns fails the run as a failed "whole run" test, so a personal number logged
on any worker fails the run however the tests were spread.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from xdist.workermanage import WorkerController

Check = Callable[[Path], list[str]]  # the run directory -> findings, each one line for the report
CHECKS: list[Check] = []
# A full mainland mobile number. Not one inside a longer token: a random hex id holds 11 digits in a row now
# and then ("sbxfc13876684564e86…"), and that is nobody's phone.
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")
RUN_DIR = "palmgov_run_dir"  # the key of the run directory in an xdist worker's workerinput


def check(function: Check) -> Check:
    """Register a check over the whole run's files (from a plugin module, so the controller has it too)."""
    CHECKS.append(function)
    return function


def run_dir(config: pytest.Config) -> Path:
    if hasattr(config, "workerinput"):
        return Path(config.workerinput[RUN_DIR])
    return config._tmp_path_factory.getbasetemp()  # the tmp_path_factory fixture's, set up before any hook here


def process_file(config: pytest.Config, kind: str) -> Path:
    """This process's file of one kind, e.g. ``run-log-gw1.jsonl``."""
    process = config.workerinput["workerid"] if hasattr(config, "workerinput") else "main"
    return run_dir(config) / f"{kind}-{process}.jsonl"


def process_files(directory: Path, kind: str) -> list[Path]:
    """Every process's file of one kind."""
    return sorted(directory.glob(f"{kind}-*.jsonl"))


def runs_tests(config: pytest.Config) -> bool:
    """False for the xdist controller, which hands the tests to its workers."""
    return not config.pluginmanager.has_plugin("dsession")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: WorkerController) -> None:
    node.workerinput[RUN_DIR] = str(run_dir(node.config))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput") or session.config.option.collectonly:
        return
    directory = run_dir(session.config)
    for function in CHECKS:
        findings = function(directory)
        if findings:
            _report_failure(session, function, findings)


def _report_failure(session: pytest.Session, function: Check, findings: list[str]) -> None:
    """Reported like a failed test, so every reporter (terminal, junit) counts it and the run fails."""
    report = pytest.TestReport(
        nodeid=f"whole run::{function.__name__}",
        location=(f"{function.__module__} (whole run)", None, function.__name__),
        keywords={},
        outcome="failed",
        longrepr=f"{len(findings)} finding(s) in {run_dir(session.config)}:\n" + "\n".join(findings),
        when="call",
    )
    session.config.hook.pytest_runtest_logreport(report=report)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
