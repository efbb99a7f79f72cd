"""Staff login, accounts, roles, devices and the audited reveal of a resident's personal data."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.schemas.auth import TokensSchema
from api.schemas.paging import page_schema
from app.services import devices, staff
from app.services.scopes import ALL, MAX_NODE_ID, ROLES, SCOPE_KINDS

_TOTP = validate.Regexp(r"[0-9]{6}\Z", error="Enter the 6 digits from your authenticator app.")
_NODE_ID = validate.Range(min=1, max=MAX_NODE_ID)


class StaffLoginRequestSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64), metadata={"example": "admin"})
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=staff.PASSWORD_MAX), metadata={"format": "password"}
    )
    totp = fields.String(
        validate=_TOTP,
        metadata={
            "pattern": "^[0-9]{6}$",
            "description": "The current code of the authenticator app; needed for dept_admin and sys_admin",
        },
    )


class GrantSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    scope_kind = fields.String(required=True, validate=validate.OneOf(SCOPE_KINDS))
    scope_id = fields.Integer(
        allow_none=True,
        strict=True,
        validate=_NODE_ID,
        metadata={"description": "The region, department or hall id; empty (null or absent) for the scope 'all'"},
    )

    @validates_schema
    def _scope_id_fits_kind(self, data: dict, **_kwargs: object) -> None:
        kind, scope_id = data.get("scope_kind"), data.get("scope_id")
        if kind == ALL and scope_id is not None:
            raise ValidationError("Must be empty for the scope 'all'.", "scope_id")
        if kind not in (None, ALL) and scope_id is None:
            raise ValidationError(f"Required for the scope '{kind}'.", "scope_id")


class RolesRequestSchema(Schema):
    roles = fields.List(
        fields.Nested(GrantSchema),
        required=True,
        validate=validate.Length(max=50),
        metadata={"description": "The complete new set of roles; an empty list removes them all"},
    )


class StaffSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    display_name = fields.String(required=True)
    roles = fields.List(fields.Nested(GrantSchema), required=True)
    totp_enrolled = fields.Boolean(required=True)
    disabled_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime(required=True)


class StaffLoginSchema(TokensSchema):
    staff = fields.Nested(StaffSchema, required=True)


class StaffCreateRequestSchema(Schema):
    username = fields.String(
        required=True,
        validate=validate.Regexp(r"[a-z0-9][a-z0-9._-]{2,63}\Z", error="3-64 characters: a-z, 0-9, '.', '_' or '-'."),
        metadata={"pattern": "^[a-z0-9][a-z0-9._-]{2,63}$", "example": "li.wei"},
    )
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=staff.DISPLAY_NAME_MAX))
    password = fields.String(
        required=True,
        validate=validate.Length(min=staff.PASSWORD_MIN, max=staff.PASSWORD_MAX),
        metadata={"format": "password"},
    )


class TotpEnrolmentSchema(Schema):
    otpauth_uri = fields.String(
        required=True,
        metadata={"description": "Scan into the authenticator app; shown this once", "example": "otpauth://totp/…"},
    )


StaffListSchema = page_schema(StaffSchema, "StaffListSchema")


class RevealRequestSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(min=staff.REASON_MIN, max=staff.REASON_MAX),
        metadata={"description": "Why you need the full values; kept in the audit log", "example": "窗口核验本人身份"},
    )
    fields_ = fields.List(
        fields.String(validate=validate.OneOf(staff.REVEALABLE)),
        required=True,
        data_key="fields",
        validate=validate.Length(min=1, max=len(staff.REVEALABLE)),
    )


class RevealSchema(Schema):
    """Only the fields asked for are present."""

    resident_id = fields.Integer(required=True)
    phone = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    id_number = fields.String(allow_none=True)


class DeviceSchema(Schema):
    id = fields.Integer(required=True)
    hall_id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"enum": list(devices.KINDS)})
    name = fields.String(required=True)


class AdminDeviceSchema(DeviceSchema):
    created_at = fields.DateTime(required=True)
    last_seen_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class DeviceCreateRequestSchema(Schema):
    hall_id = fields.Integer(required=True, strict=True, validate=_NODE_ID)
    kind = fields.String(required=True, validate=validate.OneOf(devices.KINDS))
    name = fields.String(required=True, validate=validate.Length(min=1, max=devices.NAME_MAX))


class RegisteredDeviceSchema(AdminDeviceSchema):
    token = fields.String(
        required=True, metadata={"description": f"Send as {devices.TOKEN_PREFIX}… in X-Device-Token; shown this once"}
    )


DeviceListSchema = page_schema(AdminDeviceSchema, "DeviceListSchema")
