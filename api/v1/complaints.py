"""Complaints (投诉): a resident complains, the department answers, the resident rates the answer."""

from __future__ import annotations

from api.auth import current_principal, current_staff
from api.blueprint import Blueprint
from api.schemas.complaints import (
    ComplaintPageSchema,
    ComplaintRequestSchema,
    ComplaintSchema,
    RatingRequestSchema,
    ReplyRequestSchema,
    StatusQuerySchema,
)
from api.schemas.paging import PageQuerySchema
from app.models.feedback import Complaint
from app.services import complaints
from app.services.paging import Page

blp = Blueprint("complaints", __name__, url_prefix="/api/v1", description="Complaints (投诉)")


@blp.post("/complaints")
@blp.login_required("resident")
@blp.arguments(ComplaintRequestSchema)
@blp.response(201, ComplaintSchema)
@blp.links(
    201,
    "GET /api/v1/complaints/{complaint_id}",
    "POST /api/v1/complaints/{complaint_id}/rating",
    "GET /api/v1/staff/complaints/{complaint_id}",
    "POST /api/v1/staff/complaints/{complaint_id}/reply",
    complaint_id="$response.body#/id",
)
@blp.errors(400, 404)
def submit(data: dict) -> tuple[Complaint, int]:
    """Complain about your ticket, your application or a department (name exactly one). The department
    concerned answers within `COMPLAINT_REPLY_DAYS` working days (`due_on`)."""
    complaint = complaints.submit(
        current_principal().id,
        data["category"],
        data["text"],
        ticket_id=data.get("ticket_id"),
        application_id=data.get("application_id"),
        department_code=data.get("department_code"),
    )
    return complaint, 201


@blp.get("/complaints")
@blp.login_required("resident")
@blp.arguments(PageQuerySchema, location="query")
@blp.response(200, ComplaintPageSchema)
def list_mine(query: dict) -> Page:
    """Your complaints, newest first, with their answers."""
    return complaints.list_mine(current_principal().id, page=query["page"], page_size=query["page_size"])


@blp.get("/complaints/<id:complaint_id>")
@blp.login_required("resident")
@blp.response(200, ComplaintSchema)
@blp.errors(404)
def get_mine(complaint_id: int) -> Complaint:
    return complaints.mine(current_principal().id, complaint_id)


@blp.post("/complaints/<id:complaint_id>/rating")
@blp.login_required("resident")
@blp.arguments(RatingRequestSchema)
@blp.response(200, ComplaintSchema)
@blp.errors(400, 404, 409)
def rate_reply(data: dict, complaint_id: int) -> Complaint:
    """Rate the answer (3 满意, 2 基本满意, 1 不满意); this closes the complaint. 409 `COMPLAINT_STATE` before it."""
    return complaints.rate_reply(current_principal().id, complaint_id, data["level"])


@blp.get("/staff/complaints")
@blp.staff_required()
@blp.arguments(StatusQuerySchema, location="query")
@blp.response(200, ComplaintPageSchema)
def staff_list(query: dict) -> Page:
    """Complaints about the departments and halls in your scope, soonest due first."""
    return complaints.staff_list(
        current_staff(), status=query.get("status"), page=query["page"], page_size=query["page_size"]
    )


@blp.get("/staff/complaints/<id:complaint_id>")
@blp.staff_required()
@blp.response(200, ComplaintSchema)
@blp.errors(404)
def staff_get(complaint_id: int) -> Complaint:
    return complaints.for_staff(current_staff(), complaint_id)


@blp.post("/staff/complaints/<id:complaint_id>/reply")
@blp.staff_required()
@blp.arguments(ReplyRequestSchema)
@blp.response(200, ComplaintSchema)
@blp.errors(400, 404, 409)
def reply(data: dict, complaint_id: int) -> Complaint:
    """Answer the complaint once; the resident is told (`complaint_reply`). 409 `COMPLAINT_STATE` for a second."""
    return complaints.reply(current_staff(), complaint_id, data["text"])
