"""Supervisor statistics (统计): the figures of the caller's scope as JSON or as a CSV download."""

from __future__ import annotations

from flask import Response

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.statistics import OverviewQuerySchema, OverviewSchema
from app.services import statistics

blp = Blueprint("statistics", __name__, url_prefix="/api/v1", description="Supervisor statistics (统计)")

_CSV_DOC = {"responses": {"200": {"description": "The same rows as CSV (UTF-8 with BOM, for Excel)",
                                  "content": {"text/csv": {"schema": {"type": "string"}}}}}}  # fmt: skip


def _report(query: dict) -> statistics.Report:
    return statistics.report(
        current_staff(), by=query["by"], date_from=query.get("date_from"), date_to=query.get("date_to")
    )


@blp.get("/stats/overview")
@blp.staff_required()
@blp.arguments(OverviewQuerySchema, location="query")
@blp.response(200, OverviewSchema)
@blp.errors(400)
def overview(query: dict) -> statistics.Report:
    """Tickets, applications and ratings of your scope over hall dates (the last 30 days by default, at most 366),
    one row per department, hall, window, item or day. Supervisors, dept_admin and sys_admin; others 403."""
    return _report(query)


@blp.get("/stats/overview.csv")
@blp.staff_required()
@blp.arguments(OverviewQuerySchema, location="query")
@blp.doc(**_CSV_DOC)
@blp.errors(400)
def overview_csv(query: dict) -> Response:
    """The same report as a `text/csv` download."""
    report = _report(query)
    filename = f"stats-{report.by}-{report.date_from.isoformat()}-{report.date_to.isoformat()}.csv"
    return Response(
        statistics.csv_text(report),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
