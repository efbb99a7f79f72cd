from flask.cli import routes_command


def test_models_and_migrations_agree(runner):
    """`flask db check`: no model change is missing a migration."""
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_routes_command_lists_the_api(runner):
    result = runner.invoke(routes_command)
    assert result.exit_code == 0
    assert "/readyz" in result.output
