"""The layering of ARCHITECTURE.md, held by tools rather than by memory."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_import_contracts_are_kept():
    result = subprocess.run([BIN / "lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_domain_never_reads_the_http_request():
    request_state = {"request", "session", "g"}
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = (
                isinstance(node, ast.ImportFrom)
                and node.module == "flask"
                and any(alias.name in request_state for alias in node.names)
            )
            referenced = (
                isinstance(node, ast.Attribute)
                and node.attr in request_state
                and isinstance(node.value, ast.Name)
                and node.value.id == "flask"
            )
            if imported or referenced:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["format", "--check", "--no-cache"]])
def test_ruff_is_clean(command):
    result = subprocess.run([BIN / "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
