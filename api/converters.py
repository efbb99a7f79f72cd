"""URL converters: ``<id:name>`` is a database id, 1 to 2**31 - 1, in ASCII digits.

An id beyond the range is a 404 from routing, never a query that overflows
PostgreSQL's integer column (which would be a 500).
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

from app.models.base import MAX_ID


class IdConverter(IntegerConverter):
    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


def id_parameter_schema(converter: IdConverter) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}
