"""Catalog import/export and search text (issue 4, first part)."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.extensions import db
from app.models import AuditEvent, Hall, ServiceItem
from app.services import catalog_io, catalog_search

DOC = {
    "format": "palmgov-catalog",
    "version": 1,
    "regions": [
        {"code": "990100", "name": "测试市", "level": "city", "parent": None},
        {"code": "990102", "name": "东区", "level": "district", "parent": "990100"},
    ],
    "departments": [{"code": "990102-rs", "name": "东区人社局", "region": "990102", "phone": "0999-1"}],
    "items": [
        {
            "code": "T-001",
            "name": "社会保障卡申领",
            "department": "990102-rs",
            "audience": "personal",
            "themes": ["社保"],
            "keywords": ["社保卡"],
            "legal_basis": "《中华人民共和国社会保险法》",
            "processing_type": "immediate",
            "fee": {"free": True, "lines": []},
            "visits": 1,
            "online": True,
            "appointment": True,
            "assurance_level": 2,
            "conditions": ["本市参保人员"],
            "steps": [{"name": "申请", "description": "提交材料"}],
            "materials": [
                {"name": "居民身份证", "count": 1, "form": "original", "source": "公安机关", "required": True}
            ],
        }
    ],
    "halls": [
        {
            "code": "H9",
            "name": "东区政务服务中心",
            "region": "990102",
            "address": "东区一路1号",
            "timezone": "Asia/Shanghai",
            "hours": {"mon": [["09:00", "12:00"], ["13:30", "17:00"]]},
            "categories": [{"prefix": "A", "name": "社保", "items": ["T-001"]}],
            "windows": [{"number": "01", "categories": ["A"], "accessible": True}],
        }
    ],
}


def test_import_publishes_and_export_reads_back(app):
    with app.app_context():
        assert catalog_io.import_catalog(copy.deepcopy(DOC)) == {"regions": 2, "departments": 1, "items": 1, "halls": 1}
        states = db.session.scalars(select(ServiceItem.state).where(ServiceItem.code == "T-001")).all()
        assert sorted(states) == ["draft", "published"]
        exported = catalog_io.export_catalog()
        assert exported["items"][0]["materials"][0]["name"] == "居民身份证"
        assert exported["halls"][0]["windows"] == [{"number": "01", "categories": ["A"], "accessible": True}]
        json.dumps(exported, ensure_ascii=False)  # a document, ready to write


def test_reimporting_changes_nothing_and_publishes_nothing(app):
    with app.app_context():
        catalog_io.import_catalog(copy.deepcopy(DOC))
        audits = db.session.scalar(select(func.count()).select_from(AuditEvent))
        catalog_io.import_catalog(copy.deepcopy(DOC))
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audits
        assert db.session.scalar(select(func.count()).select_from(ServiceItem)) == 2


def test_a_changed_item_is_published_again_and_audited(app):
    with app.app_context():
        catalog_io.import_catalog(copy.deepcopy(DOC))
        changed = copy.deepcopy(DOC)
        changed["items"][0]["materials"][0]["count"] = 2
        catalog_io.import_catalog(changed)
        published = db.session.scalar(select(ServiceItem).where(ServiceItem.state == "published"))
        assert published.materials[0].count == 2
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert actions.count("item.publish") == 2


def test_a_draft_import_publishes_nothing(app):
    with app.app_context():
        catalog_io.import_catalog(copy.deepcopy({**DOC, "halls": []}), publish=False)
        assert db.session.scalars(select(ServiceItem.state)).all() == ["draft"]


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("departments", 0, "region"), "nowhere", "departments[0].region"),
        (("items", 0, "department"), "nobody", "items[0].department"),
        (("halls", 0, "categories", 0, "items"), ["T-404"], "halls[0].categories[0].items[0]"),
        (("halls", 0, "windows", 0, "categories"), ["Z"], "halls[0].windows[0].categories"),
        (("regions", 1, "level"), "galaxy", "regions[1].level"),
        (("regions", 1, "level"), "province", "regions[1].parent"),  # a province cannot sit in a city
        (("items", 0, "visits"), "one", "items[0].visits"),
        (("items", 0, "materials", 0, "form"), "paper", "items[0].materials[0].form"),
        (("items", 0, "materials", 0, "required"), False, "items[0].materials[0].condition"),
        (("items", 0, "fee"), {"free": False, "lines": []}, "items[0].fee.lines"),
        (("items", 0, "processing_type"), "promised", "items[0].promised_days"),
        (("halls", 0, "hours", "mon"), [["12:00", "09:00"]], "halls[0].hours.mon[0]"),
        (("halls", 0, "timezone"), "Mars/Olympus", "halls[0].timezone"),
        (("halls", 0, "windows", 0, "number"), "窗口一", "halls[0].windows[0].number"),
        (("halls", 0, "categories", 0, "prefix"), "a", "halls[0].categories[0].prefix"),
        (("halls", 0, "colour"), "blue", "halls[0].colour"),
    ],
)
def test_bad_references_name_where_they_are_and_nothing_is_kept(app, path, value, where):
    doc = copy.deepcopy(DOC)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with app.app_context():
        with pytest.raises(InvalidInput) as raised:
            catalog_io.import_catalog(doc)
        assert where in raised.value.details["fields"]
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Hall)) == 0


def test_wrong_format_is_refused(app):
    with app.app_context(), pytest.raises(InvalidInput):
        catalog_io.import_catalog({"format": "other", "version": 1})


@pytest.mark.parametrize("query", ["社保卡", "shebaoka", "shbk", "sbk", "SheBao Ka", "社会保障卡", "shehuibaozhang"])
def test_search_text_finds_what_residents_type(query):
    text = catalog_search.search_text(["社会保障卡申领", "社保卡"])
    assert catalog_search.normalize(query) in text


def test_cli_imports_and_exports(app, runner, tmp_path):
    source = tmp_path / "catalog.json"
    source.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["catalog-import", str(source)])
    assert result.exit_code == 0, result.output
    assert "items: 1" in result.output
    out = tmp_path / "out.json"
    assert runner.invoke(args=["catalog-export", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["items"][0]["code"] == "T-001"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(args=["catalog-import", str(broken)])
    assert result.exit_code != 0 and "is not JSON" in result.output
