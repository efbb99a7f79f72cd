"""Online applications (办件): a resident's drafts, uploads and submission; staff steps; public progress."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, request

from api.auth import current_principal, current_staff
from api.blueprint import Blueprint
from api.idempotency import DOC as IDEMPOTENCY_DOC
from api.idempotency import idempotent_request, replay_headers
from api.schemas.applications import (
    UPLOAD_DOC,
    ApplicationListQuerySchema,
    ApplicationPageSchema,
    ApplicationSchema,
    CommentSchema,
    CreateApplicationSchema,
    FileSchema,
    LookupSchema,
    MaterialUploadSchema,
    ProgressSchema,
    RevealedFormSchema,
    RevealFormSchema,
    StaffApplicationListQuerySchema,
    StaffApplicationSchema,
    TransitionSchema,
    UpdateApplicationSchema,
)
from app.errors import InvalidInput
from app.models.application import Application, ApplicationFile
from app.services import application_lifecycle as lifecycle
from app.services import application_steps, applications, progress
from app.services.paging import Page

blp = Blueprint("applications", __name__, url_prefix="/api/v1", description="Online applications (办件)")

FILE_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _resident_view(application: Application) -> applications.ApplicationView:
    return applications.view(application, lifecycle.RESIDENT)


def _staff_view(application: Application) -> applications.ApplicationView:
    kind = application_steps.actor_kind(current_staff(), application)
    return applications.view(application, kind, with_applicant=True)


def _file_response(found: tuple[ApplicationFile, bytes]) -> Response:
    row, data = found
    disposition = f"attachment; filename*=UTF-8''{quote(row.filename)}"
    return Response(data, mimetype=row.media_type, headers={**FILE_HEADERS, "Content-Disposition": disposition})


# --- Residents -------------------------------------------------------------------------------------


@blp.post("/applications")
@blp.login_required("resident")
@blp.doc(**IDEMPOTENCY_DOC)
@blp.arguments(CreateApplicationSchema)
@blp.response(201, ApplicationSchema)
@blp.links(
    201,
    "GET /api/v1/applications/{application_id}",
    "PATCH /api/v1/applications/{application_id}",
    "POST /api/v1/applications/{application_id}/materials",
    "POST /api/v1/applications/{application_id}/submit",
    "POST /api/v1/applications/{application_id}/withdraw",
    "GET /api/v1/staff/applications/{application_id}",
    application_id="$response.body#/id",
)
@blp.errors(400, 404, 409, 422)
def create(data: dict) -> tuple[applications.ApplicationView, int, dict[str, str]]:
    """Start a draft for an item that is handled online (or, with `acting_for`, for a relative). The form may
    be incomplete; what it gives must be valid. 422 `ITEM_NOT_ONLINE`; 403 `ASSURANCE_REQUIRED`."""
    actor = current_principal().id
    request_ = idempotent_request(f"resident:{actor}", applications.CREATE, data)
    created = applications.create(
        actor, data["item_code"], data["form"], acting_for=data.get("acting_for"), request=request_
    )
    return _resident_view(created.application), 201, replay_headers(created.replayed)


@blp.get("/applications")
@blp.login_required("resident")
@blp.arguments(ApplicationListQuerySchema, location="query")
@blp.response(200, ApplicationPageSchema)
def list_mine(query: dict) -> Page:
    """Your applications and those of relatives you act for, newest first."""
    return applications.list_mine(
        current_principal().id, status=query.get("status"), page=query["page"], page_size=query["page_size"]
    )


@blp.get("/applications/<id:application_id>")
@blp.login_required("resident")
@blp.response(200, ApplicationSchema)
@blp.errors(404)
def get_mine(application_id: int) -> applications.ApplicationView:
    """One application: its answers (phone and ID numbers masked), materials, deadline and timeline."""
    return _resident_view(applications.mine(current_principal().id, application_id))


@blp.patch("/applications/<id:application_id>")
@blp.login_required("resident")
@blp.arguments(UpdateApplicationSchema)
@blp.response(200, ApplicationSchema)
@blp.errors(400, 404, 409)
def update(data: dict, application_id: int) -> applications.ApplicationView:
    """Change answers of a draft or of an application sent back for 补正."""
    return _resident_view(applications.update_form(current_principal().id, application_id, data["form"]))


@blp.post("/applications/<id:application_id>/materials")
@blp.login_required("resident")
@blp.doc(**UPLOAD_DOC)
@blp.arguments(MaterialUploadSchema, location="form")
@blp.response(201, FileSchema)
@blp.links(
    201,
    "GET /api/v1/applications/{application_id}/materials/{file_id}",
    "DELETE /api/v1/applications/{application_id}/materials/{file_id}",
    "GET /api/v1/staff/applications/{application_id}/materials/{file_id}",
    application_id="$request.path.application_id",
    file_id="$response.body#/id",
)
@blp.errors(400, 404, 409, 413, 415, 422)
def upload(data: dict, application_id: int) -> tuple[ApplicationFile, int]:
    """Upload one file (PDF, JPEG or PNG, judged by its content) for a checklist line, as `multipart/form-data`
    with `material` and `file`. 413 `UPLOAD_TOO_LARGE`, 415 `UPLOAD_TYPE`, 400 `UPLOAD_EMPTY`/`UPLOAD_DAMAGED`,
    422 `UPLOAD_LIMIT`."""
    sent = request.files.get("file")
    if sent is None:
        raise InvalidInput(details={"fields": {"file": ["Attach the file as the multipart field 'file'."]}})
    row = applications.add_file(
        current_principal().id,
        application_id,
        data["material"],
        sent.read(),
        filename=sent.filename,
        declared_type=sent.mimetype,
    )
    return row, 201


@blp.delete("/applications/<id:application_id>/materials/<id:file_id>")
@blp.login_required("resident")
@blp.response(204)
@blp.errors(404, 409)
def remove_file(application_id: int, file_id: int) -> None:
    """Take a file off a draft (or an application in 补正); it is kept for the record, no longer shown."""
    applications.remove_file(current_principal().id, application_id, file_id)


@blp.get("/applications/<id:application_id>/materials/<id:file_id>")
@blp.login_required("resident")
@blp.response(200, content_type="application/octet-stream")
@blp.errors(404)
def download_mine(application_id: int, file_id: int) -> Response:
    """One of your uploaded files."""
    application = applications.mine(current_principal().id, application_id)
    return _file_response(applications.read_file(application, file_id))


@blp.post("/applications/<id:application_id>/submit")
@blp.login_required("resident")
@blp.response(200, ApplicationSchema)
@blp.errors(400, 404, 409)
def submit(application_id: int) -> applications.ApplicationView:
    """Send the draft: every required answer and uploaded material is checked (all problems in one 400), then
    it gets its 办件编号 and is `received` (已接件, code 1)."""
    return _resident_view(applications.submit(current_principal().id, application_id))


@blp.post("/applications/<id:application_id>/resubmit")
@blp.login_required("resident")
@blp.response(200, ApplicationSchema)
@blp.errors(400, 404, 409)
def resubmit(application_id: int) -> applications.ApplicationView:
    """Send the application again after 补正 (code 7), checked complete like a submission."""
    return _resident_view(applications.resubmit(current_principal().id, application_id))


@blp.post("/applications/<id:application_id>/withdraw")
@blp.login_required("resident")
@blp.arguments(CommentSchema)
@blp.response(200, ApplicationSchema)
@blp.errors(404, 409)
def withdraw(data: dict, application_id: int) -> applications.ApplicationView:
    """撤回 a draft or an application not yet accepted (code 2)."""
    return _resident_view(applications.withdraw(current_principal().id, application_id, data.get("comment")))


# --- Staff -----------------------------------------------------------------------------------------


@blp.get("/staff/applications")
@blp.staff_required()
@blp.arguments(StaffApplicationListQuerySchema, location="query")
@blp.response(200, ApplicationPageSchema)
def staff_list(query: dict) -> Page:
    """Submitted applications of the departments in your scope, soonest promised deadline first.

    `total` is counted up to 1000: beyond it the answer says `total_capped` and the pages go on while full.
    """
    return application_steps.staff_list(
        current_staff(),
        status=query.get("status"),
        due_before=query.get("due_before"),
        page=query["page"],
        page_size=query["page_size"],
    )


@blp.get("/staff/applications/<id:application_id>")
@blp.staff_required()
@blp.response(200, StaffApplicationSchema)
@blp.errors(404)
def staff_get(application_id: int) -> applications.ApplicationView:
    """One application of a department in your scope, with the applicant masked and the steps you may take."""
    return _staff_view(application_steps.for_staff(current_staff(), application_id))


@blp.get("/staff/applications/<id:application_id>/materials/<id:file_id>")
@blp.staff_required()
@blp.response(200, content_type="application/octet-stream")
@blp.errors(404)
def staff_download(application_id: int, file_id: int) -> Response:
    """An uploaded file of an application in your scope."""
    application = application_steps.for_staff(current_staff(), application_id)
    return _file_response(applications.read_file(application, file_id))


@blp.post("/staff/applications/<id:application_id>/reveal")
@blp.staff_required()
@blp.arguments(RevealFormSchema)
@blp.response(200, RevealedFormSchema)
@blp.errors(400, 404, 503)
def staff_reveal(data: dict, application_id: int) -> dict:
    """The answers with phone and ID numbers in full, with a reason. The audit row is committed before anything
    is returned; if it cannot be written, nothing is (503 `AUDIT_UNAVAILABLE`)."""
    return {"form": applications.reveal_form(current_staff(), application_id, data["reason"])}


@blp.post("/applications/<id:application_id>/transitions")
@blp.staff_required()
@blp.arguments(TransitionSchema)
@blp.response(200, StaffApplicationSchema)
@blp.errors(400, 404, 409)
def transition(data: dict, application_id: int) -> applications.ApplicationView:
    """Take a step of the national lifecycle (accept, request_correction, approve…); 409 `INVALID_TRANSITION`
    with `details.allowed` when it does not fit. See docs/applications.md."""
    action = data.pop("action")
    application = application_steps.transition(current_staff(), application_id, action, data)
    return _staff_view(application)


# --- Public progress -------------------------------------------------------------------------------


@blp.get("/progress/<token:token>")
@blp.response(200, ProgressSchema)
@blp.errors(404, 410)
def progress_by_link(token: str) -> progress.Progress:
    """办件进度 behind the link a message carried, without login; the applicant masked."""
    return progress.by_token(token)


@blp.post("/progress/lookup")
@blp.arguments(LookupSchema)
@blp.response(200, ProgressSchema)
@blp.errors(404, 429, 503)
def progress_lookup(data: dict) -> progress.Progress:
    """办件进度 by 办件编号 and the last four digits of the applicant's phone. A wrong number and a wrong phone
    both answer 404; tries are limited per client and per number (429)."""
    return progress.lookup(data["number"], data["phone_last4"], request.remote_addr or "")
