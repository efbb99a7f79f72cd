"""Catalog administration of places (issue 4): regions, departments, halls, queue categories and windows
by a sys_admin, within scope, audited, with every bad field named."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import AuditEvent, Hall, ServiceItem
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import create_staff, staff_headers

ADMIN = "/api/v1/admin"
HALL = {"code": "H7", "region": "330102", "name": "东区便民服务点", "address": "东区二路 2 号"}
HALL_UPDATE = {name: value for name, value in HALL.items() if name != "code"}
FIELD_NAMES = (
    "code", "name", "level", "parent", "region", "phone", "address", "latitude", "longitude", "timezone", "hours",
    "closed_days", "special_days", "prefix", "items", "number", "categories", "accessible",
)  # fmt: skip
HOURS = {"mon": [["09:00", "12:00"], ["13:30", "17:00"]], "sat": [["09:00", "12:00"]]}


@pytest.fixture
def admin_headers(app, client):
    return staff_headers(client, create_staff(app, "admin", ("sys_admin", "all", None)))


@pytest.fixture
def district_headers(app, client, tree):
    """A sys_admin of district X (330102) of the ``tree`` city."""
    return staff_headers(client, create_staff(app, "x-admin", ("sys_admin", "region", tree.district_x)))


@pytest.fixture
def items(app, tree) -> list[str]:
    """Two service items of district X's department: one draft, one published."""
    with app.app_context():
        for code, state in (("X-001", "draft"), ("X-002", "published")):
            db.session.add(
                ServiceItem(
                    code=code,
                    state=state,
                    name=code,
                    department_id=tree.department_x,
                    audience="personal",
                    processing_type="immediate",
                )
            )
        db.session.commit()
    return ["X-001", "X-002"]


def audit_rows(app, prefix: str = "catalog.") -> list[AuditEvent]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action.startswith(prefix))).all()
        return sorted(rows, key=lambda row: row.id)


def _json(body: object) -> bytes:
    return json.dumps(body).encode()


def fields_of(response, status: int = 400) -> dict:
    return assert_error(response, status, "VALIDATION_ERROR")["details"]["fields"]


