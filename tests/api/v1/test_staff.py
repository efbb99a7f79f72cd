"""Staff through the API: login, lockout, TOTP, roles read per request, administration, the audited reveal,
and ``flask create-staff`` (security rows 7, 9, 11, 12, 31, 34)."""

from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import AuditEvent, StaffAccount, StaffRole
from app.services import audit
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import (
    ID_NUMBER,
    NAME,
    PASSWORD,
    PHONE,
    create_staff,
    login_body,
    make_resident,
    staff_headers,
    staff_login,
)

ADMIN = ("sys_admin", "all", None)
CLERK = ("window_staff", "hall", 7)
LOGIN = "/api/v1/staff/sessions"


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def audit_rows(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


@pytest.fixture
def admin(app):
    return create_staff(app, "admin", ADMIN)


@pytest.fixture
def clerk(app):
    return create_staff(app, "clerk", CLERK)


class TestLogin:
    def test_returns_tokens_and_the_staff_profile(self, client, clerk):
        body = staff_login(client, clerk)
        assert body["token_type"] == "Bearer" and body["access_token"] and body["refresh_token"]
        assert body["staff"] == {
            "id": clerk.id,
            "username": "clerk",
            "display_name": "Staff clerk",
            "roles": [{"role": "window_staff", "scope_kind": "hall", "scope_id": 7}],
            "totp_enrolled": False,
            "disabled_at": None,
            "created_at": body["staff"]["created_at"],
        }

    def test_unknown_user_and_wrong_password_look_the_same(self, app, client, clerk):
        unknown = client.post(LOGIN, json={"username": "nobody", "password": PASSWORD})
        wrong = client.post(LOGIN, json={"username": "clerk", "password": "wrong-password-1"})
        first, second = (
            assert_error(unknown, 401, "INVALID_CREDENTIALS"),
            assert_error(wrong, 401, "INVALID_CREDENTIALS"),
        )
        assert first.pop("request_id") != second.pop("request_id")
        assert first == second
        assert unknown.headers.get("Retry-After") is None and wrong.headers.get("Retry-After") is None

    def test_a_disabled_account_looks_like_a_wrong_password(self, app, client, admin, clerk):
        client.post(f"/api/v1/admin/staff/{clerk.id}/disable", headers=staff_headers(client, admin))
        disabled = assert_error(client.post(LOGIN, json=login_body(clerk)), 401, "INVALID_CREDENTIALS")
        unknown = assert_error(
            client.post(LOGIN, json={"username": "nobody", "password": PASSWORD}), 401, "INVALID_CREDENTIALS"
        )
        assert {**disabled, "request_id": ""} == {**unknown, "request_id": ""}

    def test_five_failures_lock_the_account(self, client, clerk):
        for _ in range(4):
            assert_error(
                client.post(LOGIN, json=login_body(clerk, password="wrong-password-1")), 401, "INVALID_CREDENTIALS"
            )
        fifth = client.post(LOGIN, json=login_body(clerk, password="wrong-password-1"))
        assert_error(fifth, 429, "ACCOUNT_LOCKED")
        assert fifth.headers["Retry-After"] == "900"
        right = client.post(LOGIN, json=login_body(clerk))
        body = assert_error(right, 429, "ACCOUNT_LOCKED")
        assert 1 <= int(right.headers["Retry-After"]) <= 900
        assert body["details"]["retry_after"] == int(right.headers["Retry-After"])

    def test_unknown_usernames_lock_too(self, client):
        for _ in range(4):
            assert_error(
                client.post(LOGIN, json={"username": "ghost", "password": PASSWORD}), 401, "INVALID_CREDENTIALS"
            )
        assert_error(client.post(LOGIN, json={"username": "ghost", "password": PASSWORD}), 429, "ACCOUNT_LOCKED")

    def test_admins_need_their_authenticator_code(self, client, admin):
        assert_error(client.post(LOGIN, json=login_body(admin, totp="")), 400, "VALIDATION_ERROR")
        no_code = {"username": admin.username, "password": admin.password}
        assert_error(client.post(LOGIN, json=no_code), 401, "TOTP_REQUIRED")
        right = pyotp.TOTP(admin.totp_secret).now()
        wrong = f"{(int(right) + 1) % 10**6:06d}"
        assert_error(client.post(LOGIN, json={**no_code, "totp": wrong}), 401, "TOTP_INVALID")
        assert client.post(LOGIN, json={**no_code, "totp": right}).status_code == 201
        assert_error(client.post(LOGIN, json={**no_code, "totp": right}), 401, "TOTP_INVALID")  # used once

    def test_every_attempt_is_audited_without_secrets(self, app, client, admin):
        client.post(LOGIN, json={"username": "nobody", "password": "hunter2-hunter2"})
        code = admin.totp()
        client.post(LOGIN, json={"username": "admin", "password": PASSWORD, "totp": code})
        rows = audit_rows(app, "staff.login")
        assert [(r.actor_kind, r.result) for r in rows] == [("anonymous", "failure"), ("staff", "success")]
        assert all(r.ip == "127.0.0.1" and r.request_id for r in rows)
        text = str([r.details for r in rows])
        assert "hunter2" not in text and PASSWORD not in text and code not in text

    @pytest.mark.parametrize(
        "extra", [{"role": "sys_admin"}, {"status": "active"}, {"user_id": 1}, {"department_id": 2}]
    )
    def test_unknown_fields_are_400(self, client, clerk, extra):
        body = assert_error(client.post(LOGIN, json={**login_body(clerk), **extra}), 400, "VALIDATION_ERROR")
        assert body["details"]["fields"] == {next(iter(extra)): ["Unknown field."]}


class TestSessions:
    def test_me_refresh_and_logout(self, client, clerk):
        login = staff_login(client, clerk)
        me = client.get("/api/v1/staff/me", headers=bearer(login["access_token"]))
        assert me.status_code == 200 and me.get_json()["username"] == "clerk"
        refreshed = client.post("/api/v1/staff/refresh", headers=bearer(login["refresh_token"]))
        assert refreshed.status_code == 200
        tokens = refreshed.get_json()
        assert_error(
            client.post("/api/v1/staff/refresh", headers=bearer(login["refresh_token"])), 401, "AUTH_TOKEN_REVOKED"
        )
        # The replay ended the whole session (theft detection), so log in again.
        login = staff_login(client, clerk)
        assert client.delete("/api/v1/staff/sessions/current", headers=bearer(login["access_token"])).status_code == 204
        assert_error(client.get("/api/v1/staff/me", headers=bearer(login["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        assert tokens["access_token"]

    def test_a_staff_member_without_roles_has_a_profile_but_no_access(self, app, client):
        nobody = create_staff(app, "new.hire")
        headers = staff_headers(client, nobody)
        assert client.get("/api/v1/staff/me", headers=headers).get_json()["roles"] == []
        assert_error(client.get("/api/v1/staff/residents/1", headers=headers), 403, "FORBIDDEN")


class TestWhoMayCall:
    """Row 9: a resident token on staff and admin endpoints is 403, and a staff token on resident ones."""

    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("get", "/api/v1/staff/me", None),
            ("get", "/api/v1/staff/residents/1", None),
            ("post", "/api/v1/staff/residents/1/reveal", {"reason": "checking it", "fields": ["phone"]}),
            ("delete", "/api/v1/staff/sessions/current", None),
            ("get", "/api/v1/admin/staff", None),
            ("post", "/api/v1/admin/staff", {"username": "evil", "display_name": "E", "password": PASSWORD}),
            ("put", "/api/v1/admin/staff/1/roles", {"roles": [{"role": "sys_admin", "scope_kind": "all"}]}),
            ("post", "/api/v1/admin/staff/1/disable", None),
            ("post", "/api/v1/admin/staff/1/totp", None),
            ("get", "/api/v1/admin/devices", None),
            ("post", "/api/v1/admin/devices", {"hall_id": 7, "kind": "kiosk", "name": "K"}),
            ("delete", "/api/v1/admin/devices/1", None),
        ],
    )
    def test_a_resident_is_forbidden(self, app, client, admin, method, path, body):
        resident = sms_login(app, client)
        response = getattr(client, method)(path, json=body, headers=bearer(resident["access_token"]))
        assert_error(response, 403, "FORBIDDEN")
        assert count(app, StaffAccount) == 1 and count(app, StaffRole) == 1

    def test_a_resident_refresh_token_cannot_refresh_a_staff_session(self, app, client):
        resident = sms_login(app, client)
        assert_error(client.post("/api/v1/staff/refresh", headers=bearer(resident["refresh_token"])), 403, "FORBIDDEN")

    def test_staff_cannot_use_resident_endpoints(self, client, clerk):
        headers = staff_headers(client, clerk)
        assert_error(client.get("/api/v1/me", headers=headers), 403, "FORBIDDEN")

    @pytest.mark.parametrize("path", ["/api/v1/admin/staff", "/api/v1/admin/devices"])
    def test_non_admin_staff_are_forbidden(self, client, clerk, path):
        assert_error(client.get(path, headers=staff_headers(client, clerk)), 403, "FORBIDDEN")

    def test_no_token_is_401(self, client):
        assert_error(client.get("/api/v1/admin/staff"), 401, "AUTH_REQUIRED")


class TestRoleChangesApplyAtTheNextRequest:
    """Row 12."""

    def test_a_demoted_admin_is_refused_at_the_next_call(self, app, client, admin, tree):
        other = create_staff(app, "other.admin", ADMIN)
        headers = staff_headers(client, other)
        assert client.get("/api/v1/admin/staff", headers=headers).status_code == 200
        demote = client.put(
            f"/api/v1/admin/staff/{other.id}/roles",
            json={"roles": [{"role": "window_staff", "scope_kind": "hall", "scope_id": tree.hall_x1}]},
            headers=staff_headers(client, admin),
        )
        assert demote.status_code == 200
        assert_error(client.get("/api/v1/admin/staff", headers=headers), 403, "FORBIDDEN")
        assert client.get("/api/v1/staff/me", headers=headers).get_json()["roles"][0]["role"] == "window_staff"

    def test_a_narrowed_scope_applies_at_the_next_call(self, app, client, admin, tree):
        hall_admin = create_staff(app, "hall.admin", ("sys_admin", "hall", tree.hall_x1))
        device = client.post(
            "/api/v1/admin/devices",
            json={"hall_id": tree.hall_x1, "kind": "kiosk", "name": "K"},
            headers=staff_headers(client, admin),
        ).get_json()
        headers = staff_headers(client, hall_admin)
        assert client.get("/api/v1/admin/devices", headers=headers).get_json()["total"] == 1
        client.put(
            f"/api/v1/admin/staff/{hall_admin.id}/roles",
            json={"roles": [{"role": "sys_admin", "scope_kind": "hall", "scope_id": tree.hall_x2}]},
            headers=staff_headers(client, admin),
        )
        assert client.get("/api/v1/admin/devices", headers=headers).get_json()["total"] == 0
        assert_error(client.delete(f"/api/v1/admin/devices/{device['id']}", headers=headers), 404, "NOT_FOUND")

    def test_a_disabled_account_is_out_at_once(self, app, client, admin, clerk):
        clerk_headers = staff_headers(client, clerk)
        assert client.get("/api/v1/staff/me", headers=clerk_headers).status_code == 200
        response = client.post(f"/api/v1/admin/staff/{clerk.id}/disable", headers=staff_headers(client, admin))
        assert response.status_code == 200 and response.get_json()["disabled_at"]
        assert_error(client.get("/api/v1/staff/me", headers=clerk_headers), 401, "AUTH_TOKEN_REVOKED")
        assert [r.object_id for r in audit_rows(app, "staff.disable")] == [str(clerk.id)]


class TestAdministration:
    def test_create_list_and_give_roles(self, app, client, admin, tree):
        headers = staff_headers(client, admin)
        created = client.post(
            "/api/v1/admin/staff",
            json={"username": "li.wei", "display_name": "李伟", "password": "a-long-password"},
            headers=headers,
        )
        assert created.status_code == 201
        new = created.get_json()
        assert new["roles"] == [] and new["totp_enrolled"] is False and "password" not in str(new)
        again = client.post(
            "/api/v1/admin/staff",
            json={"username": "li.wei", "display_name": "Li", "password": "a-long-password"},
            headers=headers,
        )
        assert_error(again, 409, "USERNAME_TAKEN")
        listed = client.get("/api/v1/admin/staff?page_size=1&page=2", headers=headers).get_json()
        assert listed["total"] == 2 and listed["page"] == 2 and listed["page_size"] == 1
        assert [item["username"] for item in listed["items"]] == ["li.wei"]
        roles = [
            {"role": "window_staff", "scope_kind": "hall", "scope_id": tree.hall_x1},
            {"role": "supervisor", "scope_kind": "region", "scope_id": tree.district_y},
        ]
        updated = client.put(f"/api/v1/admin/staff/{new['id']}/roles", json={"roles": roles}, headers=headers)
        assert updated.status_code == 200
        assert sorted(updated.get_json()["roles"], key=lambda r: r["role"]) == sorted(roles, key=lambda r: r["role"])
        assert len(audit_rows(app, "staff.create")) == 2 and len(audit_rows(app, "staff.roles")) == 1

    @pytest.mark.parametrize(
        "body",
        [
            {"username": "x", "display_name": "X", "password": "a-long-password"},
            {"username": "li.wei", "display_name": "Li", "password": "too-short"},
            {"username": "li.wei", "display_name": "", "password": "a-long-password"},
            {"username": "li.wei", "display_name": "Li", "password": "a-long-password", "role": "sys_admin"},
            {"username": "li.wei", "display_name": "Li", "password": "a-long-password", "status": "active"},
        ],
    )
    def test_bad_accounts_are_400_and_change_nothing(self, app, client, admin, body):
        response = client.post("/api/v1/admin/staff", json=body, headers=staff_headers(client, admin))
        assert_error(response, 400, "VALIDATION_ERROR")
        assert count(app, StaffAccount) == 1

    @pytest.mark.parametrize(
        ("roles", "field"),
        [
            ([{"role": "root", "scope_kind": "all"}], "role"),
            ([{"role": "sys_admin", "scope_kind": "all", "scope_id": 3}], "scope_id"),
            ([{"role": "window_staff", "scope_kind": "hall"}], "scope_id"),
            ([{"role": "window_staff", "scope_kind": "hall", "scope_id": 7, "department_id": 2}], "department_id"),
            ([{"role": "window_staff", "scope_kind": "hall", "scope_id": 7, "user_id": 2}], "user_id"),
        ],
    )
    def test_bad_roles_are_400_and_change_nothing(self, app, client, admin, clerk, roles, field):
        response = client.put(
            f"/api/v1/admin/staff/{clerk.id}/roles", json={"roles": roles}, headers=staff_headers(client, admin)
        )
        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert field in str(body["details"]["fields"])
        assert count(app, StaffRole) == 2

    def test_roles_name_nodes_that_exist(self, app, client, admin, clerk, tree):
        roles = [
            {"role": "window_staff", "scope_kind": "hall", "scope_id": tree.hall_y1 + 1000},
            {"role": "dept_admin", "scope_kind": "department", "scope_id": tree.department_x},
        ]
        response = client.put(
            f"/api/v1/admin/staff/{clerk.id}/roles", json={"roles": roles}, headers=staff_headers(client, admin)
        )
        fields = assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        assert fields == {"roles": [f"Unknown hall {tree.hall_y1 + 1000}."]}
        assert count(app, StaffRole) == 2

    def test_a_body_with_status_is_refused(self, app, client, admin, clerk):
        response = client.put(
            f"/api/v1/admin/staff/{clerk.id}/roles",
            json={"roles": [], "status": "disabled"},
            headers=staff_headers(client, admin),
        )
        assert assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"] == {"status": ["Unknown field."]}
        assert count(app, StaffRole) == 2

    def test_scoped_admins_stay_in_their_scope(self, app, client, clerk):
        hall_admin = create_staff(app, "hall.admin", ("sys_admin", "hall", 7))
        elsewhere = create_staff(app, "elsewhere", ("window_staff", "hall", 8))
        headers = staff_headers(client, hall_admin)
        listed = client.get("/api/v1/admin/staff", headers=headers).get_json()
        assert [item["username"] for item in listed["items"]] == ["clerk", "hall.admin"]
        too_wide = client.put(
            f"/api/v1/admin/staff/{clerk.id}/roles",
            json={"roles": [{"role": "window_staff", "scope_kind": "all"}]},
            headers=headers,
        )
        assert_error(too_wide, 403, "FORBIDDEN")
        missing = assert_error(client.post("/api/v1/admin/staff/999999/disable", headers=headers), 404, "NOT_FOUND")
        hidden = assert_error(
            client.post(f"/api/v1/admin/staff/{elsewhere.id}/disable", headers=headers), 404, "NOT_FOUND"
        )
        assert {**missing, "request_id": ""} == {**hidden, "request_id": ""}

    def test_admins_cannot_demote_or_disable_themselves(self, client, admin):
        headers = staff_headers(client, admin)
        assert_error(
            client.put(f"/api/v1/admin/staff/{admin.id}/roles", json={"roles": []}, headers=headers),
            422,
            "STAFF_SELF_CHANGE",
        )
        assert_error(client.post(f"/api/v1/admin/staff/{admin.id}/disable", headers=headers), 422, "STAFF_SELF_CHANGE")

    def test_totp_enrolment_shows_the_uri_once(self, app, client, admin, clerk):
        response = client.post(f"/api/v1/admin/staff/{clerk.id}/totp", headers=staff_headers(client, admin))
        assert response.status_code == 201
        uri = response.get_json()["otpauth_uri"]
        assert uri.startswith("otpauth://totp/PalmGov:clerk?")
        secret = pyotp.parse_uri(uri).secret
        no_code = {"username": "clerk", "password": PASSWORD}
        assert_error(client.post(LOGIN, json=no_code), 401, "TOTP_REQUIRED")
        assert client.post(LOGIN, json={**no_code, "totp": pyotp.TOTP(secret).now()}).status_code == 201
        listed = client.get("/api/v1/admin/staff", headers=staff_headers(client, admin)).get_json()
        assert secret not in str(listed) and "otpauth" not in str(listed)

    def test_gaining_an_admin_role_means_logging_in_again_with_a_code(self, app, client, admin, clerk, tree):
        clerk_headers = staff_headers(client, clerk)
        client.put(
            f"/api/v1/admin/staff/{clerk.id}/roles",
            json={"roles": [{"role": "dept_admin", "scope_kind": "department", "scope_id": tree.department_x}]},
            headers=staff_headers(client, admin),
        )
        assert_error(client.get("/api/v1/staff/me", headers=clerk_headers), 401, "AUTH_TOKEN_REVOKED")
        assert_error(client.post(LOGIN, json=login_body(clerk)), 401, "TOTP_NOT_ENROLLED")

    @pytest.mark.parametrize("query", ["page_size=101", "page_size=0", "page=0", "page_size=ten"])
    def test_bad_paging_is_400(self, client, admin, query):
        response = client.get(f"/api/v1/admin/staff?{query}", headers=staff_headers(client, admin))
        assert_error(response, 400, "VALIDATION_ERROR")


class TestResidentsAsStaffSeeThem:
    """Rows 31 and 34: masked by default; the full value only through an audited reveal."""

    def test_the_view_is_masked_and_audited(self, app, client, clerk):
        resident_id = make_resident(app)
        response = client.get(f"/api/v1/staff/residents/{resident_id}", headers=staff_headers(client, clerk))
        assert response.status_code == 200
        body = response.get_json()
        assert body["phone"] == "138****8000" and body["name"] == "张**" and body["id_number"] == "110***********002X"
        assert body["assurance_level"] == 2
        text = response.get_data(as_text=True)
        assert PHONE not in text and ID_NUMBER not in text and NAME not in text
        [row] = audit_rows(app, "pii.view")
        assert (row.actor_kind, row.actor_id, row.actor_role) == ("staff", clerk.id, "window_staff")
        assert (row.object_type, row.object_id) == ("resident", str(resident_id))

    def test_reveal_gives_only_the_fields_asked_for_and_is_audited(self, app, client, clerk):
        resident_id = make_resident(app)
        response = client.post(
            f"/api/v1/staff/residents/{resident_id}/reveal",
            json={"reason": "核验本人身份 at window 3", "fields": ["id_number", "name"]},
            headers=staff_headers(client, clerk),
        )
        assert response.status_code == 200
        assert response.get_json() == {"resident_id": resident_id, "id_number": ID_NUMBER, "name": NAME}
        [row] = audit_rows(app, "pii.reveal")
        assert (row.actor_kind, row.actor_id, row.actor_role, row.result) == (
            "staff",
            clerk.id,
            "window_staff",
            "success",
        )
        assert (row.object_type, row.object_id) == ("resident", str(resident_id))
        assert row.details == {"fields": ["id_number", "name"], "reason": "核验本人身份 at window 3"}
        assert row.ip == "127.0.0.1" and row.request_id == response.headers["X-Request-ID"]
        assert row.at.tzinfo is not None

    def test_personal_data_typed_into_the_reason_is_masked_in_the_log(self, app, client, clerk):
        resident_id = make_resident(app)
        client.post(
            f"/api/v1/staff/residents/{resident_id}/reveal",
            json={"reason": f"caller said {PHONE}", "fields": ["phone"]},
            headers=staff_headers(client, clerk),
        )
        [row] = audit_rows(app, "pii.reveal")
        assert row.details["reason"] == "caller said 138****8000"

    def test_if_the_audit_cannot_be_written_no_data_is_returned(self, app, client, clerk, monkeypatch):
        resident_id = make_resident(app)
        headers = staff_headers(client, clerk)

        def broken(*args, **kwargs):
            raise OperationalError("INSERT INTO audit_events", {}, Exception("disk full"))

        monkeypatch.setattr(audit, "record", broken)
        response = client.post(
            f"/api/v1/staff/residents/{resident_id}/reveal",
            json={"reason": "checking identity", "fields": ["phone", "name", "id_number"]},
            headers=headers,
        )
        assert_error(response, 503, "AUDIT_UNAVAILABLE")
        text = response.get_data(as_text=True)
        assert PHONE not in text and NAME not in text and ID_NUMBER not in text
        assert_error(client.get(f"/api/v1/staff/residents/{resident_id}", headers=headers), 503, "AUDIT_UNAVAILABLE")
        monkeypatch.undo()
        assert audit_rows(app, "pii.reveal") == [] and audit_rows(app, "pii.view") == []

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"reason": "why", "fields": ["phone"]}, "reason"),
            ({"reason": "x" * 201, "fields": ["phone"]}, "reason"),
            ({"reason": "checking identity", "fields": []}, "fields"),
            ({"reason": "checking identity", "fields": ["address"]}, "fields[0]"),
            ({"reason": "checking identity"}, "fields"),
            ({"reason": "checking identity", "fields": ["phone"], "role": "sys_admin"}, "role"),
        ],
    )
    def test_bad_reveals_are_400_and_not_audited(self, app, client, clerk, body, field):
        resident_id = make_resident(app)
        response = client.post(
            f"/api/v1/staff/residents/{resident_id}/reveal", json=body, headers=staff_headers(client, clerk)
        )
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        assert audit_rows(app, "pii.reveal") == []

    def test_unknown_resident_is_404(self, client, clerk):
        headers = staff_headers(client, clerk)
        assert_error(client.get("/api/v1/staff/residents/424242", headers=headers), 404, "NOT_FOUND")
        response = client.post(
            "/api/v1/staff/residents/424242/reveal", json={"reason": "checking", "fields": ["phone"]}, headers=headers
        )
        assert_error(response, 404, "NOT_FOUND")


