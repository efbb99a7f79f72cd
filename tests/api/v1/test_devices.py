"""Kiosk and display devices: registered by a sys_admin for a hall, listed within scope, revoked at once
(security row 10 for devices, row 11 for their bodies)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Device
from tests.helpers import assert_error, bearer
from tests.staff_helpers import create_staff, staff_headers

ADMIN = ("sys_admin", "all", None)
DEVICES = "/api/v1/admin/devices"


def register(client, headers, hall_id, kind="kiosk", name="Entrance kiosk"):
    return client.post(DEVICES, json={"hall_id": hall_id, "kind": kind, "name": name}, headers=headers)


def device_headers(token: str) -> dict[str, str]:
    return {"X-Device-Token": token}


@pytest.fixture
def admin_headers(app, client):
    return staff_headers(client, create_staff(app, "admin", ADMIN))


class TestRegistration:
    def test_the_token_is_shown_once_and_works(self, app, client, admin_headers, tree):
        response = register(client, admin_headers, tree.hall_x1)
        assert response.status_code == 201
        body = response.get_json()
        token = body.pop("token")
        assert token.startswith("pgd_") and len(token) > 40
        assert body["hall_id"] == tree.hall_x1 and body["kind"] == "kiosk" and body["revoked_at"] is None
        me = client.get("/api/v1/devices/me", headers=device_headers(token))
        assert me.status_code == 200
        assert me.get_json() == {"id": body["id"], "hall_id": tree.hall_x1, "kind": "kiosk", "name": "Entrance kiosk"}
        listed = client.get(DEVICES, headers=admin_headers)
        assert token not in listed.get_data(as_text=True)
        assert listed.get_json()["items"][0]["last_seen_at"] is not None
        with app.app_context():
            assert token not in str(db.session.scalars(select(Device.token_hash)).all())

    def test_revoked_tokens_stop_at_once(self, client, admin_headers, tree):
        registered = register(client, admin_headers, tree.hall_x1).get_json()
        headers = device_headers(registered["token"])
        assert client.get("/api/v1/devices/me", headers=headers).status_code == 200
        assert client.delete(f"{DEVICES}/{registered['id']}", headers=admin_headers).status_code == 204
        assert_error(client.get("/api/v1/devices/me", headers=headers), 401, "DEVICE_TOKEN_INVALID")
        listed = client.get(DEVICES, headers=admin_headers).get_json()
        assert listed["items"][0]["revoked_at"] is not None

    @pytest.mark.parametrize("headers", [{}, {"X-Device-Token": "pgd_forged"}, {"X-Device-Token": "x" * 300}])
    def test_missing_or_unknown_tokens_are_401(self, client, headers):
        assert_error(client.get("/api/v1/devices/me", headers=headers), 401, "DEVICE_TOKEN_INVALID")

    def test_a_staff_bearer_token_is_no_device_token(self, client, admin_headers):
        assert_error(client.get("/api/v1/devices/me", headers=admin_headers), 401, "DEVICE_TOKEN_INVALID")

    def test_a_device_token_is_no_staff_token(self, client, admin_headers, tree):
        token = register(client, admin_headers, tree.hall_x1).get_json()["token"]
        assert_error(client.get(DEVICES, headers=bearer(token)), 401, "AUTH_INVALID_TOKEN")

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"hall_id": 7, "kind": "tablet", "name": "K"}, "kind"),
            ({"hall_id": 0, "kind": "kiosk", "name": "K"}, "hall_id"),
            ({"hall_id": "7", "kind": "kiosk", "name": "K"}, "hall_id"),
            ({"hall_id": 7, "kind": "kiosk", "name": ""}, "name"),
            ({"hall_id": 7, "kind": "kiosk", "name": "K", "department_id": 3}, "department_id"),
            ({"hall_id": 7, "kind": "kiosk", "name": "K", "status": "active"}, "status"),
            ({"hall_id": 7, "kind": "kiosk", "name": "K", "token": "pgd_mine"}, "token"),
        ],
    )
    def test_bad_bodies_are_400_and_register_nothing(self, app, client, admin_headers, tree, body, field):
        if body.get("hall_id") == 7:
            body = {**body, "hall_id": tree.hall_x1}
        response = client.post(DEVICES, json=body, headers=admin_headers)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Device)) == 0

    def test_unknown_device_is_404(self, client, admin_headers):
        assert_error(client.delete(f"{DEVICES}/4242", headers=admin_headers), 404, "NOT_FOUND")

    def test_an_unknown_hall_is_named(self, client, admin_headers, tree):
        response = register(client, admin_headers, tree.hall_y1 + 1000)
        assert assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"] == {"hall_id": ["Unknown hall."]}

    def test_the_list_is_paged(self, client, admin_headers, tree):
        for n in range(3):
            register(client, admin_headers, tree.hall_x1, name=f"Kiosk {n}")
        page = client.get(f"{DEVICES}?page=2&page_size=2", headers=admin_headers).get_json()
        assert page["total"] == 3 and page["page"] == 2 and page["page_size"] == 2
        assert [item["name"] for item in page["items"]] == ["Kiosk 0"]


class TestScopes:
    """A sys_admin sees only the devices of halls in scope; the others answer 404 like missing ones."""

    def test_a_hall_admin_sees_only_their_hall(self, app, client, admin_headers, tree):
        mine = register(client, admin_headers, tree.hall_x1).get_json()
        theirs = register(client, admin_headers, tree.hall_x2).get_json()
        hall_admin = staff_headers(client, create_staff(app, "hall.admin", ("sys_admin", "hall", tree.hall_x1)))
        listed = client.get(DEVICES, headers=hall_admin).get_json()
        assert [item["id"] for item in listed["items"]] == [mine["id"]] and listed["total"] == 1
        hidden = assert_error(client.delete(f"{DEVICES}/{theirs['id']}", headers=hall_admin), 404, "NOT_FOUND")
        missing = assert_error(client.delete(f"{DEVICES}/4242", headers=hall_admin), 404, "NOT_FOUND")
        assert {**hidden, "request_id": ""} == {**missing, "request_id": ""}
        assert_error(register(client, hall_admin, tree.hall_x2), 404, "NOT_FOUND")
        assert client.get("/api/v1/devices/me", headers=device_headers(theirs["token"])).status_code == 200
        assert client.delete(f"{DEVICES}/{mine['id']}", headers=hall_admin).status_code == 204

    @pytest.mark.parametrize(
        ("scope", "visible"),
        [
            (("region", "city"), {"hall_x1", "hall_x2", "hall_y1"}),  # the city admin sees every child district
            (("region", "district_x"), {"hall_x1", "hall_x2"}),
            (("region", "district_y"), {"hall_y1"}),
            (("department", "department_x"), set()),  # a department holds items, not halls
            (("hall", "hall_x2"), {"hall_x2"}),
        ],
    )
    def test_over_the_tree(self, app, client, admin_headers, tree, scope, visible):
        halls = {getattr(tree, name): name for name in ("hall_x1", "hall_x2", "hall_y1")}
        visible = {getattr(tree, name) for name in visible}
        ids = {hall: register(client, admin_headers, hall).get_json()["id"] for hall in halls}
        kind, node = scope
        scoped = staff_headers(client, create_staff(app, "scoped", ("sys_admin", kind, getattr(tree, node))))
        listed = client.get(DEVICES, headers=scoped).get_json()
        assert {item["hall_id"] for item in listed["items"]} == visible
        for hall, device_id in ids.items():
            status = client.delete(f"{DEVICES}/{device_id}", headers=scoped).status_code
            assert status == (204 if hall in visible else 404)