class TestRegionsAndDepartments:
    def test_a_region_is_created_read_back_updated_and_deleted(self, app, client, admin_headers, tree):
        body = {"code": "330102001", "name": "东一街道", "level": "street", "parent": "330102"}
        created = client.post(f"{ADMIN}/regions", json=body, headers=admin_headers)
        assert created.status_code == 201
        assert created.get_json() == body
        assert body in client.get("/api/v1/regions").get_json()["items"]
        renamed = client.put(
            f"{ADMIN}/regions/330102001",
            json={"name": "东一", "level": "street", "parent": "330102"},
            headers=admin_headers,
        )
        assert renamed.status_code == 200 and renamed.get_json()["name"] == "东一"
        assert client.delete(f"{ADMIN}/regions/330102001", headers=admin_headers).status_code == 204
        assert "330102001" not in str(client.get("/api/v1/regions").get_json())
        street = {"code": "330102001", "level": "street", "parent": "330102"}
        actions = [(row.action, row.object_type, row.details) for row in audit_rows(app)]
        assert actions == [
            ("catalog.region.create", "region", {**street, "name": "东一街道"}),
            (
                "catalog.region.update",
                "region",
                {"code": "330102001", "before": {"name": "东一街道"}, "after": {"name": "东一"}},
            ),
            ("catalog.region.delete", "region", {**street, "name": "东一"}),
        ]
        assert all(row.actor_kind == "staff" and row.actor_role == "sys_admin" for row in audit_rows(app))

    def test_a_root_region_and_a_region_move(self, client, admin_headers, tree):
        province = {"code": "330000", "name": "示范省", "level": "province", "parent": None}
        assert client.post(f"{ADMIN}/regions", json=province, headers=admin_headers).status_code == 201
        moved = client.put(
            f"{ADMIN}/regions/330100",
            json={"name": "示范市", "level": "city", "parent": "330000"},
            headers=admin_headers,
        )
        assert moved.status_code == 200 and moved.get_json()["parent"] == "330000"

    @pytest.mark.parametrize(
        ("body", "field", "words"),
        [
            ({"code": "330102009", "name": "街", "level": "district", "parent": "330102"}, "parent", "cannot sit in"),
            ({"code": "330102009", "name": "街", "level": "street", "parent": "339999"}, "parent", "Unknown region"),
            ({"code": "3301", "name": "街", "level": "street", "parent": "330102"}, "code", "6, 9 or 12 digits"),
            ({"code": "330102009", "name": "街", "level": "village", "parent": "330102"}, "level", "One of"),
            ({"code": "330102009", "level": "street", "parent": "330102"}, "name", "Missing"),
            ({"code": "330102009", "name": "街", "level": "street", "parent": "330102", "x": 1}, "x", "Unknown"),
        ],
    )
    def test_bad_regions_name_the_field(self, client, admin_headers, tree, body, field, words):
        problems = fields_of(client.post(f"{ADMIN}/regions", json=body, headers=admin_headers))
        assert list(problems) == [field]
        assert words.lower() in problems[field][0].lower()

    def test_regions_cannot_form_a_cycle_or_drop_below_their_sub_regions(self, client, admin_headers, tree):
        cycle = client.put(
            f"{ADMIN}/regions/330100",
            json={"name": "示范市", "level": "city", "parent": "330102"},
            headers=admin_headers,
        )
        assert fields_of(cycle) == {"parent": ["A region cannot sit inside itself."]}
        lowered = client.put(
            f"{ADMIN}/regions/330100", json={"name": "示范市", "level": "street"}, headers=admin_headers
        )
        assert list(fields_of(lowered)) == ["level"]

    def test_codes_are_unique_and_immutable(self, client, admin_headers, tree):
        again = {"code": "330105", "name": "西区", "level": "district", "parent": "330100"}
        body = assert_error(client.post(f"{ADMIN}/regions", json=again, headers=admin_headers), 409, "CODE_TAKEN")
        assert body["details"] == {"field": "code"}
        recode = client.put(f"{ADMIN}/regions/330105", json=again, headers=admin_headers)
        assert fields_of(recode) == {"code": ["Unknown field."]}
        department = {"code": "dy-rs", "name": "西区人社局", "region": "330105"}
        assert_error(client.post(f"{ADMIN}/departments", json=department, headers=admin_headers), 409, "CODE_TAKEN")

    def test_a_region_in_use_is_not_deleted(self, client, admin_headers, tree):
        city = assert_error(client.delete(f"{ADMIN}/regions/330100", headers=admin_headers), 409, "IN_USE")
        assert city["details"] == {"used_by": {"regions": 2}}
        district = assert_error(client.delete(f"{ADMIN}/regions/330102", headers=admin_headers), 409, "IN_USE")
        assert district["details"] == {"used_by": {"departments": 1, "halls": 2}}
        assert_error(client.delete(f"{ADMIN}/regions/339999", headers=admin_headers), 404, "NOT_FOUND")

    def test_a_department_is_created_moved_and_deleted(self, app, client, admin_headers, tree):
        body = {"code": "dx-mz", "name": "东区民政局", "region": "330102", "phone": "0571-1234"}
        assert client.post(f"{ADMIN}/departments", json=body, headers=admin_headers).get_json() == body
        moved = client.put(
            f"{ADMIN}/departments/dx-mz", json={"name": "西区民政局", "region": "330105"}, headers=admin_headers
        )
        assert moved.get_json() == {"code": "dx-mz", "name": "西区民政局", "region": "330105", "phone": None}
        in_y = client.get("/api/v1/departments", query_string={"region": "330105"}).get_json()
        assert "dx-mz" in [item["code"] for item in in_y["items"]]
        assert client.delete(f"{ADMIN}/departments/dx-mz", headers=admin_headers).status_code == 204
        update = audit_rows(app, "catalog.department.update")[0].details
        assert update["before"] == {"name": "东区民政局", "region": "330102", "phone": "0571-1234"}
        assert update["after"] == {"name": "西区民政局", "region": "330105", "phone": None}

    def test_a_department_with_items_is_not_deleted(self, client, admin_headers, items):
        body = assert_error(client.delete(f"{ADMIN}/departments/dx-ga", headers=admin_headers), 409, "IN_USE")
        assert body["details"] == {"used_by": {"items": 2}}

    def test_a_department_needs_a_known_region(self, client, admin_headers, tree):
        body = {"code": "dx-mz", "name": "民政局", "region": "339999", "phone": "call me"}
        assert set(fields_of(client.post(f"{ADMIN}/departments", json=body, headers=admin_headers))) == {"phone"}
        body["phone"] = None
        assert list(fields_of(client.post(f"{ADMIN}/departments", json=body, headers=admin_headers))) == ["region"]


