"""The demo city catalogue (app/catalog_data/demo_city.json) is complete and consistent.

It is both the data behind ``flask seed-demo`` and the worked example of the
documented import format (``palmgov-catalog``, version 1), so every reference
must resolve and every item must carry a complete guide.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[2] / "app" / "catalog_data" / "demo_city.json"

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
PHONE = re.compile(r"^(?:0\d{2,3}-\d{7,8}|12\d{3})$")
REGION_CODE = {"city": re.compile(r"^\d{6}$"), "district": re.compile(r"^\d{6}$"), "street": re.compile(r"^\d{9}$")}
PARENT_LEVEL = {"city": None, "district": "city", "street": "district"}
ITEM_KEYS = {
    "code",
    "name",
    "sub_item",
    "department",
    "audience",
    "themes",
    "keywords",
    "legal_basis",
    "processing_type",
    "legal_days",
    "promised_days",
    "fee",
    "visits",
    "online",
    "appointment",
    "assurance_level",
    "conditions",
    "steps",
    "special_procedures",
    "faq",
    "consult_phone",
    "complaint_phone",
    "materials",
}
MATERIAL_KEYS = {"name", "count", "form", "source", "required", "condition", "notes"}


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicates = [key for key, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"duplicate keys {duplicates}"
    return dict(pairs)


@pytest.fixture(scope="module")
def raw() -> str:
    return DATA.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(raw: str) -> dict[str, Any]:
    return json.loads(raw, object_pairs_hook=_no_duplicate_keys)


@pytest.fixture(scope="module")
def items(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return catalog["items"]


@pytest.fixture(scope="module")
def item_codes_in_halls(catalog: dict[str, Any]) -> set[str]:
    return {code for hall in catalog["halls"] for category in hall["categories"] for code in category["items"]}


def _label(item: dict[str, Any]) -> str:
    return f"{item['code']} {item['name']}"


def _text(item: dict[str, Any]) -> str:
    return " ".join([item["name"], item["sub_item"] or "", *item["keywords"]])


# --- file and format ---------------------------------------------------------------------------------------------


def test_format_and_version(catalog: dict[str, Any]) -> None:
    assert catalog["format"] == "palmgov-catalog"
    assert catalog["version"] == 1
    assert set(catalog) == {"format", "version", "regions", "departments", "halls", "items"}


def test_file_is_readable_two_space_json(raw: str) -> None:
    assert raw.endswith("\n")
    assert "\t" not in raw
    assert "\\u" not in raw, "Chinese text is stored as UTF-8, not \\u escapes"
    for number, line in enumerate(raw.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"line {number} is not indented by a multiple of two spaces"
        assert line == line.rstrip(), f"line {number} has trailing whitespace"


@pytest.mark.parametrize("kind", ["regions", "departments", "halls", "items"])
def test_codes_are_unique(catalog: dict[str, Any], kind: str) -> None:
    codes = [entry["code"] for entry in catalog[kind]]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert all(isinstance(code, str) and code.strip() == code and code for code in codes)


def test_names_are_unique(catalog: dict[str, Any]) -> None:
    for kind in ("regions", "departments", "halls"):
        names = [entry["name"] for entry in catalog[kind]]
        assert len(names) == len(set(names)), kind
    guides = [(item["name"], item["sub_item"]) for item in catalog["items"]]
    assert len(guides) == len(set(guides)), "two items share a name and sub-item"


# --- regions, departments ----------------------------------------------------------------------------------------


def test_region_tree(catalog: dict[str, Any]) -> None:
    regions = {region["code"]: region for region in catalog["regions"]}
    levels = Counter(region["level"] for region in regions.values())
    assert levels["city"] == 1
    assert levels["district"] == 2
    for region in regions.values():
        level = region["level"]
        assert level in PARENT_LEVEL, region
        assert REGION_CODE[level].match(region["code"]), region
        if PARENT_LEVEL[level] is None:
            assert region["parent"] is None
            continue
        parent = regions.get(region["parent"])
        assert parent is not None, f"{region['code']} has unknown parent {region['parent']}"
        assert parent["level"] == PARENT_LEVEL[level]
        assert region["code"].startswith(parent["code"][:4]), region
    for district in (r for r in regions.values() if r["level"] == "district"):
        streets = [r for r in regions.values() if r["parent"] == district["code"]]
        assert len(streets) >= 2, f"{district['name']} needs a couple of streets"


def test_departments(catalog: dict[str, Any]) -> None:
    regions = {region["code"] for region in catalog["regions"]}
    departments = catalog["departments"]
    assert 6 <= len(departments) <= 10
    for department in departments:
        assert department["region"] in regions, department
        assert department["code"].startswith(department["region"] + "-"), department
        assert PHONE.match(department["phone"]), department


# --- halls -------------------------------------------------------------------------------------------------------


def _assert_periods(periods: list[list[str]], where: str) -> None:
    previous_end = ""
    for period in periods:
        assert isinstance(period, list), where
        assert len(period) == 2, where
        start, end = period
        assert HHMM.match(start), f"{where}: {start!r}"
        assert HHMM.match(end), f"{where}: {end!r}"
        assert start < end, f"{where}: {start}-{end} ends before it starts"
        assert previous_end < start, f"{where}: periods overlap or are out of order"
        previous_end = end


def test_hall_count_and_references(catalog: dict[str, Any]) -> None:
    regions = {region["code"] for region in catalog["regions"]}
    halls = catalog["halls"]
    assert len(halls) == 3
    for hall in halls:
        assert hall["region"] in regions, hall["code"]
        assert hall["timezone"] == "Asia/Shanghai"
        assert PHONE.match(hall["phone"]), hall["code"]
        assert hall["address"].startswith("示范市"), hall["code"]


def test_halls_are_near_each_other(catalog: dict[str, Any]) -> None:
    latitudes = [hall["latitude"] for hall in catalog["halls"]]
    longitudes = [hall["longitude"] for hall in catalog["halls"]]
    assert all(-90 <= lat <= 90 for lat in latitudes)
    assert all(-180 <= lng <= 180 for lng in longitudes)
    assert max(latitudes) - min(latitudes) < 0.1
    assert max(longitudes) - min(longitudes) < 0.1
    assert len(set(zip(latitudes, longitudes, strict=True))) == len(latitudes)


def test_hours_are_well_formed(catalog: dict[str, Any]) -> None:
    for hall in catalog["halls"]:
        hours = hall["hours"]
        assert tuple(hours) == WEEKDAYS, hall["code"]
        for day in WEEKDAYS:
            _assert_periods(hours[day], f"{hall['code']} {day}")
        for day in WEEKDAYS[:5]:
            assert len(hours[day]) == 2, f"{hall['code']} {day}: weekdays have a lunch break"
        for day in hall["closed_days"]:
            date.fromisoformat(day)
        for special in hall["special_days"]:
            date.fromisoformat(special["date"])
            assert special["date"] not in hall["closed_days"]
            assert special["note"]
            _assert_periods(special["hours"], f"{hall['code']} {special['date']}")
    assert any(hall["hours"]["sat"] for hall in catalog["halls"]), "one hall opens on Saturday"


def test_categories_and_windows(catalog: dict[str, Any]) -> None:
    item_codes = {item["code"] for item in catalog["items"]}
    total_windows = 0
    for hall in catalog["halls"]:
        categories = hall["categories"]
        assert 3 <= len(categories) <= 5, hall["code"]
        prefixes = [category["prefix"] for category in categories]
        assert prefixes == [chr(ord("A") + i) for i in range(len(prefixes))], hall["code"]
        for category in categories:
            assert category["name"]
            assert category["items"], f"{hall['code']} {category['prefix']} is empty"
            assert len(category["items"]) == len(set(category["items"]))
            unknown = set(category["items"]) - item_codes
            assert not unknown, f"{hall['code']} {category['prefix']} lists unknown items {unknown}"
        windows = hall["windows"]
        numbers = [window["number"] for window in windows]
        assert len(numbers) == len(set(numbers)), hall["code"]
        served = set()
        for window in windows:
            assert re.match(r"^\d{2}$", window["number"])
            assert window["categories"], f"{hall['code']} window {window['number']} serves nothing"
            assert set(window["categories"]) <= set(prefixes), f"{hall['code']} window {window['number']}"
            assert isinstance(window["accessible"], bool)
            served |= set(window["categories"])
        assert served == set(prefixes), f"{hall['code']}: every category has a window"
        assert any(window["accessible"] for window in windows), f"{hall['code']} has no accessible window"
        total_windows += len(windows)
    assert total_windows >= 12


# --- items -------------------------------------------------------------------------------------------------------


def test_item_count(items: list[dict[str, Any]]) -> None:
    assert len(items) >= 30


def test_every_item_is_handled_in_a_hall(items: list[dict[str, Any]], item_codes_in_halls: set[str]) -> None:
    assert [_label(item) for item in items if item["code"] not in item_codes_in_halls] == []


def test_item_fields_and_references(catalog: dict[str, Any], items: list[dict[str, Any]]) -> None:
    departments = {department["code"] for department in catalog["departments"]}
    for item in items:
        label = _label(item)
        assert set(item) - {"application_form"} == ITEM_KEYS, label  # a form only where the demo applies online
        assert item["department"] in departments, label
        assert item["audience"] in {"personal", "legal_person"}, label
        assert item["themes"], label
        assert item["keywords"], label
        assert len(item["keywords"]) == len(set(item["keywords"])), label
        assert item["sub_item"] is None or item["sub_item"].strip(), label
        assert isinstance(item["online"], bool), label
        assert isinstance(item["appointment"], bool), label
        assert item["assurance_level"] in {1, 2, 3}, label
        assert PHONE.match(item["consult_phone"]), label
        assert item["complaint_phone"] == "12345", label


def test_every_item_has_a_complete_guide(items: list[dict[str, Any]]) -> None:
    for item in items:
        label = _label(item)
        assert item["legal_basis"].startswith("《"), label
        assert item["conditions"], label
        assert all(condition.strip() for condition in item["conditions"]), label
        assert len(item["steps"]) >= 2, label
        for entry in item["steps"]:
            assert set(entry) == {"name", "description"}, label
            assert entry["name"], label
            assert entry["description"], label
        assert item["faq"], label
        for entry in item["faq"]:
            assert set(entry) == {"q", "a"}, label
            assert entry["q"].endswith("？"), label
            assert entry["a"], label
        for procedure in item["special_procedures"]:
            assert set(procedure) == {"name", "days", "counts_toward_limit", "basis"}, label
            assert isinstance(procedure["days"], int), label
            assert procedure["days"] > 0, label
            assert isinstance(procedure["counts_toward_limit"], bool), label
            assert procedure["basis"], label


def test_materials(items: list[dict[str, Any]]) -> None:
    for item in items:
        label = _label(item)
        materials = item["materials"]
        assert materials, label
        assert any(material["required"] for material in materials), label
        names = [(material["name"], material["condition"]) for material in materials]
        assert len(names) == len(set(names)), label
        for material in materials:
            where = f"{label}: {material['name']}"
            assert set(material) - {"upload"} == MATERIAL_KEYS, where
            assert material["name"], where
            assert isinstance(material["count"], int), where
            assert material["count"] >= 1, where
            assert material["form"] in {"original", "copy", "electronic"}, where
            assert material["source"], where
            assert isinstance(material["notes"], str), where
            if material["required"] is True:
                assert material["condition"] is None, where
            else:
                assert material["required"] is False, where
                assert material["condition"], f"{where}: a conditional material names its 情形"
    conditional = [item for item in items if any(not material["required"] for material in item["materials"])]
    assert len(conditional) >= len(items) // 2


def test_time_limits(items: list[dict[str, Any]]) -> None:
    for item in items:
        label = _label(item)
        legal, promised = item["legal_days"], item["promised_days"]
        assert isinstance(legal, int), label
        assert isinstance(promised, int), label
        if item["processing_type"] == "immediate":
            assert (legal, promised) == (0, 0), label
        else:
            assert item["processing_type"] == "promised", label
            assert 1 <= promised <= legal, label
    types = Counter(item["processing_type"] for item in items)
    assert types["immediate"] >= 5
    assert types["promised"] >= 5


def test_fees(items: list[dict[str, Any]]) -> None:
    for item in items:
        label = _label(item)
        fee = item["fee"]
        assert set(fee) == {"free", "lines"}, label
        if fee["free"] is True:
            assert fee["lines"] == [], label
            continue
        assert fee["free"] is False, label
        assert fee["lines"], f"{label}: a fee that is not 不收费 lists its lines"
        for line in fee["lines"]:
            assert set(line) == {"name", "amount_fen", "basis"}, label
            assert line["name"], label
            assert isinstance(line["amount_fen"], int), label
            assert line["amount_fen"] > 0, label
            assert line["basis"], label
    paying = [item for item in items if not item["fee"]["free"]]
    assert 2 <= len(paying) <= len(items) // 3, "most items are 不收费, a few charge"


def test_visits_online_and_assurance_mix(items: list[dict[str, Any]]) -> None:
    for item in items:
        assert item["visits"] in {0, 1, 2}, _label(item)
        if item["visits"] == 0:
            assert item["online"], f"{_label(item)}: 0 visits means fully online"
    assert {item["visits"] for item in items} == {0, 1, 2}
    assert [item["code"] for item in items if item.get("application_form")] == ["330106-GG-JY-001"]
    assert {item["assurance_level"] for item in items} == {1, 2, 3}
    assert {item["audience"] for item in items} == {"personal", "legal_person"}


# --- themes residents use most -----------------------------------------------------------------------------------

THEMES = [
    "社会保障卡申领",
    "养老保险待遇资格认证",
    "居住证",
    "普通护照",
    "往来港澳通行证",
    "个体工商户设立登记",
    "不动产登记资料查询",
    "医疗保险关系转移",
    "出生登记",
    "幼儿园",
    "住房公积金提取",
    "交通违法",
    "残疾人证",
    "结婚登记",
    "失业登记",
    "失业保险金",
    "生育津贴",
    "灵活就业",
    "居民身份证换领",
    "居民身份证补领",
    "公司变更登记",
    "食品经营许可",
    "异地就医备案",
    "老年人优待证",
    "最低生活保障",
    "住房公积金个人缴存证明",
    "驾驶证换证",
    "参保证明",
    "退休申请",
    "户口迁移",
    "护照加注",
    "无犯罪记录证明",
    "企业开办",
]


@pytest.mark.parametrize("theme", THEMES)
def test_common_theme_is_covered(items: list[dict[str, Any]], theme: str) -> None:
    assert any(theme in item["name"] + (item["sub_item"] or "") for item in items), theme


def test_housing_fund_withdrawal_has_sub_items(items: list[dict[str, Any]]) -> None:
    sub_items = {item["sub_item"] for item in items if item["name"] == "住房公积金提取"}
    assert None not in sub_items
    assert len(sub_items) >= 2
    assert any("租" in sub for sub in sub_items)
    assert any("退休" in sub for sub in sub_items)


@pytest.mark.parametrize(
    ("name", "colloquial"),
    [
        ("社会保障卡申领", "社保卡"),
        ("出生登记", "落户"),
        ("领取养老保险待遇资格认证", "养老金认证"),
        ("交通违法处理", "违章处理"),
        ("残疾人证新办", "残疾证"),
        ("最低生活保障申请", "低保"),
        ("不动产登记资料查询", "房产查询"),
    ],
)
def test_colloquial_keywords(items: list[dict[str, Any]], name: str, colloquial: str) -> None:
    matches = [item for item in items if item["name"] == name]
    assert matches, name
    assert all(colloquial in item["keywords"] for item in matches), name


def test_passport_fee_and_online_pension_check(items: list[dict[str, Any]]) -> None:
    by_name = {item["name"]: item for item in items}
    passport = by_name["普通护照签发"]
    assert passport["fee"]["free"] is False
    assert [line["amount_fen"] for line in passport["fee"]["lines"]] == [12000]
    pension = by_name["领取养老保险待遇资格认证"]
    assert pension["assurance_level"] == 3
    assert pension["visits"] == 0
    assert pension["online"] is True
    assert pension["processing_type"] == "immediate"


def test_keywords_reach_common_searches(items: list[dict[str, Any]]) -> None:
    for word in ("社保卡", "医保卡", "落户", "公积金提取", "营业执照", "护照", "港澳通行证", "身份证", "结婚证"):
        assert any(word in _text(item) for item in items), word
