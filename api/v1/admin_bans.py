"""Booking bans (no-shows, cancellations above the limit): dept_admin and sys_admin of the hall where the
ban started can list and lift them; lifting needs a reason and is audited."""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.booking import BanLiftRequestSchema, BanListSchema, BanQuerySchema, BanSchema
from app.services import booking_policy
from app.services.scopes import DEPT_ADMIN, SYS_ADMIN

blp = Blueprint("admin_bans", __name__, url_prefix="/api/v1/admin", description="Booking bans (staff)")


@blp.get("/booking-bans")
@blp.staff_required(DEPT_ADMIN, SYS_ADMIN)
@blp.arguments(BanQuerySchema, location="query")
@blp.response(200, BanListSchema)
@blp.errors(400)
def list_bans(query: dict) -> dict:
    """Bans started at your halls, latest first (at most 100); `phone` finds one resident's, `active=false`
    includes ended and lifted ones."""
    items = booking_policy.list_bans(current_staff(), phone=query.get("phone"), active_only=query["active"])
    return {"items": items, "total": len(items)}


@blp.post("/booking-bans/<id:ban_id>/lift")
@blp.staff_required(DEPT_ADMIN, SYS_ADMIN)
@blp.arguments(BanLiftRequestSchema)
@blp.response(200, BanSchema)
@blp.errors(400, 404, 409)
def lift_ban(data: dict, ban_id: int) -> booking_policy.BanView:
    """End a ban now, with a reason (audited). 409 `BAN_NOT_ACTIVE` if it has ended or was lifted."""
    return booking_policy.lift_ban(ban_id, data["reason"], admin=current_staff())
