"""Roles and scopes over the region -> department -> hall tree (security row 10)."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.services import scopes
from app.services.scopes import ALL, SYS_ADMIN, WINDOW_STAFF, Grant, Scope, StaffRights
from tests.staff_helpers import TREE


@pytest.fixture(autouse=True)
def synthetic_tree(monkeypatch):
    monkeypatch.setattr(scopes, "TREE", TREE)


CITY, DISTRICT_X, DISTRICT_Y = Scope("region", 1), Scope("region", 11), Scope("region", 12)


@pytest.mark.parametrize(
    ("scope", "hall", "covered"),
    [
        (Scope(ALL), 1111, True),
        (Scope(ALL), 1211, True),
        (CITY, 1111, True),  # a city admin sees the halls of every child district
        (CITY, 1112, True),
        (CITY, 1211, True),
        (DISTRICT_X, 1111, True),
        (DISTRICT_X, 1112, True),
        (DISTRICT_X, 1211, False),  # district X staff do not see district Y
        (DISTRICT_Y, 1111, False),
        (DISTRICT_Y, 1211, True),
        (Scope("department", 111), 1112, False),  # a hall serves many departments and belongs to none
        (Scope("hall", 1111), 1111, True),
        (Scope("hall", 1111), 1112, False),
        (Scope("hall", 1211), 1111, False),
    ],
)
def test_a_scope_covers_the_objects_below_it(scope, hall, covered):
    assert scope.covers(scopes.hall_path(hall)) is covered


def test_an_objects_path_runs_from_the_root():
    assert scopes.hall_path(1211) == (("region", 1), ("region", 12), ("hall", 1211))
    assert scopes.department_path(121) == (("region", 1), ("region", 12), ("department", 121))


@pytest.mark.parametrize(
    ("outer", "inner", "contained"),
    [
        (Scope(ALL), Scope(ALL), True),
        (Scope(ALL), DISTRICT_X, True),
        (CITY, DISTRICT_X, True),
        (CITY, Scope("hall", 1211), True),
        (DISTRICT_X, CITY, False),
        (DISTRICT_X, DISTRICT_Y, False),
        (DISTRICT_X, Scope(ALL), False),
        (Scope("hall", 1111), Scope("hall", 1111), True),
    ],
)
def test_a_scope_contains_the_scopes_below_it(outer, inner, contained):
    assert outer.contains(inner) is contained


def test_halls_reached_by_a_role():
    city_admin = StaffRights(1, (Grant(SYS_ADMIN, CITY), Grant(WINDOW_STAFF, Scope("hall", 1211))))
    assert city_admin.halls(SYS_ADMIN) == {1111, 1112, 1211}
    district_admin = StaffRights(2, (Grant(SYS_ADMIN, DISTRICT_X),))
    assert district_admin.halls(SYS_ADMIN) == {1111, 1112}
    assert StaffRights(3, (Grant(SYS_ADMIN, Scope(ALL)),)).halls(SYS_ADMIN) is None
    assert StaffRights(4, (Grant(WINDOW_STAFF, Scope(ALL)),)).halls(SYS_ADMIN) == set()


def test_rights_name_the_strongest_role_for_the_audit_log():
    rights = StaffRights(5, (Grant(WINDOW_STAFF, CITY), Grant(SYS_ADMIN, Scope("hall", 1111))))
    assert rights.holds(SYS_ADMIN) and rights.holds() and not rights.holds("supervisor")
    assert rights.actor().role == SYS_ADMIN
    assert rights.covers(scopes.hall_path(1211), WINDOW_STAFF)
    assert not rights.covers(scopes.hall_path(1211), SYS_ADMIN)
    assert StaffRights(6).actor().role is None and not StaffRights(6).holds()


def test_the_catalog_tree_is_read_from_the_database(app, tree, monkeypatch):
    monkeypatch.setattr(scopes, "TREE", scopes.CatalogTree())
    with app.app_context():
        city, district_x = ("region", tree.city), ("region", tree.district_x)
        assert scopes.hall_path(tree.hall_x2) == (city, district_x, ("hall", tree.hall_x2))
        assert scopes.department_path(tree.department_x) == (city, district_x, ("department", tree.department_x))
        assert scopes.region_path(tree.district_y) == (city, ("region", tree.district_y))
        assert scopes.hall_path(tree.hall_y1 + 1000) == (("hall", tree.hall_y1 + 1000),)  # unknown: its own root
        city_admin = StaffRights(1, (Grant(SYS_ADMIN, Scope("region", tree.city)),))
        assert city_admin.halls(SYS_ADMIN) == {tree.hall_x1, tree.hall_x2, tree.hall_y1}
        district_admin = StaffRights(2, (Grant(SYS_ADMIN, Scope("region", tree.district_y)),))
        assert district_admin.halls(SYS_ADMIN) == {tree.hall_y1}
        assert StaffRights(3, (Grant(SYS_ADMIN, Scope("department", tree.department_x)),)).halls(SYS_ADMIN) == set()
        assert city_admin.covers(scopes.department_path(tree.department_y), SYS_ADMIN)
        assert not district_admin.covers(scopes.department_path(tree.department_x), SYS_ADMIN)


@pytest.mark.parametrize(
    ("role", "kind", "scope_id", "field"),
    [
        ("root", "all", None, "role"),
        ("sys_admin", "planet", 1, "scope_kind"),
        ("sys_admin", "all", 3, "scope_id"),
        ("window_staff", "hall", None, "scope_id"),
        ("window_staff", "hall", 0, "scope_id"),
        ("window_staff", "hall", 2**31, "scope_id"),
    ],
)
def test_bad_grants_are_refused(role, kind, scope_id, field):
    with pytest.raises(InvalidInput) as caught:
        scopes.grant(role, kind, scope_id)
    assert field in caught.value.details["fields"]


def test_good_grants():
    assert scopes.grant("sys_admin", "all") == Grant("sys_admin", Scope("all", None))
    assert scopes.grant("window_staff", "hall", 9).as_dict() == {
        "role": "window_staff",
        "scope_kind": "hall",
        "scope_id": 9,
    }
    assert scopes.needs_second_factor(["window_staff", "dept_admin"])
    assert not scopes.needs_second_factor(["window_staff", "supervisor"])
