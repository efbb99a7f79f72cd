"""Catalog administration of places (sys_admin): regions, departments, halls, queue categories, windows.

Entries are checked by ``catalog_rules``, the importer's rules too. An update replaces every
editable field (codes, prefixes and window numbers never change). Each change writes an
audit row in its own transaction.

A record is managed by an admin who covers the place it sits in: a region by an admin of a
region above it (a root region needs scope ``all``), a department or hall by an admin of its
region or above, a hall's categories and windows by an admin of the hall or above. Moving a
record needs both the old and the new place. Out of scope looks like missing: the object in
the URL is ``NotFound``, a region named in the body is an unknown region.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.errors import CodeTaken, InUse, InvalidInput, NotFound
from app.extensions import db
from app.models.catalog import REGION_LEVELS, Department, Hall, QueueCategory, Region, ServiceItem, Window
from app.models.identity import Device, StaffRole
from app.services import audit, catalog, catalog_rules, scopes
from app.services.scopes import SYS_ADMIN, Path, StaffRights

Fields = dict[str, Any]


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(details={"fields": {field: [message]}})


def _changes(before: Fields, after: Fields) -> Fields:
    """The before and after of the fields that differ, for the audit row."""
    changed = [name for name in after if before.get(name) != after[name]]
    return {"before": {name: before.get(name) for name in changed}, "after": {name: after[name] for name in changed}}


def _save(row: db.Model, taken: CodeTaken) -> None:
    """Flush ``row``; a unique constraint that a concurrent request won first is ``taken``."""
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise taken from exc


def _record(action: str, admin: StaffRights, row: db.Model, details: Fields) -> None:
    audit.record(
        f"catalog.{action}", admin.actor(SYS_ADMIN), object_type=action.split(".")[0], object_id=row.id, details=details
    )
    db.session.commit()


def _refuse_if_used(used_by: Fields) -> None:
    used = {name: count for name, count in used_by.items() if count}
    if used:
        raise InUse(details={"used_by": used})


def _count(statement: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def _roles_scoped_to(kind: str, node_id: int) -> int:
    """Roles held in this node: deleting it would leave them pointing at an id a new row could take."""
    return _count(select(StaffRole.id).where(StaffRole.scope_kind == kind, StaffRole.scope_id == node_id))


def _manages(admin: StaffRights, place: Path) -> bool:
    return admin.covers(place, SYS_ADMIN)


def _region_place(region_id: int | None) -> Path:
    """Where a record in this region sits; a root region sits nowhere but in scope ``all``."""
    return scopes.region_path(region_id) if region_id is not None else ()


def _managed_region(code: str, admin: StaffRights, field: str) -> Region:
    """The region named in a body, as a place to put something: unknown unless the admin manages it."""
    region = db.session.scalar(select(Region).where(Region.code == code))
    if region is None or not _manages(admin, scopes.region_path(region.id)):
        raise _invalid(field, f"Unknown region {code!r}, or not one you manage.")
    return region


def _check_new(model: type[db.Model], field: str, **key: Any) -> None:
    if db.session.scalar(select(model.id).filter_by(**key)) is not None:
        raise CodeTaken(details={"field": field})


# --- Regions ------------------------------------------------------------------------------------


def _region_fields(region: Region) -> Fields:
    return {"name": region.name, "level": region.level, "parent": region.parent.code if region.parent else None}


def _region(code: str, admin: StaffRights) -> Region:
    region = db.session.scalar(select(Region).where(Region.code == code))
    if region is None or not _manages(admin, _region_place(region.parent_id)):
        raise NotFound()
    return region


def _parent(cleaned: Fields, admin: StaffRights, region: Region | None = None) -> Region | None:
    """The parent a region may get: one the admin manages, of a higher level, not inside ``region``."""
    if cleaned["parent"] is None:
        if not _manages(admin, ()):
            raise _invalid("parent", "Name the region this one sits in: only an admin of every region adds roots.")
        return None
    parent = _managed_region(cleaned["parent"], admin, "parent")
    if region is not None and (scopes.REGION, region.id) in scopes.region_path(parent.id):
        raise _invalid("parent", "A region cannot sit inside itself.")
    catalog_rules.check_region_parent(cleaned["level"], parent.level)
    return parent


def create_region(entry: object, *, admin: StaffRights) -> Region:
    cleaned = catalog_rules.clean_region(entry)
    parent = _parent(cleaned, admin)
    _check_new(Region, "code", code=cleaned["code"])
    region = Region(code=cleaned["code"], name=cleaned["name"], level=cleaned["level"], parent=parent)
    _save(region, CodeTaken(details={"field": "code"}))
    _record("region.create", admin, region, {"code": region.code, **_region_fields(region)})
    return region


def update_region(code: str, entry: object, *, admin: StaffRights) -> Region:
    region = _region(code, admin)
    cleaned = catalog_rules.clean_region(entry, with_code=False)
    parent = _parent(cleaned, admin, region)
    children = db.session.scalars(select(Region.level).where(Region.parent_id == region.id)).all()
    highest = min((REGION_LEVELS.index(level) for level in children), default=len(REGION_LEVELS))
    if REGION_LEVELS.index(cleaned["level"]) >= highest:
        raise _invalid("level", f"A sub-region is a {REGION_LEVELS[highest]}: this region must stay above that.")
    before = _region_fields(region)
    region.name, region.level, region.parent = cleaned["name"], cleaned["level"], parent
    db.session.flush()
    _record("region.update", admin, region, {"code": region.code, **_changes(before, _region_fields(region))})
    return region


def delete_region(code: str, *, admin: StaffRights) -> None:
    region = _region(code, admin)
    _refuse_if_used(
        {
            "regions": _count(select(Region.id).where(Region.parent_id == region.id)),
            "departments": _count(select(Department.id).where(Department.region_id == region.id)),
            "halls": _count(select(Hall.id).where(Hall.region_id == region.id)),
            "staff_roles": _roles_scoped_to(scopes.REGION, region.id),
        }
    )
    details = {"code": region.code, **_region_fields(region)}
    db.session.delete(region)
    _record("region.delete", admin, region, details)


# --- Departments --------------------------------------------------------------------------------


def _department_fields(department: Department) -> Fields:
    return {"name": department.name, "region": department.region.code, "phone": department.phone}


def _department(code: str, admin: StaffRights) -> Department:
    department = db.session.scalar(select(Department).where(Department.code == code))
    if department is None or not _manages(admin, scopes.region_path(department.region_id)):
        raise NotFound()
    return department


def create_department(entry: object, *, admin: StaffRights) -> Department:
    cleaned = catalog_rules.clean_department(entry)
    region = _managed_region(cleaned["region"], admin, "region")
    _check_new(Department, "code", code=cleaned["code"])
    department = Department(code=cleaned["code"], name=cleaned["name"], region=region, phone=cleaned["phone"])
    _save(department, CodeTaken(details={"field": "code"}))
    _record("department.create", admin, department, {"code": department.code, **_department_fields(department)})
    return department


def update_department(code: str, entry: object, *, admin: StaffRights) -> Department:
    department = _department(code, admin)
    cleaned = catalog_rules.clean_department(entry, with_code=False)
    region = _managed_region(cleaned["region"], admin, "region")
    before = _department_fields(department)
    department.name, department.region, department.phone = cleaned["name"], region, cleaned["phone"]
    db.session.flush()
    changes = _changes(before, _department_fields(department))
    _record("department.update", admin, department, {"code": department.code, **changes})
    return department


def delete_department(code: str, *, admin: StaffRights) -> None:
    department = _department(code, admin)
    _refuse_if_used(
        {
            "items": _count(select(ServiceItem.id).where(ServiceItem.department_id == department.id)),
            "staff_roles": _roles_scoped_to(scopes.DEPARTMENT, department.id),
        }
    )
    details = {"code": department.code, **_department_fields(department)}
    db.session.delete(department)
    _record("department.delete", admin, department, details)


# --- Halls --------------------------------------------------------------------------------------


def _hall_fields(hall: Hall) -> Fields:
    return {"region": hall.region.code, **{name: getattr(hall, name) for name in catalog_rules.HALL_FIELDS}}


def _hall_record(hall_id: int, admin: StaffRights) -> Hall:
    """The hall as a record of its region (its name, hours, place)."""
    hall = db.session.get(Hall, hall_id)
    if hall is None or not _manages(admin, scopes.region_path(hall.region_id)):
        raise NotFound()
    return hall


def _fill_hall(hall: Hall, cleaned: Fields, admin: StaffRights) -> None:
    hall.region = _managed_region(cleaned["region"], admin, "region")
    for name in catalog_rules.HALL_FIELDS:
        setattr(hall, name, cleaned[name])


def create_hall(entry: object, *, admin: StaffRights) -> catalog.HallView:
    """A hall without categories or windows (add them one by one)."""
    cleaned = catalog_rules.clean_hall(entry, nested=False)
    hall = Hall(code=cleaned["code"])
    _fill_hall(hall, cleaned, admin)
    _check_new(Hall, "code", code=hall.code)
    _save(hall, CodeTaken(details={"field": "code"}))
    _record("hall.create", admin, hall, {"code": hall.code, "region": hall.region.code})
    return catalog.view_hall(hall, catalog.working_calendar())


def update_hall(hall_id: int, entry: object, *, admin: StaffRights) -> catalog.HallView:
    hall = _hall_record(hall_id, admin)
    cleaned = catalog_rules.clean_hall(entry, with_code=False, nested=False)
    before = _hall_fields(hall)
    _fill_hall(hall, cleaned, admin)
    db.session.flush()
    _record("hall.update", admin, hall, {"code": hall.code, **_changes(before, _hall_fields(hall))})
    return catalog.view_hall(hall, catalog.working_calendar())


def delete_hall(hall_id: int, *, admin: StaffRights) -> None:
    hall = _hall_record(hall_id, admin)
    _refuse_if_used(
        {
            "categories": len(hall.categories),
            "windows": len(hall.windows),
            "devices": _count(select(Device.id).where(Device.hall_id == hall.id)),
            "staff_roles": _roles_scoped_to(scopes.HALL, hall.id),
        }
    )
    details = {"code": hall.code, "region": hall.region.code}
    db.session.delete(hall)
    _record("hall.delete", admin, hall, details)


def _hall(hall_id: int, admin: StaffRights) -> Hall:
    """The hall as the place of its categories and windows."""
    hall = db.session.get(Hall, hall_id)
    if hall is None or not _manages(admin, scopes.hall_path(hall_id)):
        raise NotFound()
    return hall


def _in_hall(rows: Sequence[Any], key: Callable[[Any], str], value: str) -> Any:
    found = next((row for row in rows if key(row) == value), None)
    if found is None:
        raise NotFound()
    return found


# --- Queue categories ---------------------------------------------------------------------------


def _item_codes(codes: list[str]) -> list[str]:
    """``codes`` if each names a service item (draft or published) once; else every problem, by index."""
    known = set(db.session.scalars(select(ServiceItem.code).where(ServiceItem.code.in_(set(codes)))))
    problems: dict[str, list[str]] = {}
    for index, code in enumerate(codes):
        if code not in known:
            problems[f"items[{index}]"] = [f"Unknown item code {code!r}."]
        elif code in codes[:index]:
            problems[f"items[{index}]"] = [f"{code!r} is listed twice."]
    if problems:
        raise InvalidInput(details={"fields": problems})
    return codes


def _category_fields(category: QueueCategory) -> Fields:
    return {"name": category.name, "items": category.item_codes}


def create_category(hall_id: int, entry: object, *, admin: StaffRights) -> QueueCategory:
    hall = _hall(hall_id, admin)
    cleaned = catalog_rules.clean_category(entry)
    codes = _item_codes(cleaned["items"])
    _check_new(QueueCategory, "prefix", hall_id=hall.id, prefix=cleaned["prefix"])
    category = QueueCategory(hall=hall, prefix=cleaned["prefix"], name=cleaned["name"], item_codes=codes)
    _save(category, CodeTaken(details={"field": "prefix"}))
    details = {"hall_id": hall.id, "prefix": category.prefix, **_category_fields(category)}
    _record("category.create", admin, category, details)
    return category


def update_category(hall_id: int, prefix: str, entry: object, *, admin: StaffRights) -> QueueCategory:
    category = _in_hall(_hall(hall_id, admin).categories, lambda row: row.prefix, prefix)
    cleaned = catalog_rules.clean_category(entry, with_prefix=False)
    codes = _item_codes(cleaned["items"])
    before = _category_fields(category)
    category.name, category.item_codes = cleaned["name"], codes
    db.session.flush()
    changes = _changes(before, _category_fields(category))
    _record("category.update", admin, category, {"hall_id": hall_id, "prefix": prefix, **changes})
    return category


def delete_category(hall_id: int, prefix: str, *, admin: StaffRights) -> None:
    """The windows that serve it stop serving it; a window it is the only category of keeps it."""
    hall = _hall(hall_id, admin)
    category = _in_hall(hall.categories, lambda row: row.prefix, prefix)
    serving = [window for window in hall.windows if category in window.categories]
    _refuse_if_used({"windows": sum(1 for window in serving if len(window.categories) == 1)})
    for window in serving:
        window.categories.remove(category)
    details = {"hall_id": hall_id, "prefix": prefix, "windows": [window.number for window in serving]}
    db.session.delete(category)
    _record("category.delete", admin, category, details)


# --- Windows ------------------------------------------------------------------------------------


def _window_categories(hall: Hall, prefixes: list[str]) -> list[QueueCategory]:
    by_prefix = {category.prefix: category for category in hall.categories}
    unknown = [prefix for prefix in prefixes if prefix not in by_prefix]
    twice = sorted({prefix for index, prefix in enumerate(prefixes) if prefix in prefixes[:index]})
    problems = [f"Unknown categories: {', '.join(unknown)}."] if unknown else []
    problems += [f"Listed twice: {', '.join(twice)}."] if twice else []
    problems += [] if prefixes else ["A window serves at least one category."]
    if problems:
        raise InvalidInput(details={"fields": {"categories": problems}})
    return [by_prefix[prefix] for prefix in prefixes]


def _window_fields(window: Window) -> Fields:
    return {"categories": [category.prefix for category in window.categories], "accessible": window.accessible}


def create_window(hall_id: int, entry: object, *, admin: StaffRights) -> Window:
    hall = _hall(hall_id, admin)
    cleaned = catalog_rules.clean_window(entry)
    categories = _window_categories(hall, cleaned["categories"])
    _check_new(Window, "number", hall_id=hall.id, number=cleaned["number"])
    window = Window(hall=hall, number=cleaned["number"], accessible=cleaned["accessible"], categories=categories)
    _save(window, CodeTaken(details={"field": "number"}))
    _record("window.create", admin, window, {"hall_id": hall.id, "number": window.number, **_window_fields(window)})
    return window


def update_window(hall_id: int, number: str, entry: object, *, admin: StaffRights) -> Window:
    hall = _hall(hall_id, admin)
    window = _in_hall(hall.windows, lambda row: row.number, number)
    cleaned = catalog_rules.clean_window(entry, with_number=False)
    categories = _window_categories(hall, cleaned["categories"])
    before = _window_fields(window)
    window.categories, window.accessible = categories, cleaned["accessible"]
    db.session.flush()
    changes = _changes(before, _window_fields(window))
    _record("window.update", admin, window, {"hall_id": hall_id, "number": number, **changes})
    return window


def delete_window(hall_id: int, number: str, *, admin: StaffRights) -> None:
    window = _in_hall(_hall(hall_id, admin).windows, lambda row: row.number, number)
    details = {"hall_id": hall_id, "number": number, **_window_fields(window)}
    db.session.delete(window)
    _record("window.delete", admin, window, details)