class TestHalls:
    def test_a_hall_with_a_category_and_a_window_shows_in_the_public_api(self, app, client, admin_headers, items):
        created = client.post(
            f"{ADMIN}/halls", json={**HALL, "hours": HOURS, "latitude": 30.2, "longitude": 120.1}, headers=admin_headers
        )
        assert created.status_code == 201
        hall = created.get_json()
        assert hall["code"] == "H7" and hall["region"] == "330102" and hall["hours"] == HOURS
        assert hall["timezone"] == "Asia/Shanghai" and hall["categories"] == [] and hall["windows"] == []
        category = {"prefix": "A", "name": "综合", "items": items}
        added = client.post(f"{ADMIN}/halls/{hall['id']}/categories", json=category, headers=admin_headers)
        assert added.status_code == 201 and added.get_json() == category
        window = {"number": "01", "categories": ["A"], "accessible": True}
        added = client.post(f"{ADMIN}/halls/{hall['id']}/windows", json=window, headers=admin_headers)
        assert added.status_code == 201 and added.get_json() == window
        public = client.get(f"/api/v1/halls/{hall['id']}").get_json()
        assert public["categories"] == [category] and public["windows"] == [window]
        assert public["latitude"] == 30.2 and public["hours"] == HOURS
        assert [row.action for row in audit_rows(app)] == [
            "catalog.hall.create",
            "catalog.category.create",
            "catalog.window.create",
        ]

    def test_an_update_replaces_every_field(self, app, client, admin_headers, tree):
        hall_id = client.post(f"{ADMIN}/halls", json={**HALL, "hours": HOURS, "phone": "12345"}, headers=admin_headers)
        hall_id = hall_id.get_json()["id"]
        replaced = client.put(
            f"{ADMIN}/halls/{hall_id}",
            json={"region": "330105", "name": "西区便民服务点", "address": "西区一路", "closed_days": ["2026-12-31"]},
            headers=admin_headers,
        )
        assert replaced.status_code == 200
        body = replaced.get_json()
        assert body["region"] == "330105" and body["hours"] == {} and body["phone"] is None
        assert body["closed_days"] == ["2026-12-31"] and body["code"] == "H7"
        details = audit_rows(app, "catalog.hall.update")[0].details
        assert set(details["before"]) == {"region", "name", "address", "phone", "hours", "closed_days"}
        assert details["after"]["region"] == "330105" and details["before"]["region"] == "330102"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"hours": {"mon": [["12:00", "09:00"]]}}, "hours.mon[0]"),
            ({"hours": {"mon": [["09:00", "12:00"], ["11:00", "17:00"]]}}, "hours.mon[1]"),
            ({"hours": {"mon": [["9:00", "12:00"]]}}, "hours.mon[0]"),
            ({"hours": {"someday": []}}, "hours.someday"),
            ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
            ({"latitude": 30.2}, "longitude"),
            ({"longitude": 120.1}, "latitude"),
            ({"latitude": 91, "longitude": 120.1}, "latitude"),
            ({"region": "339999"}, "region"),
            ({"closed_days": ["2026-02-30"]}, "closed_days[0]"),
            ({"special_days": [{"date": "2026-12-26", "hours": [["09:00"]]}]}, "special_days[0].hours[0]"),
            ({"categories": [{"prefix": "A", "name": "x", "items": []}]}, "categories"),
            ({"windows": []}, "windows"),
            ({"code": "bad code"}, "code"),
        ],
    )
    def test_bad_halls_name_the_field(self, app, client, admin_headers, tree, change, field):
        problems = fields_of(client.post(f"{ADMIN}/halls", json={**HALL, **change}, headers=admin_headers))
        assert list(problems) == [field]
        with app.app_context():
            assert db.session.scalar(select(Hall).where(Hall.code == "H7")) is None
        assert audit_rows(app) == []

    def test_hall_codes_are_unique(self, client, admin_headers, tree):
        body = assert_error(
            client.post(f"{ADMIN}/halls", json={**HALL, "code": "hx1"}, headers=admin_headers), 409, "CODE_TAKEN"
        )
        assert body["details"] == {"field": "code"}

    def test_a_hall_in_use_is_not_deleted(self, app, client, admin_headers, tree):
        hall = f"{ADMIN}/halls/{tree.hall_x1}"
        client.post(f"{hall}/categories", json={"prefix": "A", "name": "综合"}, headers=admin_headers)
        client.post(f"{hall}/windows", json={"number": "01", "categories": ["A"]}, headers=admin_headers)
        client.post(
            f"{ADMIN}/devices", json={"hall_id": tree.hall_x1, "kind": "kiosk", "name": "K"}, headers=admin_headers
        )
        body = assert_error(client.delete(hall, headers=admin_headers), 409, "IN_USE")
        assert body["details"] == {"used_by": {"categories": 1, "windows": 1, "devices": 1}}
        assert client.delete(f"{ADMIN}/halls/{tree.hall_x2}", headers=admin_headers).status_code == 204
        assert_error(client.get(f"/api/v1/halls/{tree.hall_x2}"), 404, "NOT_FOUND")
        assert_error(client.delete(f"{ADMIN}/halls/{tree.hall_x2}", headers=admin_headers), 404, "NOT_FOUND")

    def test_a_hall_a_role_is_scoped_to_is_not_deleted(self, app, client, admin_headers, tree):
        create_staff(app, "clerk", ("window_staff", "hall", tree.hall_x2))
        body = assert_error(client.delete(f"{ADMIN}/halls/{tree.hall_x2}", headers=admin_headers), 409, "IN_USE")
        assert body["details"] == {"used_by": {"staff_roles": 1}}


