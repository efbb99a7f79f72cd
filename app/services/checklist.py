"""The 一次性告知单: one published item's required materials and the facts a resident needs to go.

The same content answers as JSON and as a printable A4 page; the Chinese labels for
enum values live here so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from app.models.base import utcnow
from app.models.catalog import Material, ServiceItem
from app.services import catalog

FORM_LABELS = {"original": "原件", "copy": "复印件", "electronic": "电子件"}
PROCESSING_TYPE_LABELS = {"immediate": "即办件", "promised": "承诺件"}
VISIT_LABELS = {0: "全程网办，无需到现场", 1: "最多跑一次"}
FREE_LABEL = "不收费"
UNLISTED_FEE_LABEL = "收费，标准请电话咨询"


@dataclass(frozen=True)
class ChecklistMaterial:
    name: str
    count: int
    form: str
    form_label: str
    source: str | None
    condition: str | None  # 情形: when a conditional material is needed
    notes: str | None
    sample_url: str | None


@dataclass(frozen=True)
class FeeLine:
    name: str
    amount_fen: int
    amount_label: str  # "20.00 元"
    basis: str | None


@dataclass(frozen=True)
class FeeSummary:
    free: bool
    label: str  # "不收费", or the lines with their amounts
    lines: list[FeeLine]


@dataclass(frozen=True)
class Place:
    """A hall line that handles the item: where to go and which queue to join."""

    hall_id: int
    hall: str
    address: str
    category: str
    category_name: str


@dataclass(frozen=True)
class Checklist:
    code: str
    name: str
    sub_item: str | None
    department: str
    processing_type: str
    processing_type_label: str
    legal_days: int
    promised_days: int
    time_limit: str  # 办理时限 in words
    fee: FeeSummary
    visits: int
    visits_label: str
    handled_at: list[Place]
    consult_phone: str | None
    complaint_phone: str | None
    conditions: list[str]
    required_materials: list[ChecklistMaterial]
    conditional_materials: list[ChecklistMaterial]
    published_at: datetime | None
    generated_at: datetime


def build(code: str) -> Checklist:
    """The checklist of a published item; NotFound for an unknown or unpublished code."""
    return _checklist(catalog.guide(code))


def of_item(item: ServiceItem) -> Checklist:
    """The checklist of a published item already loaded."""
    return _checklist(catalog.guide_of(item))


def _checklist(guide: catalog.ItemGuide) -> Checklist:
    item = guide.item
    # Times in the catalog's timezone, so the printed dates are the ones residents live by.
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return Checklist(
        code=item.code,
        name=item.name,
        sub_item=item.sub_item,
        department=item.department.name,
        processing_type=item.processing_type,
        processing_type_label=PROCESSING_TYPE_LABELS.get(item.processing_type, item.processing_type),
        legal_days=item.legal_days,
        promised_days=item.promised_days,
        time_limit=time_limit(item.processing_type, item.promised_days, item.legal_days),
        fee=fee_summary(item.fee),
        visits=item.visits,
        visits_label=VISIT_LABELS.get(item.visits, f"需到现场 {item.visits} 次"),
        handled_at=[_place(handled) for handled in guide.handled_at],
        consult_phone=item.consult_phone,
        complaint_phone=item.complaint_phone,
        conditions=list(item.conditions),
        required_materials=[_material(material) for material in item.materials if material.required],
        conditional_materials=[_material(material) for material in item.materials if not material.required],
        published_at=item.published_at.astimezone(zone) if item.published_at else None,
        generated_at=utcnow().astimezone(zone),
    )


def time_limit(processing_type: str, promised_days: int, legal_days: int) -> str:
    if processing_type == "immediate":
        return "即办件，当场办结"
    return f"承诺件，自受理之日起 {promised_days} 个工作日内办结（法定时限 {legal_days} 个工作日）"


def fee_summary(fee: dict) -> FeeSummary:
    if fee.get("free"):
        return FeeSummary(free=True, label=FREE_LABEL, lines=[])
    lines = [
        FeeLine(line["name"], line["amount_fen"], yuan(line["amount_fen"]), line.get("basis"))
        for line in fee.get("lines", [])
    ]
    label = "；".join(f"{line.name} {line.amount_label}" for line in lines) or UNLISTED_FEE_LABEL
    return FeeSummary(free=False, label=label, lines=lines)


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d} 元"


def _material(material: Material) -> ChecklistMaterial:
    return ChecklistMaterial(
        name=material.name,
        count=material.count,
        form=material.form,
        form_label=FORM_LABELS.get(material.form, material.form),
        source=material.source,
        condition=material.condition,
        notes=material.notes,
        sample_url=material.sample_url,
    )


def _place(handled: catalog.HandledAt) -> Place:
    return Place(handled.hall_id, handled.hall, handled.address, handled.category, handled.category_name)
