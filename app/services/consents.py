"""Separate consents (单独同意, PIPL Art. 29): face processing needs its own, withdrawable, versioned."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.errors import ConsentRequired, NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import Consent
from app.services import audit


@dataclass(frozen=True)
class ConsentText:
    kind: str
    version: str
    text_zh: str
    text_en: str


FACE = ConsentText(
    kind="face",
    version="2026-11",
    text_zh=(
        "为核验您本人身份，我们将在您同意后通过所选人脸核身服务采集您的人脸信息，并与您提交的姓名、"
        "身份证号比对。人脸信息属于敏感个人信息，仅用于本次核验，由核身服务处理，本平台不存储人脸图像，"
        "只保存核验结果。您可以随时撤回同意；不同意人脸识别的，可携带身份证件到政务服务大厅窗口核验身份，"
        "不影响您办理业务。"
    ),
    text_en=(
        "To confirm that you are the person you named, with your consent we send your face, through the "
        "chosen face-verification service, for comparison with the name and ID number you gave. Face data is "
        "sensitive personal information; it is used only for this check and processed by that service. "
        "PalmGov keeps no face image, only the result. You may withdraw consent at any time. If you do not "
        "consent, a service-hall window can check your ID card in person instead, and no service is refused."
    ),
)
TEXTS = {FACE.kind: FACE}


def grant(resident_id: int, kind: str, version: str) -> Consent:
    text = TEXTS[kind]
    if version != text.version:
        raise ConsentRequired(
            "同意书已更新，请阅读最新版本",
            "The consent text has changed; please read the current version",
            details={"current_version": text.version},
        )
    consent = active(resident_id, kind)
    if consent is None:
        consent = Consent(resident_id=resident_id, kind=kind, version=version, granted_at=utcnow())
        db.session.add(consent)
        db.session.flush()
        audit.record(
            "consent.grant",
            audit.Actor("resident", resident_id),
            object_type="consent",
            object_id=consent.id,
            details={"kind": kind, "version": version},
        )
        db.session.commit()
    return consent


def withdraw(resident_id: int, kind: str) -> None:
    consent = active(resident_id, kind)
    if consent is None:
        raise NotFound()
    consent.withdrawn_at = utcnow()
    audit.record(
        "consent.withdraw",
        audit.Actor("resident", resident_id),
        object_type="consent",
        object_id=consent.id,
        details={"kind": kind},
    )
    db.session.commit()


def active(resident_id: int, kind: str) -> Consent | None:
    return db.session.scalar(
        select(Consent).where(
            Consent.resident_id == resident_id,
            Consent.kind == kind,
            Consent.version == TEXTS[kind].version,
            Consent.withdrawn_at.is_(None),
        )
    )


def listed(resident_id: int) -> list[Consent]:
    return list(
        db.session.scalars(select(Consent).where(Consent.resident_id == resident_id, Consent.withdrawn_at.is_(None)))
    )
