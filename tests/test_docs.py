"""The docs stay true to the code: every published error code is listed in docs/api.md."""

from __future__ import annotations

import inspect

from app import errors, validators
from config import BASE_DIR


def domain_error_codes() -> set[str]:
    classes = [
        cls
        for module in (errors, validators)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, errors.DomainError)
    ]
    # The two family defaults are never raised as such.
    return {cls.code for cls in classes} - {"DOMAIN_ERROR", "SERVICE_UNAVAILABLE"}


def test_every_error_code_is_documented():
    documented = (BASE_DIR / "docs" / "api.md").read_text()
    missing = sorted(code for code in domain_error_codes() if f"`{code}`" not in documented)
    assert missing == []
