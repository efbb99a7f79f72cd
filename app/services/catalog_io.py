"""Load and dump the catalog in the documented JSON format (``palmgov-catalog``, version 1).

``import_catalog`` is idempotent: every object is found by its code and updated, or
created. Items are written as drafts and, unless told otherwise, published. A bad
reference or value raises ``InvalidInput`` naming where it is (``items[3].department``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.errors import InvalidInput
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import (
    REGION_LEVELS,
    Department,
    Hall,
    Material,
    QueueCategory,
    Region,
    ServiceItem,
    Window,
)
from app.services import audit
from app.services.catalog_search import item_search_text

FORMAT, VERSION = "palmgov-catalog", 1
ITEM_FIELDS = (
    "name", "sub_item", "audience", "themes", "keywords", "legal_basis", "processing_type", "legal_days",
    "promised_days", "fee", "visits", "online", "appointment", "assurance_level", "conditions", "steps",
    "special_procedures", "faq", "consult_phone", "complaint_phone",
)  # fmt: skip
MATERIAL_FIELDS = ("name", "count", "form", "source", "required", "condition", "notes")
HALL_FIELDS = ("name", "address", "latitude", "longitude", "timezone", "phone", "hours", "closed_days", "special_days")


def _invalid(where: str, problem: str) -> InvalidInput:
    return InvalidInput(details={"fields": {where: [problem]}})


def _by_code(model: type, code: object, where: str) -> Any:
    found = db.session.scalar(select(model).where(model.code == code))
    if found is None:
        raise _invalid(where, f"Unknown code {code!r}.")
    return found


def _upsert(model: type, code: str, **values: Any) -> Any:
    row = db.session.scalar(select(model).where(model.code == code)) or model(code=code)
    for name, value in values.items():
        setattr(row, name, value)
    db.session.add(row)
    db.session.flush()
    return row


def _each(data: dict, key: str, load: Callable[[str, dict], None]) -> int:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise _invalid(key, "Must be a list.")
    for index, entry in enumerate(entries):
        where = f"{key}[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str) or not entry["code"]:
            raise _invalid(where, "Must be an object with a code.")
        try:
            load(where, entry)
        except KeyError as exc:
            raise _invalid(f"{where}.{exc.args[0]}", "Missing data for required field.") from exc
    return len(entries)


def import_catalog(data: dict, *, publish: bool = True, actor: audit.Actor = audit.SYSTEM) -> dict[str, int]:
    """Load a catalog document; commits once, at the end, or not at all."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise _invalid("format", f"Expected format {FORMAT!r} version {VERSION}.")
    counts = {
        "regions": _each(data, "regions", _load_region),
        "departments": _each(data, "departments", _load_department),
        "items": _each(data, "items", lambda where, entry: _load_item(where, entry, publish, actor)),
        "halls": _each(data, "halls", _load_hall),
    }
    db.session.commit()
    return counts


def _load_region(where: str, entry: dict) -> None:
    if entry["level"] not in REGION_LEVELS:
        raise _invalid(f"{where}.level", f"Must be one of {', '.join(REGION_LEVELS)}.")
    parent = _by_code(Region, entry["parent"], f"{where}.parent") if entry.get("parent") else None
    _upsert(Region, entry["code"], name=entry["name"], level=entry["level"], parent=parent)


def _load_department(where: str, entry: dict) -> None:
    region = _by_code(Region, entry["region"], f"{where}.region")
    _upsert(Department, entry["code"], name=entry["name"], region=region, phone=entry.get("phone"))


def _load_item(where: str, entry: dict, publish: bool, actor: audit.Actor) -> None:
    department = _by_code(Department, entry["department"], f"{where}.department")
    draft = _item_row(entry["code"], "draft") or ServiceItem(code=entry["code"], state="draft")
    wanted = {name: entry.get(name, getattr(draft, name)) for name in ITEM_FIELDS}
    materials = [{name: material.get(name) for name in MATERIAL_FIELDS} for material in entry["materials"]]
    changed = (
        draft.id is None
        or draft.department_id != department.id
        or wanted != {name: getattr(draft, name) for name in ITEM_FIELDS}
        or materials != _materials_of(draft)
    )
    if changed:  # re-importing the same document changes nothing (and publishes nothing)
        for name, value in wanted.items():
            setattr(draft, name, value)
        draft.department = department
        draft.materials = [Material(position=position, **values) for position, values in enumerate(materials)]
        draft.search_text = item_search_text(draft)
        draft.updated_at = utcnow()
        db.session.add(draft)
        db.session.flush()
    if publish and (changed or _item_row(entry["code"], "published") is None):
        publish_item(draft, actor)


