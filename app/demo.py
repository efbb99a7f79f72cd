"""Demo data for ``flask seed-demo``: each feature adds its seeder to SEEDERS."""

from __future__ import annotations

from collections.abc import Callable

# Each seeder creates what is missing and returns {what: how many now exist}.
SEEDERS: list[Callable[[], dict[str, int]]] = []


def seed() -> dict[str, int]:
    summary: dict[str, int] = {}
    for seeder in SEEDERS:
        summary.update(seeder())
    return summary