class TestCreateStaffCommand:
    def test_creates_the_first_admin_with_an_authenticator(self, app, client, runner):
        result = runner.invoke(
            args=["create-staff", "root", "--display-name", "系统管理员", "--password-stdin"],
            input="a-long-enough-password\n",
        )
        assert result.exit_code == 0, result.output
        uri = next(line for line in result.output.splitlines() if line.startswith("otpauth://"))
        body = {"username": "root", "password": "a-long-enough-password"}
        assert_error(client.post(LOGIN, json=body), 401, "TOTP_REQUIRED")
        login = client.post(LOGIN, json={**body, "totp": pyotp.TOTP(pyotp.parse_uri(uri).secret).now()})
        assert login.status_code == 201
        assert login.get_json()["staff"]["roles"] == [{"role": "sys_admin", "scope_kind": "all", "scope_id": None}]
        [row] = audit_rows(app, "staff.create")
        assert row.actor_kind == "system"

    def test_prompts_for_the_password_twice(self, app, client, runner):
        result = runner.invoke(
            args=["create-staff", "clerk", "--display-name", "Clerk", "--role", "window_staff"],
            input="a-long-enough-password\na-long-enough-password\n",
        )
        assert result.exit_code == 0, result.output
        assert "a-long-enough-password" not in result.output and "otpauth://" not in result.output
        assert client.post(LOGIN, json={"username": "clerk", "password": "a-long-enough-password"}).status_code == 201

    def test_refuses_an_existing_username(self, app, runner, admin):
        result = runner.invoke(
            args=["create-staff", "admin", "--display-name", "Again", "--password-stdin"],
            input="a-long-enough-password\n",
        )
        assert result.exit_code == 1
        assert "already taken" in result.output
        assert count(app, StaffAccount) == 1

    def test_refuses_a_short_password(self, app, runner):
        result = runner.invoke(
            args=["create-staff", "root", "--display-name", "Root", "--password-stdin"], input="short\n"
        )
        assert result.exit_code == 1
        assert "password" in result.output
        assert count(app, StaffAccount) == 0