class TestCategoriesAndWindows:
    @pytest.fixture
    def hall(self, client, admin_headers, tree) -> str:
        hall = f"{ADMIN}/halls/{tree.hall_x1}"
        for prefix in ("A", "B"):
            client.post(f"{hall}/categories", json={"prefix": prefix, "name": prefix}, headers=admin_headers)
        client.post(f"{hall}/windows", json={"number": "01", "categories": ["A", "B"]}, headers=admin_headers)
        client.post(f"{hall}/windows", json={"number": "02", "categories": ["A"]}, headers=admin_headers)
        return hall

    def public(self, client, tree) -> dict:
        return client.get(f"/api/v1/halls/{tree.hall_x1}").get_json()

    def test_unknown_item_codes_are_named_by_index(self, client, admin_headers, hall, items):
        body = {"prefix": "C", "name": "C", "items": [items[0], "NOPE", items[1], items[0]]}
        problems = fields_of(client.post(f"{hall}/categories", json=body, headers=admin_headers))
        assert problems == {"items[1]": ["Unknown item code 'NOPE'."], "items[3]": ["'X-001' is listed twice."]}

    def test_unknown_category_prefixes_on_a_window_are_400(self, client, admin_headers, hall, tree):
        body = {"number": "03", "categories": ["A", "Z"]}
        assert fields_of(client.post(f"{hall}/windows", json=body, headers=admin_headers)) == {
            "categories": ["Unknown categories: Z."]
        }
        empty = client.put(f"{hall}/windows/01", json={"categories": []}, headers=admin_headers)
        assert fields_of(empty) == {"categories": ["A window serves at least one category."]}
        other_hall = client.post(
            f"{ADMIN}/halls/{tree.hall_x2}/windows", json={"number": "01", "categories": ["A"]}, headers=admin_headers
        )
        assert list(fields_of(other_hall)) == ["categories"]  # prefixes are the hall's own

    def test_prefixes_and_numbers_are_unique_in_a_hall(self, client, admin_headers, hall, tree):
        taken = client.post(f"{hall}/categories", json={"prefix": "A", "name": "又一个"}, headers=admin_headers)
        assert assert_error(taken, 409, "CODE_TAKEN")["details"] == {"field": "prefix"}
        taken = client.post(f"{hall}/windows", json={"number": "01", "categories": ["B"]}, headers=admin_headers)
        assert assert_error(taken, 409, "CODE_TAKEN")["details"] == {"field": "number"}
        elsewhere = f"{ADMIN}/halls/{tree.hall_x2}/categories"
        assert client.post(elsewhere, json={"prefix": "A", "name": "A"}, headers=admin_headers).status_code == 201

    def test_updates_replace_the_fields(self, client, admin_headers, hall, tree, items):
        category = client.put(f"{hall}/categories/B", json={"name": "户政", "items": items}, headers=admin_headers)
        assert category.get_json() == {"prefix": "B", "name": "户政", "items": items}
        window = client.put(f"{hall}/windows/02", json={"categories": ["B"], "accessible": True}, headers=admin_headers)
        assert window.get_json() == {"number": "02", "categories": ["B"], "accessible": True}
        windows = self.public(client, tree)["windows"]
        assert windows[1] == {"number": "02", "categories": ["B"], "accessible": True}
        assert_error(
            client.put(f"{hall}/windows/09", json={"categories": ["A"]}, headers=admin_headers), 404, "NOT_FOUND"
        )
        assert_error(client.put(f"{hall}/categories/Q", json={"name": "Q"}, headers=admin_headers), 404, "NOT_FOUND")

    def test_a_category_leaves_its_windows_unless_it_is_one_windows_only_one(
        self, app, client, admin_headers, hall, tree
    ):
        body = assert_error(client.delete(f"{hall}/categories/A", headers=admin_headers), 409, "IN_USE")
        assert body["details"] == {"used_by": {"windows": 1}}
        assert client.delete(f"{hall}/categories/B", headers=admin_headers).status_code == 204
        public = self.public(client, tree)
        assert [category["prefix"] for category in public["categories"]] == ["A"]
        assert [window["categories"] for window in public["windows"]] == [["A"], ["A"]]
        assert audit_rows(app, "catalog.category.delete")[0].details == {
            "hall_id": tree.hall_x1,
            "prefix": "B",
            "windows": ["01"],
        }
        assert client.delete(f"{hall}/windows/02", headers=admin_headers).status_code == 204
        assert [window["number"] for window in self.public(client, tree)["windows"]] == ["01"]
        assert_error(client.delete(f"{hall}/windows/02", headers=admin_headers), 404, "NOT_FOUND")

    def test_an_unknown_hall_is_404(self, client, admin_headers, tree):
        missing = f"{ADMIN}/halls/999999"
        assert_error(
            client.post(f"{missing}/categories", json={"prefix": "A", "name": "A"}, headers=admin_headers),
            404,
            "NOT_FOUND",
        )
        assert_error(client.put(missing, json=HALL_UPDATE, headers=admin_headers), 404, "NOT_FOUND")


