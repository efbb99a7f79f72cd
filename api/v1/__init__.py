"""Version 1 of the API: one blueprint per resource."""

from __future__ import annotations

from flask import Flask

from api.extensions import Api
from api.v1 import (
    admin,
    admin_bans,
    admin_calendar,
    admin_items,
    admin_places,
    admin_slots,
    applications,
    appointments,
    auth,
    board,
    catalog,
    complaints,
    dev,
    devices,
    evaluations,
    face,
    health,
    links,
    me,
    proxies,
    sandbox,
    staff,
    statistics,
    supervision,
    tickets,
    windows,
)


def register_blueprints(app: Flask, api: Api) -> None:
    api.register_blueprint(health.blp)
    api.register_blueprint(auth.blp)
    api.register_blueprint(catalog.blp)
    api.register_blueprint(me.blp)
    api.register_blueprint(staff.blp)
    api.register_blueprint(admin.blp)
    api.register_blueprint(admin_items.blp)
    api.register_blueprint(admin_places.blp)
    api.register_blueprint(admin_calendar.blp)
    api.register_blueprint(admin_slots.blp)
    api.register_blueprint(admin_bans.blp)
    api.register_blueprint(appointments.blp)
    api.register_blueprint(applications.blp)
    api.register_blueprint(complaints.blp)
    api.register_blueprint(evaluations.blp)
    api.register_blueprint(supervision.blp)
    api.register_blueprint(statistics.blp)
    api.register_blueprint(tickets.blp)
    api.register_blueprint(board.blp)
    api.register_blueprint(windows.blp)
    api.register_blueprint(devices.blp)
    api.register_blueprint(face.blp)
    api.register_blueprint(proxies.blp)
    api.register_blueprint(links.blp)
    if app.config["ENV_NAME"] != "production":
        api.register_blueprint(dev.blp)
    if uses_sandbox(app):
        api.register_blueprint(sandbox.blp)


def uses_sandbox(app: Flask) -> bool:
    config = app.config
    return config["ENV_NAME"] != "production" and "sandbox" in (config["SMS_PROVIDER"], config["FACE_PROVIDER"])
