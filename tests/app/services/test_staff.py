"""Staff accounts in the service layer: argon2id, lockout, TOTP, roles, disabling, devices (security rows 7, 12, 34)."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
import time_machine
from argon2 import PasswordHasher
from sqlalchemy import func, select

from app.errors import (
    AccountLocked,
    DeviceTokenInvalid,
    Forbidden,
    InvalidCredentials,
    InvalidInput,
    NotFound,
    SecondFactorRequired,
    SessionEnded,
    StaffSelfChange,
    TotpInvalid,
    TotpNotEnrolled,
    UsernameTaken,
)
from app.extensions import db
from app.models import AuditEvent, AuthSession, Device, StaffAccount
from app.security.crypto import field_crypto
from app.services import audit, devices, scopes, sessions, staff
from tests.staff_helpers import PASSWORD, StaffUser, create_staff

ADMIN = ("sys_admin", "all", None)
CLERK = ("window_staff", "hall", 7)


def login(user: StaffUser, password: str | None = None, totp: str | None = None) -> staff.Login:
    return staff.login(user.username, password or user.password, totp, client="pytest", ip="127.0.0.1")


def account(user: StaffUser) -> StaffAccount:
    db.session.expire_all()
    return db.session.get(StaffAccount, user.id)


def login_rows() -> list[AuditEvent]:
    return list(
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "staff.login").order_by(AuditEvent.id))
    )


class TestPasswords:
    def test_stored_as_argon2id_with_the_configured_profile(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            stored = account(user).password_hash
            assert stored.startswith("$argon2id$")
            assert PASSWORD not in stored
            assert "m=8,t=1,p=1" in stored  # ARGON2_PROFILE=cheapest in tests

    def test_success_opens_a_staff_session_and_is_audited(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            result = login(user)
            assert result.session.staff_id == user.id and result.session.resident_id is None
            assert result.session.method == "password"
            assert sessions.check(result.session.public_id).kind == "staff"
            lifetime = result.session.expires_at - result.session.created_at
            assert lifetime == timedelta(hours=app.config["STAFF_SESSION_HOURS"])
            [row] = login_rows()
            assert (row.actor_kind, row.actor_id, row.result) == ("staff", user.id, "success")

    def test_username_is_case_insensitive(self, app):
        user = create_staff(app, "Li.Wei", CLERK)
        assert user.username == "li.wei"
        with app.app_context():
            assert staff.login("LI.WEI", PASSWORD, None, client="", ip="").account.id == user.id

    def test_unknown_username_spends_an_argon2_verify_on_a_dummy_hash(self, app, monkeypatch):
        user = create_staff(app, "clerk", CLERK)
        checked: list[str] = []
        real_check = staff._check_password

        def spy(password_hash: str, password: str) -> bool:
            checked.append(password_hash)
            return real_check(password_hash, password)

        monkeypatch.setattr(staff, "_check_password", spy)
        with app.app_context():
            with pytest.raises(InvalidCredentials):
                staff.login("nobody", PASSWORD, None, client="", ip="")
            assert checked == [staff._dummy_hash()]
            assert checked[0].startswith("$argon2id$")
            with pytest.raises(InvalidCredentials):
                login(user, "wrong-password-1")
            assert checked[1] == account(user).password_hash

    def test_failures_are_audited_without_the_password(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            for name in ("nobody", "clerk"):
                with pytest.raises(InvalidCredentials):
                    staff.login(name, "s3cret-typed-wrong", None, client="", ip="")
            rows = login_rows()
            assert [(r.actor_kind, r.actor_id, r.result) for r in rows] == [
                ("anonymous", None, "failure"),
                ("staff", user.id, "failure"),
            ]
            assert all(r.details == {"method": "password", "code": "INVALID_CREDENTIALS"} for r in rows)
            assert "s3cret" not in str([r.details for r in rows])

    def test_an_outdated_hash_is_upgraded_at_login(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            old = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(PASSWORD)
            account(user).password_hash = old
            db.session.commit()
            login(user)
            upgraded = account(user).password_hash
            assert upgraded != old and "m=8,t=1,p=1" in upgraded
            login(user)

    def test_a_disabled_account_looks_like_a_wrong_password(self, app):
        admin = create_staff(app, "admin", ADMIN)
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            staff.disable(user.id, admin=staff.rights(admin.id))
            with pytest.raises(InvalidCredentials):
                login(user)
            assert login_rows()[-1].details["code"] == "ACCOUNT_DISABLED"


class TestLockout:
    def test_five_failures_lock_for_15_minutes_even_with_the_right_password(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            for _ in range(4):
                with pytest.raises(InvalidCredentials):
                    login(user, "wrong-password-1")
            with pytest.raises(AccountLocked) as fifth:
                login(user, "wrong-password-1")
            assert fifth.value.retry_after == 15 * 60
            with pytest.raises(AccountLocked) as locked:
                login(user)
            assert 14 * 60 < locked.value.retry_after <= 15 * 60
            with time_machine.travel(timedelta(minutes=16), tick=False):
                login(user)
            assert account(user).failed_logins == 0

    def test_success_resets_the_count(self, app):
        user = create_staff(app, "clerk", CLERK)
        with app.app_context():
            for _ in range(4):
                with pytest.raises(InvalidCredentials):
                    login(user, "wrong-password-1")
            login(user)
            assert account(user).failed_logins == 0
            for _ in range(4):
                with pytest.raises(InvalidCredentials):
                    login(user, "wrong-password-1")

    def test_unknown_usernames_lock_the_same_way(self, app):
        with app.app_context():
            for _ in range(4):
                with pytest.raises(InvalidCredentials):
                    staff.login("ghost", PASSWORD, None, client="", ip="")
            with pytest.raises(AccountLocked) as fifth:
                staff.login("ghost", PASSWORD, None, client="", ip="")
            assert fifth.value.retry_after == 15 * 60
            with pytest.raises(AccountLocked):
                staff.login("ghost", PASSWORD, None, client="", ip="")


class TestSecondFactor:
    def test_admins_need_a_totp_code(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            with pytest.raises(SecondFactorRequired):
                login(admin)
            assert account(admin).failed_logins == 0
            assert login(admin, totp=admin.totp()).session.method == "password+totp"

    def test_a_wrong_code_counts_as_a_failure(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            right = pyotp.TOTP(admin.totp_secret).now()
            wrong = f"{(int(right) + 1) % 10**6:06d}"
            with pytest.raises(TotpInvalid):
                login(admin, totp=wrong)
            assert account(admin).failed_logins == 1

    def test_a_code_works_once(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            code = admin.totp()
            login(admin, totp=code)
            with pytest.raises(TotpInvalid):
                login(admin, totp=code)

    def test_a_wrong_password_is_checked_before_the_code(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context(), pytest.raises(InvalidCredentials):
            login(admin, "wrong-password-1", totp=admin.totp())

    def test_an_admin_without_an_authenticator_cannot_log_in(self, app):
        admin = create_staff(app, "admin", ADMIN, totp=False)
        with app.app_context(), pytest.raises(TotpNotEnrolled):
            login(admin)

    def test_an_enrolled_clerk_gives_codes_too(self, app):
        admin = create_staff(app, "admin", ADMIN)
        clerk = create_staff(app, "clerk", CLERK)
        with app.app_context():
            _, uri = staff.enrol_totp(clerk.id, admin=staff.rights(admin.id))
            with pytest.raises(SecondFactorRequired):
                login(clerk)
            code = pyotp.TOTP(pyotp.parse_uri(uri).secret).now()
            assert login(clerk, totp=code).session.method == "password+totp"

    def test_the_secret_is_stored_encrypted(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            stored = account(admin).totp_secret_enc
            assert admin.totp_secret not in stored
            assert field_crypto().decrypt(stored, staff.TOTP_CONTEXT) == admin.totp_secret


class TestAccounts:
    def test_usernames_are_unique(self, app):
        create_staff(app, "clerk", CLERK)
        with app.app_context(), pytest.raises(UsernameTaken):
            staff.create_account("CLERK", "Another", PASSWORD, actor=audit.SYSTEM)

    @pytest.mark.parametrize(
        ("username", "display_name", "password", "field"),
        [
            ("ab", "Name", PASSWORD, "username"),
            ("has space", "Name", PASSWORD, "username"),
            ("clerk", "Name", "short-pass", "password"),
            ("clerk", "   ", PASSWORD, "display_name"),
            ("clerk", "bad\u202ename", PASSWORD, "display_name"),
        ],
    )
    def test_bad_values_are_refused(self, app, username, display_name, password, field):
        with app.app_context():
            with pytest.raises(InvalidInput) as caught:
                staff.create_account(username, display_name, password, actor=audit.SYSTEM)
            assert field in caught.value.details["fields"]
            assert db.session.scalar(select(func.count()).select_from(StaffAccount)) == 0

    def test_roles_are_replaced_and_read_fresh(self, app, tree):
        admin = create_staff(app, "admin", ADMIN)
        clerk = create_staff(app, "clerk", ("window_staff", "hall", tree.hall_x1), ("supervisor", "region", 3))
        with app.app_context():
            rights = staff.rights(admin.id)
            halls = [scopes.grant("window_staff", "hall", hall) for hall in (tree.hall_x1, tree.hall_x2)]
            staff.replace_roles(clerk.id, halls, admin=rights)
            assert staff.rights(clerk.id).roles == {"window_staff"}
            assert {g.scope.id for g in staff.rights(clerk.id).grants} == {tree.hall_x1, tree.hall_x2}
            row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "staff.roles"))
            assert row.actor_role == "sys_admin" and row.object_id == str(clerk.id)
            assert len(row.details["before"]) == 2 and len(row.details["after"]) == 2

    def test_gaining_an_admin_role_ends_the_sessions(self, app, tree):
        admin = create_staff(app, "admin", ADMIN)
        clerk = create_staff(app, "clerk", CLERK)
        with app.app_context():
            session_id = login(clerk).session.public_id
            grant = scopes.grant("dept_admin", "department", tree.department_x)
            staff.replace_roles(clerk.id, [grant], admin=staff.rights(admin.id))
            with pytest.raises(SessionEnded):
                sessions.check(session_id)

    def test_a_scoped_admin_grants_only_inside_their_scope(self, app):
        hall_admin = create_staff(app, "hall.admin", ("sys_admin", "hall", 7))
        clerk = create_staff(app, "clerk", CLERK)
        elsewhere = create_staff(app, "elsewhere", ("window_staff", "hall", 8))
        with app.app_context():
            rights = staff.rights(hall_admin.id)
            with pytest.raises(Forbidden):
                staff.replace_roles(clerk.id, [scopes.grant("window_staff", "all")], admin=rights)
            with pytest.raises(NotFound):  # out of scope looks missing
                staff.replace_roles(elsewhere.id, [scopes.grant(*CLERK)], admin=rights)
            with pytest.raises(NotFound):
                staff.disable(elsewhere.id, admin=rights)
            listed = staff.list_accounts(rights, 1, 20)
            assert [a.username for a in listed.items] == ["hall.admin", "clerk"] and listed.total == 2

    def test_admins_cannot_change_themselves(self, app):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            rights = staff.rights(admin.id)
            with pytest.raises(StaffSelfChange):
                staff.replace_roles(admin.id, [], admin=rights)
            with pytest.raises(StaffSelfChange):
                staff.disable(admin.id, admin=rights)

    def test_disable_ends_every_session_at_once(self, app):
        admin = create_staff(app, "admin", ADMIN)
        clerk = create_staff(app, "clerk", CLERK)
        with app.app_context():
            ids = [login(clerk).session.public_id for _ in range(2)]
            sessions.check(ids[0])  # now cached in Redis as live
            staff.disable(clerk.id, admin=staff.rights(admin.id))
            for public_id in ids:
                with pytest.raises(SessionEnded):
                    sessions.check(public_id)
            with pytest.raises(SessionEnded):
                staff.rights(clerk.id)
            revoked = db.session.scalars(select(AuthSession.revoke_reason).where(AuthSession.staff_id == clerk.id))
            assert set(revoked) == {"account_disabled"}


class TestDevices:
    def test_register_authenticate_and_revoke(self, app, tree):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            rights = staff.rights(admin.id)
            registered = devices.register(tree.hall_x1, "kiosk", "Entrance kiosk", admin=rights)
            assert registered.token.startswith("pgd_")
            stored = db.session.get(Device, registered.device.id)
            assert registered.token not in stored.token_hash and len(stored.token_hash) == 64
            assert devices.authenticate(registered.token).id == stored.id
            devices.revoke(stored.id, admin=rights)
            devices.revoke(stored.id, admin=rights)  # twice changes nothing
            with pytest.raises(DeviceTokenInvalid):
                devices.authenticate(registered.token)
            assert db.session.scalar(select(func.count()).where(AuditEvent.action == "device.revoke")) == 1

    @pytest.mark.parametrize("token", [None, "", "pgd_nope", "x" * 500])
    def test_bad_tokens(self, app, token):
        with app.app_context(), pytest.raises(DeviceTokenInvalid):
            devices.authenticate(token)

    def test_last_seen_is_written_at_most_once_a_minute(self, app, tree):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            token = devices.register(tree.hall_x1, "display", "Board", admin=staff.rights(admin.id)).token
            first = devices.authenticate(token).last_seen_at
            with time_machine.travel(timedelta(seconds=30)):
                assert devices.authenticate(token).last_seen_at == first
            with time_machine.travel(timedelta(seconds=61)):
                assert devices.authenticate(token).last_seen_at > first

    def test_a_hall_admin_registers_only_for_their_hall(self, app, tree):
        hall_admin = create_staff(app, "hall.admin", ("sys_admin", "hall", tree.hall_x1))
        with app.app_context():
            rights = staff.rights(hall_admin.id)
            devices.register(tree.hall_x1, "kiosk", "Mine", admin=rights)
            with pytest.raises(NotFound):
                devices.register(tree.hall_x2, "kiosk", "Not mine", admin=rights)

    @pytest.mark.parametrize(
        ("hall_id", "kind", "name", "field"),
        [(0, "kiosk", "A", "hall_id"), (7, "tablet", "A", "kind"), (7, "kiosk", " ", "name")],
    )
    def test_bad_values(self, app, hall_id, kind, name, field):
        admin = create_staff(app, "admin", ADMIN)
        with app.app_context():
            with pytest.raises(InvalidInput) as caught:
                devices.register(hall_id, kind, name, admin=staff.rights(admin.id))
            assert field in caught.value.details["fields"]
