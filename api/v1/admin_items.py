"""Catalog administration: service items and their materials (dept_admin, within their departments).

Items of departments outside the caller's scope answer 404, like missing ones.
"""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.admin_items import (
    AdminItemPageSchema,
    AdminItemQuerySchema,
    AdminItemSchema,
    ItemCreateSchema,
    ItemUpdateSchema,
)
from app.services import catalog_items
from app.services.paging import Page
from app.services.scopes import DEPT_ADMIN

blp = Blueprint(
    "admin_items", __name__, url_prefix="/api/v1/admin/items", description="Catalog administration: items (dept_admin)"
)


@blp.get("")
@blp.staff_required(DEPT_ADMIN)
@blp.arguments(AdminItemQuerySchema, location="query")
@blp.response(200, AdminItemPageSchema)
def list_items(query: dict) -> Page[catalog_items.AdminItem]:
    """The items of your departments (drafts, with their publication status), by code."""
    return catalog_items.list_items(
        current_staff(),
        department=query.get("department"),
        q=query.get("q"),
        page=query["page"],
        page_size=query["page_size"],
    )


@blp.post("")
@blp.staff_required(DEPT_ADMIN)
@blp.arguments(ItemCreateSchema)
@blp.response(201, AdminItemSchema)
@blp.errors(400, 409)
def create_item(data: dict) -> catalog_items.AdminItem:
    """Create an item as a draft; residents see it once it is published."""
    return catalog_items.create(data, current_staff())


@blp.get("/<string:code>")
@blp.staff_required(DEPT_ADMIN)
@blp.response(200, AdminItemSchema)
@blp.errors(404)
def get_item(code: str) -> catalog_items.AdminItem:
    return catalog_items.get(code, current_staff())


@blp.put("/<string:code>")
@blp.staff_required(DEPT_ADMIN)
@blp.arguments(ItemUpdateSchema)
@blp.response(200, AdminItemSchema)
@blp.errors(400, 404)
def update_item(data: dict, code: str) -> catalog_items.AdminItem:
    """Replace the draft: the guide and its materials. The published item changes only when you publish."""
    return catalog_items.update(code, data, current_staff())


@blp.post("/<string:code>/publish")
@blp.staff_required(DEPT_ADMIN)
@blp.response(200, AdminItemSchema)
@blp.errors(404)
def publish_item(code: str) -> catalog_items.AdminItem:
    """Make the draft what residents see (audited). Publishing an unchanged draft changes nothing."""
    return catalog_items.publish_draft(code, current_staff())


@blp.delete("/<string:code>")
@blp.staff_required(DEPT_ADMIN)
@blp.response(204)
@blp.errors(404, 409)
def withdraw_item(code: str) -> tuple[str, int]:
    """Withdraw the item (draft and published). Refused (409 ``IN_USE``) while a hall's queue lists it."""
    catalog_items.withdraw(code, current_staff())
    return "", 204
