"""Database models, one module per aggregate. Models never commit; services do."""

from app.models.application import Application, ApplicationEvent, ApplicationFile
from app.models.audit import AuditEvent
from app.models.booking import Appointment, BookingBan, Slot, SlotSchedule
from app.models.catalog import (
    CalendarYear,
    Department,
    Hall,
    HolidayOverride,
    Material,
    QueueCategory,
    Region,
    ServiceItem,
    Window,
)
from app.models.feedback import Complaint, Evaluation, WorkOrder, WorkOrderEvent
from app.models.idempotency import IdempotencyKey
from app.models.identity import (
    AuthSession,
    Consent,
    Device,
    FaceVerification,
    ProxyGrant,
    Resident,
    ResidentIdentity,
    StaffAccount,
    StaffRole,
)
from app.models.notify import Notification, NotificationSettings, ShortLink, SubscriptionCredit
from app.models.queue import Ticket, TicketEvent, WindowSession
from app.models.supervision import Alert, AlertEvent

__all__ = [
    "Alert",
    "AlertEvent",
    "Application",
    "ApplicationEvent",
    "ApplicationFile",
    "Appointment",
    "AuditEvent",
    "AuthSession",
    "BookingBan",
    "CalendarYear",
    "Complaint",
    "Consent",
    "Department",
    "Device",
    "Evaluation",
    "FaceVerification",
    "Hall",
    "HolidayOverride",
    "IdempotencyKey",
    "Material",
    "Notification",
    "NotificationSettings",
    "ProxyGrant",
    "QueueCategory",
    "Region",
    "Resident",
    "ResidentIdentity",
    "ServiceItem",
    "ShortLink",
    "Slot",
    "SlotSchedule",
    "StaffAccount",
    "StaffRole",
    "SubscriptionCredit",
    "Ticket",
    "TicketEvent",
    "Window",
    "WindowSession",
    "WorkOrder",
    "WorkOrderEvent",
]
