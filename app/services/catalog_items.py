"""Editing service items: drafts, publishing, withdrawing (department admins, and the importer).

An item lives as a ``draft`` row and, once published, a ``published`` row with the same
code. Department admins edit the draft of items of departments in their scope; residents
see only the published row, which changes when the draft is published (audited). Item
bodies are in the import format (``catalog_rules.clean_item``): the department is named
by its code and materials come in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from app.errors import CodeTaken, InUse, InvalidInput, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Department, Material, QueueCategory, ServiceItem
from app.services import audit, catalog_search, scopes
from app.services.catalog_rules import ITEM_FIELDS, MATERIAL_FIELDS, clean_item
from app.services.paging import Page, paginate
from app.services.scopes import DEPT_ADMIN, StaffRights

DRAFT, PUBLISHED = "draft", "published"


def item_row(code: str, state: str) -> ServiceItem | None:
    return db.session.scalar(select(ServiceItem).where(ServiceItem.code == code, ServiceItem.state == state))


def materials_of(item: ServiceItem) -> list[dict[str, Any]]:
    return [{name: getattr(material, name) for name in MATERIAL_FIELDS} for material in item.materials]


def item_document(item: ServiceItem) -> dict[str, Any]:
    """An item in the import format."""
    return {
        "code": item.code,
        "department": item.department.code,
        **{name: getattr(item, name) for name in ITEM_FIELDS},
        "materials": materials_of(item),
    }


def department_by_code(code: str, where: str) -> Department:
    found = db.session.scalar(select(Department).where(Department.code == code))
    if found is None:
        raise InvalidInput(details={"fields": {where: [f"Unknown department {code!r}."]}})
    return found


def save_draft(code: str, cleaned: dict[str, Any], department: Department) -> tuple[ServiceItem, bool]:
    """Write ``cleaned`` (from ``clean_item``) into the item's draft, creating it; says whether anything changed.

    Flushes, does not commit. Saving what the draft already holds changes nothing.
    """
    draft = item_row(code, DRAFT) or ServiceItem(code=code, state=DRAFT)
    wanted = {name: cleaned[name] for name in ITEM_FIELDS}
    changed = (
        draft.id is None
        or draft.department_id != department.id
        or wanted != {name: getattr(draft, name) for name in ITEM_FIELDS}
        or cleaned["materials"] != materials_of(draft)
    )
    if changed:
        for name, value in wanted.items():
            setattr(draft, name, value)
        draft.department = department
        draft.materials = [Material(position=index, **values) for index, values in enumerate(cleaned["materials"])]
        draft.search_text = catalog_search.item_search_text(draft)
        draft.updated_at = utcnow()
        db.session.add(draft)
        db.session.flush()
    return draft, changed


def publish(draft: ServiceItem, actor: audit.Actor) -> ServiceItem:
    """Copy the draft over the published row (in the caller's transaction); audited."""
    published = item_row(draft.code, PUBLISHED) or ServiceItem(code=draft.code, state=PUBLISHED)
    for name in (*ITEM_FIELDS, "department_id", "search_text", "updated_at"):
        setattr(published, name, getattr(draft, name))
    published.materials = [
        Material(position=material.position, **{name: getattr(material, name) for name in MATERIAL_FIELDS})
        for material in draft.materials
    ]
    published.published_at = utcnow()
    db.session.add(published)
    db.session.flush()
    audit.record("item.publish", actor, object_type="service_item", object_id=draft.code)
    return published


# --- Department admins ------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminItem:
    """An item as its department admin sees it: the draft and where publication stands."""

    draft: ServiceItem
    published: ServiceItem | None

    @property
    def published_at(self) -> datetime | None:
        return self.published.published_at if self.published else None

    @property
    def status(self) -> str:
        """``draft`` (never published), ``published`` (the draft is live) or ``changed`` (edits not live yet)."""
        if self.published is None:
            return DRAFT
        return PUBLISHED if self.published.updated_at == self.draft.updated_at else "changed"

    @property
    def document(self) -> dict[str, Any]:
        return item_document(self.draft)


def _admin_item(draft: ServiceItem) -> AdminItem:
    return AdminItem(draft, item_row(draft.code, PUBLISHED))


def _covers(admin: StaffRights, department_id: int) -> bool:
    return admin.covers(scopes.department_path(department_id), DEPT_ADMIN)


def _managed_draft(code: str, admin: StaffRights) -> ServiceItem:
    draft = item_row(code, DRAFT)
    if draft is None or not _covers(admin, draft.department_id):
        raise NotFound()
    return draft


def list_items(
    admin: StaffRights, *, department: str | None, q: str | None, page: int, page_size: int
) -> Page[AdminItem]:
    """The drafts of the items in the admin's departments, by code."""
    statement: Select = select(ServiceItem).where(ServiceItem.state == DRAFT).order_by(ServiceItem.code)
    if department:
        statement = statement.join(Department).where(Department.code == department)
    if q:
        statement = statement.where(catalog_search.matches(q))
    mine = [
        department_id for department_id in db.session.scalars(select(Department.id)) if _covers(admin, department_id)
    ]
    found = paginate(statement.where(ServiceItem.department_id.in_(mine)), page, page_size)
    return Page([_admin_item(draft) for draft in found.items], found.total, found.page, found.page_size)


def get(code: str, admin: StaffRights) -> AdminItem:
    return _admin_item(_managed_draft(code, admin))


def create(entry: object, admin: StaffRights) -> AdminItem:
    """A new item, as a draft. Its department must be in the admin's scope (404 otherwise, like a missing one)."""
    cleaned = clean_item(entry)
    department = department_by_code(cleaned["department"], "department")
    if not _covers(admin, department.id):
        raise InvalidInput(details={"fields": {"department": [f"Unknown department {cleaned['department']!r}."]}})
    if db.session.scalar(select(ServiceItem.id).where(ServiceItem.code == cleaned["code"]).limit(1)) is not None:
        raise CodeTaken(details={"field": "code"})
    draft, _ = save_draft(cleaned["code"], cleaned, department)
    audit.record("item.create", admin.actor(DEPT_ADMIN), object_type="service_item", object_id=draft.code)
    db.session.commit()
    return _admin_item(draft)


def update(code: str, entry: object, admin: StaffRights) -> AdminItem:
    """Replace the draft (the published item does not change until it is published)."""
    draft = _managed_draft(code, admin)
    cleaned = clean_item(entry, with_code=False)
    department = department_by_code(cleaned["department"], "department")
    if not _covers(admin, department.id):  # moving an item needs both departments in scope
        raise InvalidInput(details={"fields": {"department": [f"Unknown department {cleaned['department']!r}."]}})
    before = draft.department.code
    draft, changed = save_draft(code, cleaned, department)
    if changed:
        details = {"department": [before, department.code]} if before != department.code else None
        audit.record(
            "item.update", admin.actor(DEPT_ADMIN), object_type="service_item", object_id=code, details=details
        )
    db.session.commit()
    return _admin_item(draft)


def publish_draft(code: str, admin: StaffRights) -> AdminItem:
    """Make the draft what residents see. Publishing an unchanged draft changes nothing."""
    draft = _managed_draft(code, admin)
    item = _admin_item(draft)
    if item.status != PUBLISHED:
        publish(draft, admin.actor(DEPT_ADMIN))
        db.session.commit()
        item = _admin_item(draft)
    return item


def withdraw(code: str, admin: StaffRights) -> None:
    """Remove the item (draft and published) from the catalog; refused while a hall's queue still lists it."""
    draft = _managed_draft(code, admin)
    lines = [
        f"{category.hall.code}/{category.prefix}"
        for category in db.session.scalars(select(QueueCategory).order_by(QueueCategory.id))
        if code in category.item_codes
    ]
    if lines:
        raise InUse(details={"used_by": {"queue_categories": lines}})
    published = item_row(code, PUBLISHED)
    for row in (draft, published):
        if row is not None:
            db.session.delete(row)
    audit.record("item.withdraw", admin.actor(DEPT_ADMIN), object_type="service_item", object_id=code)
    db.session.commit()
