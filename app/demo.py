"""Demo data for ``flask seed-demo``: each feature adds its seeder to SEEDERS."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.services import catalog_io, slots

DEMO_CITY = Path(__file__).parent / "catalog_data" / "demo_city.json"


def seed_catalog() -> dict[str, int]:
    """The demo city's regions, departments, halls and published items (updated in place when re-run)."""
    return catalog_io.import_catalog(json.loads(DEMO_CITY.read_text(encoding="utf-8")))


def seed_slots() -> dict[str, int]:
    """A default schedule for each queue category of the demo halls, and their slots for the days ahead."""
    halls = [hall["code"] for hall in json.loads(DEMO_CITY.read_text(encoding="utf-8"))["halls"]]
    scheduled = slots.add_default_schedules(halls)
    slots.ensure_slots()
    return {"slot_schedules": scheduled, "slots": slots.slot_count()}


# Each seeder creates what is missing and returns {what: how many now exist}.
SEEDERS: list[Callable[[], dict[str, int]]] = [seed_catalog, seed_slots]


def seed() -> dict[str, int]:
    summary: dict[str, int] = {}
    for seeder in SEEDERS:
        summary.update(seeder())
    return summary
