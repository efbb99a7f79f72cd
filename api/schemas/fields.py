"""Custom fields shared by the schemas."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, fields


class Masked(fields.String):
    """Dump-only personal data, masked before it leaves the server (``138****8000``)."""

    def __init__(self, mask: Callable[[str], str], **kwargs: Any) -> None:
        super().__init__(dump_only=True, allow_none=True, **kwargs)
        self.mask = mask

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else self.mask(value)


class AsciiInteger(fields.Integer):
    """An integer written in ASCII digits only: ``"１２"`` is refused (``int()`` would accept it)."""

    _ASCII = re.compile(r"[0-9]{1,18}\Z")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str) and not self._ASCII.match(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class DomainCheckedSchema(Schema):
    """A request body documented by its fields here but checked by the domain.

    The domain names every problem by its path (``materials[2].form``) the same way for
    the API and for the importer, so loading only insists on a JSON object and hands it on.
    """

    def load(self, data: Any, *, many: bool | None = None, partial: Any = None, unknown: str | None = None) -> Any:
        if not isinstance(data, dict):
            raise ValidationError({"_schema": ["Must be a JSON object."]})
        return dict(data)