class TestScopes:
    def test_a_district_admin_edits_halls_in_the_district(self, client, district_headers, tree):
        body = {**HALL_UPDATE, "name": "东区一号厅"}
        edited = client.put(f"{ADMIN}/halls/{tree.hall_x1}", json=body, headers=district_headers)
        assert edited.status_code == 200 and edited.get_json()["name"] == "东区一号厅"
        added = client.post(
            f"{ADMIN}/halls/{tree.hall_x2}/categories", json={"prefix": "A", "name": "A"}, headers=district_headers
        )
        assert added.status_code == 201
        assert client.post(f"{ADMIN}/halls", json=HALL, headers=district_headers).status_code == 201
        street = {"code": "330102001", "name": "东一街道", "level": "street", "parent": "330102"}
        assert client.post(f"{ADMIN}/regions", json=street, headers=district_headers).status_code == 201
        assert (
            client.put(
                f"{ADMIN}/regions/330102001",
                json={name: value for name, value in street.items() if name != "code"},
                headers=district_headers,
            ).status_code
            == 200
        )

    def test_out_of_scope_looks_missing(self, client, district_headers, tree):
        hall_y = {**HALL_UPDATE, "region": "330105"}
        for response in (
            client.put(f"{ADMIN}/halls/{tree.hall_y1}", json=hall_y, headers=district_headers),
            client.delete(f"{ADMIN}/halls/{tree.hall_y1}", headers=district_headers),
            client.post(
                f"{ADMIN}/halls/{tree.hall_y1}/windows",
                json={"number": "1", "categories": []},
                headers=district_headers,
            ),
            client.put(f"{ADMIN}/regions/330100", json={"name": "市", "level": "city"}, headers=district_headers),
            client.put(
                f"{ADMIN}/regions/330102",
                json={"name": "东", "level": "district", "parent": "330100"},
                headers=district_headers,
            ),
            client.delete(f"{ADMIN}/regions/330105", headers=district_headers),
            client.delete(f"{ADMIN}/departments/dy-rs", headers=district_headers),
            client.delete(f"{ADMIN}/departments/nowhere", headers=district_headers),
        ):
            assert_error(response, 404, "NOT_FOUND")

    def test_nothing_moves_out_of_the_district(self, client, district_headers, admin_headers, tree):
        moved = client.put(
            f"{ADMIN}/halls/{tree.hall_x1}", json={**HALL_UPDATE, "region": "330105"}, headers=district_headers
        )
        out_of_scope = fields_of(moved)
        unknown = fields_of(
            client.put(
                f"{ADMIN}/halls/{tree.hall_x1}",
                json={**HALL_UPDATE, "region": "339999"},
                headers=district_headers,
            )
        )
        assert list(out_of_scope) == list(unknown) == ["region"]
        assert out_of_scope["region"][0].replace("330105", "339999") == unknown["region"][0]
        assert client.get(f"/api/v1/halls/{tree.hall_x1}").get_json()["region"] == "330102"
        department = {"name": "东区公安分局", "region": "330105"}
        assert list(fields_of(client.put(f"{ADMIN}/departments/dx-ga", json=department, headers=district_headers))) == [
            "region"
        ]
        root = {"code": "330200", "name": "另一市", "level": "city", "parent": None}
        assert list(fields_of(client.post(f"{ADMIN}/regions", json=root, headers=district_headers))) == ["parent"]
        assert client.post(f"{ADMIN}/regions", json=root, headers=admin_headers).status_code == 201

    def test_a_hall_admin_manages_its_lines_not_the_hall_record(self, app, client, tree):
        headers = staff_headers(client, create_staff(app, "hall-admin", ("sys_admin", "hall", tree.hall_x1)))
        hall = f"{ADMIN}/halls/{tree.hall_x1}"
        assert client.post(f"{hall}/categories", json={"prefix": "A", "name": "A"}, headers=headers).status_code == 201
        assert (
            client.post(f"{hall}/windows", json={"number": "01", "categories": ["A"]}, headers=headers).status_code
            == 201
        )
        assert_error(client.put(hall, json=HALL_UPDATE, headers=headers), 404, "NOT_FOUND")
        assert_error(
            client.post(f"{ADMIN}/halls/{tree.hall_x2}/categories", json={"prefix": "A", "name": "A"}, headers=headers),
            404,
            "NOT_FOUND",
        )


