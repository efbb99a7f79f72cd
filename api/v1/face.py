"""Consents and face verification, and the providers' face callbacks."""

from __future__ import annotations

from flask import request

from api.auth import current_principal
from api.blueprint import Blueprint
from api.schemas.identity import (
    CallbackAckSchema,
    ConsentListSchema,
    ConsentRequestSchema,
    ConsentSchema,
    ConsentTextSchema,
    FaceCompletedSchema,
    FaceStartedSchema,
    FaceStartRequestSchema,
)
from app.errors import NotFound
from app.services import consents, face

blp = Blueprint("face", __name__, url_prefix="/api/v1", description="Consents and face verification")


@blp.get("/consents/<string:kind>")
@blp.response(200, ConsentTextSchema)
@blp.errors(404)
def consent_text(kind: str) -> consents.ConsentText:
    """The text a resident agrees to, and its version (face: the separate consent of PIPL Art. 29)."""
    if kind not in consents.TEXTS:
        raise NotFound()
    return consents.TEXTS[kind]


@blp.get("/me/consents")
@blp.login_required("resident")
@blp.response(200, ConsentListSchema)
def list_consents() -> dict:
    items = consents.listed(current_principal().id)
    return {"items": items, "total": len(items)}


@blp.post("/me/consents")
@blp.login_required("resident")
@blp.arguments(ConsentRequestSchema)
@blp.response(201, ConsentSchema)
@blp.links(201, "DELETE /api/v1/me/consents/{kind}", kind="$response.body#/kind")
@blp.errors(409)
def grant_consent(data: dict) -> object:
    """Agree to the current version of a consent text."""
    return consents.grant(current_principal().id, data["kind"], data["version"])


@blp.delete("/me/consents/<string:kind>")
@blp.login_required("resident")
@blp.response(204)
@blp.errors(404)
def withdraw_consent(kind: str) -> tuple[str, int]:
    """Withdraw a consent; face checks are refused from then on (use a hall window instead)."""
    if kind not in consents.TEXTS:
        raise NotFound()
    consents.withdraw(current_principal().id, kind)
    return "", 204


@blp.post("/face-verifications")
@blp.login_required("resident")
@blp.arguments(FaceStartRequestSchema)
@blp.response(201, FaceStartedSchema)
@blp.links(201, "POST /api/v1/face-verifications/{verification_id}/complete", verification_id="$response.body#/id")
@blp.errors(409, 422, 503)
def start_face_verification(data: dict) -> face.Started:
    """Start a face check for a purpose; needs real name (L2) and the face consent (else 409 CONSENT_REQUIRED)."""
    return face.start(current_principal().id, data["purpose"])


@blp.post("/face-verifications/<string:verification_id>/complete")
@blp.login_required("resident")
@blp.response(200, FaceCompletedSchema)
@blp.errors(404, 503)
def complete_face_verification(verification_id: str) -> face.Completed:
    """Ask the provider for the result (the client's own report is ignored). A pass returns a face ticket once."""
    return face.complete(current_principal().id, verification_id)


@blp.post("/providers/<string:provider>/face-notify")
@blp.response(200, CallbackAckSchema)
@blp.errors(400, 401, 404, 503)
def face_notify(provider: str) -> dict:
    """Provider callback: checked (signature, ±5 min, nonce), then the provider is asked again. Replays are no-ops."""
    face.handle_callback(provider, dict(request.headers), request.args.to_dict(), request.get_data())
    return {"received": True}
