"""Supervisor statistics over HTTP: JSON and the CSV download of the world in tests/app/services/test_statistics.py
(whose figures are computed by hand there), 400 for a bad grouping or range, 403 for window staff."""

from __future__ import annotations

import csv
import io

import pytest

from tests.app.services.test_statistics import World, build_world
from tests.helpers import assert_error
from tests.staff_helpers import create_staff, staff_headers

RANGE = {"from": "2026-11-16", "to": "2026-11-23"}


@pytest.fixture
def world(app, tree) -> World:
    return build_world(app, tree)


@pytest.fixture
def supervisor(app, client, world) -> dict[str, str]:
    return staff_headers(client, create_staff(app, "jiancha", ("supervisor", "all", None)))


def test_the_department_report_as_json(client, world, supervisor):
    response = client.get("/api/v1/stats/overview", query_string={"by": "department", **RANGE}, headers=supervisor)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["by"], body["from"], body["to"]) == ("department", "2026-11-16", "2026-11-23")
    assert body["rows"][0] == {
        "key": str(world.tree.department_x),
        "label": "东区公安分局",
        "tickets": {"issued": 4, "served": 2, "no_show": 1, "avg_wait_minutes": 20.0, "p90_wait_minutes": 30.0,
                    "avg_service_minutes": 12.5},
        "applications": {"submitted": 4, "concluded": 2, "on_time": 1, "on_time_rate": 0.5},
        "ratings": {"count": 4, "satisfied": 2, "satisfaction_rate": 0.5, "bad": 2, "bad_closed": 1,
                    "bad_closure_rate": 0.5},
    }  # fmt: skip
    assert [row["label"] for row in body["rows"]] == ["东区公安分局", "西区人社局"]
    assert body["rows"][1]["ratings"]["satisfaction_rate"] is None


def test_hall_rows_have_no_applications(client, world, supervisor):
    response = client.get("/api/v1/stats/overview", query_string={"by": "hall", **RANGE}, headers=supervisor)
    assert [row["applications"] for row in response.get_json()["rows"]] == [None, None]


def test_the_csv_download(client, world, supervisor):
    response = client.get("/api/v1/stats/overview.csv", query_string={"by": "item", **RANGE}, headers=supervisor)
    assert (response.status_code, response.mimetype) == (200, "text/csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="stats-item-2026-11-16-2026-11-23.csv"'
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["key", "label", "tickets_issued"]
    assert rows[1:] == [
        ["ITEM-X", "ITEM-X 社保卡", "4", "2", "1", "20.0", "30.0", "12.5", "4", "2", "1", "0.5",
         "4", "2", "0.5", "2", "1", "0.5"],
        ["ITEM-Y", "ITEM-Y 就业登记", "1", "1", "0", "7.0", "7.0", "12.0", "1", "1", "1", "1.0",
         "0", "0", "", "0", "0", ""],
    ]  # fmt: skip


def test_a_department_supervisor_gets_only_its_department(app, client, world):
    headers = staff_headers(client, create_staff(app, "xiqu", ("supervisor", "department", world.tree.department_y)))
    response = client.get("/api/v1/stats/overview.csv", query_string={"by": "department", **RANGE}, headers=headers)
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert [row[:2] for row in rows[1:]] == [[str(world.tree.department_y), "西区人社局"]]


@pytest.mark.parametrize("path", ["/api/v1/stats/overview", "/api/v1/stats/overview.csv"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"by": "staff", **RANGE}, "by"),
        ({"by": "day", "from": "2025-11-22", "to": "2026-11-23"}, "to"),  # 367 days
        ({"by": "day", "from": "2026-11-23", "to": "2026-11-16"}, "to"),
        ({"by": "day", "from": "20261116"}, "from"),
        ({}, "by"),
    ],
)
def test_bad_queries_are_400(client, world, supervisor, path, query, field):
    body = assert_error(client.get(path, query_string=query, headers=supervisor), 400, "VALIDATION_ERROR")
    assert field in str(body["details"])


def test_window_staff_are_403(app, client, world):
    headers = staff_headers(client, create_staff(app, "chuangkou", ("window_staff", "all", None)))
    for path in ("/api/v1/stats/overview", "/api/v1/stats/overview.csv"):
        assert_error(client.get(path, query_string={"by": "hall"}, headers=headers), 403, "FORBIDDEN")


def test_residents_and_anonymous_callers_are_refused(client, world):
    assert client.get("/api/v1/stats/overview", query_string={"by": "hall"}).status_code == 401
