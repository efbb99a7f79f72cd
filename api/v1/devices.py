"""What a kiosk or display board asks about itself, authenticated by its device token."""

from __future__ import annotations

from api.auth import current_device
from api.blueprint import Blueprint
from api.schemas.staff import DeviceSchema
from app.models.identity import Device

blp = Blueprint("devices", __name__, url_prefix="/api/v1/devices", description="Kiosks and display boards")


@blp.get("/me")
@blp.device_required
@blp.response(200, DeviceSchema)
def me() -> Device:
    """The calling device: its hall, kind and name. A missing, unknown or revoked token is 401."""
    return current_device()
