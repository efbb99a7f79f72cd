"""好差评: residents and evaluator devices rate a visit or an application; staff work the 差评 work orders."""

from __future__ import annotations

from api.auth import current_device, current_principal, current_staff
from api.blueprint import Blueprint
from api.schemas.evaluations import (
    AppealSchema,
    DecideSchema,
    DeviceRateSchema,
    EvaluationPageSchema,
    EvaluationSchema,
    RateSchema,
    RevisitSchema,
    StepTextSchema,
    WorkOrderBriefSchema,
    WorkOrderListQuerySchema,
    WorkOrderPageSchema,
    WorkOrderSchema,
)
from api.schemas.paging import PageQuerySchema
from app.models.feedback import Evaluation, WorkOrder
from app.services import evaluations, work_orders
from app.services.paging import Page

blp = Blueprint("evaluations", __name__, url_prefix="/api/v1", description="Ratings (好差评) and 差评 work orders")


def _rating(data: dict) -> dict:
    return {name: data[name] for name in ("level", "indicators", "tags", "comment")}


# --- Rating -----------------------------------------------------------------------------------------


@blp.post("/evaluations")
@blp.login_required("resident")
@blp.arguments(RateSchema)
@blp.response(201, EvaluationSchema)
@blp.links(201, "GET /api/v1/tickets/{ticket_id}", ticket_id="$response.body#/ticket_id")
@blp.links(201, "GET /api/v1/applications/{application_id}", application_id="$response.body#/application_id")
@blp.errors(400, 404, 409, 422)
def rate(data: dict) -> tuple[Evaluation, int]:
    """Rate a finished hall visit (`ticket_id`, on-site indicators) or a concluded application (`application_id`,
    online indicators) once, within 15 days; real name needed (403 `ASSURANCE_REQUIRED`). 409 `ALREADY_RATED`,
    422 `RATING_NOT_OPEN`. Levels 1-2 (差评) open a work order for the department."""
    resident = current_principal().id
    if "ticket_id" in data:
        return evaluations.rate_ticket(resident, data["ticket_id"], **_rating(data)), 201
    return evaluations.rate_application(resident, data["application_id"], **_rating(data)), 201


@blp.post("/devices/evaluations")
@blp.device_required
@blp.arguments(DeviceRateSchema)
@blp.response(201, EvaluationSchema)
@blp.errors(400, 403, 404, 409, 422)
def rate_at_window(data: dict) -> tuple[Evaluation, int]:
    """The evaluator device at a window submits the rating of the ticket just finished in its hall (within 10
    minutes). Other devices get 403."""
    return evaluations.rate_at_window(current_device(), data["ticket_id"], **_rating(data)), 201


@blp.get("/evaluations")
@blp.login_required("resident")
@blp.arguments(PageQuerySchema, location="query")
@blp.response(200, EvaluationPageSchema)
def mine(query: dict) -> Page:
    """Your ratings (and those of your services), newest first, with the work order a 差评 opened."""
    return evaluations.mine(current_principal().id, page=query["page"], page_size=query["page_size"])


@blp.post("/work-orders/<id:work_order_id>/revisit")
@blp.login_required("resident")
@blp.arguments(RevisitSchema)
@blp.response(200, WorkOrderBriefSchema)
@blp.errors(400, 404, 409)
def revisit(data: dict, work_order_id: int) -> WorkOrder:
    """回访: rate how your 差评 was handled, once the department replied (3 满意, 2 基本满意, 1 不满意); this closes
    the work order."""
    return work_orders.revisit(current_principal().id, work_order_id, data["level"])


# --- Staff ------------------------------------------------------------------------------------------


@blp.get("/work-orders")
@blp.staff_required()
@blp.arguments(WorkOrderListQuerySchema, location="query")
@blp.response(200, WorkOrderPageSchema)
def staff_list(query: dict) -> Page:
    """The work orders of the departments (and halls) in your scope, soonest due first."""
    return work_orders.staff_list(
        current_staff(), status=query.get("status"), page=query["page"], page_size=query["page_size"]
    )


@blp.get("/work-orders/<id:work_order_id>")
@blp.staff_required()
@blp.response(200, WorkOrderSchema)
@blp.errors(404)
def get(work_order_id: int) -> WorkOrder:
    """One work order: the rating, each step and the steps that fit now."""
    return work_orders.for_staff(current_staff(), work_order_id)


@blp.post("/work-orders/<id:work_order_id>/verify")
@blp.staff_required()
@blp.arguments(StepTextSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def verify(data: dict, work_order_id: int) -> WorkOrder:
    """核实: what the department found. 409 `WORK_ORDER_STATE` with the steps allowed."""
    return work_orders.verify(current_staff(), work_order_id, data["text"])


@blp.post("/work-orders/<id:work_order_id>/rectify")
@blp.staff_required()
@blp.arguments(StepTextSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def rectify(data: dict, work_order_id: int) -> WorkOrder:
    """整改: what was put right (after verifying)."""
    return work_orders.rectify(current_staff(), work_order_id, data["text"])


@blp.post("/work-orders/<id:work_order_id>/explain")
@blp.staff_required()
@blp.arguments(StepTextSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def explain(data: dict, work_order_id: int) -> WorkOrder:
    """解释说明: why nothing could be changed (after verifying)."""
    return work_orders.explain(current_staff(), work_order_id, data["text"])


@blp.post("/work-orders/<id:work_order_id>/reply")
@blp.staff_required()
@blp.arguments(StepTextSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def reply(data: dict, work_order_id: int) -> WorkOrder:
    """答复: the answer sent to the resident, who is asked to rate the handling (回访)."""
    return work_orders.reply(current_staff(), work_order_id, data["text"])


@blp.post("/work-orders/<id:work_order_id>/appeal")
@blp.staff_required()
@blp.arguments(AppealSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def appeal(data: dict, work_order_id: int) -> WorkOrder:
    """申诉: the department's admin (dept_admin) holds the rating mistaken or malicious; once, before handling."""
    return work_orders.appeal(current_staff(), work_order_id, data["reason"])


@blp.post("/work-orders/<id:work_order_id>/decide")
@blp.staff_required()
@blp.arguments(DecideSchema)
@blp.response(200, WorkOrderSchema)
@blp.errors(400, 404, 409)
def decide(data: dict, work_order_id: int) -> WorkOrder:
    """复核: a supervisor upholds the appeal (the rating leaves the statistics, stays in history) or rejects it
    (the work order resumes)."""
    return work_orders.decide(current_staff(), work_order_id, data["upheld"], data["note"])
