"""Kiosks, display boards and evaluator pads (好差评): registered for one hall, authenticated by a device token.

The token is shown once, when the device is registered; only its SHA-256 is kept,
so a database leak gives no usable token. Revoking a device stops its token at the
next request. A sys_admin sees and changes only the devices of halls in their scope;
others answer 404, like a device that does not exist.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from app.errors import DeviceTokenInvalid, InvalidInput, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Hall
from app.models.identity import Device
from app.services import audit, scopes
from app.services.paging import Page, paginate
from app.services.scopes import SYS_ADMIN, StaffRights

KINDS = ("kiosk", "display", "evaluator")  # evaluator: the rating pad at a window (好差评)
NAME_MAX = 64
TOKEN_PREFIX = "pgd_"  # noqa: S105 (marks device tokens, e.g. for secret scanners)
TOKEN_MAX = 128
# last_seen_at is written at most this often, so a board polling every second costs no writes.
SEEN_EVERY = timedelta(minutes=1)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Registered:
    device: Device
    token: str  # shown once


def register(hall_id: int, kind: str, name: str, *, admin: StaffRights) -> Registered:
    problems: dict[str, list[str]] = {}
    if kind not in KINDS:
        problems["kind"] = [f"Must be one of: {', '.join(KINDS)}."]
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX or not name.isprintable():
        problems["name"] = [f"1-{NAME_MAX} printable characters."]
    if not 1 <= hall_id <= scopes.MAX_NODE_ID:
        problems["hall_id"] = [f"Must be between 1 and {scopes.MAX_NODE_ID}."]
    if problems:
        raise InvalidInput(details={"fields": problems})
    if not admin.covers(scopes.hall_path(hall_id), SYS_ADMIN):
        raise NotFound()
    if db.session.get(Hall, hall_id) is None:  # only an admin of every hall gets this far for an unknown id
        raise InvalidInput(details={"fields": {"hall_id": ["Unknown hall."]}})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    device = Device(hall_id=hall_id, kind=kind, name=name, token_hash=_token_hash(token), created_by_id=admin.staff_id)
    db.session.add(device)
    db.session.flush()
    audit.record(
        "device.register",
        admin.actor(SYS_ADMIN),
        object_type="device",
        object_id=device.id,
        details={"hall_id": hall_id, "kind": kind},
    )
    db.session.commit()
    return Registered(device, token)


def list_devices(admin: StaffRights, page: int, page_size: int) -> Page[Device]:
    """The devices of the halls in the admin's scope, newest first (revoked ones included)."""
    statement = select(Device).order_by(Device.id.desc())
    halls = admin.halls(SYS_ADMIN)
    if halls is not None:
        statement = statement.where(Device.hall_id.in_(sorted(halls)))
    return paginate(statement, page, page_size)


def get(device_id: int, *, admin: StaffRights) -> Device:
    device = db.session.get(Device, device_id)
    if device is None or not admin.covers(scopes.hall_path(device.hall_id), SYS_ADMIN):
        raise NotFound()
    return device


def revoke(device_id: int, *, admin: StaffRights) -> None:
    """The device's token stops working now. Revoking twice changes nothing."""
    device = get(device_id, admin=admin)
    if device.revoked_at is not None:
        return
    device.revoked_at = utcnow()
    audit.record(
        "device.revoke",
        admin.actor(SYS_ADMIN),
        object_type="device",
        object_id=device.id,
        details={"hall_id": device.hall_id},
    )
    db.session.commit()


def authenticate(token: str | None) -> Device:
    """The live device holding ``token``; ``DeviceTokenInvalid`` if there is none."""
    if not token or len(token) > TOKEN_MAX:
        raise DeviceTokenInvalid()
    device = db.session.scalar(select(Device).where(Device.token_hash == _token_hash(token)))
    if device is None or device.revoked_at is not None:
        raise DeviceTokenInvalid()
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at >= SEEN_EVERY:
        device.last_seen_at = now
        db.session.commit()
    return device