class TestRoles:
    @pytest.mark.parametrize(
        "role", [("window_staff", "all", None), ("dept_admin", "all", None), ("supervisor", "all", None)]
    )
    def test_other_staff_roles_are_403(self, app, client, tree, role):
        headers = staff_headers(client, create_staff(app, "someone", role))
        assert_error(client.post(f"{ADMIN}/halls", json=HALL, headers=headers), 403, "FORBIDDEN")
        assert_error(client.delete(f"{ADMIN}/halls/{tree.hall_x1}", headers=headers), 403, "FORBIDDEN")
        assert_error(client.put(f"{ADMIN}/regions/330100", json={}, headers=headers), 403, "FORBIDDEN")

    def test_residents_are_403_and_strangers_401(self, app, client, tree):
        headers = bearer(sms_login(app, client)["access_token"])
        assert_error(client.post(f"{ADMIN}/regions", json={}, headers=headers), 403, "FORBIDDEN")
        assert_error(client.post(f"{ADMIN}/departments", json={}), 401, "AUTH_REQUIRED")


ENDPOINTS = [
    ("post", "/regions"),
    ("put", "/regions/330102"),
    ("post", "/departments"),
    ("put", "/departments/dx-ga"),
    ("post", "/halls"),
    ("put", "/halls/{hall}"),
    ("post", "/halls/{hall}/categories"),
    ("put", "/halls/{hall}/categories/A"),
    ("post", "/halls/{hall}/windows"),
    ("put", "/halls/{hall}/windows/01"),
]

