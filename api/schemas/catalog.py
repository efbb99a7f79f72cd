"""Catalog bodies: regions, departments, halls, and service items with their guide."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from api.schemas.fields import AsciiInteger
from api.schemas.paging import PageQuerySchema, page_schema
from app.models.base import MAX_ID

_LAT = r"-?(?:[0-8]?[0-9](?:\.[0-9]{1,8})?|90(?:\.0{1,8})?)"
_LNG = r"-?(?:(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]{1,8})?|180(?:\.0{1,8})?)"
_NEAR = re.compile(f"({_LAT}),({_LNG})")


class NearField(fields.String):
    """``lat,lng`` in decimal degrees -> (lat, lng)."""

    def _deserialize(self, value: object, attr: str | None, data: object, **kwargs: object) -> tuple[float, float]:
        match = _NEAR.fullmatch(value) if isinstance(value, str) else None
        if not match:
            raise ValidationError("Give latitude,longitude in decimal degrees, e.g. 30.27,120.15.")
        return float(match[1]), float(match[2])


class RegionSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    level = fields.String(required=True, metadata={"description": "province, city, district or street"})
    parent = fields.Function(lambda region: region.parent.code if region.parent else None, allow_none=True)


class RegionListSchema(Schema):
    items = fields.List(fields.Nested(RegionSchema), required=True)
    total = fields.Integer(required=True)


class RegionQuerySchema(Schema):
    region = fields.String(validate=validate.Length(max=12), metadata={"description": "行政区划代码"})


class DepartmentSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    region = fields.Function(lambda department: department.region.code, required=True)
    phone = fields.String(allow_none=True)


class DepartmentListSchema(Schema):
    items = fields.List(fields.Nested(DepartmentSchema), required=True)
    total = fields.Integer(required=True)


class HallQuerySchema(RegionQuerySchema):
    near = NearField(
        metadata={
            "description": "latitude,longitude: sort by distance",
            "example": "30.27,120.15",
            "pattern": f"^{_NEAR.pattern}$",
        }
    )


class CategorySchema(Schema):
    prefix = fields.String(required=True)
    name = fields.String(required=True)
    items = fields.List(fields.String(), required=True, attribute="item_codes")


class WindowSchema(Schema):
    number = fields.String(required=True)
    accessible = fields.Boolean(required=True)
    categories = fields.Function(lambda window: [category.prefix for category in window.categories])


class HallSchema(Schema):
    id = fields.Integer(required=True, attribute="hall.id")
    code = fields.String(required=True, attribute="hall.code")
    name = fields.String(required=True, attribute="hall.name")
    region = fields.Function(lambda view: view.hall.region.code)
    address = fields.String(required=True, attribute="hall.address")
    latitude = fields.Float(allow_none=True, attribute="hall.latitude")
    longitude = fields.Float(allow_none=True, attribute="hall.longitude")
    timezone = fields.String(required=True, attribute="hall.timezone")
    phone = fields.String(allow_none=True, attribute="hall.phone")
    today = fields.Date(required=True, metadata={"description": "The hall's date, in its timezone"})
    today_hours = fields.List(fields.List(fields.String()), required=True, metadata={"example": [["09:00", "12:00"]]})
    open_now = fields.Boolean(required=True)
    distance_m = fields.Integer(allow_none=True, metadata={"description": "Metres from `near`, when given"})


class HallDetailSchema(HallSchema):
    hours = fields.Dict(attribute="hall.hours", metadata={"description": "Weekly hours: mon…sun -> [[open, close]]"})
    closed_days = fields.List(fields.String(), attribute="hall.closed_days")
    special_days = fields.List(fields.Dict(), attribute="hall.special_days")
    categories = fields.List(fields.Nested(CategorySchema), attribute="hall.categories")
    windows = fields.List(fields.Nested(WindowSchema), attribute="hall.windows")


class HallListSchema(Schema):
    items = fields.List(fields.Nested(HallSchema), required=True)
    total = fields.Integer(required=True)


class ItemQuerySchema(PageQuerySchema):
    q = fields.String(validate=validate.Length(min=1, max=50), metadata={"description": "中文, pinyin or initials"})
    theme = fields.String(validate=validate.Length(max=32))
    department = fields.String(validate=validate.Length(max=32), metadata={"description": "Department code"})
    audience = fields.String(validate=validate.OneOf(("personal", "legal_person")))
    hall = AsciiInteger(validate=validate.Range(min=1, max=MAX_ID))
    online = fields.Boolean()


class ItemSummarySchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    sub_item = fields.String(allow_none=True)
    department = fields.String(required=True, attribute="department.name")
    audience = fields.String(required=True)
    themes = fields.List(fields.String(), required=True)
    processing_type = fields.String(required=True, metadata={"description": "immediate (即办件) or promised (承诺件)"})
    promised_days = fields.Integer(required=True)
    visits = fields.Integer(required=True, metadata={"description": "0 fully online, 1 最多跑一次, 2"})
    online = fields.Boolean(required=True)
    appointment = fields.Boolean(required=True)
    assurance_level = fields.Integer(required=True)


ItemPageSchema = page_schema(ItemSummarySchema, "ItemPage")


class MaterialSchema(Schema):
    name = fields.String(required=True)
    count = fields.Integer(required=True)
    form = fields.String(required=True, metadata={"description": "original, copy or electronic"})
    source = fields.String(allow_none=True)
    required = fields.Boolean(required=True)
    condition = fields.String(allow_none=True, metadata={"description": "情形: when this material is needed"})
    notes = fields.String(allow_none=True)
    sample_url = fields.String(allow_none=True)
    upload = fields.Boolean(required=True, metadata={"description": "Uploaded with an online application"})


class HandledAtSchema(Schema):
    hall_id = fields.Integer(required=True)
    hall = fields.String(required=True)
    category = fields.String(required=True, metadata={"description": "Queue category prefix, e.g. A"})
    category_name = fields.String(required=True)


class ItemSchema(ItemSummarySchema):
    """The full guide (办事指南) with the 一次性告知 list."""

    department_code = fields.String(required=True, attribute="department.code")
    keywords = fields.List(fields.String(), required=True)
    legal_basis = fields.String(required=True)
    legal_days = fields.Integer(required=True)
    fee = fields.Dict(required=True, metadata={"example": {"free": True, "lines": []}})
    conditions = fields.List(fields.String(), required=True)
    steps = fields.List(fields.Dict(), required=True)
    special_procedures = fields.List(fields.Dict(), required=True)
    faq = fields.List(fields.Dict(), required=True)
    consult_phone = fields.String(allow_none=True)
    complaint_phone = fields.String(allow_none=True)
    materials = fields.List(fields.Nested(MaterialSchema), required=True)
    application_form = fields.List(
        fields.Dict(), required=True, metadata={"description": "What an online application asks (empty: no form)"}
    )
    handled_at = fields.List(fields.Nested(HandledAtSchema), required=True)
    published_at = fields.DateTime(allow_none=True)


class ChecklistQuerySchema(Schema):
    format = fields.String(
        validate=validate.OneOf(("json", "html")),
        metadata={"description": "json or html (a printable A4 page); without it, the Accept header decides"},
    )


class ChecklistMaterialSchema(MaterialSchema):
    """A material as the checklist lists it: under 必交 or 视情形 instead of with a ``required`` flag."""

    class Meta:
        exclude = ("required",)

    form_label = fields.String(required=True, metadata={"description": "原件, 复印件 or 电子件"})


class ChecklistFeeLineSchema(Schema):
    name = fields.String(required=True)
    amount_fen = fields.Integer(required=True)
    amount_label = fields.String(required=True, metadata={"example": "20.00 元"})
    basis = fields.String(allow_none=True)


class ChecklistFeeSchema(Schema):
    free = fields.Boolean(required=True)
    label = fields.String(required=True, metadata={"description": "不收费, or each line with its amount"})
    lines = fields.List(fields.Nested(ChecklistFeeLineSchema), required=True)


class ChecklistPlaceSchema(HandledAtSchema):
    address = fields.String(required=True)


class ChecklistSchema(Schema):
    """The 一次性告知单: everything to bring, split into required and conditional materials."""

    code = fields.String(required=True)
    name = fields.String(required=True)
    sub_item = fields.String(allow_none=True)
    department = fields.String(required=True)
    processing_type = fields.String(required=True, metadata={"description": "immediate or promised"})
    processing_type_label = fields.String(required=True, metadata={"description": "即办件 or 承诺件"})
    legal_days = fields.Integer(required=True)
    promised_days = fields.Integer(required=True)
    time_limit = fields.String(required=True, metadata={"description": "办理时限 in words"})
    fee = fields.Nested(ChecklistFeeSchema, required=True)
    visits = fields.Integer(required=True)
    visits_label = fields.String(required=True, metadata={"example": "最多跑一次"})
    handled_at = fields.List(fields.Nested(ChecklistPlaceSchema), required=True)
    consult_phone = fields.String(allow_none=True)
    complaint_phone = fields.String(allow_none=True)
    conditions = fields.List(fields.String(), required=True)
    required_materials = fields.List(fields.Nested(ChecklistMaterialSchema), required=True)
    conditional_materials = fields.List(fields.Nested(ChecklistMaterialSchema), required=True)
    published_at = fields.DateTime(allow_none=True)
    generated_at = fields.DateTime(required=True)
