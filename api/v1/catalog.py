"""The public catalog: regions, departments, halls, and service items with their guides."""

from __future__ import annotations

from flask import Response, render_template, request

from api.blueprint import Blueprint
from api.schemas.catalog import (
    ChecklistQuerySchema,
    ChecklistSchema,
    DepartmentListSchema,
    HallDetailSchema,
    HallListSchema,
    HallQuerySchema,
    ItemPageSchema,
    ItemQuerySchema,
    ItemSchema,
    RegionListSchema,
    RegionQuerySchema,
)
from app.services import catalog, checklist

blp = Blueprint(
    "catalog", __name__, url_prefix="/api/v1", description="Service catalog (办事指南)", template_folder="../templates"
)

# The guides and the item list are the same for everybody: caches keep them this long, so a published edit
# reaches every reader within a minute (docs/catalog.md).
PUBLIC_MAX_AGE = 60
CHECKLIST_200 = (
    "The checklist: JSON by default; a printable A4 page (text/html) with `format=html`, "
    "or when the Accept header prefers text/html to application/json"
)
# The printable page needs no script, font or frame: only its own inline styles.
CHECKLIST_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Vary": "Accept",
}


@blp.get("/regions")
@blp.response(200, RegionListSchema)
def list_regions() -> dict:
    """Every region, province to street; build the tree from ``parent``."""
    items = catalog.regions()
    return {"items": items, "total": len(items)}


@blp.get("/departments")
@blp.arguments(RegionQuerySchema, location="query")
@blp.response(200, DepartmentListSchema)
def list_departments(query: dict) -> dict:
    items = catalog.departments(query.get("region"))
    return {"items": items, "total": len(items)}


@blp.get("/halls")
@blp.arguments(HallQuerySchema, location="query")
@blp.response(200, HallListSchema)
def list_halls(query: dict) -> dict:
    """Halls with today's hours and whether they are open now; nearest first when ``near`` is given."""
    items = catalog.halls(query.get("region"), query.get("near"))
    return {"items": items, "total": len(items)}


@blp.get("/halls/<id:hall_id>")
@blp.response(200, HallDetailSchema)
@blp.errors(404)
def get_hall(hall_id: int) -> catalog.HallView:
    """A hall with its weekly hours, closures, queue categories and windows."""
    return catalog.hall(hall_id)


@blp.get("/items")
@blp.cached_publicly(max_age=PUBLIC_MAX_AGE)
@blp.arguments(ItemQuerySchema, location="query")
@blp.response(200, ItemPageSchema)
def list_items(query: dict) -> catalog.Page:
    """Published service items; ``q`` matches Chinese, full pinyin and initials ("shbk" finds 社保卡)."""
    page, page_size = query.pop("page"), query.pop("page_size")
    return catalog.items(catalog.ItemFilter(**query), page, page_size)


@blp.get("/items/<string:code>")
@blp.cached_publicly(max_age=PUBLIC_MAX_AGE)
@blp.response(200, ItemSchema)
@blp.errors(404)
def get_item(code: str) -> catalog.ItemGuide:
    """The full guide of one item, with its materials and the halls and queues that handle it."""
    return catalog.guide(code)


@blp.get("/items/<string:code>/checklist")
@blp.arguments(ChecklistQuerySchema, location="query")
@blp.response(200, ChecklistSchema, description=CHECKLIST_200)
@blp.alt_response(200, schema={"type": "string"}, content_type="text/html", description=CHECKLIST_200, success=True)
@blp.errors(404)
def get_checklist(query: dict, code: str) -> Response | tuple[checklist.Checklist, int, dict[str, str]]:
    """The 一次性告知单 of one item: JSON, or a page that prints on A4 (the link a reminder SMS carries)."""
    found = checklist.build(code)
    if _wants_html(query.get("format")):
        page = render_template("checklist.html", checklist=found)
        return Response(page, mimetype="text/html", headers=CHECKLIST_HTML_HEADERS)
    return found, 200, {"Vary": "Accept"}


def _wants_html(format_: str | None) -> bool:
    if format_ is not None:
        return format_ == "html"
    # JSON first: on a tie (*/*, or both listed alike) the API answers JSON.
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"
