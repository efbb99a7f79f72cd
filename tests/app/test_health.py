import pytest

from app.errors import NotReady
from app.services.health import readiness


def test_ready_when_database_and_redis_answer(app):
    with app.app_context():
        assert readiness() == {"database": "ok", "redis": "ok"}


def test_not_ready_names_what_is_down(build_app):
    app = build_app(redis_url="redis://127.0.0.1:1/0")
    with app.app_context(), pytest.raises(NotReady) as error:
        readiness()
    assert error.value.details == {"checks": {"database": "ok", "redis": "down"}}
    assert "redis" in error.value.en
