"""代办 proxies: invite a relative, accept with a face check, revoke from either side."""

from __future__ import annotations

from api.auth import current_principal
from api.blueprint import Blueprint
from api.schemas.identity import ProxyAcceptSchema, ProxyGrantListSchema, ProxyGrantSchema, ProxyInviteSchema
from app.services import proxies

blp = Blueprint("proxies", __name__, url_prefix="/api/v1/proxies", description="代办: acting for a relative")


def _view(grant_id: int) -> proxies.GrantView:
    return next(view for view in proxies.for_resident(current_principal().id) if view.grant.id == grant_id)


@blp.post("")
@blp.login_required("resident")
@blp.arguments(ProxyInviteSchema)
@blp.response(201, ProxyGrantSchema)
@blp.links(
    201,
    "POST /api/v1/proxies/{grant_id}/accept",
    "POST /api/v1/proxies/{grant_id}/decline",
    "POST /api/v1/proxies/{grant_id}/revoke",
    grant_id="$response.body#/id",
)
@blp.errors(422)
def invite(data: dict) -> proxies.GrantView:
    """Invite a relative (by phone) to let you act for them; they accept with a face check."""
    grant = proxies.invite(current_principal().id, data["grantor_phone"], data["relation"])
    return _view(grant.id)


@blp.get("")
@blp.login_required("resident")
@blp.response(200, ProxyGrantListSchema)
def list_grants() -> dict:
    """Grants you hold or gave, and invitations waiting for you."""
    items = proxies.for_resident(current_principal().id)
    return {"items": items, "total": len(items)}


@blp.post("/<id:grant_id>/accept")
@blp.login_required("resident")
@blp.arguments(ProxyAcceptSchema)
@blp.response(200, ProxyGrantSchema)
@blp.errors(404, 422)
def accept(data: dict, grant_id: int) -> proxies.GrantView:
    """Accept an invitation with a face ticket of purpose ``proxy_accept``."""
    proxies.accept(current_principal().id, grant_id, data["face_ticket"])
    return _view(grant_id)


@blp.post("/<id:grant_id>/decline")
@blp.login_required("resident")
@blp.response(200, ProxyGrantSchema)
@blp.errors(404, 422)
def decline(grant_id: int) -> proxies.GrantView:
    proxies.decline(current_principal().id, grant_id)
    return _view(grant_id)


@blp.post("/<id:grant_id>/revoke")
@blp.login_required("resident")
@blp.response(200, ProxyGrantSchema)
@blp.errors(404)
def revoke(grant_id: int) -> proxies.GrantView:
    """End a grant, from either side; the proxy loses access at once."""
    proxies.revoke(current_principal().id, grant_id)
    return _view(grant_id)
