"""Paged lists: ``?page=1&page_size=20`` in, ``{"items", "total", "total_capped", "page", "page_size"}`` out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.fields import AsciiInteger
from app.services.paging import MAX_PAGE_SIZE


class PageQuerySchema(Schema):
    page = AsciiInteger(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = AsciiInteger(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """The list body for ``item``."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "total": fields.Integer(required=True),
            "total_capped": fields.Boolean(
                required=True,
                metadata={
                    "description": "True when the list counts only up to a limit and there are more: `total` is "
                    "then that limit (show it as 1000+), and pages go on while they are full."
                },
            ),
            "page": fields.Integer(required=True),
            "page_size": fields.Integer(required=True),
        },
        name=name,
    )
