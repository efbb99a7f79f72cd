from app import demo


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
