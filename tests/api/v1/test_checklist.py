"""GET /api/v1/items/{code}/checklist: the 一次性告知单 as JSON and as a printable page (issue 4)."""

from __future__ import annotations

import copy
import html
import json

import pytest

from app import demo
from app.services import catalog_io
from tests.helpers import assert_error

DEMO = json.loads(demo.DEMO_CITY.read_text(encoding="utf-8"))
PASSPORT_PERMIT = "330100-XK-CRJ-002"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


def import_item(app, code: str, *, publish: bool = True, **changes: object) -> None:
    """A copy of a demo item under another code, with ``changes``."""
    entry = copy.deepcopy(next(item for item in DEMO["items"] if item["code"] == PASSPORT_PERMIT))
    entry.update(code=code, **changes)
    with app.app_context():
        catalog_io.import_catalog({"format": "palmgov-catalog", "version": 1, "items": [entry]}, publish=publish)


def checklist(client, code: str = PASSPORT_PERMIT, **kwargs):
    return client.get(f"/api/v1/items/{code}/checklist", **kwargs)


def test_json_checklist(client, city):
    response = checklist(client)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Vary"] == "Accept"
    body = response.get_json()
    guide = client.get(f"/api/v1/items/{PASSPORT_PERMIT}").get_json()
    assert (
        body["code"] == PASSPORT_PERMIT and body["name"] == guide["name"] and body["department"] == guide["department"]
    )
    assert [m["name"] for m in body["required_materials"]] == [m["name"] for m in guide["materials"] if m["required"]]
    conditional = [(m["name"], m["condition"]) for m in guide["materials"] if not m["required"]]
    assert [(m["name"], m["condition"]) for m in body["conditional_materials"]] == conditional
    assert body["required_materials"][0]["form_label"] == "原件"
    assert body["fee"]["free"] is False and [line["amount_fen"] for line in body["fee"]["lines"]] == [6000, 1500]
    assert (body["processing_type"], body["processing_type_label"]) == ("promised", "承诺件")
    assert body["visits_label"] == "最多跑一次"
    assert body["handled_at"][0]["hall"] == guide["handled_at"][0]["hall"] and body["handled_at"][0]["address"]
    assert body["published_at"].endswith("+08:00") and body["generated_at"].endswith("+08:00")


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ({}, None),
        ({}, "*/*"),
        ({}, "application/json"),
        ({}, "application/json, text/html"),
        ({"format": "json"}, BROWSER),
    ],
)
def test_json_unless_html_is_preferred_or_asked_for(client, city, query, accept):
    headers = {"Accept": accept} if accept else {}
    response = checklist(client, query_string=query, headers=headers)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize(
    ("query", "accept"),
    [({"format": "html"}, None), ({"format": "html"}, "application/json"), ({}, BROWSER), ({}, "text/html")],
)
def test_html_when_asked_for_or_preferred(client, city, query, accept):
    headers = {"Accept": accept} if accept else {}
    response = checklist(client, query_string=query, headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Vary"] == "Accept"
    assert response.headers["Cache-Control"] == "no-store"


def test_the_page_prints_on_a4_and_says_what_to_bring(client, city):
    page = checklist(client, query_string={"format": "html"}).get_data(as_text=True)
    body = checklist(client).get_json()
    assert page.startswith("<!doctype html>")
    assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@page { size: A4; margin: 15mm; }" in page and "page-break-inside: avoid" in page
    assert "<script" not in page and "<nav" not in page and "<form" not in page
    assert "<h2>必交材料</h2>" in page and "<h2>视情形提交</h2>" in page
    for heading in ("序号", "材料名称", "数量", "形式", "来源", "情形/备注"):
        assert f"<th>{heading}</th>" in page
    facts = [
        body["name"],
        body["sub_item"],
        PASSPORT_PERMIT,
        body["department"],
        body["time_limit"],
        body["fee"]["label"],
        body["visits_label"],
        body["consult_phone"],
        body["complaint_phone"],
        *body["conditions"],
        *(m["condition"] for m in body["conditional_materials"]),
    ]
    for place in body["handled_at"]:
        facts += [place["hall"], place["address"], f"{place['category']} {place['category_name']}"]
    missing = [fact for fact in facts if html.escape(fact) not in page]
    assert missing == []
    assert "以本单为准，一次性告知" in page
    assert f"办事指南发布日期：{body['published_at'][:10]}" in page


def test_every_page_lists_every_material_of_its_item(client, city):
    for item in DEMO["items"]:
        page = checklist(client, item["code"], query_string={"format": "html"}).get_data(as_text=True)
        cells = [f'<td data-label="材料名称">{html.escape(m["name"])}</td>' for m in item["materials"]]
        assert [cell for cell in cells if cell not in page] == [], item["code"]
        assert page.count('<td class="number"') == len(cells), item["code"]


def test_markup_in_catalog_text_is_escaped(client, city):
    script = "<script>alert(1)</script>"
    import_item(
        city,
        "XSS-001",
        name=f"护照{script}",
        materials=[
            {"name": '<img src=x onerror="alert(2)">', "count": 1, "form": "copy", "source": "</td><b>",
             "required": False, "condition": "&amp; <i>", "notes": None},
        ],
    )  # fmt: skip
    page = checklist(client, "XSS-001", query_string={"format": "html"}).get_data(as_text=True)
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "护照&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    assert "&amp;amp; &lt;i&gt;" in page
    assert checklist(client, "XSS-001").get_json()["name"] == f"护照{script}"


@pytest.mark.parametrize("headers", [{}, {"Accept": BROWSER}])
@pytest.mark.parametrize("query", [{}, {"format": "html"}])
def test_unknown_item_is_a_json_404(client, city, query, headers):
    assert_error(checklist(client, "NO-SUCH-CODE", query_string=query, headers=headers), 404, "NOT_FOUND")


def test_a_draft_is_not_published_until_it_is(client, city):
    import_item(city, "DRAFT-001", publish=False)
    assert_error(checklist(client, "DRAFT-001"), 404, "NOT_FOUND")
    assert_error(checklist(client, "DRAFT-001", query_string={"format": "html"}), 404, "NOT_FOUND")
    import_item(city, "DRAFT-001")
    assert checklist(client, "DRAFT-001").status_code == 200


@pytest.mark.parametrize("value", ["xml", "", "HTML", "pdf"])
def test_an_unknown_format_is_400(client, city, value):
    body = assert_error(
        checklist(client, query_string={"format": value}, headers={"Accept": BROWSER}), 400, "VALIDATION_ERROR"
    )
    assert list(body["details"]["fields"]) == ["format"]


def test_the_spec_documents_both_representations(client):
    operation = client.get("/api/docs/openapi.json").get_json()["paths"]["/api/v1/items/{code}/checklist"]["get"]
    content = operation["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Checklist"}
    assert content["text/html"]["schema"] == {"type": "string"}
    assert {"400", "404"} <= set(operation["responses"])
    assert [parameter["name"] for parameter in operation["parameters"]] == ["format"]
