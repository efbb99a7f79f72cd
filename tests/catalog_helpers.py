"""A small catalog tree in the database for scope tests: a city with two districts, a department and
halls in each (the shape the synthetic ``staff_helpers.TREE`` also has)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask

from app.extensions import db
from app.models.catalog import Department, Hall, Region


@dataclass(frozen=True)
class Tree:
    city: int
    district_x: int
    district_y: int
    department_x: int
    department_y: int
    hall_x1: int
    hall_x2: int
    hall_y1: int


def build_tree(app: Flask) -> Tree:
    with app.app_context():
        city = Region(code="330100", name="示范市", level="city")
        district_x = Region(code="330102", name="东区", level="district", parent=city)
        district_y = Region(code="330105", name="西区", level="district", parent=city)
        department_x = Department(code="dx-ga", name="东区公安分局", region=district_x)
        department_y = Department(code="dy-rs", name="西区人社局", region=district_y)
        halls = [
            Hall(code=code, name=code, region=region, address="示范路 1 号", hours={})
            for code, region in (("hx1", district_x), ("hx2", district_x), ("hy1", district_y))
        ]
        db.session.add_all([city, district_x, district_y, department_x, department_y, *halls])
        db.session.commit()
        return Tree(
            city.id, district_x.id, district_y.id, department_x.id, department_y.id, *(hall.id for hall in halls)
        )
