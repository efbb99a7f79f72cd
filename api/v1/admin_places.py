"""Catalog administration of places (sys_admin): regions, departments, halls, queue categories, windows.

Bodies are checked by the domain, which names every problem by its path. A record is managed
by an admin of the place it sits in (see ``app/services/catalog_places.py``); anything else
answers 404, like a missing object, and a region you do not manage is unknown in a body.
"""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.admin_places import (
    CategoryCreateRequestSchema,
    CategoryUpdateRequestSchema,
    DepartmentCreateRequestSchema,
    DepartmentUpdateRequestSchema,
    HallCreateRequestSchema,
    HallUpdateRequestSchema,
    RegionCreateRequestSchema,
    RegionUpdateRequestSchema,
    WindowCreateRequestSchema,
    WindowUpdateRequestSchema,
)
from api.schemas.catalog import CategorySchema, DepartmentSchema, HallDetailSchema, RegionSchema, WindowSchema
from app.models.catalog import Department, QueueCategory, Region, Window
from app.services import catalog_places
from app.services.catalog import HallView
from app.services.scopes import SYS_ADMIN

blp = Blueprint(
    "admin_places", __name__, url_prefix="/api/v1/admin", description="Catalog administration: places (sys_admin)"
)

NO_CONTENT = "", 204


# --- Regions ------------------------------------------------------------------------------------


@blp.post("/regions")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(RegionCreateRequestSchema)
@blp.response(201, RegionSchema)
@blp.errors(400, 409)
def create_region(data: dict) -> Region:
    """Add a region below one you manage (a root region needs scope `all`). A region sits below a higher level."""
    return catalog_places.create_region(data, admin=current_staff())


@blp.put("/regions/<code>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(RegionUpdateRequestSchema)
@blp.response(200, RegionSchema)
@blp.errors(400, 404)
def update_region(data: dict, code: str) -> Region:
    """Replace a region's name, level and parent. You manage the regions below your own scope's region."""
    return catalog_places.update_region(code, data, admin=current_staff())


@blp.delete("/regions/<code>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404, 409)
def delete_region(code: str) -> tuple[str, int]:
    """Delete a region nothing sits in (`409 IN_USE` names the sub-regions, departments, halls or roles)."""
    catalog_places.delete_region(code, admin=current_staff())
    return NO_CONTENT


# --- Departments --------------------------------------------------------------------------------


@blp.post("/departments")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(DepartmentCreateRequestSchema)
@blp.response(201, DepartmentSchema)
@blp.errors(400, 409)
def create_department(data: dict) -> Department:
    """Add a department in a region you manage."""
    return catalog_places.create_department(data, admin=current_staff())


@blp.put("/departments/<code>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(DepartmentUpdateRequestSchema)
@blp.response(200, DepartmentSchema)
@blp.errors(400, 404)
def update_department(data: dict, code: str) -> Department:
    """Replace a department's name, region and phone; moving it needs both regions in your scope."""
    return catalog_places.update_department(code, data, admin=current_staff())


@blp.delete("/departments/<code>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404, 409)
def delete_department(code: str) -> tuple[str, int]:
    """Delete a department without service items or roles scoped to it."""
    catalog_places.delete_department(code, admin=current_staff())
    return NO_CONTENT


# --- Halls --------------------------------------------------------------------------------------


@blp.post("/halls")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(HallCreateRequestSchema)
@blp.response(201, HallDetailSchema)
@blp.errors(400, 409)
def create_hall(data: dict) -> HallView:
    """Add a hall in a region you manage; then add its queue categories and windows."""
    return catalog_places.create_hall(data, admin=current_staff())


@blp.put("/halls/<id:hall_id>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(HallUpdateRequestSchema)
@blp.response(200, HallDetailSchema)
@blp.errors(400, 404)
def update_hall(data: dict, hall_id: int) -> HallView:
    """Replace a hall's fields (not its categories or windows); moving it needs both regions in your scope."""
    return catalog_places.update_hall(hall_id, data, admin=current_staff())


@blp.delete("/halls/<id:hall_id>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404, 409)
def delete_hall(hall_id: int) -> tuple[str, int]:
    """Delete a hall without categories, windows, devices or roles scoped to it."""
    catalog_places.delete_hall(hall_id, admin=current_staff())
    return NO_CONTENT


# --- Queue categories ---------------------------------------------------------------------------


@blp.post("/halls/<id:hall_id>/categories")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(CategoryCreateRequestSchema)
@blp.response(201, CategorySchema)
@blp.errors(400, 404, 409)
def create_category(data: dict, hall_id: int) -> QueueCategory:
    """Add a queue category (a line with its letter) to a hall; `items` are service item codes."""
    return catalog_places.create_category(hall_id, data, admin=current_staff())


@blp.put("/halls/<id:hall_id>/categories/<prefix>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(CategoryUpdateRequestSchema)
@blp.response(200, CategorySchema)
@blp.errors(400, 404)
def update_category(data: dict, hall_id: int, prefix: str) -> QueueCategory:
    """Replace a category's name and items."""
    return catalog_places.update_category(hall_id, prefix, data, admin=current_staff())


@blp.delete("/halls/<id:hall_id>/categories/<prefix>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404, 409)
def delete_category(hall_id: int, prefix: str) -> tuple[str, int]:
    """Delete a category; its windows stop serving it. Refused while it is some window's only category."""
    catalog_places.delete_category(hall_id, prefix, admin=current_staff())
    return NO_CONTENT


# --- Windows ------------------------------------------------------------------------------------


@blp.post("/halls/<id:hall_id>/windows")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(WindowCreateRequestSchema)
@blp.response(201, WindowSchema)
@blp.errors(400, 404, 409)
def create_window(data: dict, hall_id: int) -> Window:
    """Add a window serving some of the hall's categories (by prefix)."""
    return catalog_places.create_window(hall_id, data, admin=current_staff())


@blp.put("/halls/<id:hall_id>/windows/<number>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(WindowUpdateRequestSchema)
@blp.response(200, WindowSchema)
@blp.errors(400, 404)
def update_window(data: dict, hall_id: int, number: str) -> Window:
    """Replace the categories a window serves and whether it is accessible."""
    return catalog_places.update_window(hall_id, number, data, admin=current_staff())


@blp.delete("/halls/<id:hall_id>/windows/<number>")
@blp.staff_required(SYS_ADMIN)
@blp.response(204)
@blp.errors(404)
def delete_window(hall_id: int, number: str) -> tuple[str, int]:
    """Delete a window."""
    catalog_places.delete_window(hall_id, number, admin=current_staff())
    return NO_CONTENT