def _item_row(code: str, state: str) -> ServiceItem | None:
    return db.session.scalar(select(ServiceItem).where(ServiceItem.code == code, ServiceItem.state == state))


def _materials_of(item: ServiceItem) -> list[dict[str, Any]]:
    return [{name: getattr(material, name) for name in MATERIAL_FIELDS} for material in item.materials]


def publish_item(draft: ServiceItem, actor: audit.Actor) -> ServiceItem:
    """Copy a draft over the published row (in the caller's transaction); audited."""
    published = _item_row(draft.code, "published") or ServiceItem(code=draft.code, state="published")
    for name in (*ITEM_FIELDS, "department_id", "search_text"):
        setattr(published, name, getattr(draft, name))
    published.materials = [
        Material(position=m.position, sample_url=m.sample_url, **{name: getattr(m, name) for name in MATERIAL_FIELDS})
        for m in draft.materials
    ]
    published.updated_at = draft.updated_at
    published.published_at = utcnow()
    db.session.add(published)
    db.session.flush()
    audit.record("item.publish", actor, object_type="service_item", object_id=draft.code)
    return published


def _load_hall(where: str, entry: dict) -> None:
    region = _by_code(Region, entry["region"], f"{where}.region")
    hall = _upsert(
        Hall, entry["code"], region=region, **{name: entry.get(name) for name in HALL_FIELDS if name in entry}
    )
    categories: dict[str, QueueCategory] = {category.prefix: category for category in hall.categories}
    for index, spec in enumerate(entry.get("categories", [])):
        for code in spec["items"]:
            _item_exists(code, f"{where}.categories[{index}].items")
        category = categories.get(spec["prefix"]) or QueueCategory(hall=hall, prefix=spec["prefix"])
        category.name, category.item_codes = spec["name"], list(spec["items"])
        db.session.add(category)
        categories[spec["prefix"]] = category
    windows = {window.number: window for window in hall.windows}
    for index, spec in enumerate(entry.get("windows", [])):
        unknown = [prefix for prefix in spec["categories"] if prefix not in categories]
        if unknown:
            raise _invalid(f"{where}.windows[{index}].categories", f"Unknown categories {', '.join(unknown)}.")
        window = windows.get(spec["number"]) or Window(hall=hall, number=spec["number"])
        window.accessible = bool(spec.get("accessible", False))
        window.categories = [categories[prefix] for prefix in spec["categories"]]
        db.session.add(window)
    db.session.flush()


def _item_exists(code: str, where: str) -> None:
    if db.session.scalar(select(ServiceItem.id).where(ServiceItem.code == code).limit(1)) is None:
        raise _invalid(where, f"Unknown item code {code!r}.")


def export_catalog() -> dict[str, Any]:
    """The published catalog as a document ``import_catalog`` reads back."""
    regions = db.session.scalars(select(Region).order_by(Region.id)).all()
    items = db.session.scalars(
        select(ServiceItem).where(ServiceItem.state == "published").order_by(ServiceItem.code)
    ).all()
    return {
        "format": FORMAT,
        "version": VERSION,
        "regions": [
            {"code": r.code, "name": r.name, "level": r.level, "parent": r.parent.code if r.parent else None}
            for r in regions
        ],
        "departments": [
            {"code": d.code, "name": d.name, "region": d.region.code, "phone": d.phone}
            for d in db.session.scalars(select(Department).order_by(Department.id))
        ],
        "halls": [_hall_document(hall) for hall in db.session.scalars(select(Hall).order_by(Hall.id))],
        "items": [_item_document(item) for item in items],
    }


def _hall_document(hall: Hall) -> dict[str, Any]:
    return {
        "code": hall.code,
        "region": hall.region.code,
        **{name: getattr(hall, name) for name in HALL_FIELDS},
        "categories": [{"prefix": c.prefix, "name": c.name, "items": c.item_codes} for c in hall.categories],
        "windows": [
            {"number": w.number, "categories": [c.prefix for c in w.categories], "accessible": w.accessible}
            for w in hall.windows
        ],
    }


def _item_document(item: ServiceItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "department": item.department.code,
        **{name: getattr(item, name) for name in ITEM_FIELDS},
        "materials": _materials_of(item),
    }
