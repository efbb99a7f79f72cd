"""Item application forms: the definition an admin writes, and a resident's answers checked against it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.errors import InvalidInput
from app.services.application_forms import clean_definition, sensitive_fields, validate
from app.services.checks import Problems
from app.validators import id_check_char

TODAY = date(2026, 12, 4)
ID_NUMBER = "11010519491231002" + id_check_char("11010519491231002")  # ends in X

FORM = [
    {"name": "full_name", "label": "姓名", "type": "text", "required": True, "max_length": 30},
    {"name": "children", "label": "子女人数", "type": "number", "integer": True, "min": 0, "max": 10},
    {"name": "income", "label": "月收入（元）", "type": "number", "min": 0},
    {"name": "move_in", "label": "入住日期", "type": "date", "not_before": "today", "not_after": "2027-12-31"},
    {
        "name": "reason",
        "label": "申请原因",
        "type": "select",
        "options": [{"value": "new", "label": "首次申领"}, {"value": "lost", "label": "遗失补领"}],
    },
    {
        "name": "benefits",
        "label": "享受待遇",
        "type": "select",
        "multiple": True,
        "options": [{"value": "pension", "label": "养老"}, {"value": "medical", "label": "医疗"}],
    },
    {"name": "contact_phone", "label": "联系电话", "type": "phone", "required": True},
    {"name": "spouse_id", "label": "配偶身份证号", "type": "id_number"},
    {"name": "home", "label": "居住地址", "type": "address"},
    {"name": "consent", "label": "本人承诺所填信息真实", "type": "checkbox", "required": True},
]
ANSWERS = {
    "full_name": " 张三 ",
    "children": 2.0,
    "income": 5200.5,
    "move_in": "2026-12-04",
    "reason": "lost",
    "benefits": ["medical", "pension"],
    "contact_phone": "13800138000 ",
    "spouse_id": ID_NUMBER.lower(),
    "home": {"region": "330102", "detail": "东区一路1号"},
    "consent": True,
}


def definition(fields: list[dict[str, Any]] = FORM) -> list[dict[str, Any]]:
    problems = Problems()
    cleaned = clean_definition(fields, problems)
    problems.raise_if_any()
    return cleaned


def definition_problems(entry: object) -> dict[str, list[str]]:
    problems = Problems()
    clean_definition(entry, problems)
    return problems.fields


def answer_problems(fields: list[dict[str, Any]], form: object, *, partial: bool = False) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as raised:
        validate(definition(fields), form, partial=partial, today=TODAY)
    return raised.value.details["fields"]


# --- The definition -------------------------------------------------------------------------------


def test_a_definition_is_cleaned_with_every_option_filled_in():
    cleaned = definition(FORM)
    assert cleaned[0] == {
        "name": "full_name",
        "label": "姓名",
        "type": "text",
        "required": True,
        "help": None,
        "max_length": 30,
        "multiline": False,
    }
    assert cleaned[2] == {
        "name": "income",
        "label": "月收入（元）",
        "type": "number",
        "required": False,
        "help": None,
        "min": 0,
        "max": None,
        "integer": False,
    }
    assert cleaned[1]["integer"] is True and (cleaned[1]["min"], cleaned[1]["max"]) == (0, 10)
    assert cleaned[5]["options"] == [{"value": "pension", "label": "养老"}, {"value": "medical", "label": "医疗"}]
    assert cleaned[3]["not_before"] == "today" and cleaned[3]["not_after"] == "2027-12-31"
    assert cleaned[4]["multiple"] is False and cleaned[5]["multiple"] is True
    assert cleaned[6] == {
        "name": "contact_phone",
        "label": "联系电话",
        "type": "phone",
        "required": True,
        "help": None,
    }
    assert cleaned[9]["required"] is True and cleaned[8]["required"] is False


def test_defaults_of_text_date_and_number_options():
    text, day, number = definition(
        [
            {"name": "note", "label": "备注", "type": "text", "help": "选填\n可换行"},
            {"name": "day", "label": "日期", "type": "date", "not_before": ""},
            {"name": "amount", "label": "金额", "type": "number", "min": 1.5, "max": 2},
        ]
    )
    assert (text["max_length"], text["multiline"], text["help"]) == (200, False, "选填\n可换行")
    assert (day["not_before"], day["not_after"]) == (None, None)
    assert (number["min"], number["max"]) == (1.5, 2) and isinstance(number["max"], int)


def test_no_form_is_an_empty_form():
    assert definition_problems(None) == {}
    assert clean_definition(None, Problems()) == []


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"name": "x"}, {"form": ["Must be a list of at most 60 fields."]}),
        (
            [{"name": f"f{n}", "label": "项", "type": "text"} for n in range(61)],
            {"form": ["Must be a list of at most 60 fields."]},
        ),
    ],
)
def test_a_form_is_a_list_of_at_most_60_fields(entry, expected):
    assert definition_problems(entry) == expected


def test_a_field_is_an_object():
    assert definition_problems(["text"])["form[0]"] == ["Must be an object."]


def test_sixty_fields_are_allowed():
    fields = definition([{"name": f"f{n}", "label": "项", "type": "checkbox"} for n in range(60)])
    assert len(fields) == 60 and fields[59]["name"] == "f59"


def test_names_are_unique_in_the_form():
    fields = [
        {"name": "phone", "label": "电话", "type": "phone"},
        {"name": "note", "label": "备注", "type": "text"},
        {"name": "phone", "label": "电话2", "type": "phone"},
    ]
    assert definition_problems(fields) == {"form[2].name": ["'phone' is already the name of another field."]}


@pytest.mark.parametrize("name", ["Phone", "1st", "_a", "a_", "a__b", "a-b", "电话", "x" * 41, 7])
def test_a_name_is_snake_case(name):
    problems = definition_problems([{"name": name, "label": "项", "type": "text"}])
    assert problems == {"form[0].name": ["snake_case: a-z, digits and single '_', from a letter, at most 40."]}


def test_a_long_snake_case_name_is_fine():
    assert definition([{"name": "a1_b2" + "c" * 35, "label": "项", "type": "text"}])[0]["name"] == "a1_b2" + "c" * 35


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            {"type": "file"},
            {"form[0].type": ["Must be one of: text, number, date, select, phone, id_number, address, checkbox."]},
        ),
        ({"type": None}, {"form[0].type": ["Missing data for required field."]}),
        ({"type": "text", "label": None}, {"form[0].label": ["Missing data for required field."]}),
        ({"type": "text", "label": "x" * 65}, {"form[0].label": ["1-64 printable characters."]}),
        ({"type": "text", "required": "yes"}, {"form[0].required": ["Must be true or false."]}),
        ({"type": "text", "max_length": 0}, {"form[0].max_length": ["Must be a whole number from 1 to 2000."]}),
        ({"type": "text", "max_length": 2001}, {"form[0].max_length": ["Must be a whole number from 1 to 2000."]}),
        ({"type": "text", "options": []}, {"form[0].options": ["Unknown field."]}),
        ({"type": "phone", "max_length": 11}, {"form[0].max_length": ["Unknown field."]}),
        (
            {"type": "file", "max_length": 11},
            {"form[0].type": ["Must be one of: text, number, date, select, phone, id_number, address, checkbox."]},
        ),
        ({"type": "number", "min": 5, "max": 1}, {"form[0].max": ["Must not be below min."]}),
        (
            {"type": "number", "min": "1"},
            {"form[0].min": ["Must be a number from -999999999999999 to 999999999999999."]},
        ),
        (
            {"type": "number", "integer": True, "max": 2.5},
            {"form[0].max": ["Must be a whole number, as the field takes whole numbers."]},
        ),
        ({"type": "date", "not_before": "tomorrow"}, {"form[0].not_before": ['A date as YYYY-MM-DD, or "today".']}),
        ({"type": "date", "not_after": "2026-02-30"}, {"form[0].not_after": ['A date as YYYY-MM-DD, or "today".']}),
        (
            {"type": "date", "not_before": "2027-01-01", "not_after": "2026-12-31"},
            {"form[0].not_after": ["Must not be before not_before."]},
        ),
        ({"type": "select"}, {"form[0].options": ["Missing data for required field."]}),
        ({"type": "select", "options": []}, {"form[0].options": ["Give at least one option."]}),
        (
            {"type": "select", "options": [{"value": "a", "label": "甲"}] * 51},
            {"form[0].options": ["Must be a list of at most 50 entries."]},
        ),
        (
            {"type": "select", "options": [{"value": "a", "label": "甲"}, {"value": "a", "label": "乙"}]},
            {"form[0].options[1].value": ["Another option has this value."]},
        ),
        (
            {"type": "select", "options": [{"value": "a"}]},
            {"form[0].options[0].label": ["Missing data for required field."]},
        ),
        (
            {"type": "select", "options": [{"value": "a", "label": "甲", "default": True}]},
            {"form[0].options[0].default": ["Unknown field."]},
        ),
        (
            {"type": "select", "options": [{"value": "a", "label": "甲"}], "multiple": 1},
            {"form[0].multiple": ["Must be true or false."]},
        ),
    ],
)
def test_definition_rules(field, expected):
    assert definition_problems([{"name": "f", "label": "项", **field}]) == expected


def test_problems_carry_the_callers_prefix():
    problems = Problems("items[3]")
    clean_definition([{"name": "f", "label": "项", "type": "select"}], problems)
    assert problems.fields == {"items[3].form[0].options": ["Missing data for required field."]}


def test_sensitive_fields_are_phone_and_id_numbers():
    assert sensitive_fields(definition(FORM)) == {"contact_phone", "spouse_id"}
    assert sensitive_fields([]) == set()


# --- The answers --------------------------------------------------------------------------------


def test_every_type_answered_and_normalised():
    assert validate(definition(FORM), ANSWERS, partial=False, today=TODAY) == {
        "full_name": "张三",
        "children": 2,
        "income": 5200.5,
        "move_in": "2026-12-04",
        "reason": "lost",
        "benefits": ["medical", "pension"],
        "contact_phone": "13800138000",
        "spouse_id": ID_NUMBER,
        "home": {"region": "330102", "detail": "东区一路1号"},
        "consent": True,
    }


def test_whole_numbers_come_back_as_int_and_others_as_given():
    answers = validate(definition(FORM), {"children": 3.0, "income": 4000}, partial=True, today=TODAY)
    assert answers == {"children": 3, "income": 4000}
    assert type(answers["children"]) is int and type(answers["income"]) is int


def test_unanswered_fields_are_left_out():
    form = {"full_name": "张三", "contact_phone": "13800138000", "consent": True}
    blanks = {"income": None, "reason": "", "benefits": [], "home": {"region": "", "detail": "  "}, "spouse_id": " "}
    assert validate(definition(FORM), form | blanks, partial=False, today=TODAY) == form


def test_submitting_needs_every_required_field():
    assert answer_problems(FORM, {"full_name": "   ", "consent": False}) == {
        "form.full_name": ["This field is required."],
        "form.contact_phone": ["This field is required."],
        "form.consent": ["Must be ticked to continue."],
    }


def test_a_draft_may_leave_required_fields_out():
    assert validate(definition(FORM), {}, partial=True, today=TODAY) == {}
    assert validate(definition(FORM), {"consent": False}, partial=True, today=TODAY) == {"consent": False}


def test_a_draft_still_checks_what_is_given():
    assert answer_problems(FORM, {"contact_phone": "1380013800"}, partial=True) == {
        "form.contact_phone": ["Must be a mainland mobile number: 11 digits from 1, like 13800138000."]
    }


def test_an_optional_checkbox_may_be_left_unticked():
    fields = [{"name": "sms", "label": "短信通知", "type": "checkbox"}]
    assert validate(definition(fields), {"sms": False}, partial=False, today=TODAY) == {"sms": False}


def test_unknown_keys_are_errors():
    assert answer_problems(FORM, ANSWERS | {"nickname": "小张", "age": 3}, partial=True) == {
        "form.age": ["Unknown field."],
        "form.nickname": ["Unknown field."],
    }
    assert answer_problems([], {"x": 1}) == {"form.x": ["Unknown field."]}


@pytest.mark.parametrize("form", [[], "a=1", None])
def test_the_form_is_an_object(form):
    assert answer_problems(FORM, form, partial=True) == {"form": ["Must be an object."]}


def test_every_problem_comes_at_once():
    problems = answer_problems(FORM, ANSWERS | {"children": -1, "reason": "other", "consent": "yes"})
    assert set(problems) == {"form.children", "form.reason", "form.consent"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("full_name", "x" * 31, "1-30 printable characters."),
        ("full_name", "张\n三", "1-30 printable characters."),
        ("full_name", 12, "Not a valid string."),
        ("children", 11, "Must be a whole number from 0 to 10."),
        ("children", 1.5, "Must be a whole number from 0 to 10."),
        ("children", "2", "Must be a whole number from 0 to 10."),
        ("children", True, "Must be a whole number from 0 to 10."),
        ("income", -0.01, "Must be a number, at least 0."),
        ("income", float("nan"), "Must be a number, at least 0."),
        ("income", float("inf"), "Must be a number, at least 0."),
        ("income", 10**16, "Must be a number, at least 0."),
        ("move_in", "2026-12-03", "Must be a date YYYY-MM-DD, not before 2026-12-04, not after 2027-12-31."),
        ("move_in", "2028-01-01", "Must be a date YYYY-MM-DD, not before 2026-12-04, not after 2027-12-31."),
        ("move_in", "2026/12/05", "Must be a date YYYY-MM-DD, not before 2026-12-04, not after 2027-12-31."),
        ("move_in", "2027-02-29", "Must be a date YYYY-MM-DD, not before 2026-12-04, not after 2027-12-31."),
        ("reason", "other", "Must be one of: new, lost."),
        ("reason", ["new"], "Must be one of: new, lost."),
        ("benefits", "pension", "Must be a list of some of: pension, medical, each at most once."),
        ("benefits", ["pension", "pension"], "Must be a list of some of: pension, medical, each at most once."),
        ("benefits", ["dental"], "Must be a list of some of: pension, medical, each at most once."),
        ("benefits", [{"value": "pension"}], "Must be a list of some of: pension, medical, each at most once."),
        ("contact_phone", "23800138000", "Must be a mainland mobile number: 11 digits from 1, like 13800138000."),
        ("contact_phone", "138 0013 8000", "Must be a mainland mobile number: 11 digits from 1, like 13800138000."),
        ("contact_phone", 13800138000, "Must be a mainland mobile number: 11 digits from 1, like 13800138000."),
        ("spouse_id", "1101051949123100", "Must be an 18-character resident ID number (the last may be X)."),
        ("spouse_id", 110105194912310020, "Must be an 18-character resident ID number (the last may be X)."),
        ("spouse_id", "99" + ID_NUMBER[2:], "Not a valid resident ID number: the first two digits name no province."),
        (
            "spouse_id",
            ID_NUMBER[:10] + "1232" + ID_NUMBER[14:],
            "Not a valid resident ID number: digits 7-14 are not a real birth date.",
        ),
        (
            "spouse_id",
            ID_NUMBER[:17] + "1",
            "Not a valid resident ID number: the last character does not match; please check each digit.",
        ),
        ("home", "东区一路1号", "Must be an object."),
        ("consent", "yes", "Must be true or false."),
    ],
)
def test_invalid_answers(name, value, message):
    assert answer_problems(FORM, ANSWERS | {name: value}) == {f"form.{name}": [message]}


def test_an_address_has_its_detail_and_an_optional_region_code():
    fields = [{"name": "home", "label": "地址", "type": "address"}]
    assert validate(definition(fields), {"home": {"detail": " 一路1号 "}}, partial=True, today=TODAY) == {
        "home": {"region": None, "detail": "一路1号"}
    }
    assert answer_problems(fields, {"home": {"region": "3301", "street": "x"}}, partial=True) == {
        "form.home.street": ["Unknown field."],
        "form.home.region": ["A 行政区划代码 of 6, 9 or 12 digits."],
        "form.home.detail": ["Missing data for required field."],
    }
    assert answer_problems(fields, {"home": {"detail": "路" * 201}}) == {
        "form.home.detail": ["1-200 printable characters."]
    }


def test_date_bounds_follow_today():
    fields = [{"name": "born", "label": "出生日期", "type": "date", "not_after": "today"}]
    assert validate(definition(fields), {"born": "2026-12-04"}, partial=False, today=TODAY) == {"born": "2026-12-04"}
    assert answer_problems(fields, {"born": "2026-12-05"}) == {
        "form.born": ["Must be a date YYYY-MM-DD, not after 2026-12-04."]
    }
    later = validate(definition(fields), {"born": "2026-12-05"}, partial=False, today=date(2026, 12, 5))
    assert later == {"born": "2026-12-05"}


def test_an_unbounded_date_only_needs_to_be_a_date():
    fields = [{"name": "day", "label": "日期", "type": "date"}]
    assert validate(definition(fields), {"day": "1900-01-01"}, partial=False, today=TODAY) == {"day": "1900-01-01"}
    assert answer_problems(fields, {"day": 20261204}) == {"form.day": ["Must be a date YYYY-MM-DD."]}


def test_an_unbounded_number_stays_within_fifteen_digits():
    fields = [{"name": "n", "label": "数量", "type": "number"}]
    assert validate(definition(fields), {"n": -(10**15 - 1)}, partial=False, today=TODAY) == {"n": -(10**15 - 1)}
    assert answer_problems(fields, {"n": 10**15}) == {"form.n": ["Must be a number of at most 15 digits."]}


def test_an_id_number_born_after_today_is_refused():
    first17 = "11010520261205001"
    fields = [{"name": "child_id", "label": "子女身份证号", "type": "id_number"}]
    answer = {"child_id": first17 + id_check_char(first17)}
    assert answer_problems(fields, answer) == {
        "form.child_id": ["Not a valid resident ID number: digits 7-14 are not a real birth date."]
    }
    assert validate(definition(fields), answer, partial=False, today=date(2026, 12, 5)) == answer
