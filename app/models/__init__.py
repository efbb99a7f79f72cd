"""Database models, one module per aggregate. Models never commit; services do."""

from app.models.audit import AuditEvent
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
    "Consent",
    "Device",
    "FaceVerification",
    "ProxyGrant",
    "Resident",
    "ResidentIdentity",
    "StaffAccount",
    "StaffRole",
]
