"""Online applications (办件), the resident's side: a draft with its form and uploaded materials, submitting
it for a 办件编号, withdrawing it, resubmitting after 补正, and reading one's own.

A resident sees their own applications and those of relatives who granted them a proxy (代办); any other
application answers 404, the same as a missing one. The steps themselves (``application_steps.record``)
are shared with staff: each is checked by ``application_lifecycle`` and recorded as an event.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import storage
from app.calendar import hall_today
from app.errors import InvalidInput, InvalidTransition, ItemNotOnline, NotFound, UploadLimit
from app.extensions import db
from app.models.application import Application, ApplicationEvent, ApplicationFile
from app.models.base import utcnow
from app.models.catalog import Region, ServiceItem
from app.models.identity import Resident
from app.security.crypto import field_crypto
from app.services import (
    application_forms,
    application_steps,
    audit,
    case_numbers,
    catalog,
    deadlines,
    idempotency,
    proxies,
    residents,
    uploads,
)
from app.services import application_lifecycle as lifecycle
from app.services import staff as staff_accounts
from app.services.checks import Problems
from app.services.idempotency import IdempotentRequest
from app.services.paging import Page, paginate
from app.services.scopes import StaffRights

CREATE = "applications.create"
EDITABLE = (lifecycle.DRAFT, lifecycle.CORRECTION)  # the resident may change the form and the files
FILES_PER_MATERIAL = 10
FILES_PER_APPLICATION = 50
FILENAME_MAX = 128


@dataclass(frozen=True)
class Created:
    application: Application
    replayed: bool


FORM_CONTEXT = "application.form"


def form_of(application: Application) -> dict[str, Any]:
    """The answers, decrypted."""
    return json.loads(field_crypto().decrypt(application.form_enc, FORM_CONTEXT))


def _store_form(application: Application, form: Mapping[str, Any]) -> None:
    application.form_enc = field_crypto().encrypt(json.dumps(form, ensure_ascii=False, sort_keys=True), FORM_CONTEXT)


def _today(application: Application, now: datetime) -> date:
    return hall_today(application.timezone, now)


# --- Reading ---------------------------------------------------------------------------------------


def visible_to(resident_id: int) -> list[int]:
    """The applicants whose applications ``resident_id`` may see: themselves and their grantors."""
    return [resident_id, *proxies.grantors_of(resident_id)]


def mine(resident_id: int, application_id: int) -> Application:
    """The application if the resident (or someone who granted them a proxy) is its applicant; else 404."""
    application = db.session.get(Application, application_id)
    if application is None or application.resident_id not in visible_to(resident_id):
        raise NotFound()
    return application


def list_mine(resident_id: int, *, status: str | None = None, page: int = 1, page_size: int = 20) -> Page[Any]:
    """The resident's applications and those they act for, newest first."""
    statement = select(Application).where(Application.resident_id.in_(visible_to(resident_id)))
    if status is not None:
        statement = statement.where(Application.status == status)
    return paginate(statement.order_by(Application.created_at.desc(), Application.id.desc()), page, page_size)


@dataclass(frozen=True)
class MaterialLine:
    """A line of the item's checklist as it stands for this application."""

    name: str
    required: bool
    upload: bool
    files: int  # files uploaded for it


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    form: dict[str, Any]  # plain answers; ``sensitive`` names those the HTTP layer masks
    sensitive: frozenset[str]
    code: int | None  # the national code of its state
    clock: deadlines.Clock
    allowed: list[str]  # the steps the viewer may take now
    materials: list[MaterialLine]
    files: list[ApplicationFile]
    events: list[ApplicationEvent]
    correction: list[str] | None  # while in 补正: everything that is missing, as staff listed it
    applicant: residents.Profile | None  # for staff only


def view(
    application: Application, actor_kind: str, *, with_applicant: bool = False, now: datetime | None = None
) -> ApplicationView:
    """The application as a resident (``actor_kind`` resident) or staff member sees it."""
    item = application.item
    kept = files_of(application)
    events = list(application.events)
    correction = None
    if application.status == lifecycle.CORRECTION:
        correction = next(row.details["items"] for row in reversed(events) if row.to_status == lifecycle.CORRECTION)
    return ApplicationView(
        application=application,
        form=form_of(application),
        sensitive=frozenset(application_forms.sensitive_fields(item.application_form)),
        code=progress_code(application),
        clock=application_steps.clock(application, now),
        allowed=lifecycle.allowed(application.status, actor_kind),
        materials=[
            MaterialLine(m.name, m.required, m.upload, sum(row.material == m.name for row in kept))
            for m in item.materials
        ],
        files=kept,
        events=events,
        correction=correction,
        applicant=residents.profile(residents.get(application.resident_id)) if with_applicant else None,
    )


def progress_code(application: Application) -> int | None:
    """The national code shown beside the application's state."""
    return lifecycle.status_code(application.status, application.result.get("conclusion"))


