"""System administration (sys_admin only): staff accounts, their roles and authenticators, and hall devices.

A sys_admin holding a narrower scope than ``all`` sees and changes only what lies in it:
accounts whose every role is inside their scope, devices of halls inside it. Anything
else answers 404, like a missing object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.paging import PageQuerySchema
from api.schemas.staff import (
    DeviceCreateRequestSchema,
    DeviceListSchema,
    RegisteredDeviceSchema,
    RolesRequestSchema,
    StaffCreateRequestSchema,
    StaffListSchema,
    StaffSchema,
    TotpEnrolmentSchema,
)
from api.v1.staff import staff_body
from app.models.identity import Device
from app.services import devices, staff
from app.services.paging import Page
from app.services.scopes import SYS_ADMIN, grant

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="System administration (sys_admin)")


def _device_body(device: Device) -> dict:
    return {
        "id": device.id,
        "hall_id": device.hall_id,
        "kind": device.kind,
        "name": device.name,
        "created_at": device.created_at,
        "last_seen_at": device.last_seen_at,
        "revoked_at": device.revoked_at,
    }


def _page_body(page: Page[Any], render: Callable[[Any], dict]) -> dict:
    return {
        "items": [render(item) for item in page.items],
        "total": page.total,
        "page": page.page,
        "page_size": page.page_size,
    }


@blp.post("/staff")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(StaffCreateRequestSchema)
@blp.response(201, StaffSchema)
@blp.errors(400, 409)
def create_staff(data: dict) -> dict:
    """Create a staff account without roles; give it roles with ``PUT /staff/{id}/roles``."""
    created = staff.create_account(
        data["username"], data["display_name"], data["password"], actor=current_staff().actor(SYS_ADMIN)
    )
    return staff_body(created.account)


@blp.get("/staff")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(PageQuerySchema, location="query")
@blp.response(200, StaffListSchema)
def list_staff(query: dict) -> dict:
    """Staff accounts you manage, oldest first."""
    page = staff.list_accounts(current_staff(), query["page"], query["page_size"])
    return _page_body(page, staff_body)


@blp.put("/staff/<id:staff_id>/roles")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(RolesRequestSchema)
@blp.response(200, StaffSchema)
@blp.errors(400, 404, 422)
def replace_roles(data: dict, staff_id: int) -> dict:
    """Replace the account's roles. They apply at its next request; gaining an admin role ends its sessions
    (the next login needs the authenticator). You can grant only scopes inside your own (403 otherwise)."""
    grants = [grant(item["role"], item["scope_kind"], item.get("scope_id")) for item in data["roles"]]
    return staff_body(staff.replace_roles(staff_id, grants, admin=current_staff()))


@blp.post("/staff/<id:staff_id>/disable")
@blp.staff_required(SYS_ADMIN)
@blp.response(200, StaffSchema)
@blp.errors(404, 422)
def disable_staff(staff_id: int) -> dict:
    """Disable the account: it cannot log in, and all its sessions end now."""
    return staff_body(staff.disable(staff_id, admin=current_staff()))


@blp.post("/staff/<id:staff_id>/totp")
@blp.staff_required(SYS_ADMIN)
@blp.response(201, TotpEnrolmentSchema)
@blp.errors(404)
def enrol_totp(staff_id: int) -> dict:
    """Give the account a new authenticator secret (replacing any old one). The URI is shown this once."""
    _, uri = staff.enrol_totp(staff_id, admin=current_staff())
    return {"otpauth_uri": uri}


@blp.post("/devices")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(DeviceCreateRequestSchema)
@blp.response(201, RegisteredDeviceSchema)
@blp.errors(400, 404)
def register_device(data: dict) -> dict:
    """Register a kiosk or display board for a hall. The device token is in this answer only."""
    registered = devices.register(data["hall_id"], data["kind"], data["name"], admin=current_staff())
    return {**_device_body(registered.device), "token": registered.token}


@blp.get("/devices")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(PageQuerySchema, location="query")
@blp.response(200, DeviceListSchema)
def list_devices(query: dict) -> dict:
    """Devices of the halls in your scope, newest first, revoked ones included. Tokens are never shown."""
    return _page_body(devices.list_devices(current_staff(), query["page"], query["page_size"]), _device_body)


@blp.delete("/devices/<id:device_id>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404)
def revoke_device(device_id: int) -> tuple[str, int]:
    """Revoke the device: its token stops working at once."""
    devices.revoke(device_id, admin=current_staff())
    return "", 204
