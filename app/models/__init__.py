"""Database models, one module per aggregate. Models never commit; services do."""

from app.models.audit import AuditEvent
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

__all__ = [
    "AuditEvent",
    "AuthSession",
    "CalendarYear",
    "Consent",
    "Department",
    "Device",
    "FaceVerification",
    "Hall",
    "HolidayOverride",
    "Material",
    "ProxyGrant",
    "QueueCategory",
    "Region",
    "Resident",
    "ResidentIdentity",
    "ServiceItem",
    "StaffAccount",
    "StaffRole",
    "Window",
]