def reveal_form(staff: StaffRights, application_id: int, reason: str) -> dict[str, Any]:
    """The answers in full (phone and ID numbers unmasked) for staff handling the case, once the audit row
    (who, which application, why) is committed; no row, no data."""
    application = application_steps.for_staff(staff, application_id)
    why = staff_accounts.clean_reason(reason)
    audit.record_access("application.reveal", staff.actor(), "application", application.id, {"reason": why})
    return form_of(application)


# --- Drafts ----------------------------------------------------------------------------------------


def _applicable(item_code: str, resident: Resident, now: datetime) -> ServiceItem:
    item = catalog.published_item(item_code)
    if item is None:
        raise NotFound()
    if not item.online:
        raise ItemNotOnline(details={"item_code": item_code})
    residents.require_level(resident, item.assurance_level, now)
    return item


def create(
    actor_id: int,
    item_code: str,
    form: object,
    *,
    request: IdempotentRequest,
    acting_for: int | None = None,
    now: datetime | None = None,
) -> Created:
    """A draft application for ``item_code``, for the actor or (代办) the resident they act for. The form may
    be incomplete; what it gives must be valid."""
    now = now or utcnow()
    found = idempotency.earlier(request)
    if found is not None:
        return Created(db.session.get(Application, found.resource_id), True)
    applicant_id = acting_for or actor_id
    if acting_for is not None:
        proxies.authorize(actor_id, acting_for)
    item = _applicable(item_code, residents.get(applicant_id), now)
    timezone = current_app.config["TIMEZONE"]
    answers = application_forms.validate(item.application_form, form or {}, partial=True,
                                         today=hall_today(timezone, now))  # fmt: skip
    application = Application(
        region_code=item.department.region.code[:6],
        resident_id=applicant_id,
        created_by_id=actor_id,
        item_id=item.id,
        item_code=item.code,
        department_id=item.department_id,
        status=lifecycle.DRAFT,
        processing_type=item.processing_type,
        promised_days=item.promised_days,
        legal_days=item.legal_days,
        timezone=timezone,
        result={},
        created_at=now,
        updated_at=now,
    )
    _store_form(application, answers)
    try:
        db.session.add(application)
        db.session.flush()
        idempotency.remember(request, application.id, 201)
        db.session.commit()
    except IntegrityError:  # the same key, committed by a concurrent retry
        db.session.rollback()
        found = idempotency.earlier(request)
        if found is None:
            raise
        return Created(db.session.get(Application, found.resource_id), True)
    return Created(application, False)


def _editable(resident_id: int, application_id: int) -> Application:
    application = mine(resident_id, application_id)
    if application.status not in EDITABLE:
        status = application.status
        raise InvalidTransition(details={"state": status, "allowed": lifecycle.allowed(status, lifecycle.RESIDENT)})
    return application


def update_form(resident_id: int, application_id: int, changes: object, *, now: datetime | None = None) -> Application:
    """Change some answers of a draft (or of an application sent back for 补正): the given fields replace
    the old ones, a null removes one."""
    now = now or utcnow()
    application = _editable(resident_id, application_id)
    if not isinstance(changes, dict):
        raise InvalidInput(details={"fields": {"form": ["Must be an object."]}})
    merged = {name: value for name, value in {**form_of(application), **changes}.items() if value is not None}
    answers = application_forms.validate(application.item.application_form, merged, partial=True,
                                         today=_today(application, now))  # fmt: skip
    _store_form(application, answers)
    application.updated_at = now
    db.session.commit()
    return application


# --- Materials -------------------------------------------------------------------------------------


def upload_materials(application: Application) -> list[str]:
    """The checklist lines of the application's item that are uploaded, in checklist order."""
    return [material.name for material in application.item.materials if material.upload]


def files_of(application: Application) -> list[ApplicationFile]:
    return [row for row in application.files if row.removed_at is None]


def _clean_filename(filename: str | None, extension: str) -> str:
    """The name the resident gave, for display only: no folders, printable, short; the extension is ours."""
    stem = PurePath((filename or "").replace("\\", "/")).stem
    stem = "".join(char for char in unicodedata.normalize("NFC", stem) if char.isprintable()).strip()
    return f"{stem[: FILENAME_MAX - 5] or 'material'}.{extension}"


