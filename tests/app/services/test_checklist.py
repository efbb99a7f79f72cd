"""The 一次性告知单 built from a published item of the demo city (issue 4)."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest

from app import demo
from app.errors import NotFound
from app.services import catalog_io, checklist

DEMO = json.loads(demo.DEMO_CITY.read_text(encoding="utf-8"))
PASSPORT_PERMIT = "330100-XK-CRJ-002"  # two fee lines, required and conditional materials
SOCIAL_SECURITY_CARD = "330100-GG-RS-001"  # free, 即办件


def demo_item(code: str) -> dict:
    return next(item for item in DEMO["items"] if item["code"] == code)


@pytest.fixture
def city(app):
    with app.app_context():
        demo.seed_catalog()
        yield app


def test_materials_split_into_required_and_conditional_in_order(city):
    for entry in DEMO["items"]:
        built = checklist.build(entry["code"])
        materials = entry["materials"]
        assert [m.name for m in built.required_materials] == [m["name"] for m in materials if m["required"]]
        assert [m.name for m in built.conditional_materials] == [m["name"] for m in materials if not m["required"]]
        assert all(m.condition for m in built.conditional_materials)  # every 情形 is spelled out


def test_a_material_keeps_its_count_form_source_and_notes(city):
    built = checklist.build(PASSPORT_PERMIT)
    first = demo_item(PASSPORT_PERMIT)["materials"][0]
    material = built.required_materials[0]
    assert (material.name, material.count, material.form, material.source, material.notes) == (
        first["name"],
        first["count"],
        first["form"],
        first["source"],
        first["notes"],
    )
    assert material.form_label == checklist.FORM_LABELS[first["form"]]


def test_labels_are_chinese():
    assert checklist.FORM_LABELS == {"original": "原件", "copy": "复印件", "electronic": "电子件"}
    assert checklist.PROCESSING_TYPE_LABELS == {"immediate": "即办件", "promised": "承诺件"}
    assert checklist.time_limit("immediate", 0, 0) == "即办件，当场办结"
    assert checklist.time_limit("promised", 7, 10) == "承诺件，自受理之日起 7 个工作日内办结（法定时限 10 个工作日）"


def test_every_demo_form_has_a_label(city):
    forms = {material["form"] for item in DEMO["items"] for material in item["materials"]}
    assert forms <= set(checklist.FORM_LABELS)
    built = checklist.build("330100-GG-RS-004")  # 失业登记: original, copy and electronic
    labels = {m.form_label for m in built.required_materials + built.conditional_materials}
    assert labels == {"原件", "复印件", "电子件"}


def test_a_free_immediate_item(city):
    built = checklist.build(SOCIAL_SECURITY_CARD)
    assert (built.fee.free, built.fee.label, built.fee.lines) == (True, "不收费", [])
    assert (built.processing_type, built.processing_type_label) == ("immediate", "即办件")
    assert built.time_limit == "即办件，当场办结"
    assert (built.visits, built.visits_label) == (1, "最多跑一次")


def test_a_promised_item_with_fee_lines(city):
    built = checklist.build(PASSPORT_PERMIT)
    assert not built.fee.free
    assert [(line.name, line.amount_fen, line.amount_label) for line in built.fee.lines] == [
        ("往来港澳通行证", 6000, "60.00 元"),
        ("个人旅游一次有效签注", 1500, "15.00 元"),
    ]
    assert built.fee.label == "往来港澳通行证 60.00 元；个人旅游一次有效签注 15.00 元"
    assert all(line.basis for line in built.fee.lines)
    assert (built.processing_type_label, built.promised_days, built.legal_days) == ("承诺件", 7, 10)
    assert "7 个工作日" in built.time_limit


@pytest.mark.parametrize(("fen", "label"), [(0, "0.00 元"), (5, "0.05 元"), (1505, "15.05 元"), (12000, "120.00 元")])
def test_yuan(fen, label):
    assert checklist.yuan(fen) == label


def test_a_charged_item_without_lines_does_not_say_free():
    summary = checklist.fee_summary({"free": False, "lines": []})
    assert not summary.free and summary.label == checklist.UNLISTED_FEE_LABEL != checklist.FREE_LABEL


def test_the_item_facts_and_where_it_is_handled(city):
    built = checklist.build(PASSPORT_PERMIT)
    entry = demo_item(PASSPORT_PERMIT)
    assert (built.code, built.name, built.sub_item) == (PASSPORT_PERMIT, entry["name"], entry["sub_item"])
    assert built.department == "示范市公安局"
    assert (built.consult_phone, built.complaint_phone) == (entry["consult_phone"], entry["complaint_phone"])
    assert built.conditions == entry["conditions"]
    assert built.handled_at, "the demo city handles every item somewhere"
    place = built.handled_at[0]
    assert place.hall and place.address and place.category and place.category_name


def test_times_are_in_the_catalog_timezone(city):
    built = checklist.build(SOCIAL_SECURITY_CARD)
    assert built.published_at is not None
    assert built.published_at.utcoffset() == built.generated_at.utcoffset() == timedelta(hours=8)
    assert built.published_at <= built.generated_at


def test_unknown_and_draft_only_items_are_not_found(city):
    draft = copy.deepcopy(demo_item(SOCIAL_SECURITY_CARD)) | {"code": "DRAFT-ONLY-001"}
    catalog_io.import_catalog({"format": "palmgov-catalog", "version": 1, "items": [draft]}, publish=False)
    with pytest.raises(NotFound):
        checklist.build("NO-SUCH-CODE")
    with pytest.raises(NotFound):
        checklist.build("DRAFT-ONLY-001")
