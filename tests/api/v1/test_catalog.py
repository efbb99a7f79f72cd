"""The public catalog API over the demo city (issue 4)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from tests.helpers import assert_error


def test_regions_and_departments(client, city):
    regions = client.get("/api/v1/regions").get_json()
    assert regions["total"] >= 3
    city_code = next(item["code"] for item in regions["items"] if item["level"] == "city")
    districts = [item for item in regions["items"] if item["parent"] == city_code and item["level"] == "district"]
    assert len(districts) == 2
    everywhere = client.get("/api/v1/departments").get_json()["total"]
    in_district = client.get("/api/v1/departments", query_string={"region": districts[0]["code"]}).get_json()
    assert 0 < in_district["total"] < everywhere


@pytest.mark.parametrize("query", ["社保卡", "shebaoka", "shbk", "sbk"])
def test_search_finds_the_social_security_card_first(client, city, query):
    body = client.get("/api/v1/items", query_string={"q": query}).get_json()
    assert body["total"] >= 1
    assert "社会保障卡" in body["items"][0]["name"]


def test_exact_name_ranks_first(client, city):
    body = client.get("/api/v1/items", query_string={"q": "内地居民结婚登记"}).get_json()
    assert body["items"][0]["name"] == "内地居民结婚登记"


def test_filters_and_paging(client, city):
    everything = client.get("/api/v1/items", query_string={"page_size": 100}).get_json()
    assert everything["total"] >= 30 and everything["page_size"] == 100
    legal = client.get("/api/v1/items", query_string={"audience": "legal_person"}).get_json()
    assert 0 < legal["total"] < everything["total"]
    assert all(item["audience"] == "legal_person" for item in legal["items"])
    online = client.get("/api/v1/items", query_string={"online": "true"}).get_json()
    assert all(item["online"] for item in online["items"])
    theme = client.get("/api/v1/items", query_string={"theme": "社保"}).get_json()
    assert theme["total"] > 0 and all("社保" in item["themes"] for item in theme["items"])
    second = client.get("/api/v1/items", query_string={"page": 2, "page_size": 5}).get_json()
    assert second["page"] == 2 and len(second["items"]) == 5
    assert second["items"][0]["code"] == everything["items"][5]["code"]


@pytest.mark.parametrize(
    "query", [{"page_size": 101}, {"page_size": "１０"}, {"page": 0}, {"audience": "alien"}, {"q": "x" * 51}]
)
def test_bad_queries_are_400(client, city, query):
    assert_error(client.get("/api/v1/items", query_string=query), 400, "VALIDATION_ERROR")


def test_item_guide_with_materials_and_where_it_is_handled(client, city):
    code = client.get("/api/v1/items", query_string={"q": "shbk"}).get_json()["items"][0]["code"]
    guide = client.get(f"/api/v1/items/{code}").get_json()
    assert guide["materials"] and guide["materials"][0]["name"]
    assert guide["fee"]["free"] in (True, False)
    assert guide["handled_at"] and guide["handled_at"][0]["category"]
    hall = client.get("/api/v1/items", query_string={"hall": guide["handled_at"][0]["hall_id"]}).get_json()
    assert code in [item["code"] for item in hall["items"]] or hall["total"] > hall["page_size"]


@pytest.mark.parametrize("path", ["/api/v1/items/{code}", "/api/v1/items?q=shbk"])
def test_public_catalog_answers_may_be_cached_and_revalidated(client, city, path):
    code = client.get("/api/v1/items", query_string={"q": "shbk"}).get_json()["items"][0]["code"]
    first = client.get(path.format(code=code))
    assert first.headers["Cache-Control"] == "public, max-age=60"
    tag = first.headers["ETag"]
    again = client.get(path.format(code=code), headers={"If-None-Match": tag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", tag)
    assert again.headers["X-Content-Type-Options"] == "nosniff"
    changed = client.get(path.format(code=code), headers={"If-None-Match": '"an-older-copy"'})
    assert (changed.status_code, changed.get_json()) == (200, first.get_json())


def test_a_missing_item_is_not_cached(client, city):
    missing = client.get("/api/v1/items/NO-SUCH-CODE")
    assert (missing.status_code, missing.headers["Cache-Control"]) == (404, "no-store")
    assert "ETag" not in missing.headers


def test_unknown_item_and_hall_are_404(client, city):
    assert_error(client.get("/api/v1/items/NO-SUCH-CODE"), 404, "NOT_FOUND")
    assert_error(client.get("/api/v1/halls/999999"), 404, "NOT_FOUND")


def test_halls_say_whether_they_are_open_now(client, city):
    # Tuesday 2026-11-24 10:00 in Shanghai is 02:00 UTC: every demo hall is open; 12:30 is lunch for all.
    with time_machine.travel(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), tick=False):
        halls = client.get("/api/v1/halls").get_json()["items"]
    assert len(halls) == 3 and all(hall["open_now"] for hall in halls)
    assert all(hall["today"] == "2026-11-24" and hall["today_hours"] for hall in halls)
    with time_machine.travel(datetime(2026, 11, 24, 4, 45, tzinfo=UTC), tick=False):
        assert not any(hall["open_now"] for hall in client.get("/api/v1/halls").get_json()["items"])


def test_national_day_closes_the_halls(client, city):
    with time_machine.travel(datetime(2026, 10, 2, 2, 0, tzinfo=UTC), tick=False):
        halls = client.get("/api/v1/halls").get_json()["items"]
    assert not any(hall["open_now"] for hall in halls)


def test_near_sorts_by_distance(client, city):
    halls = client.get("/api/v1/halls").get_json()["items"]
    target = halls[-1]
    near = client.get("/api/v1/halls", query_string={"near": f"{target['latitude']},{target['longitude']}"})
    items = near.get_json()["items"]
    assert items[0]["code"] == target["code"] and items[0]["distance_m"] == 0
    assert [item["distance_m"] for item in items] == sorted(item["distance_m"] for item in items)


@pytest.mark.parametrize("near", ["91,0", "abc", "30.1", "30.1,200", "３０,120"])
def test_bad_near_is_400(client, city, near):
    assert_error(client.get("/api/v1/halls", query_string={"near": near}), 400, "VALIDATION_ERROR")


def test_hall_detail_lists_categories_and_windows(client, city):
    hall_id = client.get("/api/v1/halls").get_json()["items"][0]["id"]
    detail = client.get(f"/api/v1/halls/{hall_id}").get_json()
    assert detail["categories"] and detail["windows"]
    assert any(window["accessible"] for window in detail["windows"])
