"""Query strings of the QR and mini-program code endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.services import links, qr


class QrQuerySchema(Schema):
    format = fields.String(
        load_default="png", validate=validate.OneOf(qr.FORMATS), metadata={"description": "png (default) or svg"}
    )


class MiniCodeQuerySchema(Schema):
    channel = fields.String(
        required=True, validate=validate.OneOf(links.CHANNELS), metadata={"description": "wechat or alipay"}
    )
