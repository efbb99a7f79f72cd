from sqlalchemy import func, select

from app import demo
from app.extensions import db
from app.models import AuditEvent, Hall, ServiceItem, Window
from app.services import catalog_search


def test_seed_demo_runs_every_seeder_and_reports(runner, monkeypatch):
    monkeypatch.setattr(demo, "SEEDERS", [lambda: {"halls": 3}, lambda: {"items": 30}])
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "halls: 3" in result.output
    assert "items: 30" in result.output


def test_seed_demo_with_nothing_to_seed(runner, monkeypatch):
    monkeypatch.setattr(demo, "SEEDERS", [])
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "nothing to seed" in result.output


def test_seed_demo_loads_the_demo_city_once(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Hall)) == 3
        assert db.session.scalar(select(func.count()).select_from(Window)) >= 12
        published = select(ServiceItem.name).where(ServiceItem.state == "published")
        assert len(db.session.scalars(published).all()) >= 30
        hits = db.session.scalars(published.where(catalog_search.matches("shbk"))).all()
        assert any("社会保障卡" in name for name in hits)
        audits = db.session.scalar(select(func.count()).select_from(AuditEvent))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audits
