"""电子监察: staff list the alerts in their scope and act on them (acknowledge, resolve, appeal, decide)."""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.supervision import (
    AlertAcknowledgeSchema,
    AlertAppealSchema,
    AlertDecideSchema,
    AlertListQuerySchema,
    AlertNoteSchema,
    AlertPageSchema,
    AlertSchema,
)
from app.models.supervision import Alert
from app.services import supervision
from app.services.paging import Page

blp = Blueprint("supervision", __name__, url_prefix="/api/v1/supervision", description="Supervision alerts (电子监察)")


@blp.get("/alerts")
@blp.staff_required()
@blp.arguments(AlertListQuerySchema, location="query")
@blp.response(200, AlertPageSchema)
def alerts(query: dict) -> Page:
    """The alerts of the departments and halls in your scope, red cards first, then the newest; filter by
    `level`, `state` and `department` (a department code)."""
    return supervision.list_alerts(
        current_staff(), level=query.get("level"), state=query.get("state"), department=query.get("department"),
        page=query["page"], page_size=query["page_size"],
    )  # fmt: skip


@blp.get("/alerts/<id:alert_id>")
@blp.staff_required()
@blp.response(200, AlertSchema)
@blp.errors(404)
def get(alert_id: int) -> Alert:
    """One alert with each event (who was to be told in `details.notify`) and the actions that fit now."""
    return supervision.for_staff(current_staff(), alert_id)


@blp.post("/alerts/<id:alert_id>/acknowledge")
@blp.staff_required()
@blp.arguments(AlertAcknowledgeSchema)
@blp.response(200, AlertSchema)
@blp.errors(400, 404, 409)
def acknowledge(data: dict, alert_id: int) -> Alert:
    """签收: you have seen the alert (an optional note). 409 `ALERT_STATE` with the actions allowed."""
    return supervision.acknowledge(current_staff(), alert_id, data.get("note"))


@blp.post("/alerts/<id:alert_id>/resolve")
@blp.staff_required()
@blp.arguments(AlertNoteSchema)
@blp.response(200, AlertSchema)
@blp.errors(400, 404, 409)
def resolve(data: dict, alert_id: int) -> Alert:
    """办结: what was done about it (the note is required)."""
    return supervision.resolve(current_staff(), alert_id, data["note"])


@blp.post("/alerts/<id:alert_id>/appeal")
@blp.staff_required()
@blp.arguments(AlertAppealSchema)
@blp.response(200, AlertSchema)
@blp.errors(400, 403, 404, 409)
def appeal(data: dict, alert_id: int) -> Alert:
    """申诉: the department's admin (dept_admin) holds the alert wrong; a supervisor decides."""
    return supervision.appeal(current_staff(), alert_id, data["reason"])


@blp.post("/alerts/<id:alert_id>/decide")
@blp.staff_required()
@blp.arguments(AlertDecideSchema)
@blp.response(200, AlertSchema)
@blp.errors(400, 403, 404, 409)
def decide(data: dict, alert_id: int) -> Alert:
    """复核: a supervisor upholds the appeal (the alert was wrong: `upheld`, kept in history) or rejects it (the
    alert goes back to where it was)."""
    return supervision.decide(current_staff(), alert_id, data["upheld"], data["note"])
