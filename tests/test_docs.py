"""The docs stay true to the code: every published error code is listed in docs/api.md."""

from __future__ import annotations

import inspect
import re

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


def test_relative_links_and_images_in_the_docs_exist():
    """README.md, docs/*.md and miniprogram/README.md link only to files that are there (screenshots included)."""
    pages = [BASE_DIR / "README.md", BASE_DIR / "miniprogram" / "README.md", *(BASE_DIR / "docs").glob("*.md")]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(BASE_DIR)} -> {target}")
    assert broken == []
