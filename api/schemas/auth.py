"""Login, token and session bodies."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.schemas.fields import Masked
from app.security.masking import mask_id_number, mask_name, mask_phone
from app.services.otp import PURPOSES

# Documented for clients and fuzzers; the service checks it and answers INVALID_PHONE.
PHONE_DOC = {"example": "13800138000", "pattern": "^1[3-9][0-9]{9}$"}
_ASCII_CODE = validate.Regexp(r"[0-9]{6}\Z", error="Enter the 6 digits of the code.")
_PROVIDER_CODE = validate.Length(min=1, max=256)


class SmsCodeRequestSchema(Schema):
    phone = fields.String(required=True, validate=validate.Length(max=20), metadata=PHONE_DOC)
    purpose = fields.String(load_default="login", validate=validate.OneOf(PURPOSES))


class SessionRequestSchema(Schema):
    """One of: ``{method: sms, phone, code}``, ``{method: wechat, code, phone_code?}``, ``{method: alipay, code}``."""

    method = fields.String(required=True, validate=validate.OneOf(("sms", "wechat", "alipay")))
    phone = fields.String(validate=validate.Length(max=20), metadata=PHONE_DOC)
    code = fields.String(required=True, validate=_PROVIDER_CODE, metadata={"example": "123456"})
    phone_code = fields.String(validate=_PROVIDER_CODE)

    @validates_schema
    def _fields_of_method(self, data: dict, **_kwargs: object) -> None:
        method = data.get("method")
        if method == "sms":
            if "phone" not in data:
                raise ValidationError("Missing data for required field.", "phone")
            _ASCII_CODE(data["code"])
            if "phone_code" in data:
                raise ValidationError("Only for WeChat logins.", "phone_code")
        elif "phone" in data:
            raise ValidationError("Only for SMS logins.", "phone")
        if method == "alipay" and "phone_code" in data:
            raise ValidationError("Only for WeChat logins.", "phone_code")


def _login_branch(method: str, required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["method", *required],
        "properties": {"method": {"type": "string", "enum": [method]}, **properties},
    }


_CODE_DOC = {"type": "string", "minLength": 1, "maxLength": 256}
# OpenAPI cannot derive "which fields go with which method" from one marshmallow schema; say it here.
SESSION_REQUEST_DOC = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    _login_branch(
                        "sms",
                        ["phone", "code"],
                        {"phone": {"type": "string", **PHONE_DOC}, "code": {"type": "string", "pattern": "^[0-9]{6}$"}},
                    ),
                    _login_branch("wechat", ["code"], {"code": _CODE_DOC, "phone_code": _CODE_DOC}),
                    _login_branch("alipay", ["code"], {"code": _CODE_DOC}),
                ],
                "discriminator": {"propertyName": "method"},
            }
        }
    },
}


class ResidentSchema(Schema):
    """A resident as the resident sees it: personal data masked (GB/T 35273 §7.2)."""

    id = fields.Integer(required=True)
    phone = Masked(mask_phone, metadata={"example": "138****8000"})
    name = Masked(mask_name, metadata={"example": "张*"})
    id_number = Masked(mask_id_number, metadata={"example": "110***********1234"})
    assurance_level = fields.Integer(required=True, metadata={"description": "0 none, 1 phone, 2 real name, 3 face"})
    real_name_at = fields.DateTime(allow_none=True)
    elderly_mode = fields.Boolean(required=True, metadata={"description": "适老化 preference, see /me/preferences"})


class TokensSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds the access token lives"})
    expires_at = fields.DateTime(required=True)
    refresh_expires_at = fields.DateTime(required=True)


class LoginSchema(TokensSchema):
    resident = fields.Nested(ResidentSchema, required=True)


class LinkPhoneRequestSchema(Schema):
    phone = fields.String(required=True, validate=validate.Length(max=20), metadata=PHONE_DOC)
    code = fields.String(required=True, validate=_ASCII_CODE, metadata={"example": "123456"})


class LinkedPhoneSchema(Schema):
    resident = fields.Nested(ResidentSchema, required=True)
    tokens = fields.Nested(
        TokensSchema,
        allow_none=True,
        metadata={"description": "Set when the phone already had an account: use these tokens from now on"},
    )


class SessionSchema(Schema):
    id = fields.String(required=True, attribute="public_id")
    method = fields.String(required=True)
    client = fields.String(required=True)
    ip = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    last_used_at = fields.DateTime(required=True)
    expires_at = fields.DateTime(required=True)
    current = fields.Boolean(required=True)


class SessionListSchema(Schema):
    items = fields.List(fields.Nested(SessionSchema), required=True)
    total = fields.Integer(required=True)
