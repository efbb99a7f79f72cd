"""Short links (``/l/{code}``, outside /api/v1 so SMS carry them short), hall QR codes and mini-program codes."""

from __future__ import annotations

from flask import Response, redirect, request

from api.blueprint import Blueprint
from api.schemas.links import MiniCodeQuerySchema, QrQuerySchema
from app.services import links, qr

blp = Blueprint("links", __name__, description="Short links, QR codes and mini-program codes")

# A short link's answer (redirect or error) is never kept, and its URL, the whole credential, never sent on.
SHORT_LINK_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
# A hall's codes change only with PUBLIC_BASE_URL or the mini-program: shared caches may keep them a day.
IMAGE_HEADERS = {"Cache-Control": "public, max-age=86400"}
BINARY = {"type": "string", "format": "binary"}


def image_doc(description: str, mimetypes: tuple[str, ...]) -> dict:
    content = {mimetype: {"schema": BINARY} for mimetype in mimetypes}
    return {"responses": {"200": {"description": description, "content": content}}}


@blp.get("/l/<string:code>")
@blp.doc(
    responses={
        "302": {
            "description": "To the mini-program page inside WeChat or Alipay, else to the H5 page",
            "headers": {"Location": {"schema": {"type": "string"}}},
        }
    }
)
@blp.errors(404, 410)
def follow(code: str) -> Response:
    """Follow a short link (the links SMS carry). An expired or revoked link answers 410."""
    return redirect(links.resolve(code, request.headers.get("User-Agent", "")), 302)


@blp.after_request
def _short_link_headers(response: Response) -> Response:
    if request.endpoint == "links.follow":
        response.headers.update(SHORT_LINK_HEADERS)
    return response


@blp.get("/api/v1/halls/<id:hall_id>/qr")
@blp.arguments(QrQuerySchema, location="query")
@blp.doc(**image_doc("A QR code of the hall's H5 page", tuple(qr.MIMETYPES.values())))
@blp.errors(404)
def hall_qr(query: dict, hall_id: int) -> Response:
    """A QR code (PNG or SVG) that opens the hall's page in any phone browser."""
    image = links.hall_qr(hall_id, query["format"])
    return Response(image.data, mimetype=image.mimetype, headers=IMAGE_HEADERS)


@blp.get("/api/v1/halls/<id:hall_id>/mini-code")
@blp.arguments(MiniCodeQuerySchema, location="query")
@blp.doc(**image_doc("The mini-program code (WeChat draws JPEG)", ("image/png", "image/jpeg")))
@blp.errors(404, 503)
def hall_mini_code(query: dict, hall_id: int) -> Response:
    """The WeChat or Alipay mini-program code of the hall's page, scanned inside that app."""
    image = links.hall_mini_code(hall_id, query["channel"])
    return Response(image.data, mimetype=image.mimetype, headers=IMAGE_HEADERS)
