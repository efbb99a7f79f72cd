"""The catalog rules the importer and the admin API share: every problem named by its path, all at once."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.services import catalog_rules

HALL = {"code": "H9", "region": "330102", "name": "东区政务服务中心", "address": "东区一路1号"}
ITEM = {
    "code": "T-1",
    "department": "d-1",
    "name": "失业登记",
    "audience": "personal",
    "processing_type": "immediate",
    "fee": {"free": True, "lines": []},
    "materials": [],
}


def problems(clean, entry, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as raised:
        clean(entry, **kwargs)
    return raised.value.details["fields"]


def test_defaults_fill_what_an_item_leaves_out():
    item = catalog_rules.clean_item({**ITEM, "sub_item": "", "consult_phone": None})
    assert item["sub_item"] is None and item["consult_phone"] is None
    assert (item["visits"], item["online"], item["appointment"], item["assurance_level"]) == (1, False, True, 1)
    assert item["themes"] == [] and item["legal_basis"] == ""


def test_every_problem_comes_at_once_with_its_path():
    fields = problems(
        catalog_rules.clean_item,
        {**ITEM, "themes": ["社保", ""], "faq": [{"q": "？"}], "materials": [{"name": "x" * 129, "form": "copy"}]},
        where="items[4]",
    )
    assert set(fields) == {"items[4].themes[1]", "items[4].faq[0].a", "items[4].materials[0].name"}


def test_text_is_printable_but_long_text_may_have_lines():
    assert (
        catalog_rules.clean_item({**ITEM, "legal_basis": "《甲法》\n《乙法》"})["legal_basis"] == "《甲法》\n《乙法》"
    )
    assert "name" in problems(catalog_rules.clean_item, {**ITEM, "name": "失业\n登记"})
    assert "name" in problems(catalog_rules.clean_item, {**ITEM, "name": "失业\u202e登记"})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hours": {"mon": [["09:00", "12:00"], ["11:00", "17:00"]]}}, "hours.mon[1]"),  # overlapping
        ({"hours": {"mon": [["9:00", "12:00"]]}}, "hours.mon[0]"),
        ({"hours": {"mon": [["13:00", "12:00"]]}}, "hours.mon[0]"),
        ({"hours": {"monday": []}}, "hours.monday"),
        ({"hours": []}, "hours"),
        ({"closed_days": ["2026-02-30"]}, "closed_days[0]"),
        ({"special_days": [{"date": "2026-12-24", "hours": [["09:00", "25:00"]]}]}, "special_days[0].hours[0]"),
        ({"special_days": [{"hours": []}]}, "special_days[0].date"),
        ({"latitude": 30.2}, "longitude"),
        ({"latitude": 91, "longitude": 120}, "latitude"),
        ({"latitude": True, "longitude": 120}, "latitude"),
        ({"timezone": "Asia/Shanghai/../x"}, "timezone"),
        ({"phone": "<script>"}, "phone"),
        ({"region": "3301"}, "region"),
    ],
)
def test_hall_rules(change, field):
    assert field in problems(catalog_rules.clean_hall, {**HALL, **change})


def test_a_good_hall_is_cleaned():
    hall = catalog_rules.clean_hall(
        {**HALL, "hours": {"sat": [["09:00", "12:00"]]}, "closed_days": ["2026-12-31", "2026-10-01"]}
    )
    assert hall["timezone"] == "Asia/Shanghai" and hall["closed_days"] == ["2026-10-01", "2026-12-31"]
    assert hall["hours"] == {"sat": [["09:00", "12:00"]]} and hall["latitude"] is None


def test_region_levels_nest_downwards():
    catalog_rules.check_region_parent("district", "city")
    with pytest.raises(InvalidInput) as raised:
        catalog_rules.check_region_parent("city", "street", "regions[2]")
    assert raised.value.details["fields"] == {"regions[2].parent": ["A city cannot sit in a street."]}


@pytest.mark.parametrize(
    ("clean", "entry", "field"),
    [
        (catalog_rules.clean_category, {"prefix": "AB", "name": "社保"}, "prefix"),
        (catalog_rules.clean_category, {"prefix": "A", "name": "社保", "items": "T-1"}, "items"),
        (catalog_rules.clean_window, {"number": "", "categories": ["A"]}, "number"),
        (catalog_rules.clean_window, {"number": "01", "categories": ["A"], "accessible": "yes"}, "accessible"),
        (catalog_rules.clean_region, {"code": "330100", "name": "市", "level": "planet"}, "level"),
        (catalog_rules.clean_department, {"code": "d 1", "name": "局", "region": "330100"}, "code"),
        (catalog_rules.clean_department, ["d-1"], ""),
    ],
)
def test_place_rules(clean, entry, field):
    assert field in problems(clean, entry)
