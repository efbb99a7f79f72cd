"""Catalog administration of places (issue 4): the use cases, their scope rules and their audit rows."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import CodeTaken, InUse, InvalidInput, NotFound
from app.extensions import db
from app.models import AuditEvent, Hall, QueueCategory, Region, Window
from app.models.catalog import window_categories
from app.services import catalog_places
from app.services.scopes import SYS_ADMIN, Grant, Scope, StaffRights
from tests.staff_helpers import create_staff

EVERYWHERE = StaffRights(1, (Grant(SYS_ADMIN, Scope("all")),))
HALL = {"code": "H7", "region": "330102", "name": "东区便民服务点", "address": "东区二路 2 号"}


def admin_of(kind: str, node_id: int) -> StaffRights:
    return StaffRights(2, (Grant(SYS_ADMIN, Scope(kind, node_id)),))


def fields(error: pytest.ExceptionInfo[InvalidInput]) -> dict[str, list[str]]:
    return error.value.details["fields"]


def test_a_hall_is_created_as_a_view_with_an_audit_row(app, tree):
    with app.app_context():
        view = catalog_places.create_hall({**HALL, "hours": {"mon": [["09:00", "17:00"]]}}, admin=EVERYWHERE)
        assert view.hall.code == "H7" and view.hall.region.code == "330102" and view.today is not None
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "catalog.hall.create"))
        assert (row.actor_id, row.actor_role, row.object_type, row.object_id) == (
            1,
            SYS_ADMIN,
            "hall",
            str(view.hall.id),
        )
        assert row.details == {"code": "H7", "region": "330102"}


def test_an_update_audits_only_the_fields_that_changed(app, tree):
    with app.app_context():
        catalog_places.update_department("dx-ga", {"name": "东区公安分局", "region": "330105"}, admin=EVERYWHERE)
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "catalog.department.update"))
        assert row.details == {"code": "dx-ga", "before": {"region": "330102"}, "after": {"region": "330105"}}


def test_a_region_admin_manages_what_lies_below_the_region_not_the_region(app, tree):
    district = admin_of("region", tree.district_x)
    street = {"code": "330102001", "name": "东一街道", "level": "street", "parent": "330102"}
    with app.app_context():
        assert catalog_places.create_region(street, admin=district).parent.code == "330102"
        catalog_places.update_region(
            "330102001", {"name": "东一", "level": "street", "parent": "330102"}, admin=district
        )
        for code in ("330102", "330100", "330105", "339999"):  # itself, above, beside, nowhere: all alike
            with pytest.raises(NotFound):
                catalog_places.update_region(code, {"name": "x", "level": "district"}, admin=district)
            with pytest.raises(NotFound):
                catalog_places.delete_region(code, admin=district)
        catalog_places.delete_region("330102001", admin=district)
        assert db.session.scalar(select(Region).where(Region.code == "330102001")) is None


def test_moving_needs_the_old_and_the_new_place(app, tree):
    with app.app_context():
        to_y = {"name": "东区公安分局", "region": "330105"}
        with pytest.raises(InvalidInput) as error:
            catalog_places.update_department("dx-ga", to_y, admin=admin_of("region", tree.district_x))
        assert list(fields(error)) == ["region"]
        with pytest.raises(NotFound):
            catalog_places.update_department("dx-ga", to_y, admin=admin_of("region", tree.district_y))
        moved = catalog_places.update_department("dx-ga", to_y, admin=admin_of("region", tree.city))
        assert moved.region_id == tree.district_y


def test_a_hall_admin_manages_the_halls_lines_only(app, tree):
    hall_admin = admin_of("hall", tree.hall_x1)
    with app.app_context():
        catalog_places.create_category(tree.hall_x1, {"prefix": "A", "name": "综合"}, admin=hall_admin)
        catalog_places.create_window(tree.hall_x1, {"number": "01", "categories": ["A"]}, admin=hall_admin)
        with pytest.raises(NotFound):
            catalog_places.update_hall(tree.hall_x1, {k: v for k, v in HALL.items() if k != "code"}, admin=hall_admin)
        with pytest.raises(NotFound):
            catalog_places.create_category(tree.hall_x2, {"prefix": "A", "name": "综合"}, admin=hall_admin)
        with pytest.raises(InvalidInput) as error:
            catalog_places.create_hall(HALL, admin=hall_admin)
        assert list(fields(error)) == ["region"]


def test_only_an_admin_of_everything_adds_a_root_region(app, tree):
    root = {"code": "330200", "name": "另一市", "level": "city", "parent": None}
    with app.app_context():
        with pytest.raises(InvalidInput) as error:
            catalog_places.create_region(root, admin=admin_of("region", tree.city))
        assert list(fields(error)) == ["parent"]
        assert catalog_places.create_region(root, admin=EVERYWHERE).parent is None


def test_a_region_cannot_sit_inside_itself(app, tree):
    with app.app_context():
        with pytest.raises(InvalidInput) as error:
            catalog_places.update_region(
                "330102", {"name": "东区", "level": "district", "parent": "330102"}, admin=EVERYWHERE
            )
        assert fields(error) == {"parent": ["A region cannot sit inside itself."]}
        with pytest.raises(InvalidInput) as error:
            catalog_places.update_region(
                "330102", {"name": "东区", "level": "district", "parent": "330105"}, admin=EVERYWHERE
            )
        assert fields(error) == {"parent": ["A district cannot sit in a district."]}


def test_a_duplicate_a_concurrent_request_won_is_code_taken(app, tree, monkeypatch):
    monkeypatch.setattr(catalog_places, "_check_new", lambda *args, **kwargs: None)
    with app.app_context():
        with pytest.raises(CodeTaken) as error:
            catalog_places.create_hall({**HALL, "code": "hx1"}, admin=EVERYWHERE)
        assert error.value.details == {"field": "code"}
        with pytest.raises(CodeTaken):
            catalog_places.create_category(tree.hall_x1, {"prefix": "A", "name": "A"}, admin=EVERYWHERE)
            catalog_places.create_category(tree.hall_x1, {"prefix": "A", "name": "A"}, admin=EVERYWHERE)
        assert db.session.scalar(select(func.count()).select_from(Hall)) == 3  # the session still works
        assert (
            db.session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "catalog.hall.create")
            )
            == 0
        )


def test_places_that_roles_are_scoped_to_are_in_use(app, tree):
    with app.app_context():
        street = catalog_places.create_region(
            {"code": "330102001", "name": "东一街道", "level": "street", "parent": "330102"}, admin=EVERYWHERE
        )
        department = catalog_places.create_department(
            {"code": "dx-mz", "name": "民政局", "region": "330102"}, admin=EVERYWHERE
        )
        street_id, department_id = street.id, department.id
    create_staff(app, "street-clerk", ("window_staff", "region", street_id))
    create_staff(app, "mz-admin", ("dept_admin", "department", department_id))
    with app.app_context():
        with pytest.raises(InUse) as error:
            catalog_places.delete_region("330102001", admin=EVERYWHERE)
        assert error.value.details == {"used_by": {"staff_roles": 1}}
        with pytest.raises(InUse) as error:
            catalog_places.delete_department("dx-mz", admin=EVERYWHERE)
        assert error.value.details == {"used_by": {"staff_roles": 1}}


def test_deleting_a_category_unlinks_its_windows(app, tree):
    with app.app_context():
        for prefix in ("A", "B"):
            catalog_places.create_category(tree.hall_x1, {"prefix": prefix, "name": prefix}, admin=EVERYWHERE)
        catalog_places.create_window(tree.hall_x1, {"number": "01", "categories": ["A", "B"]}, admin=EVERYWHERE)
        catalog_places.create_window(tree.hall_x1, {"number": "02", "categories": ["B"]}, admin=EVERYWHERE)
        with pytest.raises(InUse):
            catalog_places.delete_category(tree.hall_x1, "B", admin=EVERYWHERE)
        catalog_places.update_window(tree.hall_x1, "02", {"categories": ["A"], "accessible": True}, admin=EVERYWHERE)
        catalog_places.delete_category(tree.hall_x1, "B", admin=EVERYWHERE)
        assert db.session.scalars(select(QueueCategory.prefix)).all() == ["A"]
        assert db.session.scalar(select(func.count()).select_from(window_categories)) == 2
        assert [window.accessible for window in db.session.scalars(select(Window).order_by(Window.number))] == [
            False,
            True,
        ]
