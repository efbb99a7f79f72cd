"""The security table's map (tests/security/rows.py) stays whole and true: every row 1–36 is mapped, and every
node id it names is a test that exists, so renaming or deleting one fails here until the map follows."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from tests.security.rows import ROWS

ROOT = Path(__file__).parents[2]
NODE_IDS = sorted({node for row in ROWS.values() for node in row.tests})


@functools.cache
def declared_tests(module: str) -> frozenset[str]:
    """``test_x`` and ``TestClass::test_x`` for every test function of a module (found by parsing it)."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test")
            )
    return frozenset(found)


def test_every_row_of_the_table_is_mapped():
    assert sorted(ROWS) == list(range(1, 37))
    assert [number for number, row in ROWS.items() if not row.tests or not row.stimulus] == []


def test_no_row_lists_a_test_twice():
    assert [number for number, row in ROWS.items() if len(set(row.tests)) != len(row.tests)] == []


@pytest.mark.parametrize("node_id", NODE_IDS)
def test_every_mapped_test_exists(node_id):
    module, _, name = node_id.partition("::")
    assert module.startswith("tests/") and module.endswith(".py"), node_id
    assert (ROOT / module).is_file(), f"{module} is gone"
    assert name.split("[")[0] in declared_tests(module), f"{node_id} names no test"


def test_the_docs_explain_the_map():
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert "tests/security/rows.py" in page