def add_file(
    resident_id: int,
    application_id: int,
    material: str,
    data: bytes,
    *,
    filename: str | None = None,
    declared_type: str | None = None,
    now: datetime | None = None,
) -> ApplicationFile:
    """Store one uploaded file for a checklist line of the application (while it is a draft or in 补正)."""
    now = now or utcnow()
    application = _editable(resident_id, application_id)
    if material not in upload_materials(application):
        raise InvalidInput(details={"fields": {"material": [f"One of: {', '.join(upload_materials(application))}."]}})
    kept = files_of(application)
    if len(kept) >= FILES_PER_APPLICATION or sum(row.material == material for row in kept) >= FILES_PER_MATERIAL:
        raise UploadLimit(details={"per_material": FILES_PER_MATERIAL, "per_application": FILES_PER_APPLICATION})
    checked = uploads.check(data, declared_type=declared_type, max_bytes=current_app.config["MAX_UPLOAD_BYTES"])
    key = storage.file_store().save(data, checked.extension)
    row = ApplicationFile(
        application_id=application.id,
        material=material,
        key=key,
        media_type=checked.media_type,
        size=checked.size,
        sha256=checked.sha256,
        filename=_clean_filename(filename, checked.extension),
        uploaded_by_id=resident_id,
        uploaded_at=now,
    )
    try:
        db.session.add(row)
        application.updated_at = now
        db.session.commit()
    except Exception:
        db.session.rollback()
        storage.file_store().delete(key)  # no row points at it
        raise
    return row


def remove_file(resident_id: int, application_id: int, file_id: int, *, now: datetime | None = None) -> None:
    """Take a file off the application (while editable). The row and the file are kept for the record."""
    now = now or utcnow()
    application = _editable(resident_id, application_id)
    row = db.session.get(ApplicationFile, file_id)
    if row is None or row.application_id != application.id or row.removed_at is not None:
        raise NotFound()
    row.removed_at = now
    application.updated_at = now
    db.session.commit()


def read_file(application: Application, file_id: int) -> tuple[ApplicationFile, bytes]:
    """A file of an application the caller may see (the caller checked that)."""
    row = db.session.get(ApplicationFile, file_id)
    if row is None or row.application_id != application.id:
        raise NotFound()
    try:
        return row, storage.file_store().open(row.key)
    except (FileNotFoundError, ValueError) as exc:
        raise NotFound() from exc


# --- Sending ---------------------------------------------------------------------------------------


def _complete(application: Application, now: datetime) -> None:
    """Every required answer and every required uploaded material is there; all problems at once."""
    problems = Problems()
    try:
        application_forms.validate(application.item.application_form, form_of(application), partial=False,
                                   today=_today(application, now))  # fmt: skip
    except InvalidInput as error:
        for path, messages in error.details.get("fields", {}).items():
            for message in messages:
                problems.add(path, message)
    have = {row.material for row in files_of(application)}
    missing = [m.name for m in application.item.materials if m.upload and m.required and m.name not in have]
    if missing:
        problems.add("materials", f"Upload at least one file for: {', '.join(missing)}.")
    problems.raise_if_any()


def _number(application: Application, now: datetime) -> None:
    """The 办件编号: the county's next sequence of the day, taken one submission at a time. On PostgreSQL the
    county's region row is locked (or, for a county the catalog lacks, the department's region); on SQLite
    the write lock taken by touching the application first does the same. The unique constraint stays as
    the guard."""
    day = _today(application, now)
    application.updated_at = now
    db.session.flush()  # a write first: SQLite's lock is held from here to the commit
    county = db.session.scalar(select(Region.id).where(Region.code == application.region_code).with_for_update())
    if county is None:
        region_id = application.department.region_id
        db.session.execute(select(Region.id).where(Region.id == region_id).with_for_update())
    highest = db.session.scalar(
        select(func.max(Application.sequence)).where(
            Application.region_code == application.region_code, Application.number_day == day
        )
    )
    application.number_day, application.sequence = day, (highest or 0) + 1
    application.number = case_numbers.number(application.region_code, day, application.sequence)
    db.session.flush()


def submit(resident_id: int, application_id: int, *, now: datetime | None = None) -> Application:
    """Send the draft: checked complete, numbered, ``received`` (已接件)."""
    now = now or utcnow()
    application = mine(resident_id, application_id)
    step = lifecycle.step(application.status, "submit", lifecycle.RESIDENT, {})
    _complete(application, now)
    _number(application, now)
    application.submitted_at = now
    application_steps.record(application, step, application_steps.resident_actor(resident_id, application), now)
    db.session.commit()
    return application


def resubmit(resident_id: int, application_id: int, *, now: datetime | None = None) -> Application:
    """Send the application back after 补正, complete this time (补正结束)."""
    now = now or utcnow()
    application = mine(resident_id, application_id)
    step = lifecycle.step(application.status, "resubmit", lifecycle.RESIDENT, {})
    _complete(application, now)
    application_steps.record(application, step, application_steps.resident_actor(resident_id, application), now)
    db.session.commit()
    return application


def withdraw(resident_id: int, application_id: int, comment: str | None = None, *,
             now: datetime | None = None) -> Application:  # fmt: skip
    """撤回: the resident takes back a draft or an application not yet accepted."""
    now = now or utcnow()
    application = mine(resident_id, application_id)
    step = lifecycle.step(application.status, "withdraw", lifecycle.RESIDENT, {"comment": comment} if comment else {})
    application_steps.record(application, step, application_steps.resident_actor(resident_id, application), now)
    db.session.commit()
    return application