WRONG_TYPES = [
    ("/halls", {"hours": "x"}, "hours"),
    ("/halls", {"hours": {"mon": "x"}}, "hours.mon"),
    ("/halls", {"hours": {"mon": [[1, 2]]}}, "hours.mon[0]"),
    ("/halls", {"hours": {"mon": [{"from": "09:00"}]}}, "hours.mon[0]"),
    ("/halls", {"special_days": [1]}, "special_days[0]"),
    ("/halls", {"special_days": {"date": "2026-01-01"}}, "special_days"),
    ("/halls", {"special_days": [{"date": [], "hours": {}}]}, "special_days[0].date"),
    ("/halls", {"closed_days": "2026-01-01"}, "closed_days"),
    ("/halls", {"closed_days": [{}]}, "closed_days[0]"),
    ("/halls", {"latitude": "30.2", "longitude": 120.1}, "latitude"),
    ("/halls", {"latitude": True, "longitude": 120.1}, "latitude"),
    ("/halls", {"name": {"zh": "厅"}}, "name"),
    ("/halls", {"region": ["330102"]}, "region"),
    ("/halls", {"timezone": 8}, "timezone"),
    ("/halls", {"phone": 12345}, "phone"),
    ("/halls/{hall}/categories", {"items": "X-001"}, "items"),
    ("/halls/{hall}/categories", {"items": [1]}, "items[0]"),
    ("/halls/{hall}/categories", {"items": [["X-001"]]}, "items[0]"),
    ("/halls/{hall}/categories", {"name": ["A"]}, "name"),
    ("/halls/{hall}/windows", {"categories": "A"}, "categories"),
    ("/halls/{hall}/windows", {"categories": [{"prefix": "A"}]}, "categories[0]"),
    ("/halls/{hall}/windows", {"accessible": "yes"}, "accessible"),
    ("/halls/{hall}/windows", {"number": 1}, "number"),
    ("/regions", {"level": {"city": True}}, "level"),
    ("/regions", {"parent": 330100}, "parent"),
    ("/departments", {"code": ["dx"]}, "code"),
]

_TEXT = st.text(st.characters(exclude_characters="\x00"), max_size=12)  # NUL is refused before the body is read
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_TEXT, children, max_size=3),
    max_leaves=8,
)


class TestBadBodies:
    @pytest.fixture
    def send(self, client, admin_headers, tree):
        hall = f"{ADMIN}/halls/{tree.hall_x1}"
        client.post(f"{hall}/categories", json={"prefix": "A", "name": "A"}, headers=admin_headers)
        client.post(f"{hall}/windows", json={"number": "01", "categories": ["A"]}, headers=admin_headers)

        def send(method: str, path: str, body: bytes):
            url = ADMIN + path.format(hall=tree.hall_x1)
            headers = {**admin_headers, "Content-Type": "application/json"}
            return getattr(client, method)(url, data=body, headers=headers)

        return send

    @pytest.mark.parametrize(("method", "path"), ENDPOINTS)
    def test_a_body_that_is_not_an_object_is_400(self, send, method, path):
        for body in (b"[]", b'"x"', b"null", b"1", b"true", b"[{}]"):
            assert fields_of(send(method, path, body)) == {"_schema": ["Must be a JSON object."]}, body
        assert fields_of(send(method, path, b"{}")), "an empty object misses required fields"

    def test_nested_wrong_types_name_the_field(self, send):
        for path, body, field in WRONG_TYPES:
            assert field in fields_of(send("post", path, _json(body))), (path, body)

    @pytest.mark.parametrize(("method", "path"), ENDPOINTS)
    def test_random_bodies_never_break_the_server(self, send, method, path):

        @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(st.dictionaries(st.sampled_from(FIELD_NAMES), JSON_VALUES, max_size=6))
        def check(body):
            response = send(method, path, _json(body))
            assert response.status_code in (200, 201, 400, 409), response.data[:300]
            if response.status_code == 400:
                assert fields_of(response)

        check()


def test_the_demo_city_can_be_edited(app, client, admin_headers):
    with app.app_context():
        demo.seed_catalog()
        hall = db.session.scalar(select(Hall).where(Hall.code == "H1"))
        hall_id, prefixes = hall.id, [category.prefix for category in hall.categories]
    added = client.post(
        f"{ADMIN}/halls/{hall_id}/windows", json={"number": "99", "categories": prefixes}, headers=admin_headers
    )
    assert added.status_code == 201
    windows = client.get(f"/api/v1/halls/{hall_id}").get_json()["windows"]
    assert {"number": "99", "categories": prefixes, "accessible": False} in windows
