"""Load and dump the catalog in the documented JSON format (``palmgov-catalog``, version 1).

``import_catalog`` is idempotent: every object is found by its code and updated, or
created. Items are written as drafts and, unless told otherwise, published. A bad
reference or value raises ``InvalidInput`` naming where it is (``items[3].department``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import select

from app.errors import InvalidInput
from app.extensions import db
from app.models.catalog import Department, Hall, QueueCategory, Region, ServiceItem, Window
from app.services import audit
from app.services.catalog_items import department_by_code, item_document, item_row, publish, save_draft
from app.services.catalog_rules import (
    HALL_FIELDS,
    check_region_parent,
    clean_category,
    clean_department,
    clean_hall,
    clean_item,
    clean_region,
    clean_window,
)

FORMAT, VERSION = "palmgov-catalog", 1


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


def _each(data: dict, key: str, load: Callable[[str, object], None]) -> int:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise _invalid(key, "Must be a list.")
    for index, entry in enumerate(entries):
        load(f"{key}[{index}]", entry)
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


def _load_region(where: str, entry: object) -> None:
    region = clean_region(entry, where)
    parent = _by_code(Region, region["parent"], f"{where}.parent") if region["parent"] else None
    check_region_parent(region["level"], parent.level if parent else None, where)
    _upsert(Region, region["code"], name=region["name"], level=region["level"], parent=parent)


def _load_department(where: str, entry: object) -> None:
    department = clean_department(entry, where)
    region = _by_code(Region, department["region"], f"{where}.region")
    _upsert(Department, department["code"], name=department["name"], region=region, phone=department["phone"])


def _load_item(where: str, entry: object, publish_it: bool, actor: audit.Actor) -> None:
    item = clean_item(entry, where)
    department = department_by_code(item["department"], f"{where}.department")
    draft, changed = save_draft(item["code"], item, department)
    # Re-importing the same document changes nothing, and publishes nothing.
    if publish_it and (changed or item_row(item["code"], "published") is None):
        publish(draft, actor)


def _load_hall(where: str, entry: object) -> None:
    cleaned = clean_hall(entry, where)
    region = _by_code(Region, cleaned["region"], f"{where}.region")
    hall = _upsert(Hall, cleaned["code"], region=region, **{name: cleaned[name] for name in HALL_FIELDS})
    categories: dict[str, QueueCategory] = {category.prefix: category for category in hall.categories}
    children = cast(dict, entry)  # clean_hall checked it is an object
    for index, spec in enumerate(children.get("categories") or []):
        category_where = f"{where}.categories[{index}]"
        cleaned_category = clean_category(spec, category_where)
        for position, code in enumerate(cleaned_category["items"]):
            _item_exists(code, f"{category_where}.items[{position}]")
        prefix = cleaned_category["prefix"]
        category = categories.get(prefix) or QueueCategory(hall=hall, prefix=prefix)
        category.name, category.item_codes = cleaned_category["name"], cleaned_category["items"]
        db.session.add(category)
        categories[prefix] = category
    windows = {window.number: window for window in hall.windows}
    for index, spec in enumerate(children.get("windows") or []):
        cleaned_window = clean_window(spec, f"{where}.windows[{index}]")
        unknown = [prefix for prefix in cleaned_window["categories"] if prefix not in categories]
        if unknown:
            raise _invalid(f"{where}.windows[{index}].categories", f"Unknown categories {', '.join(unknown)}.")
        window = windows.get(cleaned_window["number"]) or Window(hall=hall, number=cleaned_window["number"])
        window.accessible = cleaned_window["accessible"]
        window.categories = [categories[prefix] for prefix in cleaned_window["categories"]]
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
        "items": [item_document(item) for item in items],
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
