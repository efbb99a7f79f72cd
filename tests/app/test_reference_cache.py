"""Each worker's copy of the reference data (app/reference_cache.py): read once while fresh, dropped when this
worker commits a write to what it was read from, and at most ``REFERENCE_CACHE_SECONDS`` old otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import text, update

from app import reference_cache
from app.extensions import db
from app.models import Hall, HolidayOverride, Resident
from app.services import catalog, scopes
from tests.catalog_helpers import Tree, build_tree
from tests.helpers import statements

SWAPPED_SATURDAY = date(2026, 10, 10)  # a made-up 调休 workday


def reads(read: Callable[[], object]) -> int:
    """How many statements ``read()`` ran."""
    with statements() as seen:
        read()
    return len(seen)


@pytest.fixture
def kept(app: Flask) -> Iterator[Flask]:
    app.config["REFERENCE_CACHE_SECONDS"] = 60
    with app.app_context():
        yield app


@pytest.fixture
def tree(app: Flask) -> Tree:
    return build_tree(app)


def test_a_copy_is_kept_for_its_time_and_no_longer(monkeypatch: pytest.MonkeyPatch):
    cache, clock, loads = reference_cache.ReferenceCache(), [100.0], []
    monkeypatch.setattr(reference_cache.time, "monotonic", lambda: clock[0])

    def load() -> int:
        loads.append(1)
        return len(loads)

    assert cache.get("x", load, 10) == 1
    clock[0] += 9.9
    assert cache.get("x", load, 10) == 1
    clock[0] += 0.2
    assert cache.get("x", load, 10) == 2
    assert cache.get("x", load, 0) == 3  # 0: read every time


def test_the_calendar_is_read_once_while_fresh(kept):
    assert reads(catalog.working_calendar) == 1
    assert reads(catalog.working_calendar) == 0


def test_a_committed_write_drops_this_workers_copy(kept):
    assert SWAPPED_SATURDAY not in catalog.working_calendar().overrides
    db.session.add(HolidayOverride(day=SWAPPED_SATURDAY, working=True))
    db.session.commit()
    assert catalog.working_calendar().overrides[SWAPPED_SATURDAY] is True


def test_a_rolled_back_or_unrelated_write_keeps_it(kept):
    catalog.working_calendar()
    db.session.add(HolidayOverride(day=SWAPPED_SATURDAY, working=True))
    db.session.flush()
    db.session.rollback()
    db.session.add(Resident())
    db.session.commit()
    assert reads(catalog.working_calendar) == 0


def test_an_update_statement_drops_the_tree(kept, tree):
    assert scopes.hall_path(tree.hall_x1)[-2] == ("region", tree.district_x)
    assert reads(lambda: scopes.hall_path(tree.hall_x1)) == 0
    db.session.execute(update(Hall).where(Hall.id == tree.hall_x1).values(region_id=tree.district_y))
    db.session.commit()
    assert scopes.hall_path(tree.hall_x1)[-2] == ("region", tree.district_y)


def test_another_workers_change_shows_within_the_time_a_new_node_at_once(kept, tree):
    scopes.TREE.department_paths()  # the copy, read now
    # Another worker's writes, as this one sees them: committed, but not through its ORM session.
    other = db.session.connection()
    other.execute(text("UPDATE halls SET region_id = :y WHERE id = :h"), {"y": tree.district_y, "h": tree.hall_x1})
    other.execute(
        text("INSERT INTO regions (code, name, level, parent_id) VALUES ('330102001', '新街道', 'street', :x)"),
        {"x": tree.district_x},
    )
    street = other.execute(text("SELECT id FROM regions WHERE code = '330102001'")).scalar_one()
    db.session.commit()
    assert scopes.hall_path(tree.hall_x1)[-2] == ("region", tree.district_x)  # still the copy's
    chain = (("region", tree.city), ("region", tree.district_x), ("region", street))
    assert scopes.TREE.path("region", street) == chain  # a node the copy did not know: read again at once
    assert scopes.hall_path(tree.hall_x1)[-2] == ("region", tree.district_y)  # and the rest with it


def test_a_node_nobody_has_costs_one_lookup_not_a_tree(kept, tree):
    scopes.TREE.department_paths()
    with statements() as seen:
        assert scopes.hall_path(0) == (("hall", 0),)
        assert scopes.department_path(999_999) == (("department", 999_999),)
    assert len(seen) == 2  # a primary-key lookup each; the kept tree is not read again
    assert not [statement for statement in seen if "FROM regions" in statement]
    assert reads(lambda: scopes.hall_path(tree.hall_x1)) == 0
