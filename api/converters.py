"""URL converters: ``<id:name>`` is a database id, 1 to 2**31 - 1, in ASCII digits; ``<token:name>`` is a
signed page token (``app.services.links``).

An id beyond the range is a 404 from routing, never a query that overflows
PostgreSQL's integer column (which would be a 500). A token has the signer's dots, so a fixed path beside
it (``/progress/lookup``) is never taken for one.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import BaseConverter, IntegerConverter, Map

from app.models.base import MAX_ID


class IdConverter(IntegerConverter):
    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


def id_parameter_schema(converter: IdConverter) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


SIGNED_PATTERN = r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+){1,3}"  # base64url parts joined by dots


class TokenConverter(BaseConverter):
    regex = SIGNED_PATTERN


def token_parameter_schema(converter: TokenConverter) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^{SIGNED_PATTERN}$", "maxLength": 512}
