"""Request bodies of the places administration (regions, departments, halls, categories, windows).

Their rules live in the domain (``app/services/catalog_rules.py``, which the importer shares),
so these schemas only describe the bodies for the OpenAPI spec (``DomainCheckedSchema`` hands
any JSON object on as sent, and the domain names every problem by its full path, such as
``special_days[1].hours[0]``). The validators and patterns below only document the rules.
"""

from __future__ import annotations

import re

from marshmallow import Schema, fields, validate

from api.schemas.fields import DomainCheckedSchema
from app.models.catalog import REGION_LEVELS
from app.services import catalog_rules, checks


def _pattern(regex: re.Pattern[str], **metadata: str) -> dict[str, str]:
    """The rule's regular expression as an OpenAPI ``pattern`` (anchored at both ends)."""
    source = regex.pattern.removesuffix(r"\Z")
    return {"pattern": f"^{source}$", **metadata}


def _spans() -> fields.List:
    return fields.List(
        fields.List(fields.String(metadata=_pattern(catalog_rules.HHMM_RE)), validate=validate.Length(2, 2)),
        validate=validate.Length(max=4),
        metadata={"example": [["09:00", "12:00"], ["13:30", "17:00"]]},
    )


class RegionUpdateRequestSchema(DomainCheckedSchema):
    name = fields.String(required=True, validate=validate.Length(1, 64))
    level = fields.String(required=True, validate=validate.OneOf(REGION_LEVELS))
    parent = fields.String(
        allow_none=True,
        metadata=_pattern(
            checks.REGION_CODE_RE,
            description="The parent region's code; null for a root region (scope `all` only)",
        ),
    )


class RegionCreateRequestSchema(RegionUpdateRequestSchema):
    code = fields.String(required=True, metadata=_pattern(checks.REGION_CODE_RE, description="行政区划代码"))


class DepartmentUpdateRequestSchema(DomainCheckedSchema):
    name = fields.String(required=True, validate=validate.Length(1, 128))
    region = fields.String(required=True, metadata=_pattern(checks.REGION_CODE_RE, description="The region's code"))
    phone = fields.String(allow_none=True, metadata=_pattern(catalog_rules.PHONE_RE))


class DepartmentCreateRequestSchema(DepartmentUpdateRequestSchema):
    code = fields.String(required=True, metadata=_pattern(catalog_rules.CODE_RE))


class WeeklyHoursSchema(Schema):
    mon = _spans()
    tue = _spans()
    wed = _spans()
    thu = _spans()
    fri = _spans()
    sat = _spans()
    sun = _spans()


class SpecialDayRequestSchema(Schema):
    date = fields.Date(required=True)
    hours = _spans()
    note = fields.String(validate=validate.Length(max=128))


class HallUpdateRequestSchema(DomainCheckedSchema):
    region = fields.String(required=True, metadata=_pattern(checks.REGION_CODE_RE, description="The region's code"))
    name = fields.String(required=True, validate=validate.Length(1, 128))
    address = fields.String(required=True, validate=validate.Length(1, 255))
    latitude = fields.Float(
        allow_none=True, validate=validate.Range(-90, 90), metadata={"description": "With longitude"}
    )
    longitude = fields.Float(allow_none=True, validate=validate.Range(-180, 180))
    timezone = fields.String(metadata={"description": "IANA name; Asia/Shanghai when absent"})
    phone = fields.String(allow_none=True, metadata=_pattern(catalog_rules.PHONE_RE))
    hours = fields.Nested(
        WeeklyHoursSchema, metadata={"description": "Opening spans per weekday; a day left out is closed"}
    )
    closed_days = fields.List(fields.Date(), validate=validate.Length(max=366))
    special_days = fields.List(
        fields.Nested(SpecialDayRequestSchema),
        validate=validate.Length(max=checks.MAX_LIST),
        metadata={"description": "Days with their own hours (before closures and holidays)"},
    )


class HallCreateRequestSchema(HallUpdateRequestSchema):
    code = fields.String(required=True, metadata=_pattern(catalog_rules.CODE_RE))


class CategoryUpdateRequestSchema(DomainCheckedSchema):
    name = fields.String(required=True, validate=validate.Length(1, 64))
    items = fields.List(
        fields.String(validate=validate.Length(1, 64)),
        validate=validate.Length(max=checks.MAX_LIST),
        metadata={"description": "Codes of the service items this line handles"},
    )


class CategoryCreateRequestSchema(CategoryUpdateRequestSchema):
    prefix = fields.String(required=True, metadata=_pattern(catalog_rules.PREFIX_RE, description="One capital letter"))


class WindowUpdateRequestSchema(DomainCheckedSchema):
    categories = fields.List(
        fields.String(metadata=_pattern(catalog_rules.PREFIX_RE)),
        required=True,
        validate=validate.Length(1, checks.MAX_LIST),
        metadata={"description": "Prefixes of this hall's categories the window serves"},
    )
    accessible = fields.Boolean(metadata={"description": "无障碍/爱心窗口; false when absent"})


class WindowCreateRequestSchema(WindowUpdateRequestSchema):
    number = fields.String(required=True, metadata=_pattern(catalog_rules.WINDOW_RE))
