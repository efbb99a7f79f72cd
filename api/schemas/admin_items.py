"""Service items as their department admins edit them: the import format, plus publication status."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.fields import DomainCheckedSchema
from api.schemas.paging import PageQuerySchema, page_schema
from app.services.catalog_rules import AUDIENCES, MATERIAL_FORMS, PROCESSING_TYPES


class FeeLineBodySchema(Schema):
    name = fields.String(required=True)
    amount_fen = fields.Integer(required=True, metadata={"description": "In fen (分): 100 is ¥1.00"})
    basis = fields.String(required=True, metadata={"description": "The legal basis for charging"})


class FeeBodySchema(Schema):
    free = fields.Boolean(required=True, metadata={"description": "true: 不收费 (then no lines)"})
    lines = fields.List(fields.Nested(FeeLineBodySchema), required=True)


class StepBodySchema(Schema):
    name = fields.String(required=True)
    description = fields.String()


class SpecialProcedureBodySchema(Schema):
    name = fields.String(required=True)
    days = fields.Integer(required=True, metadata={"description": "Working days"})
    counts_toward_limit = fields.Boolean(required=True, metadata={"description": "计入办理时限"})
    basis = fields.String()


class QuestionBodySchema(Schema):
    q = fields.String(required=True)
    a = fields.String(required=True)


class MaterialBodySchema(Schema):
    name = fields.String(required=True)
    count = fields.Integer(load_default=1)
    form = fields.String(required=True, validate=validate.OneOf(MATERIAL_FORMS))
    source = fields.String(allow_none=True, metadata={"description": "Who issues it"})
    required = fields.Boolean(load_default=True)
    condition = fields.String(allow_none=True, metadata={"description": "情形: required when not `required`"})
    notes = fields.String(allow_none=True)
    sample_url = fields.String(allow_none=True, metadata={"description": "https:// or a path: a blank form or sample"})
    upload = fields.Boolean(load_default=False, metadata={"description": "Uploaded with an online application"})


class ItemUpdateSchema(DomainCheckedSchema):
    """The whole item: every field is replaced (absent optional fields take their defaults)."""

    department = fields.String(required=True, metadata={"description": "Department code"})
    name = fields.String(required=True)
    sub_item = fields.String(allow_none=True)
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))
    themes = fields.List(fields.String())
    keywords = fields.List(fields.String(), metadata={"description": "Synonyms residents search by"})
    legal_basis = fields.String()
    processing_type = fields.String(required=True, validate=validate.OneOf(PROCESSING_TYPES))
    legal_days = fields.Integer(metadata={"description": "Working days; 0 when none is set by law"})
    promised_days = fields.Integer(metadata={"description": "Working days; 0 for 即办件"})
    fee = fields.Nested(FeeBodySchema, required=True)
    visits = fields.Integer(validate=validate.Range(0, 2), metadata={"description": "0 全程网办, 1 最多跑一次, 2"})
    online = fields.Boolean()
    appointment = fields.Boolean()
    assurance_level = fields.Integer(validate=validate.Range(1, 3))
    conditions = fields.List(fields.String())
    steps = fields.List(fields.Nested(StepBodySchema))
    special_procedures = fields.List(fields.Nested(SpecialProcedureBodySchema))
    faq = fields.List(fields.Nested(QuestionBodySchema))
    consult_phone = fields.String(allow_none=True)
    complaint_phone = fields.String(allow_none=True)
    materials = fields.List(fields.Nested(MaterialBodySchema), required=True)
    application_form = fields.List(
        fields.Dict(),
        metadata={"description": "The online application's fields: see docs/catalog.md#application-forms"},
    )


class ItemCreateSchema(ItemUpdateSchema):
    code = fields.String(required=True, metadata={"description": "事项编码, unique"})


class AdminItemSchema(Schema):
    code = fields.String(required=True, attribute="draft.code")
    status = fields.String(
        required=True, metadata={"description": "draft (never published), published, or changed (edits not live)"}
    )
    updated_at = fields.DateTime(required=True, attribute="draft.updated_at")
    published_at = fields.DateTime(allow_none=True)
    item = fields.Nested(ItemCreateSchema, required=True, attribute="document", metadata={"description": "The draft"})


class AdminItemSummarySchema(Schema):
    code = fields.String(required=True, attribute="draft.code")
    name = fields.String(required=True, attribute="draft.name")
    department = fields.String(required=True, attribute="draft.department.code")
    status = fields.String(required=True)
    updated_at = fields.DateTime(required=True, attribute="draft.updated_at")
    published_at = fields.DateTime(allow_none=True)


AdminItemPageSchema = page_schema(AdminItemSummarySchema, "AdminItemPage")


class AdminItemQuerySchema(PageQuerySchema):
    department = fields.String(validate=validate.Length(max=64), metadata={"description": "Department code"})
    q = fields.String(validate=validate.Length(min=1, max=50), metadata={"description": "中文, pinyin or initials"})
