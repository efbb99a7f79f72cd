from __future__ import annotations

import json
import logging

import pytest

from app.logs import JsonFormatter, configure_logging, request_id_var, scrub


@pytest.mark.parametrize(
    ("raw", "leak"),
    [
        ("sms sent to 13800138000", "13800138000"),
        ("手机号:13912345678。", "13912345678"),
        ("id 11010519491231002X bound", "11010519491231002X"),
        ("id=110101199003074514", "110101199003074514"),
        ("Authorization: Bearer abc.def-ghi", "abc.def-ghi"),
        ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJzdWIiOiIxIn0"),
        ('{"code": "482913"}', "482913"),
        ("otp=482913", "482913"),
        ("您的验证码为482913，5分钟内有效", "482913"),
    ],
)
def test_scrub_masks_personal_data_and_secrets(raw, leak):
    assert leak not in scrub(raw)


def test_scrub_leaves_ordinary_text_alone():
    text = "GET /api/v1/items?page=2 200 took 12.5 ms; ticket A017 at window 3"
    assert scrub(text) == text


def test_scrub_keeps_masked_forms_readable():
    assert scrub("phone 13800138000") == "phone 138****8000"
    assert scrub("id 110101199003074514") == "id 110***********4514"


def _format(msg: str, *args: object, **extra: object) -> dict:
    record = logging.makeLogRecord({"msg": msg, "args": args, "levelname": "INFO", "name": "t", **extra})
    line = JsonFormatter().format(record)
    assert "\n" not in line
    return json.loads(line)


def test_formatter_writes_one_json_line_with_request_id():
    token = request_id_var.set("req-123456")
    try:
        entry = _format("hello %s", "world", status=200)
    finally:
        request_id_var.reset(token)
    assert entry["msg"] == "hello world"
    assert entry["request_id"] == "req-123456"
    assert entry["status"] == 200
    assert entry["ts"].endswith("+00:00")


def test_a_newline_in_a_message_cannot_forge_a_log_line():
    entry = _format('name=evil\n{"level": "INFO", "msg": "admin logged in"}')
    assert entry["msg"].startswith("name=evil\n")


def test_extra_fields_are_scrubbed_too():
    entry = _format("login", phone="13800138000")
    assert entry["phone"] == "138****8000"


def test_configure_logging_is_idempotent():
    root = logging.getLogger()
    configure_logging("INFO")
    before = len(root.handlers)
    configure_logging("INFO")
    assert len(root.handlers) == before


def test_any_id_like_run_is_masked_even_if_it_is_not_a_valid_id():
    assert scrub("POST /api/v1/admin/staff/0.057773504694797265/disable") == (
        "POST /api/v1/admin/staff/0.057***********7265/disable"
    )
