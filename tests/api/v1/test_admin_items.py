"""Department admins edit, publish and withdraw service items of their departments (issue 4)."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Department, Region
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import create_staff, staff_headers

ITEMS = "/api/v1/admin/items"
SOCIAL_CARD = "330100-GG-RS-001"  # 社会保障卡申领, 市人社局; listed by the halls' queues
NEW_ITEM = {
    "code": "330100-GG-RS-901",
    "department": "330100-rsj",
    "name": "新就业形态人员职业伤害保障登记",
    "audience": "personal",
    "themes": ["社保"],
    "keywords": ["职业伤害"],
    "processing_type": "promised",
    "legal_days": 10,
    "promised_days": 3,
    "fee": {"free": True, "lines": []},
    "visits": 0,
    "online": True,
    "assurance_level": 2,
    "steps": [{"name": "网上申请", "description": "填写参保信息"}],
    "materials": [
        {"name": "居民身份证", "form": "original", "source": "公安机关"},
        {"name": "就业困难人员认定证明", "form": "copy", "required": False, "condition": "申请社保补贴的"},
    ],
}


def department_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Department.id).where(Department.code == code))


def rs_admin_of(app, client) -> dict[str, str]:
    """The dept_admin of 市人社局 (human resources and social security)."""
    user = create_staff(app, "rs.admin", ("dept_admin", "department", department_id(app, "330100-rsj")))
    return staff_headers(client, user)


@pytest.fixture
def rs_admin(city, client):
    return rs_admin_of(city, client)


@pytest.fixture
def lone_rs_admin(app, client):
    """The same admin in a catalog of just the city and that department (quicker than the demo city)."""
    with app.app_context():
        city = Region(code="330100", name="示范市", level="city")
        db.session.add(Department(code="330100-rsj", name="示范市人力资源和社会保障局", region=city))
        db.session.commit()
    return rs_admin_of(app, client)


def audit_actions(app, code: str) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == code).order_by(AuditEvent.id))
        )


class TestLifecycle:
    def test_create_publish_and_residents_see_it(self, city, client, rs_admin):
        created = client.post(ITEMS, json=NEW_ITEM, headers=rs_admin)
        assert created.status_code == 201, created.get_json()
        body = created.get_json()
        assert body["status"] == "draft" and body["published_at"] is None
        assert body["item"]["materials"][1]["condition"] == "申请社保补贴的"
        assert body["item"]["materials"][0]["count"] == 1  # defaults filled in
        assert_error(client.get(f"/api/v1/items/{NEW_ITEM['code']}"), 404, "NOT_FOUND")  # a draft is not public

        published = client.post(f"{ITEMS}/{NEW_ITEM['code']}/publish", headers=rs_admin).get_json()
        assert published["status"] == "published" and published["published_at"]
        guide = client.get(f"/api/v1/items/{NEW_ITEM['code']}").get_json()
        assert guide["name"] == "新就业形态人员职业伤害保障登记" and len(guide["materials"]) == 2
        found = client.get("/api/v1/items", query_string={"q": "zhiyeshanghai"}).get_json()  # the keyword in pinyin
        assert [item["code"] for item in found["items"]] == [NEW_ITEM["code"]]
        assert audit_actions(city, NEW_ITEM["code"]) == ["item.create", "item.publish"]

    def test_edits_stay_in_the_draft_until_published(self, city, client, rs_admin):
        item = client.get(f"{ITEMS}/{SOCIAL_CARD}", headers=rs_admin).get_json()
        assert item["status"] == "published"
        edited = copy.deepcopy(item["item"])
        del edited["code"]
        edited["materials"].append({"name": "近期免冠照片", "count": 2, "form": "original", "notes": "白底"})
        updated = client.put(f"{ITEMS}/{SOCIAL_CARD}", json=edited, headers=rs_admin).get_json()
        assert updated["status"] == "changed"
        public = client.get(f"/api/v1/items/{SOCIAL_CARD}").get_json()
        assert "近期免冠照片" not in [m["name"] for m in public["materials"]]

        client.post(f"{ITEMS}/{SOCIAL_CARD}/publish", headers=rs_admin)
        public = client.get(f"/api/v1/items/{SOCIAL_CARD}").get_json()
        assert public["materials"][-1] == {
            "name": "近期免冠照片",
            "count": 2,
            "form": "original",
            "source": None,
            "required": True,
            "condition": None,
            "notes": "白底",
            "sample_url": None,
            "upload": False,
        }
        again = client.post(f"{ITEMS}/{SOCIAL_CARD}/publish", headers=rs_admin).get_json()
        assert again["status"] == "published"
        assert audit_actions(city, SOCIAL_CARD).count("item.publish") == 2  # the unchanged one was not published

    def test_saving_the_same_draft_changes_nothing(self, city, client, rs_admin):
        item = client.get(f"{ITEMS}/{SOCIAL_CARD}", headers=rs_admin).get_json()
        body = {key: value for key, value in item["item"].items() if key != "code"}
        again = client.put(f"{ITEMS}/{SOCIAL_CARD}", json=body, headers=rs_admin).get_json()
        assert again["status"] == "published" and again["updated_at"] == item["updated_at"]
        assert "item.update" not in audit_actions(city, SOCIAL_CARD)

    def test_withdraw(self, city, client, rs_admin):
        client.post(ITEMS, json=NEW_ITEM, headers=rs_admin)
        client.post(f"{ITEMS}/{NEW_ITEM['code']}/publish", headers=rs_admin)
        assert client.delete(f"{ITEMS}/{NEW_ITEM['code']}", headers=rs_admin).status_code == 204
        assert_error(client.get(f"/api/v1/items/{NEW_ITEM['code']}"), 404, "NOT_FOUND")
        assert_error(client.get(f"{ITEMS}/{NEW_ITEM['code']}", headers=rs_admin), 404, "NOT_FOUND")
        assert audit_actions(city, NEW_ITEM["code"])[-1] == "item.withdraw"

    def test_an_item_a_queue_lists_cannot_be_withdrawn(self, client, rs_admin):
        body = assert_error(client.delete(f"{ITEMS}/{SOCIAL_CARD}", headers=rs_admin), 409, "IN_USE")
        assert "H1/A" in body["details"]["used_by"]["queue_categories"]
        assert client.get(f"/api/v1/items/{SOCIAL_CARD}").status_code == 200

    def test_a_taken_code_is_409(self, client, rs_admin):
        taken = {**NEW_ITEM, "code": SOCIAL_CARD}
        assert_error(client.post(ITEMS, json=taken, headers=rs_admin), 409, "CODE_TAKEN")


class TestValidation:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"name": ""}, "name"),
            ({"name": 5}, "name"),
            ({"audience": "alien"}, "audience"),
            ({"fee": {"free": False, "lines": []}}, "fee.lines"),
            ({"fee": {"free": True, "lines": [{"name": "工本费", "amount_fen": 2000, "basis": "x"}]}}, "fee.lines"),
            ({"fee": "free"}, "fee"),
            ({"visits": 3}, "visits"),
            ({"visits": True}, "visits"),
            ({"processing_type": "immediate"}, "promised_days"),
            ({"promised_days": 20}, "promised_days"),  # more than the legal 10
            ({"assurance_level": "2"}, "assurance_level"),
            ({"themes": "社保"}, "themes"),
            ({"consult_phone": "call me"}, "consult_phone"),
            ({"materials": [{"name": "身份证", "form": "paper"}]}, "materials[0].form"),
            ({"materials": [{"name": "户口簿", "form": "copy", "required": False}]}, "materials[0].condition"),
            ({"materials": [{"name": "户口簿", "form": "copy", "count": 0}]}, "materials[0].count"),
            (
                {"materials": [{"name": "户口簿", "form": "copy", "sample_url": "javascript:alert(1)"}]},
                "materials[0].sample_url",
            ),
            ({"materials": [{"form": "copy", "colour": "red"}]}, "materials[0].colour"),
            ({"steps": [{"title": "x"}]}, "steps[0].title"),
            ({"department": "330100-nowhere"}, "department"),
            ({"code": "社保 001"}, "code"),
            ({"status": "published"}, "status"),
        ],
    )
    def test_bad_items_name_the_field_and_create_nothing(self, client, lone_rs_admin, change, field):
        response = client.post(ITEMS, json={**NEW_ITEM, **change}, headers=lone_rs_admin)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        assert_error(client.get(f"{ITEMS}/{NEW_ITEM['code']}", headers=lone_rs_admin), 404, "NOT_FOUND")

    def test_missing_required_fields_are_all_named(self, client, lone_rs_admin):
        fields = assert_error(client.post(ITEMS, json={}, headers=lone_rs_admin), 400, "VALIDATION_ERROR")["details"]
        assert set(fields["fields"]) >= {
            "code",
            "department",
            "name",
            "audience",
            "processing_type",
            "fee",
            "materials",
        }

    @pytest.mark.parametrize("body", [[], "item", 5, None])
    def test_a_body_that_is_no_object_is_400(self, client, lone_rs_admin, body):
        response = client.post(ITEMS, json=body, headers=lone_rs_admin)
        assert_error(response, 400, "VALIDATION_ERROR")

    def test_an_update_cannot_carry_a_code(self, client, lone_rs_admin):
        client.post(ITEMS, json=NEW_ITEM, headers=lone_rs_admin)
        response = client.put(f"{ITEMS}/{NEW_ITEM['code']}", json=NEW_ITEM, headers=lone_rs_admin)
        assert assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"] == {"code": ["Unknown field."]}


class TestScopes:
    def test_another_departments_items_look_missing(self, city, client, rs_admin):
        police_item = "330102-QR-GA-001"
        for method, path in (
            ("get", f"{ITEMS}/{police_item}"),
            ("post", f"{ITEMS}/{police_item}/publish"),
            ("delete", f"{ITEMS}/{police_item}"),
        ):
            assert_error(getattr(client, method)(path, headers=rs_admin), 404, "NOT_FOUND")
        listed = client.get(ITEMS, query_string={"page_size": 100}, headers=rs_admin).get_json()
        assert listed["total"] > 0 and {item["department"] for item in listed["items"]} == {"330100-rsj"}
        elsewhere = {**NEW_ITEM, "department": "330102-gafj"}
        response = client.post(ITEMS, json=elsewhere, headers=rs_admin)
        assert "department" in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]

    def test_an_item_moves_only_between_departments_in_scope(self, city, client, rs_admin):
        item = client.get(f"{ITEMS}/{SOCIAL_CARD}", headers=rs_admin).get_json()["item"]
        del item["code"]
        response = client.put(f"{ITEMS}/{SOCIAL_CARD}", json={**item, "department": "330100-ybj"}, headers=rs_admin)
        assert "department" in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]

    def test_a_district_admin_edits_the_districts_departments(self, city, client):
        with city.app_context():
            district = db.session.scalar(select(Department.region_id).where(Department.code == "330102-gafj"))
        headers = staff_headers(client, create_staff(city, "district.admin", ("dept_admin", "region", district)))
        listed = client.get(ITEMS, query_string={"page_size": 100}, headers=headers).get_json()
        assert {item["department"] for item in listed["items"]} == {"330102-gafj", "330102-scjgj"}
        assert_error(client.get(f"{ITEMS}/{SOCIAL_CARD}", headers=headers), 404, "NOT_FOUND")  # a city department

    def test_list_filters_and_search(self, client, rs_admin):
        found = client.get(ITEMS, query_string={"q": "shbk"}, headers=rs_admin).get_json()
        assert found["items"][0]["code"] == SOCIAL_CARD
        other = client.get(ITEMS, query_string={"department": "330102-gafj"}, headers=rs_admin).get_json()
        assert other["total"] == 0

    @pytest.mark.parametrize("role", [("window_staff", "all", None), ("supervisor", "all", None)])
    def test_other_staff_roles_are_403(self, city, client, role):
        headers = staff_headers(client, create_staff(city, "someone", role))
        assert_error(client.get(ITEMS, headers=headers), 403, "FORBIDDEN")
        assert_error(client.post(ITEMS, json=NEW_ITEM, headers=headers), 403, "FORBIDDEN")

    def test_residents_are_403(self, city, client):
        resident = sms_login(city, client)
        assert_error(client.get(ITEMS, headers=bearer(resident["access_token"])), 403, "FORBIDDEN")
